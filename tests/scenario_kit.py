"""Helpers for the per-scenario tests: load a bundled scenario, play paths of choice ids, check them.

Each tests/test_scenario_*.py keeps what its scenario teaches (which ending a path reaches, what
gets settled, which interests come out); what every such file checks the same way lives here.
Size, feedback on every choice and varying fit are checked for every bundled scenario by
test_library_quality, so they are not repeated per scenario.
"""

from __future__ import annotations

import random
from collections.abc import Iterable, Mapping
from pathlib import Path

import pytest

from simulator.analysis.solve import solve
from simulator.content.loaded import LoadedScenario
from simulator.content.loader import load_pack
from simulator.content.vocabulary import EndingKind, Style
from simulator.engine import Session, advance, available_choices, initial_state
from simulator.scoring import Debrief, PartyOutcome, score_session

SCENARIOS = Path(__file__).resolve().parents[1] / "scenarios"
PLAY_SEED = 7
"""The seed of whole plays (`play`)."""
WALK_SEED = 1
"""The seed of partial walks into the middle of a scenario (`walk`)."""

_LOADED: dict[str, LoadedScenario] = {}


def load_bundled(ref: str) -> LoadedScenario:
    """The bundled scenario `ref` ("pack/scenario"), loaded through load_pack once per test session.

    Fails on a problem in the scenario's own files (its YAML and its cast's personas); problems
    elsewhere in the pack belong to the tests of those scenarios and to test_loader_bundled.
    """
    if ref not in _LOADED:
        pack_id, scenario_id = ref.split("/")
        pack, problems = load_pack(SCENARIOS / pack_id)

        def mine(stems: set[str]) -> list[str]:
            return [p.format() for p in problems if Path(p.path).stem in stems]

        assert not mine({scenario_id}), mine({scenario_id})
        assert pack is not None
        loaded = pack.scenarios[scenario_id]
        cast = {member.persona for member in loaded.scenario.cast}
        assert not mine(cast), mine(cast)
        _LOADED[ref] = loaded
    return _LOADED[ref]


def walk(loaded: LoadedScenario, path: Iterable[str], seed: int = WALK_SEED) -> Session:
    """A session after playing `path`, which must not reach an ending before its last choice."""
    session = Session.start(loaded, seed=seed)
    for choice in path:
        assert not session.ended, f"ended before {choice!r}"
        session.choose(choice)
    return session


def play(loaded: LoadedScenario, path: list[str], seed: int = PLAY_SEED) -> tuple[Session, Debrief]:
    """The session and its debrief after playing `path`, which must end exactly at its last choice."""
    session = walk(loaded, path, seed)
    assert session.ended, f"still in {session.state.scene!r} after {path}"
    return session, score_session(loaded, session.state)


def total(loaded: LoadedScenario, path: list[str]) -> int:
    """The debrief total of playing `path` to its ending."""
    return play(loaded, path)[1].scores["total"]


def offered(session: Session) -> set[str]:
    """The ids of the choices the current scene offers."""
    return {choice.id for choice in session.available()}


def party(debrief: Debrief, name: str) -> PartyOutcome:
    """The outcome of `name` (`player` or a cast persona id)."""
    return next(p for p in debrief.parties if p.party == name)


def below_own_batna(outcome: PartyOutcome) -> bool:
    """Whether the party got an agreement worth less to them than their BATNA."""
    return outcome.value is not None and outcome.value < outcome.batna_value


def batnas(loaded: LoadedScenario) -> dict[str, int]:
    """Every party's BATNA value, the player's first."""
    scenario = loaded.scenario
    return {"player": scenario.player.batna_value, **{m.persona: m.batna_value for m in scenario.cast}}


def mean_value(loaded: LoadedScenario, party_id: str, settled: Mapping[str, str]) -> float:
    """What an agreement settling every issue as `settled` is worth to `party_id`: its mean value."""
    issues = {issue.id: {o.id: o.values for o in issue.options} for issue in loaded.scenario.issues}
    assert set(settled) == set(issues), f"settles {sorted(settled)}, not every issue"
    return sum(issues[i][option][party_id] for i, option in settled.items()) / len(issues)


def fitting_styles(loaded: LoadedScenario) -> set[Style]:
    """Every style that fits at least one scene."""
    return {style for scene in loaded.scenario.scenes for style in scene.fits}


def assert_best_agreement(debrief: Debrief, hidden: set[str]) -> None:
    """The debrief of a best play: an agreement above every BATNA, with the most joint value,
    every one of `hidden` found (and none missed) and a total of at least 90."""
    assert debrief.ending_kind == EndingKind.AGREEMENT
    assert set(debrief.hidden_found) == hidden and not debrief.hidden_missed
    assert all(p.above_batna for p in debrief.parties)
    assert debrief.joint_value == pytest.approx(debrief.best_joint_value)
    assert debrief.scores["total"] >= 90


def assert_near_solved_best(loaded: LoadedScenario, path: list[str], slack: int = 2) -> None:
    """`path` scores within `slack` points of the solver's best and reaches the same ending."""
    best = solve(loaded)
    session, debrief = play(loaded, path)
    assert debrief.scores["total"] >= best.score - slack
    assert best.ending == session.state.ending


def assert_escalated_at_half_batna(loaded: LoadedScenario, debrief: Debrief) -> None:
    """An escalation, whose outcome score is half the player's BATNA."""
    assert debrief.ending_kind == EndingKind.ESCALATION
    assert debrief.scores["outcome"] == round(loaded.scenario.player.batna_value / 2)


def assert_avoided_everything(session: Session, debrief: Debrief) -> None:
    """An impasse reached by avoiding at every move: nothing settled, nothing found."""
    assert debrief.ending_kind == EndingKind.IMPASSE
    assert session.state.settled == {} and not debrief.hidden_found
    assert all(move.style is Style.AVOIDING for move in session.state.history)


def ending_ids(loaded: LoadedScenario) -> set[str]:
    """The ids of every ending of the scenario."""
    return {ending.id for ending in loaded.scenario.endings}


def scene_ids(loaded: LoadedScenario) -> set[str]:
    """The ids of every scene of the scenario."""
    return {scene.id for scene in loaded.scenario.scenes}


def random_playthroughs(loaded: LoadedScenario, runs: int,
                        max_moves: int = 60) -> tuple[set[str], set[str]]:
    """The endings and the scenes reached by random plays seeded 0 to `runs` - 1.

    Fails on a dead end (a scene offering no choice) and on a play still going after `max_moves`.
    """
    endings: set[str] = set()
    scenes: set[str] = set()
    for seed in range(runs):
        rng = random.Random(seed)
        state = initial_state(loaded, seed)
        for _ in range(max_moves):
            if state.ended:
                break
            choices = available_choices(loaded, state)
            assert choices, f"dead end in {state.scene!r}"
            advance(loaded, state, rng.choice(choices).id)
        assert state.ended, [m.choice for m in state.history]
        assert state.ending is not None
        endings.add(state.ending)
        scenes.update(state.visited)
    return endings, scenes
