"""Property tests on every bundled scenario: what random players do never breaks the engine or the
scorer, sessions round-trip through JSON and replay identically, and the scorer rewards
integrating over dominating across many random playthroughs."""

from __future__ import annotations

import random
import statistics

import pytest
from engine_kit import assert_in_bounds, play_picks
from hypothesis import given, settings
from hypothesis import strategies as st

from simulator.content.loaded import LoadedScenario
from simulator.content.loader import load_library
from simulator.content.vocabulary import Style
from simulator.engine import Session, SessionState
from simulator.scoring import score_session

SCENARIOS = list(load_library(include_user=False).scenarios())
IDS = [s.ref for s in SCENARIOS]
MAX_MOVES = 60


def play(loaded: LoadedScenario, picks: list[int], seed: int) -> Session:
    return play_picks(loaded, picks, seed)


@settings(max_examples=150, deadline=None)
@given(st.sampled_from(SCENARIOS), st.lists(st.integers(0, 50), max_size=MAX_MOVES), st.integers(0, 2**31))
def test_random_play_stays_in_bounds_and_replays(loaded: LoadedScenario, picks: list[int], seed: int) -> None:
    session = play(loaded, picks, seed)
    assert_in_bounds(loaded, session)
    again = SessionState.from_json(session.state.to_json())
    assert again == session.state
    replay = Session.start(loaded, seed=seed)
    lines = []
    for move in session.state.history:
        lines.append([u.text for u in replay.choose(move.choice).lines])
    assert replay.state == session.state
    rerun = Session.start(loaded, seed=seed)
    assert [[u.text for u in rerun.choose(m.choice).lines] for m in session.state.history] == lines


def lean(loaded: LoadedScenario, style: Style, rng: random.Random) -> Session:
    """A random player with a habit: picks `style` three times out of four when it is offered."""
    session = Session.start(loaded)
    while not session.ended and session.state.step < 200:
        options = session.available()
        habit = [c for c in options if c.style is style]
        pool = habit if habit and rng.random() < 0.75 else options
        session.choose(rng.choice(pool).id)
    return session


@pytest.mark.parametrize("loaded", SCENARIOS, ids=IDS)
def test_integrating_players_outscore_dominating_players_on_average(loaded: LoadedScenario) -> None:
    rng = random.Random(7)
    totals: dict[Style, list[int]] = {Style.INTEGRATING: [], Style.DOMINATING: []}
    for style, scores in totals.items():
        for _ in range(150):
            scores.append(score_session(loaded, lean(loaded, style, rng).state).total)
    assert statistics.mean(totals[Style.INTEGRATING]) > statistics.mean(totals[Style.DOMINATING]) + 10
