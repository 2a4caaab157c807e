"""The class report's reading of the room: per stakeholder the share of the class that placed them
right and the mean interests and power credit, BATNA and reservation value right, whom to meet
first, and the mean sheet score, from the transcripts that carry a preparation sheet only."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from classroom_kit import SCENARIO, random_transcript

from simulator.classroom.installed import find_scenario, scenario_by_ref
from simulator.classroom.report import build_report, render_report
from simulator.classroom.transcript import Transcript, prep_record, write_transcript
from simulator.cli.main import main
from simulator.content.loaded import LoadedScenario
from simulator.scoring.prep import (
    PrepSheet,
    StakeholderRead,
    grade_prep,
    interest_keys,
    meet_first,
    strong_power,
)


def perfect(loaded: LoadedScenario) -> PrepSheet:
    reads = {
        m.persona: StakeholderRead(
            loaded.personas[m.persona].quadrant,
            frozenset(interest_keys(loaded, m.persona)),
            strong_power(loaded, m.persona),
        )
        for m in loaded.scenario.cast
    }
    batna = loaded.scenario.player.batna_value
    return PrepSheet(reads, batna, batna, min(meet_first(loaded)[0]))


def half_right(loaded: LoadedScenario) -> PrepSheet:
    """The first stakeholder read perfectly, the others left blank; a BATNA far off."""
    first = loaded.scenario.cast[0].persona
    good = perfect(loaded)
    batna = loaded.scenario.player.batna_value
    return PrepSheet({first: good.reads[first]}, (batna + 50) % 101, batna, None)


def a_class() -> tuple[LoadedScenario, list[Transcript]]:
    loaded = find_scenario(SCENARIO)
    sheets = [perfect(loaded), half_right(loaded), None, None]
    return loaded, [
        replace(
            random_transcript(seed, f"p{seed}"),
            prep=None if sheet is None else prep_record(loaded, sheet),
        )
        for seed, sheet in enumerate(sheets)
    ]


def test_the_class_read_counts_only_the_sheets_and_adds_up() -> None:
    loaded, transcripts = a_class()
    report = build_report(transcripts, {SCENARIO: loaded})
    prep = report.groups[0].prep
    assert prep is not None and prep.sheets == 2
    first, *others = loaded.scenario.cast
    by_who = {s.who: s for s in prep.stakeholders}
    assert set(by_who) == {m.persona for m in loaded.scenario.cast}
    assert by_who[first.persona].placed_right == 2 and by_who[first.persona].interests == 1.0
    assert by_who[first.persona].name == loaded.personas[first.persona].name
    assert by_who[first.persona].truth == str(loaded.personas[first.persona].quadrant).replace("_", " ")
    for member in others:
        assert by_who[member.persona].placed_right == 1
        assert by_who[member.persona].power == 0.5
    assert prep.batna_right == 1 and prep.reservation_right == 2 and prep.meet_first_right == 1
    scores = [
        grade_prep(loaded, perfect(loaded)).score,
        grade_prep(loaded, half_right(loaded)).score,
    ]
    assert prep.scores == scores and prep.mean_score == sum(scores) / 2


def test_nobody_prepared_no_section() -> None:
    loaded, transcripts = a_class()
    report = build_report([t for t in transcripts if t.prep is None], {SCENARIO: loaded})
    assert report.groups[0].prep is None
    assert "Reading the room" not in render_report(report)


def test_the_report_page_shows_the_class_read(tmp_path: Path) -> None:
    loaded, transcripts = a_class()
    for t in transcripts:
        write_transcript(t, tmp_path / "class")
    out = tmp_path / "report.html"
    assert main(["report", str(tmp_path / "class"), "--out", str(out)]) == 0
    html = out.read_text(encoding="utf-8")
    assert "Reading the room: the preparation sheets" in html
    assert "over the 2 learners who prepared (of 4)" in html
    name = loaded.personas[loaded.scenario.cast[0].persona].name
    assert f"<td>{name}</td>" in html and "2 of 2 (100%)" in html
    assert scenario_by_ref(SCENARIO) is not None
