"""Property tests: random play never breaks the engine, the scorer stays in bounds, saves round-trip."""

from __future__ import annotations

from engine_kit import assert_in_bounds, mini_deal, play_picks
from hypothesis import given, settings
from hypothesis import strategies as st

from simulator.content.vocabulary import Style
from simulator.engine import Session, SessionState, advance, initial_state

LOADED = mini_deal()
MAX_MOVES = 30


def play(picks: list[int], seed: int) -> Session:
    return play_picks(LOADED, picks, seed)


@settings(max_examples=80, deadline=None)
@given(st.lists(st.integers(0, 50), max_size=MAX_MOVES), st.integers(0, 2**31))
def test_random_play_keeps_state_and_scores_in_bounds(picks: list[int], seed: int) -> None:
    debrief = assert_in_bounds(LOADED, play(picks, seed))
    assert set(debrief.styles) == {str(s) for s in Style}


@settings(max_examples=60, deadline=None)
@given(st.lists(st.integers(0, 50), max_size=MAX_MOVES), st.integers(0, 2**31))
def test_state_round_trips_through_json_and_replays_identically(picks: list[int], seed: int) -> None:
    session = play(picks, seed)
    again = SessionState.from_json(session.state.to_json())
    assert again == session.state
    replay = Session.start(LOADED, seed=seed)
    for move in session.state.history:
        replay.choose(move.choice)
    assert replay.state == session.state


@settings(max_examples=60, deadline=None)
@given(st.lists(st.integers(0, 50), max_size=MAX_MOVES))
def test_fast_step_agrees_with_the_state_machine(picks: list[int]) -> None:
    session = play(picks, 0)
    state = initial_state(LOADED, 0)
    for move in session.state.history:
        advance(LOADED, state, move.choice)
    assert state == session.state
