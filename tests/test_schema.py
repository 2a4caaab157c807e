"""JSON Schema for pack files: the checked-in copies in schemas/ match the generator, are draft 7
(what yaml-language-server understands), and every bundled pack file validates against them."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml
from jsonschema import Draft7Validator

from simulator.cli.main import main
from simulator.content.schema import FILES, dump, schemas

ROOT = Path(__file__).resolve().parents[1]
CHECKED_IN = ROOT / "schemas"
SCHEMA_LINE = re.compile(r"^# yaml-language-server: \$schema=(\S+)$")


def kind_of(path: Path) -> str:
    if path.name == "pack.yaml":
        return "manifest.schema.json"
    if path.parent.name == "personas":
        return "persona.schema.json"
    return "scenario.schema.json"


def pack_files() -> list[Path]:
    files = sorted((ROOT / "scenarios").glob("*/*.yaml")) + sorted((ROOT / "personas").glob("*.yaml"))
    files += sorted((ROOT / "tests" / "data" / "valid").rglob("*.yaml"))
    return files


@pytest.mark.parametrize("name", list(FILES))
def test_checked_in_schema_matches_the_generator(name: str) -> None:
    on_disk = (CHECKED_IN / name).read_text(encoding="utf-8")
    assert on_disk == dump(schemas()[name]), f"schemas/{name} is stale: run `yesable schema`"


@pytest.mark.parametrize("name", list(FILES))
def test_schema_is_draft_7(name: str) -> None:
    value = json.loads((CHECKED_IN / name).read_text(encoding="utf-8"))
    Draft7Validator.check_schema(value)
    assert value["$schema"] == "http://json-schema.org/draft-07/schema#"
    assert value["$id"] and value["title"] and value["description"]
    text = json.dumps(value)
    for newer in ("prefixItems", "$defs", "unevaluatedProperties", "dependentRequired"):
        assert newer not in text


@pytest.mark.parametrize("path", pack_files(), ids=lambda p: str(p.relative_to(ROOT)))
def test_every_bundled_pack_file_validates_and_names_its_schema(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    kind = kind_of(path)
    schema = json.loads((CHECKED_IN / kind).read_text(encoding="utf-8"))
    errors = [
        f"{'/'.join(map(str, e.absolute_path))}: {e.message}"
        for e in Draft7Validator(schema).iter_errors(yaml.safe_load(text))
    ]
    assert errors == []
    first = SCHEMA_LINE.match(text.splitlines()[0])
    if first is None and ROOT / "tests" in path.parents:
        return  # test data may leave the line out
    assert first, f"{path.name}: first line should name its schema"
    target = (path.parent / first.group(1)).resolve()
    assert target == (CHECKED_IN / kind).resolve(), f"{path.name} points at {first.group(1)}"


def test_schema_rejects_what_the_loader_rejects() -> None:
    schema = json.loads((CHECKED_IN / "scenario.schema.json").read_text(encoding="utf-8"))
    scenario = yaml.safe_load((ROOT / "tests" / "data" / "valid" / "tiny" / "deal.yaml").read_text())
    validator = Draft7Validator(schema)
    assert validator.is_valid(scenario)
    assert not validator.is_valid({**scenario, "titel": "typo"})
    assert not validator.is_valid({**scenario, "difficulty": "easy"})
    choice = scenario["scenes"][0]["choices"][0]
    assert not validator.is_valid(
        {**scenario, "scenes": [{**scenario["scenes"][0], "choices": [{**choice, "style": "nice"}]}]}
    )


def test_yesable_schema_writes_the_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["schema"]) == 0
    assert capsys.readouterr().out.split() == [f"schemas/{name}" for name in FILES]
    for name in FILES:
        assert (tmp_path / "schemas" / name).read_text() == (CHECKED_IN / name).read_text()
    assert main(["schema", "--out", "elsewhere/deeper"]) == 0
    assert sorted(p.name for p in (tmp_path / "elsewhere" / "deeper").iterdir()) == sorted(FILES)
    capsys.readouterr()
    assert main(["schema", "--out", "-"]) == 0
    assert set(json.loads(capsys.readouterr().out)) == set(FILES)
    (tmp_path / "afile").write_text("")
    assert main(["schema", "--out", "afile"]) == 2
    assert "Traceback" not in capsys.readouterr().err
