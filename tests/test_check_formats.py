"""`yesable check --format json|sarif`: what CI and editors parse.

The SARIF log is validated against tests/data/sarif-log.schema.json, a schema of our own for the
parts of SARIF 2.1.0 that code-scanning tools read (the log, run, tool and its rules, results with
their level, message and physical location), written from the specification's object model.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import jsonschema
import pytest
from test_loader import DATA, VALID

from simulator import __version__
from simulator.analysis.errors_doc import diagnostics
from simulator.analysis.lint import ADVISORY
from simulator.cli.main import main

ROOT = Path(__file__).resolve().parents[1]
SCHEMA = json.loads((DATA / "sarif-log.schema.json").read_text())


@pytest.fixture(autouse=True)
def no_user_packs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("YESABLE_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("YESABLE_PACKS", "")


@pytest.fixture
def broken(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the tiny pack with one error (a misspelt key) and one warning (an ignored file)."""
    shutil.copytree(VALID, tmp_path / "tiny")
    (tmp_path / "tiny" / "deal.yaml").write_bytes((DATA / "broken" / "unknown_key" / "deal.yaml").read_bytes())
    (tmp_path / "tiny" / "notes.yml").write_text("todo: write this\n")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, Any]:
    code = main(args)
    return code, json.loads(capsys.readouterr().out)


def validate_sarif(log: Any) -> None:
    validator = jsonschema.Draft7Validator(SCHEMA, format_checker=jsonschema.Draft7Validator.FORMAT_CHECKER)
    errors = sorted(validator.iter_errors(log), key=str)
    assert not errors, "\n".join(f"{list(e.absolute_path)}: {e.message}" for e in errors[:10])


def test_text_is_the_default_and_unchanged(broken: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "tiny"]) == 1
    default = capsys.readouterr().out
    assert main(["check", "--format", "text", "tiny"]) == 1
    assert capsys.readouterr().out == default
    assert default.splitlines() == [
        "tiny/notes.yml:1:1: warning[ignored-file]: not loaded: scenario files end in .yaml",
        "tiny/deal.yaml:26:5: error[unknown-key]: unknown key 'satisfation'; did you mean 'satisfaction'?",
        "1 pack, 1 scenario checked: 1 error, 1 warning",
    ]


