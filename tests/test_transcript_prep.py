"""The preparation sheet in transcripts and headless play: kept with its graded items, read back
as written, re-derived (not trusted) by replay, absent from older files, and `run --prep` takes a
sheet from a YAML or JSON file."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest
from classroom_kit import random_transcript
from hypothesis import given, settings
from hypothesis import strategies as st

from simulator.classroom.installed import find_scenario
from simulator.classroom.replay import Verdict, replay_transcript
from simulator.classroom.transcript import (
    dump_transcript,
    parse_transcript,
    prep_record,
    prep_sheet,
    read_transcript,
)
from simulator.cli.main import main
from simulator.content.vocabulary import PowerBase, Quadrant
from simulator.scoring.prep import (
    PrepSheet,
    PrepSheetError,
    StakeholderRead,
    grade_prep,
    interest_keys,
    sheet_data,
    sheet_from_data,
    statements,
)

REF = "critical_supporters/release_scope"


def a_sheet() -> PrepSheet:
    loaded = find_scenario(REF)
    first, second = (m.persona for m in loaded.scenario.cast[:2])
    interests = frozenset(list(interest_keys(loaded, first))[:2]) | {f"{first}:position"}
    reads = {
        first: StakeholderRead(Quadrant.CRITICAL_SUPPORTER, interests, frozenset({PowerBase.EXPERT})),
        second: StakeholderRead(Quadrant.OUTLIER),
    }
    return PrepSheet(reads, batna_value=35, reservation_value=60, meet_first=second)


def test_the_sheet_round_trips_through_data_and_a_transcript_file(tmp_path: Path) -> None:
    loaded = find_scenario(REF)
    sheet = a_sheet()
    assert sheet_from_data(loaded, json.loads(json.dumps(sheet_data(sheet)))) == sheet
    t = replace(random_transcript(3, "kite"), prep=prep_record(loaded, sheet))
    back = parse_transcript(dump_transcript(t))
    assert back == t and back.prep is not None
    grade = grade_prep(loaded, sheet)
    assert back.prep.score == grade.score
    assert [(i.who, i.topic, i.answer, i.truth) for i in back.prep.items] == [
        (i.who, i.topic, i.answer, i.truth) for i in grade.items
    ]


@st.composite
def sheets(draw: st.DrawFn) -> PrepSheet:
    """Any sheet a player can fill for release_scope: picks from what the sheet offers, or blank."""
    loaded = find_scenario(REF)
    reads = {}
    for member in loaded.scenario.cast:
        if draw(st.booleans()):
            offered = [s.key for s in statements(loaded, member.persona)]
            reads[member.persona] = StakeholderRead(
                draw(st.none() | st.sampled_from(list(Quadrant))),
                frozenset(draw(st.lists(st.sampled_from(offered), unique=True))),
                frozenset(draw(st.lists(st.sampled_from(list(PowerBase)), unique=True))),
            )
    value = st.none() | st.integers(0, 100)
    first = st.none() | st.sampled_from([m.persona for m in loaded.scenario.cast])
    return PrepSheet(reads, draw(value), draw(value), draw(first))


@settings(max_examples=60, deadline=None)
@given(sheet=sheets())
def test_any_sheet_round_trips_and_its_transcript_grade_is_the_scorer_s(sheet: PrepSheet) -> None:
    loaded = find_scenario(REF)
    assert sheet_from_data(loaded, json.loads(json.dumps(sheet_data(sheet)))) == sheet
    record = prep_record(loaded, sheet)
    back = parse_transcript(dump_transcript(replace(random_transcript(1, "kite"), prep=record))).prep
    assert back == record and back is not None and prep_sheet(loaded, back) == sheet
    grade = grade_prep(loaded, sheet)
    assert 0 <= back.score == grade.score <= 100
    assert all(0 <= i.credit <= 1 for i in back.items)


def test_a_transcript_without_a_sheet_still_reads_and_replays() -> None:
    t = random_transcript(3, "kite")
    data = json.loads(dump_transcript(t))
    del data["prep"]  # as Yesable wrote transcripts before the sheet
    old = parse_transcript(json.dumps(data))
    assert old.prep is None
    assert replay_transcript(old, find_scenario(REF)).verdict is Verdict.REPRODUCES


def test_replay_regrades_the_sheet_and_names_a_forged_score_or_credit() -> None:
    loaded = find_scenario(REF)
    t = replace(random_transcript(3, "kite"), prep=prep_record(loaded, a_sheet()))
    assert replay_transcript(t, loaded).verdict is Verdict.REPRODUCES
    assert t.prep is not None
    forged = replace(t, prep=replace(t.prep, score=100))
    result = replay_transcript(forged, loaded)
    assert result.verdict is not Verdict.REPRODUCES
    assert any(d.startswith("prep.score") for d in result.differences)
    items = [replace(i, credit=1.0) for i in t.prep.items]
    result = replay_transcript(replace(t, prep=replace(t.prep, items=items)), loaded)
    assert any(d.startswith("prep.items[") and ".credit" in d for d in result.differences)


@pytest.mark.parametrize(
    ("data", "says"),
    [
        ({"reads": {"nobody": {}}}, "'nobody' is not in the cast"),
        ({"batna_value": 140}, "batna_value: a whole number from 0 to 100"),
        ({"batna_value": True}, "batna_value"),
        ({"meet_first": "ghost"}, "meet_first"),
        ({"reads": {"dev_lead": {"quadrant": "boss"}}}, "reads.dev_lead.quadrant"),
        ({"reads": {"dev_lead": {"quadrant": ["x"]}}}, "reads.dev_lead.quadrant"),
        ({"reads": {"dev_lead": {"interests": ["made.up"]}}}, "is not a statement offered"),
        ({"reads": {"dev_lead": {"power": ["charisma"]}}}, "is not a power base"),
        ({"mood": "calm"}, "unknown field 'mood'"),
        ([1, 2], "a mapping"),
    ],
)
def test_a_sheet_that_does_not_fit_the_scenario_is_refused_by_name(data: object, says: str) -> None:
    with pytest.raises(PrepSheetError, match=says.replace("(", r"\(").replace("[", r"\[")):
        sheet_from_data(find_scenario(REF), data)


def test_run_takes_a_sheet_grades_it_in_the_debrief_and_keeps_it_in_the_transcript(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    loaded = find_scenario(REF)
    sheet = a_sheet()
    first = loaded.scenario.cast[0].persona
    read = sheet.reads[first]
    yaml_text = (
        f"reads:\n  {first}:\n    quadrant: {read.quadrant}\n"
        f"    interests: [{', '.join(repr(k) for k in sorted(read.interests))}]\n"
        f"    power: [expert]\n"
        f"  {sheet.meet_first}: {{quadrant: outlier}}\n"
        f"batna_value: 35\nreservation_value: 60\nmeet_first: {sheet.meet_first}\n"
    )
    path = tmp_path / "sheet.yaml"
    path.write_text(yaml_text, encoding="utf-8")
    results = tmp_path / "results"
    assert main(["run", REF, "--choose", "1,1", "--prep", str(path), "--results", str(results)]) == 0
    out = capsys.readouterr().out
    score = grade_prep(loaded, sheet).score
    assert f"Preparation sheet: {score}/100" in out
    assert "your reservation value: 60 | " in out and "| 0%" in out
    transcript = read_transcript(next(results.glob("*.json")))
    assert transcript.prep is not None and transcript.prep.score == score
    assert main(["run", REF, "--choose", "1", "--prep", str(path), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["prep"]["score"] == score


def test_run_refuses_a_sheet_it_cannot_use(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "sheet.yaml"
    path.write_text("reads: [unclosed\n", encoding="utf-8")
    assert main(["run", REF, "--choose", "1", "--prep", str(path)]) == 2
    assert "--prep" in capsys.readouterr().err
    path.write_text("batna_value: 400\n", encoding="utf-8")
    assert main(["run", REF, "--choose", "1", "--prep", str(path)]) == 2
    assert "batna_value" in capsys.readouterr().err
