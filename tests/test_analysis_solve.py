"""`simulator.analysis.solve`: the best score is exact, its path replays to it, regrets add up."""

from __future__ import annotations

import json

import pytest
from analysis_kit import bundled, every_scenario, load_maze, maze, small_packs
from hypothesis import given, settings
from hypothesis import strategies as st

from simulator.analysis.simulate import simulate
from simulator.analysis.solve import Solution, TooLarge, regrets, solve
from simulator.analysis.table import table_for
from simulator.cli.main import main
from simulator.content.loaded import LoadedScenario
from simulator.engine import Session
from simulator.scoring import score_session

SCENARIOS = every_scenario()
IDS = [s.ref for s in SCENARIOS]


def replay(loaded: LoadedScenario, path: list[str]) -> Session:
    session = Session.start(loaded)
    for choice in path:
        session.choose(choice)
    return session


def exhaustive_best(loaded: LoadedScenario) -> int:
    """Every playthrough on the table (never passing the same state twice), the naive way."""
    table = table_for(loaded)
    best = -1

    def walk(state: tuple[object, ...], moves: int, quality: int, seen: set[tuple[object, ...]]) -> None:
        nonlocal best
        available = [] if table.is_ending(state) else table.available(state)
        if not available:
            best = max(best, table.total(table.final_part(state), moves, quality))
            return
        for edge in available:
            child = table.step(state, edge)
            if child not in seen:
                seen.add(child)
                walk(child, moves + 1, quality + edge.quality, seen)
                seen.discard(child)

    walk(table.start, 0, 0, {table.start})
    return best


@pytest.mark.parametrize("loaded", SCENARIOS, ids=IDS)
def test_best_path_replays_through_the_engine_to_the_best_score(loaded: LoadedScenario) -> None:
    solution = solve(loaded)
    session = replay(loaded, solution.path)
    assert session.ended
    assert score_session(loaded, session.state).total == solution.score
    assert session.state.ending == solution.ending
    assert regrets(loaded, session.state.history) == [0.0] * len(solution.path)


@pytest.mark.parametrize("loaded", SCENARIOS, ids=IDS)
def test_no_random_playthrough_beats_the_best_score(loaded: LoadedScenario) -> None:
    result = simulate(loaded, 1_000, seed=11)
    assert max(result.scores) <= solve(loaded).score


EXHAUSTIVE = [s for s in small_packs() if s is not maze()]  # maze: ~630k playthroughs, 20 s


@pytest.mark.parametrize("loaded", EXHAUSTIVE, ids=[s.ref for s in EXHAUSTIVE])
def test_best_score_equals_exhaustive_search_on_small_packs(loaded: LoadedScenario) -> None:
    assert solve(loaded).score == exhaustive_best(loaded)


def test_maze_counts_no_loop_that_changes_nothing() -> None:
    solution = solve(maze())
    assert "wait" not in solution.path  # `wait` returns to the very same state
    assert solution.score == 95  # what the exhaustive search finds, by hand


@pytest.mark.parametrize("loaded", [maze(), *bundled()], ids=[maze().ref, *(s.ref for s in bundled())])
@settings(max_examples=30, deadline=None)
@given(picks=st.lists(st.integers(0, 1_000), max_size=25))
def test_regrets_are_never_negative_and_add_up(loaded: LoadedScenario, picks: list[int]) -> None:
    session = Session.start(loaded)
    for pick in picks:
        available = session.available()
        if session.ended or not available:
            break
        session.choose(available[pick % len(available)].id)
    costs = regrets(loaded, session.state.history)
    assert len(costs) == len(session.state.history)
    assert all(cost >= 0 for cost in costs)
    if session.ended:
        total = score_session(loaded, session.state).total
        assert sum(costs) == solve(loaded).score - total


def test_a_costly_move_has_positive_regret_and_a_best_move_none() -> None:
    loaded = small_packs()[0]  # mini/deal: `ask` then `data` is best; `give` settles for custom
    session = replay(loaded, ["give"])
    assert regrets(loaded, session.state.history)[0] > 0
    assert regrets(loaded, replay(loaded, ["ask"]).state.history) == [0.0]


def test_regrets_refuse_a_history_from_elsewhere() -> None:
    other = replay(small_packs()[0], ["ask", "data"]).state.history
    with pytest.raises(ValueError, match="not"):
        regrets(maze(), other)


def test_too_large_names_the_bound() -> None:
    fresh = load_maze()  # a new scenario object: its own cache entry
    with pytest.raises(TooLarge) as caught:
        solve(fresh, max_states=10)
    assert "--max-states" in str(caught.value) and "10" in str(caught.value)
    assert solve(fresh).score == 95  # what was searched is kept; a larger bound finishes


def test_solution_shape() -> None:
    solution = solve(small_packs()[0])
    assert isinstance(solution, Solution)
    assert solution.score == 92 and solution.path == ["ask", "data"]
    assert solution.states >= 1 and solution.seconds >= 0


# ---------------------------------------------------------------------------- the command line

RELEASE = "critical_supporters/release_scope"


def test_solve_cli_text_and_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["solve", RELEASE, "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["solved"] is True and data["scenario"] == RELEASE
    assert data["score"] == data["scores"]["total"] and data["path"]
    assert main(["run", RELEASE, "--choose", ",".join(data["path"]), "--json"]) == 0
    played = json.loads(capsys.readouterr().out)
    assert played["scores"]["total"] == data["score"]
    assert [m["regret"] for m in played["moves"]] == [0] * len(data["path"])

    assert main(["solve", RELEASE]) == 0
    out = capsys.readouterr().out
    assert f"Best achievable total: {data['score']}/100" in out
    assert f"--choose {','.join(data['path'])}" in out


def test_run_shows_regret_of_costly_moves(capsys: pytest.CaptureFixture[str]) -> None:
    best = solve(next(s for s in bundled() if s.ref == RELEASE)).score
    assert main(["run", RELEASE, "--choose", "call_out_drift,restate_commitment,press_harder", "--json"]) == 0
    played = json.loads(capsys.readouterr().out)
    costs = [m["regret"] for m in played["moves"]]
    assert costs[-1] > 0 and sum(costs) == best - played["scores"]["total"]
    assert main(["run", RELEASE, "--choose", "call_out_drift,restate_commitment,press_harder"]) == 0
    out = capsys.readouterr().out
    last = played["moves"][-1]
    assert f"[{last['label']}, regret {costs[-1]:.0f}]" in out
    assert last["label"] in {"inaccuracy", "mistake", "blunder"} and last["better"]["gain"] > 0
    assert f"Better here (+{last['better']['gain']:.0f}): [{last['better']['choice']}]" in out
    assert all(m["better"] is None for m in played["moves"] if m["regret"] == 0)


def test_solve_cli_too_large_and_unknown(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["solve", RELEASE, "--max-states", "5"]) == 1
    err = capsys.readouterr().err
    assert "too large" in err and "--max-states" in err and "Traceback" not in err
    assert main(["solve", "no_such_scenario"]) == 2
    assert "no_such_scenario" in capsys.readouterr().err
    with pytest.raises(SystemExit) as exc:
        main(["solve", RELEASE, "--max-states", "0"])
    assert exc.value.code == 2