def test_json_lists_every_problem_with_its_doc_page_and_a_summary(
    broken: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, doc = run(["check", "--format", "json", "tiny"], capsys)
    assert code == 1
    assert doc["summary"] == {"packs": 1, "scenarios": 1, "errors": 1, "warnings": 1}
    second, first = doc["problems"]  # in the order the text format prints them
    assert first == {
        "path": "tiny/deal.yaml",
        "line": 26,
        "col": 5,
        "severity": "error",
        "code": "unknown-key",
        "message": "unknown key 'satisfation'",
        "hint": "did you mean 'satisfaction'?",
        "doc": first["doc"],
    }
    assert first["doc"].endswith("/docs/errors/unknown-key.md")
    assert (second["code"], second["severity"], second["hint"]) == ("ignored-file", "warning", None)
    for problem in doc["problems"]:
        assert (ROOT / "docs" / "errors" / f"{problem['code']}.md").is_file()


def test_json_of_a_clean_pack_exits_0(capsys: pytest.CaptureFixture[str]) -> None:
    code, doc = run(["check", "--format", "json", str(VALID)], capsys)
    assert code == 0
    advice = [p for p in doc["problems"] if p["code"] in ADVISORY]  # its `yielded` ending is a deliberate lesson
    assert [p for p in doc["problems"] if p not in advice] == []
    assert doc["summary"] == {"packs": 1, "scenarios": 1, "errors": 0, "warnings": len(advice)}


def test_strict_applies_to_the_machine_formats(broken: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, doc = run(["check", "--strict", "--format", "json", "tiny"], capsys)
    assert code == 1
    assert {p["severity"] for p in doc["problems"]} == {"error"}
    assert doc["summary"]["errors"] == 2
    code, log = run(["check", "--strict", "--format", "sarif", "tiny"], capsys)
    assert code == 1
    validate_sarif(log)
    assert {r["level"] for r in log["runs"][0]["results"]} == {"error"}


def test_warnings_alone_exit_0_in_every_format(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    shutil.copytree(VALID, tmp_path / "tiny")
    (tmp_path / "tiny" / "notes.yml").write_text("todo: write this\n")
    monkeypatch.chdir(tmp_path)
    for form in ("json", "sarif"):
        code, _ = run(["check", "--format", form, "tiny"], capsys)
        assert code == 0, form


def test_sarif_is_a_valid_log_with_located_results(broken: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, log = run(["check", "--format", "sarif", "tiny"], capsys)
    assert code == 1
    validate_sarif(log)
    assert log["version"] == "2.1.0"
    (run_,) = log["runs"]
    driver = run_["tool"]["driver"]
    assert (driver["name"], driver["version"]) == ("yesable", __version__)
    assert urlparse(driver["informationUri"]).scheme == "https"
    assert run_["originalUriBaseIds"]["%SRCROOT%"]["uri"] == broken.resolve().as_uri() + "/"
    warning, error = run_["results"]
    assert error["ruleId"] == "unknown-key"
    assert error["level"] == "error"
    assert error["message"]["text"] == "unknown key 'satisfation'; did you mean 'satisfaction'?"
    assert error["locations"][0]["physicalLocation"] == {
        "artifactLocation": {"uri": "tiny/deal.yaml", "uriBaseId": "%SRCROOT%"},
        "region": {"startLine": 26, "startColumn": 5},
    }
    assert (warning["ruleId"], warning["level"]) == ("ignored-file", "warning")
    for result in run_["results"]:
        assert driver["rules"][result["ruleIndex"]]["id"] == result["ruleId"]


def test_sarif_rules_are_every_code_with_its_doc_page(capsys: pytest.CaptureFixture[str]) -> None:
    _, log = run(["check", "--format", "sarif", str(VALID)], capsys)
    validate_sarif(log)
    rules = log["runs"][0]["tool"]["driver"]["rules"]
    registry = diagnostics()
    assert [r["id"] for r in rules] == list(registry)
    assert {"unknown-key", "dead-end", "audit-one-style"} <= set(registry)
    for rule in rules:
        code = rule["id"]
        assert rule["helpUri"].endswith(f"/docs/errors/{code}.md")
        assert urlparse(rule["helpUri"]).scheme == "https"
        assert (ROOT / "docs" / "errors" / f"{code}.md").is_file()
        assert rule["defaultConfiguration"]["level"] == registry[code].severity
        for key in ("shortDescription", "fullDescription", "help"):
            assert rule[key]["text"].strip(), (code, key)
    assert [r for r in log["runs"][0]["results"] if r["ruleId"] not in ADVISORY] == []


def test_sarif_locations_outside_the_working_directory_are_absolute(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    pack = tmp_path / "packs" / "tiny"
    shutil.copytree(VALID, pack)
    (pack / "notes.yml").write_text("todo: write this\n")
    (tmp_path / "elsewhere").mkdir()
    monkeypatch.chdir(tmp_path / "elsewhere")
    _, log = run(["check", "--format", "sarif", str(pack)], capsys)
    validate_sarif(log)
    (result,) = [r for r in log["runs"][0]["results"] if r["ruleId"] not in ADVISORY]
    artifact = result["locations"][0]["physicalLocation"]["artifactLocation"]
    assert artifact == {"uri": (pack / "notes.yml").resolve().as_uri()}


def test_an_unknown_format_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["check", "--format", "xml", str(VALID)])
    assert exc.value.code == 2
    assert "invalid choice: 'xml'" in capsys.readouterr().err


def test_the_schema_rejects_what_sarif_forbids(broken: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The validation above has teeth: a level SARIF does not have, or a line 0, fails it."""
    _, log = run(["check", "--format", "sarif", "tiny"], capsys)
    result = log["runs"][0]["results"][0]
    result["level"] = "fatal"
    with pytest.raises(AssertionError, match="level"):
        validate_sarif(log)
    result["level"] = "error"
    result["locations"][0]["physicalLocation"]["region"]["startLine"] = 0
    with pytest.raises(AssertionError, match="startLine"):
        validate_sarif(log)
