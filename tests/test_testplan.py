"""Test plans (`*.testplan.yaml`): read like every pack file, run by `yesable test` and `check`,
every failure located at the plan's own line with a `testplan-*` code."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_loader import VALID

from simulator.analysis.testplan import run_plan
from simulator.cli.main import main
from simulator.content.loader import load_pack
from simulator.engine import Session

PASSING = """\
tests:
  - name: best
    path:
      - choose: ask
        expect:
          scene: table
          offered: [data, ask_team]
          move: {style: integrating, fits: true, revealed: [tiny_sales.renewal]}
      - data
    expect:
      ending: deal_done
      ending_kind: agreement
      settled: {feature: config}
      above_batna: {player: true, tiny_sales: true}
      score: {total: {at_least: 50}}
  - name: gives_in
    path: [give]
    expect:
      ending: yielded
      score: {below: {best: 10}}
  - name: random
    random: {runs: 20, every_ending_except: [stuck], every_scene_except: []}
"""


@pytest.fixture(autouse=True)
def no_user_packs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("YESABLE_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("YESABLE_PACKS", "")


@pytest.fixture
def pack(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the tiny pack with a passing plan in tests/, the working directory beside it."""
    shutil.copytree(VALID, tmp_path / "tiny")
    (tmp_path / "tiny" / "tests").mkdir()
    (tmp_path / "tiny" / "tests" / "deal.testplan.yaml").write_text(PASSING)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("YESABLE_PACKS", str(tmp_path / "tiny"))  # installed: `tiny/deal` names it
    return tmp_path / "tiny"


def write_plan(pack: Path, text: str, name: str = "deal.testplan.yaml") -> Path:
    path = pack / "tests" / name
    path.write_text(text)
    return path


def errors(out: str) -> list[str]:
    return [line for line in out.splitlines() if ": error[" in line]


