"""The command line's contract: help works, unknown commands are usage errors (exit 2)."""

from __future__ import annotations

import pytest

from simulator.cli.main import main


def test_help_lists_commands(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["--help"])
    assert exc.value.code == 0
    out = capsys.readouterr().out
    for name in ("run", "list", "check"):
        assert name in out


def test_unknown_command_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["frobnicate"])
    assert exc.value.code == 2
    assert "invalid choice" in capsys.readouterr().err


@pytest.mark.parametrize("alias", ["", "x" * 33, "<script>", "_first"])
def test_play_refuses_an_unusable_alias(alias: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["play", "release_scope", "--player", alias]) == 2
    assert "--player" in capsys.readouterr().err


def test_run_names_the_available_choices_when_one_is_not(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["run", "release_scope", "--choose", "1,99"]) == 2
    err = capsys.readouterr().err
    assert "choice 2 ('99') is not available" in err and "1=" in err


def test_run_plays_a_path_and_prints_its_debrief(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["run", "release_scope", "--choose", "1,1"]) == 0
    out = capsys.readouterr().out
    assert "Debrief:" in out and "Choices now:" in out


def test_run_json_has_the_documented_keys(capsys: pytest.CaptureFixture[str]) -> None:
    import json

    assert main(["run", "release_scope", "--choose", "random", "--seed", "3", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert {"scenario", "seed", "moves", "ended", "ending", "scores", "styles"} <= data.keys()
    assert data["ended"] is True and data["seed"] == 3
    assert all(0 <= v <= 100 for v in data["scores"].values())
    assert abs(sum(data["styles"].values()) - 1) < 1e-9
    assert all({"scene", "choice", "style", "grade"} <= m.keys() for m in data["moves"])


def test_run_unknown_scenario_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["run", "release_scop", "--choose", "1"]) == 2
    assert "did you mean" in capsys.readouterr().err
