"""`yesable new`: a scaffold that passes check --strict (lint included), plays to an ending, whose
files validate against the schemas it writes beside them, and that never overwrites anything."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from jsonschema import Draft7Validator

from simulator.cli.main import main
from simulator.content.schema import FILES, dump, schemas

SCHEMA_LINE = re.compile(r"^# yaml-language-server: \$schema=(\S+)$")


@pytest.fixture(autouse=True)
def no_user_packs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("YESABLE_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("YESABLE_PACKS", "")


@pytest.fixture
def pack(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    assert main(["new", "my_pack", "--dir", str(tmp_path / "work")]) == 0
    capsys.readouterr()
    return tmp_path / "work" / "my_pack"


def test_scaffold_passes_check_strict(pack: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--strict", str(pack)]) == 0
    assert capsys.readouterr().out == "1 pack, 1 scenario checked: ok\n"


def test_scaffold_ships_a_passing_test_plan(pack: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["test", str(pack)]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == "1 plan, 3 tests: 3 passed, 0 failed"


def test_scaffold_plays_to_an_ending(pack: Path, tmp_path: Path) -> None:
    env = dict(os.environ, YESABLE_PACKS=str(pack), YESABLE_HOME=str(tmp_path / "home"))
    for choices, ending in (("why,configurable", "deal"), ("refuse", "escalated"), ("why,split", "no_deal")):
        done = subprocess.run(
            [sys.executable, "-m", "simulator", "run", "my_pack/first_meeting", "--choose", choices, "--json"],
            capture_output=True,
            text=True,
            env=env,
            cwd=tmp_path,
            check=False,
        )
        assert done.returncode == 0, done.stderr
        result = json.loads(done.stdout)
        assert result["ended"] and result["ending"] == ending, (choices, result["ending"])


def test_scaffold_files_validate_against_the_schemas_beside_them(pack: Path) -> None:
    files = [
        pack / "pack.yaml",
        pack / "first_meeting.yaml",
        *sorted((pack / "personas").glob("*.yaml")),
        pack / "tests" / "first_meeting.testplan.yaml",
    ]
    assert len(files) == 4
    for path in files:
        text = path.read_text()
        line = SCHEMA_LINE.match(text.splitlines()[0])
        assert line, path
        schema_path = (path.parent / line.group(1)).resolve()
        assert schema_path.parent == (pack / "schemas").resolve()
        schema = json.loads(schema_path.read_text())
        assert list(Draft7Validator(schema).iter_errors(yaml.safe_load(text))) == [], path
    for name in FILES:
        assert (pack / "schemas" / name).read_text() == dump(schemas()[name])


def test_every_field_is_commented(pack: Path) -> None:
    scenario = (pack / "first_meeting.yaml").read_text()
    for key in (
        "objectives:",
        "difficulty:",
        "player:",
        "cast:",
        "issues:",
        "start:",
        "fits:",
        "style:",
        "principles:",
        "effects:",
        "reply:",
        "next:",
        "endings:",
        "kind:",
    ):
        assert any(key in line and "#" in line for line in scenario.splitlines()), key


def test_refuses_to_overwrite(pack: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = sorted(p.read_bytes() for p in pack.rglob("*") if p.is_file())
    assert main(["new", "my_pack", "--dir", str(pack.parent)]) == 2
    err = capsys.readouterr().err
    assert "already exists" in err and "Traceback" not in err
    assert sorted(p.read_bytes() for p in pack.rglob("*") if p.is_file()) == before


@pytest.mark.parametrize("name", ["My-Pack", "1pack", "x" * 65, ""])
def test_bad_pack_ids_are_usage_errors(name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["new", name, "--dir", str(tmp_path)]) == 2
    assert "not a pack id" in capsys.readouterr().err
    assert not list(tmp_path.rglob("pack.yaml"))