def test_a_passing_plan_passes_test_and_check(pack: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["test", "tiny"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("tiny/tests/deal.testplan.yaml: 3 of 3 tests passed (")
    assert out[-1] == "1 plan, 3 tests: 3 passed, 0 failed"
    assert main(["check", "tiny"]) == 0
    assert not errors(capsys.readouterr().out)


def test_a_failed_expectation_is_located_at_its_key(pack: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write_plan(pack, PASSING.replace("ending: deal_done", "ending: stuck"))
    assert main(["test", "tiny"]) == 1
    out = capsys.readouterr().out
    assert errors(out) == [
        (
            "tiny/tests/deal.testplan.yaml:11:15: error[testplan-failed]: test 'best': expected the ending "
            "'stuck', but is at the ending 'deal_done'"
        ),
    ]
    assert "  failed: best" in out and "1 plan, 3 tests: 2 passed, 1 failed" in out
    # check reports the same failure, at the same place, and fails
    assert main(["check", "tiny"]) == 1
    assert errors(capsys.readouterr().out) == errors(out)


def test_a_step_expectation_is_checked_right_after_its_step(pack: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write_plan(pack, PASSING.replace("scene: table", "scene: open").replace("fits: true", "fits: false"))
    assert main(["test", "tiny/deal"]) == 1
    assert errors(capsys.readouterr().out) == [
        (
            "tiny/tests/deal.testplan.yaml:6:18: error[testplan-failed]: test 'best': expected to be in "
            "scene 'open', but is at scene 'table'"
        ),
        (
            "tiny/tests/deal.testplan.yaml:8:44: error[testplan-failed]: test 'best': expected 'ask' not to fit "
            "scene 'open'"
        ),
    ]


def test_a_choice_not_offered_stops_the_test_at_its_step(pack: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write_plan(pack, "tests:\n  - name: late\n    path: [give, data]\n    expect: {ending: yielded}\n")
    assert main(["test", "deal"]) == 1
    (line,) = errors(capsys.readouterr().out)
    assert line == (
        "tiny/tests/deal.testplan.yaml:3:18: error[testplan-unavailable]: test 'late': cannot "
        "choose 'data' at step 2: the game has already ended at 'yielded'"
    )


def test_unknown_ids_are_named_with_the_nearest_one(pack: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write_plan(
        pack,
        "tests:\n  - name: t\n    path: [aks]\n    expect:\n"
        "      meters: {tiny_sale: {trust: 3}}\n      score: {below: {bset: 1}}\n",
    )
    assert main(["test", "tiny"]) == 1
    assert errors(capsys.readouterr().out) == [
        (
            "tiny/tests/deal.testplan.yaml:3:12: error[testplan-unknown-ref]: no choice 'aks' in tiny/deal; "
            "did you mean 'ask'?"
        ),
        (
            "tiny/tests/deal.testplan.yaml:5:16: error[testplan-unknown-ref]: no stakeholder 'tiny_sale' in "
            "tiny/deal; did you mean 'tiny_sales'?"
        ),
        "tiny/tests/deal.testplan.yaml:6:23: error[testplan-unknown-ref]: no test 'bset' in tiny/deal",
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "tests:\n  - name: t\n    path: [ask]\n    expect: {scen: table}\n",
            "4:14: error[unknown-key]: unknown key 'scen'; did you mean 'scene'?",
        ),
        (
            "tests:\n  - name: t\n    path: [ask]\n    expect: {ended: yes please}\n",
            "4:21: error[wrong-type]: expected true or false, got 'yes please'",
        ),
        (
            "tests:\n  - name: t\n",
            "2:5: error[invalid-value]: value error, a test has either `path`",
        ),
        (
            "tests:\n  - name: t\n    path: !!python/object:os.system [ask]\n",
            "3:11: error[unsafe-tag]: tag !!python/object:os.system is not allowed in a pack",
        ),
        ("a: &x [ask]\ntests: *x\n", "error[alias]: alias *x is not allowed in a pack"),
    ],
)
def test_a_plan_is_untrusted_input_read_strictly(
    pack: Path, capsys: pytest.CaptureFixture[str], text: str, expected: str
) -> None:
    write_plan(pack, text)
    assert main(["test", "tiny"]) == 1
    found = errors(capsys.readouterr().out)
    assert found and found[0].startswith("tiny/tests/deal.testplan.yaml:")
    assert expected in found[0], found


def test_a_random_walk_that_runs_out_of_moves_says_how_to_replay_it(
    pack: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_plan(pack, "tests:\n  - name: r\n    random: {runs: 5, max_moves: 1}\n")
    assert main(["test", "tiny"]) == 1
    (line,) = errors(capsys.readouterr().out)
    assert line.startswith("tiny/tests/deal.testplan.yaml:3:34: error[testplan-failed]: test 'r': seed ")
    assert "still playing after 1 moves; replay with `yesable run tiny/deal --seed" in line


def test_a_plan_cannot_ask_for_unbounded_random_play(pack: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write_plan(
        pack,
        "tests:\n  - name: a\n    random: {runs: 2000, max_moves: 200}\n"
        "  - name: b\n    random: {runs: 10, max_moves: 10}\n",
    )
    assert main(["test", "tiny"]) == 1
    assert errors(capsys.readouterr().out) == [
        (
            "tiny/tests/deal.testplan.yaml:5:20: error[testplan-too-large]: the plan's random tests ask for up to "
            "400,100 moves; the limit is 400,000"
        ),
    ]


def test_a_random_walk_must_reach_what_it_lists(pack: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write_plan(
        pack,
        "tests:\n  - name: r\n    random: {runs: 3, endings: [deal_done], not_endings: [yielded]}\n",
    )
    assert main(["test", "tiny"]) == 1
    out = errors(capsys.readouterr().out)
    assert any("yielded unexpectedly among the endings 3 random plays reach" in line for line in out), out


def test_check_skips_the_solvers_expectations_and_strict_runs_them(
    pack: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_plan(
        pack,
        "tests:\n  - name: t\n    path:\n      - choose: give\n        expect: {move: {label: best}}\n",
    )
    assert main(["check", "tiny"]) == 0
    assert not errors(capsys.readouterr().out)
    assert main(["check", "--strict", "tiny"]) == 1
    assert any(
        "error[testplan-failed]: test 't': expected 'give' labelled 'best', got" in line
        for line in errors(capsys.readouterr().out)
    )
    assert main(["test", "tiny"]) == 1


def test_a_plan_named_after_no_scenario_is_reported(pack: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write_plan(pack, PASSING, "dael.testplan.yaml")
    assert main(["test", "tiny"]) == 1
    assert errors(capsys.readouterr().out) == [
        (
            "tiny/tests/dael.testplan.yaml:1:1: error[testplan-no-scenario]: no scenario 'dael' in pack 'tiny' "
            "for this plan; name a plan `<scenario id>.testplan.yaml`"
        ),
    ]


def test_plans_beside_pack_yaml_are_not_scenarios(pack: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (pack / "tests" / "deal.testplan.yaml").rename(pack / "deal.testplan.yaml")
    assert main(["check", "tiny"]) == 0
    assert "ignored-file" not in capsys.readouterr().out
    assert main(["test", "tiny"]) == 0


def test_a_plan_linking_outside_the_pack_is_not_read(
    pack: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    outside = tmp_path / "elsewhere.testplan.yaml"
    outside.write_text(PASSING.replace("ending: deal_done", "ending: stuck"))
    (pack / "tests" / "deal.testplan.yaml").unlink()
    (pack / "tests" / "deal.testplan.yaml").symlink_to(outside)
    assert main(["test", "tiny"]) == 0
    assert "0 plans, 0 tests" in capsys.readouterr().out


def test_json_output_and_unknown_targets(pack: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["test", "--json", "tiny"]) == 0
    document = json.loads(capsys.readouterr().out)
    assert document["summary"] == {"plans": 1, "tests": 3, "failed": 0, "passed": True}
    assert [t["name"] for t in document["plans"][0]["tests"]] == ["best", "gives_in", "random"]
    assert main(["test", "no_such_thing"]) == 2
    assert "no scenario 'no_such_thing'" in capsys.readouterr().err


# --------------------------------------------------------------------------- property


def _loaded(pack: Path) -> object:
    loaded_pack, _ = load_pack(pack)
    assert loaded_pack is not None
    return loaded_pack.scenarios["deal"]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(picks=st.lists(st.integers(min_value=0, max_value=5), min_size=1, max_size=4))
def test_a_plan_stating_what_a_session_reached_passes_and_any_other_ending_fails(pack: Path, picks: list[int]) -> None:
    """Whatever path is played, a plan that states the session's own scene, ending and settled
    terms passes; changing the stated ending makes exactly that line fail."""
    from simulator.content.loaded import LoadedScenario

    loaded = _loaded(pack)
    assert isinstance(loaded, LoadedScenario)
    session = Session.start(loaded)
    path: list[str] = []
    for pick in picks:
        if session.ended:
            break
        offered = [c.id for c in session.available()]
        path.append(offered[pick % len(offered)])
        session.choose(path[-1])
    state = session.state
    where = f"ending: {state.ending}" if state.ended else f"scene: {state.scene}"
    settled = ", ".join(f"{k}: {v}" for k, v in state.settled.items())
    text = f"tests:\n  - name: t\n    path: [{', '.join(path)}]\n    expect:\n      {where}\n"
    text += f"      settled: {{{settled}}}\n"
    plan = write_plan(pack, text)
    assert run_plan(loaded, plan).passed
    other = next(e.id for e in loaded.scenario.endings if e.id != state.ending)
    plan.write_text(text.replace(where, f"ending: {other}"))
    run = run_plan(loaded, plan)
    assert [(p.line, p.code) for p in run.problems] == [(5, "testplan-failed")]
