"""xAPI export: statements with the structure an LRS accepts (actor, verb, object, result, context)."""

from __future__ import annotations

import json
import re
import uuid
from datetime import datetime
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from classroom_kit import random_transcript
from engine_kit import mini_deal
from hypothesis import given
from hypothesis import strategies as st

from simulator.classroom import xapi
from simulator.classroom.transcript import build_transcript, write_transcript
from simulator.cli.commands import export_xapi
from simulator.cli.main import main
from simulator.engine import Session

DURATION = re.compile(r"^P(?:\d+Y)?(?:\d+M)?(?:\d+D)?(?:T(?:\d+H)?(?:\d+M)?(?:\d+(?:\.\d+)?S)?)?$")
IRI = {"type": "string", "pattern": r"^[a-zA-Z][a-zA-Z0-9+.-]*:[^\s]+$"}
LANGMAP = {"type": "object", "minProperties": 1, "additionalProperties": {"type": "string"}}
EXTENSIONS = {"type": "object", "propertyNames": IRI}
ACTIVITY = {
    "type": "object",
    "required": ["objectType", "id"],
    "properties": {
        "objectType": {"const": "Activity"},
        "id": IRI,
        "definition": {
            "type": "object",
            "properties": {"name": LANGMAP, "type": IRI, "extensions": EXTENSIONS},
            "additionalProperties": False,
        },
    },
    "additionalProperties": False,
}
# The parts of the xAPI 1.0.3 Statement structure (xAPI-Data.md, section 2.4) this export uses.
STATEMENT_SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": ["id", "actor", "verb", "object", "timestamp"],
    "additionalProperties": False,
    "properties": {
        "id": {"type": "string", "format": "uuid"},
        "actor": {
            "type": "object",
            "required": ["objectType", "account"],
            "additionalProperties": False,
            "properties": {
                "objectType": {"const": "Agent"},
                "name": {"type": "string"},
                "account": {
                    "type": "object",
                    "required": ["homePage", "name"],
                    "additionalProperties": False,
                    "properties": {
                        "homePage": {"type": "string", "pattern": "^https?://"},
                        "name": {"type": "string", "minLength": 1},
                    },
                },
            },
        },
        "verb": {
            "type": "object",
            "required": ["id", "display"],
            "additionalProperties": False,
            "properties": {"id": IRI, "display": LANGMAP},
        },
        "object": ACTIVITY,
        "result": {
            "type": "object",
            "additionalProperties": False,
            "properties": {
                "score": {
                    "type": "object",
                    "additionalProperties": False,
                    "properties": {
                        "scaled": {"type": "number", "minimum": -1, "maximum": 1},
                        "raw": {"type": "number"},
                        "min": {"type": "number"},
                        "max": {"type": "number"},
                    },
                },
                "success": {"type": "boolean"},
                "completion": {"type": "boolean"},
                "response": {"type": "string"},
                "duration": {"type": "string", "pattern": DURATION.pattern},
                "extensions": EXTENSIONS,
            },
        },
        "context": {
            "type": "object",
            "additionalProperties": False,
            "properties": {
                "registration": {"type": "string", "format": "uuid"},
                "contextActivities": {
                    "type": "object",
                    "additionalProperties": False,
                    "properties": {
                        k: {"type": "array", "items": ACTIVITY} for k in ("parent", "grouping", "category", "other")
                    },
                },
                "extensions": EXTENSIONS,
            },
        },
        "timestamp": {"type": "string"},
    },
}
OURS = "https://yesable.invalid/xapi/"


def check_statement(statement: dict[str, Any]) -> None:
    jsonschema.validate(statement, STATEMENT_SCHEMA, format_checker=jsonschema.FormatChecker())
    uuid.UUID(statement["id"])
    assert datetime.fromisoformat(statement["timestamp"]).tzinfo is not None
    score = statement.get("result", {}).get("score")
    if score:
        assert -1 <= score["scaled"] <= 1 and score["min"] <= score["raw"] <= score["max"]
    obj = statement["object"]
    assert obj["id"].startswith(OURS) and obj["definition"]["type"].startswith(OURS)
    for ext in (statement.get("result", {}).get("extensions", {}), statement.get("context", {}).get("extensions", {})):
        assert all(key.startswith(OURS) for key in ext)


def test_a_finished_session_exports_attempted_answered_and_passed() -> None:
    t = random_transcript(3, "falcon", round_id="r 1")
    out = xapi.statements(t)
    verbs = [s["verb"]["display"]["en-US"] for s in out]
    assert verbs[0] == "attempted" and verbs[-1] in {"passed", "completed"}
    assert verbs[1:-1] == ["answered"] * len(t.moves)
    for statement in out:
        check_statement(statement)
    final = out[-1]["result"]
    assert final["score"]["raw"] == t.scores["total"] and final["completion"] is True
    assert out[1]["result"]["extensions"][OURS + "extension/grade"] == t.moves[0].grade
    assert {s["context"]["registration"] for s in out} == {str(uuid.UUID(t.id))}
    assert any(a["id"] == OURS + "round/r%201" for a in out[0]["context"]["contextActivities"]["grouping"])
    assert len({s["id"] for s in out}) == len(out)


def test_agreement_above_batna_passes() -> None:
    session = Session.start(mini_deal())
    session.choose("ask")
    session.choose("data")
    t = build_transcript(session, player="owl")
    final = xapi.statements(t)[-1]
    assert final["verb"]["id"] == "http://adlnet.gov/expapi/verbs/passed" and final["result"]["success"]


def test_names_only_when_asked() -> None:
    t = random_transcript(1, "heron", name="Grace Hopper")
    assert "Grace Hopper" not in json.dumps(xapi.statements(t))
    assert xapi.statements(t, names=True)[0]["actor"]["name"] == "Grace Hopper"


@given(st.floats(min_value=0, max_value=10 * 24 * 3600, allow_nan=False))
def test_durations_are_iso_8601(seconds: float) -> None:
    text = xapi.iso_duration(seconds)
    assert DURATION.match(text) and text != "PT"


def test_duration_examples() -> None:
    assert xapi.iso_duration(750) == "PT12M30S"
    assert xapi.iso_duration(0) == "PT0S"
    assert xapi.iso_duration(3723.5) == "PT1H2M3.5S"


def test_cli_defaults_match_the_module() -> None:
    assert export_xapi.DEFAULT_BASE == xapi.DEFAULT_BASE
    assert export_xapi.DEFAULT_HOME_PAGE == xapi.DEFAULT_HOME_PAGE


def test_cli_exports_a_folder_stably(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write_transcript(random_transcript(4, "otter"), tmp_path / "round")
    (tmp_path / "round" / "bad.json").write_text("nope")
    out = tmp_path / "statements.json"
    assert (
        main(
            [
                "export-xapi",
                str(tmp_path / "round"),
                "--out",
                str(out),
                "--base-iri",
                "https://lms.example.org/yesable/",
            ]
        )
        == 1
    )
    assert "bad.json" in capsys.readouterr().err
    first = json.loads(out.read_text())
    assert first[0]["object"]["id"].startswith("https://lms.example.org/yesable/scenario/")
    main(["export-xapi", str(tmp_path / "round"), "--out", str(out), "--base-iri", "https://lms.example.org/yesable/"])
    assert json.loads(out.read_text()) == first  # same ids: an LRS stores them once


def test_cli_rejects_a_relative_home_page(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export-xapi", str(tmp_path), "--home-page", "lms"]) == 2
