"""`simulator.analysis.simulate` and `yesable simulate`: deterministic, consistent, reproducible by `run`."""

from __future__ import annotations

import json
import random

import pytest
from analysis_kit import bundled, every_scenario, maze, small_packs

from simulator.analysis.simulate import MAX_RANDOM_MOVES, UNFINISHED, simulate
from simulator.analysis.solve import solve
from simulator.analysis.table import DeadEnd
from simulator.cli.main import main
from simulator.content.loaded import LoadedScenario
from simulator.content.models import Scenario
from simulator.content.records import adapter, to_data
from simulator.engine import EngineError, Session
from simulator.scoring import score_session

SCENARIOS = every_scenario()
RELEASE = "critical_supporters/release_scope"


def played_like_run(loaded: LoadedScenario, seed: int) -> Session:
    """What `yesable run SCENARIO --choose random --seed SEED` plays."""
    session = Session.start(loaded, seed=seed)
    rng = random.Random(seed)
    while not session.ended and len(session.state.history) < MAX_RANDOM_MOVES:
        session.choose(rng.choice(session.available()).id)
    return session


@pytest.mark.parametrize("loaded", SCENARIOS, ids=[s.ref for s in SCENARIOS])
def test_counts_are_consistent(loaded: LoadedScenario) -> None:
    result = simulate(loaded, 400, seed=3)
    assert sum(result.endings.values()) + len(result.crashes) == result.runs == 400
    assert len(result.scores) == len(result.lengths) == 400 - len(result.crashes)
    assert sum(result.choice_counts.values()) == result.steps
    assert sum(result.lengths) + sum(len(c.moves) for c in result.crashes) == result.steps
    assert result.scene_runs[loaded.scenario.start] == 400
    assert set(result.scene_runs) == {s.id for s in loaded.scenario.scenes}
    assert set(result.endings) >= {e.id for e in loaded.scenario.endings}
    assert result.unreached_scenes == [s for s, n in result.scene_runs.items() if n == 0]
    assert all(0 <= n <= 400 for n in result.scene_runs.values())
    summary = result.score_summary()
    assert summary is not None
    assert summary["min"] <= summary["q1"] <= summary["median"] <= summary["q3"] <= summary["max"]


@pytest.mark.parametrize("loaded", SCENARIOS, ids=[s.ref for s in SCENARIOS])
def test_deterministic_for_a_seed(loaded: LoadedScenario) -> None:
    one, two = simulate(loaded, 200, seed=5), simulate(loaded, 200, seed=5)
    assert (one.scores, one.lengths, one.endings, one.choice_counts) == (
        two.scores,
        two.lengths,
        two.endings,
        two.choice_counts,
    )
    other = simulate(loaded, 200, seed=6)
    assert other.scores[:-1] == one.scores[1:]  # run i of seed 6 is run i+1 of seed 5


@pytest.mark.parametrize("loaded", SCENARIOS, ids=[s.ref for s in SCENARIOS])
def test_run_i_is_run_choose_random_with_seed_s_plus_i(loaded: LoadedScenario) -> None:
    result = simulate(loaded, 30, seed=100)
    for i in range(30):
        session = played_like_run(loaded, 100 + i)
        assert len(session.state.history) == result.lengths[i]
        assert score_session(loaded, session.state).total == result.scores[i]


def test_maze_never_reaches_great_at_random_but_covers_every_choice() -> None:
    result = simulate(maze(), 2_000, seed=0)
    assert result.unchosen == []
    assert result.endings["gone"] > 0


def test_a_dead_end_is_a_crash_with_the_seed_that_replays_it(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    loaded = small_packs()[0]  # mini/deal, with `data` leading nowhere unless rae.bonus is known
    data = to_data(loaded.scenario)
    choice = data["scenes"][1]["choices"][0]
    assert choice["id"] == "data"
    choice["next"] = [{"to": "deal_done", "if": {"revealed": ["rae.bonus"]}}]
    broken = LoadedScenario(loaded.pack, adapter(Scenario).validate_python(data), loaded.personas, loaded.path, "x")
    result = simulate(broken, 300, seed=0)
    assert result.crashes, "some run should play `data`"
    crash = result.crashes[0]
    assert crash.seed == crash.run and crash.moves[-1] == "data" and "leads nowhere" in crash.error
    session = Session.start(broken, seed=crash.seed)
    rng = random.Random(crash.seed)
    with pytest.raises(EngineError, match="leads nowhere"):
        while not session.ended:
            session.choose(rng.choice(session.available()).id)
    assert [m.choice for m in session.state.history] == crash.moves[:-1]
    with pytest.raises(DeadEnd, match="leads nowhere"):
        solve(broken)

    monkeypatch.setattr("simulator.cli.scenario_arg.load_scenario", lambda ref, lang=None: broken)
    assert main(["run", "mini/deal", "--choose", "random", "--seed", str(crash.seed)]) == 1
    captured = capsys.readouterr()
    assert "leads nowhere" in captured.err and "Traceback" not in captured.err
    assert main(["solve", "mini/deal"]) == 1
    assert "leads nowhere" in capsys.readouterr().err


# ---------------------------------------------------------------------------- the command line


def test_simulate_cli_json_matches_the_library(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["simulate", RELEASE, "--runs", "300", "--seed", "9", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    loaded = next(s for s in bundled() if s.ref == RELEASE)
    result = simulate(loaded, 300, seed=9)
    assert data["runs"] == 300 and data["seed"] == 9 and data["crashes"] == []
    assert data["endings"] == result.endings
    assert data["scores"] == result.score_summary()
    assert data["unreached_scenes"] == result.unreached_scenes
    assert sum(c["chosen"] for c in data["choices"]) == data["steps"]

    seed = 9 + 4
    assert main(["run", RELEASE, "--choose", "random", "--seed", str(seed), "--json"]) == 0
    played = json.loads(capsys.readouterr().out)
    assert len(played["moves"]) == result.lengths[4]
    assert played["scores"]["total"] == result.scores[4]


def test_simulate_cli_text(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["simulate", RELEASE, "--runs", "200"]) == 0
    captured = capsys.readouterr()
    out = captured.out
    assert "200 random runs, seeds 0..199" in out
    assert "Scenes reached:" in out and "Endings:" in out and "Scores: min" in out
    assert "Average length:" in out and "Crashes: none" in out
    assert captured.err == ""  # no progress bar when stderr is not a terminal
    assert UNFINISHED not in out or "move limit" in out


def test_simulate_cli_usage_errors(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["simulate", "no_such_scenario", "--runs", "5"]) == 2
    assert "no_such_scenario" in capsys.readouterr().err
    assert main(["simulate", RELEASE, "--runs", "0"]) == 2
    assert "--runs" in capsys.readouterr().err


def test_simulate_cli_draws_a_progress_bar_on_a_terminal(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import io
    import sys

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    terminal = Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    assert main(["simulate", RELEASE, "--runs", "2000", "--json"]) == 0
    assert "2,000/2,000 runs" in terminal.getvalue() and "[###" in terminal.getvalue()
    assert json.loads(capsys.readouterr().out)["runs"] == 2000
