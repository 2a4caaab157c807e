"""Transcripts are re-derived, not trusted: a field edited by hand is named by `replay`, replaced by
its true value in `report` and `export-xapi`, and out-of-range values never get in at all."""

from __future__ import annotations

import json
import math
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from classroom_kit import random_transcript
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from simulator.classroom.installed import find_scenario
from simulator.classroom.replay import Verdict, replay_transcript
from simulator.classroom.transcript import (
    PartyResult,
    Transcript,
    TranscriptError,
    dump_transcript,
    parse_transcript,
    write_transcript,
)
from simulator.cli.main import main

REF = "critical_supporters/release_scope"


def genuine() -> Transcript:
    return random_transcript(3, "kite")


FORGERIES: dict[str, tuple[str, Any]] = {
    "ending_title": ("ending_title", lambda t: replace(t, ending_title="A durable plan everyone signed")),
    "ending_kind": (
        "ending_kind",
        lambda t: replace(t, ending_kind="agreement" if t.ending_kind != "agreement" else "impasse"),
    ),
    "a BATNA verdict": (
        "parties[",
        lambda t: replace(
            t,
            parties=[
                PartyResult(party=p.party, name=p.name, value=99.0, batna_value=p.batna_value, above_batna=True)
                for p in t.parties
            ]
            or [PartyResult(party="player", name="You", value=99.0, batna_value=10, above_batna=True)],
        ),
    ),
    "found interests": (
        "hidden_found",
        lambda t: replace(
            t, hidden_found=["dev_lead.oncall_burnout"] if "dev_lead.oncall_burnout" not in t.hidden_found else []
        ),
    ),
    "styles": ("styles", lambda t: replace(t, styles={s: (1.0 if s == "integrating" else 0.0) for s in t.styles})),
    "a move's reason": (
        "moves[0].reason",
        lambda t: replace(t, moves=[replace(t.moves[0], reason="Asked about interests; a model move."), *t.moves[1:]]),
    ),
    "a move's style": (
        "moves[0].style",
        lambda t: replace(
            t,
            moves=[
                replace(t.moves[0], style="obliging" if t.moves[0].style != "obliging" else "integrating"),
                *t.moves[1:],
            ],
        ),
    ),
}


@pytest.mark.parametrize("forgery", list(FORGERIES), ids=list(FORGERIES))
def test_replay_names_every_forged_field(forgery: str) -> None:
    field_name, forge = FORGERIES[forgery]
    t = genuine()
    assert replay_transcript(t, find_scenario(REF)).verdict is Verdict.REPRODUCES
    result = replay_transcript(forge(t), find_scenario(REF))
    assert result.verdict is Verdict.DIFFERS
    assert any(d.startswith(field_name) for d in result.differences), result.differences


@pytest.mark.parametrize("value", ["1e30", "NaN", "-5", "101", "Infinity"])
def test_out_of_range_scores_are_refused_at_the_door(value: str) -> None:
    text = dump_transcript(genuine()).replace('"total": ', f'"total": {value}, "was": ', 1)
    with pytest.raises(TranscriptError):
        parse_transcript(text)


def test_the_report_shows_re_derived_values_and_names_the_forgery(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    t = genuine()
    forged = replace(t, ending_title="Everyone signed a perfect plan", scores=t.scores | {"total": 100})
    path = write_transcript(forged, tmp_path / "results")
    out = tmp_path / "report.html"
    main(["report", str(tmp_path / "results"), "--out", str(out)])
    err = capsys.readouterr().err
    assert path.name in err and "ending_title" in err and "scores.total" in err
    html = out.read_text()
    assert "Everyone signed a perfect plan" not in html
    assert t.ending_title is None or t.ending_title in html


def test_xapi_export_is_strict_json_of_re_derived_values(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    t = genuine()
    write_transcript(replace(t, scores=t.scores | {"total": 100}), tmp_path / "results")
    out = tmp_path / "statements.json"
    assert main(["export-xapi", str(tmp_path / "results"), "--out", str(out)]) == 0
    statements = json.loads(out.read_text(), parse_constant=lambda c: pytest.fail(f"non-JSON constant {c}"))
    raws = [s["result"]["score"]["raw"] for s in statements if "score" in s.get("result", {})]
    assert 100 not in raws or t.scores["total"] == 100
    assert t.scores["total"] in raws


def test_export_refuses_a_script_address(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    write_transcript(genuine(), tmp_path)
    assert main(["export-xapi", str(tmp_path), "--base-iri", "javascript:alert(1)"]) == 2
    assert "--base-iri" in capsys.readouterr().err


def _mutations() -> st.SearchStrategy[Any]:
    scalars = st.one_of(
        st.none(),
        st.booleans(),
        st.integers(-(10**40), 10**40),
        st.floats(allow_nan=True, allow_infinity=True),
        st.text(max_size=20),
    )
    return st.recursive(
        scalars,
        lambda inner: st.one_of(st.lists(inner, max_size=3), st.dictionaries(st.text(max_size=8), inner, max_size=3)),
        max_leaves=8,
    )


def _paths(data: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = [prefix]
    if isinstance(data, dict):
        for k, v in data.items():
            out += _paths(v, (*prefix, k))
    elif isinstance(data, list):
        for i, v in enumerate(data):
            out += _paths(v, (*prefix, i))
    return out


BASE = json.loads(dump_transcript(random_transcript(5, "newt")))
PATHS = [p for p in _paths(BASE) if p]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(where=st.sampled_from(PATHS), value=_mutations(), delete=st.booleans())
def test_a_fuzzed_transcript_never_crashes_replay_or_report(
    tmp_path_factory: pytest.TempPathFactory, where: tuple[Any, ...], value: Any, delete: bool
) -> None:
    data = json.loads(json.dumps(BASE))
    parent = data
    for key in where[:-1]:
        parent = parent[key]
    if delete and isinstance(parent, dict):
        parent.pop(where[-1], None)
    else:
        parent[where[-1]] = value
    folder = tmp_path_factory.mktemp("fuzz")
    text = json.dumps(data, allow_nan=True)
    (folder / "t.json").write_text(text)
    assert main(["replay", str(folder / "t.json")]) in (0, 1)
    assert main(["report", str(folder), "--out", str(folder / "r.html")]) in (0, 1)
    try:
        t = parse_transcript(text)
    except TranscriptError:
        return
    assert all(0 <= v <= 100 and not math.isnan(v) for v in t.scores.values())
