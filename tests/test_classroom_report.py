"""`yesable report`: a class debrief in one self-contained HTML page, from a folder of transcripts."""

from __future__ import annotations

import json
import re
from pathlib import Path

from browser import dom, needs_chromium, png_is_not_blank, screenshot
from classroom_kit import SCENARIO, random_transcript, write_class

from simulator.classroom.installed import scenario_by_ref
from simulator.classroom.report import build_report, render_report
from simulator.classroom.transcript import write_transcript
from simulator.cli.main import main

DATA = Path(__file__).parent / "data" / "transcripts"


def test_report_on_a_class_folder(tmp_path: Path, capsys) -> None:
    files = write_class(tmp_path / "round", size=8)
    (tmp_path / "round" / "copy.json").write_text(files[0].read_text())  # a duplicate
    out = tmp_path / "report.html"
    assert main(["report", str(tmp_path / "round"), "--out", str(out)]) == 0
    assert "8 session(s)" in capsys.readouterr().out
    html = out.read_text()
    assert "8 sessions" in html and "Features, tech debt and the 5.0 scope" in html
    for heading in ("Outcomes", "Scores", "conflict styles", "most costly moves", "Hidden interests", "Players"):
        assert heading in html
    assert "falcon" in html and "otter" in html
    assert "<script" not in html and "http://" not in html and "https://" not in html


def test_malformed_files_get_a_line_each_and_the_rest_is_reported(tmp_path: Path, capsys) -> None:
    write_class(tmp_path, size=3)
    (tmp_path / "broken.json").write_text('{"kind": "yesable.transcript", "schema_version": 1}')
    (tmp_path / "notes.json").write_text("[]")
    out = tmp_path / "r.html"
    assert main(["report", str(tmp_path), "--out", str(out)]) == 1
    err = capsys.readouterr().err
    assert len([line for line in err.splitlines() if "skipped" in line]) == 2
    assert "broken.json: field " in err and "notes.json: not a Yesable transcript" in err
    html = out.read_text()
    assert "3 sessions" in html and "2 files skipped" in html


def test_aliases_only_unless_names_are_asked_for(tmp_path: Path) -> None:
    write_transcript(random_transcript(2, "heron", name="Grace Hopper"), tmp_path)
    assert main(["report", str(tmp_path), "--out", str(tmp_path / "a.html")]) == 0
    assert "Grace Hopper" not in (tmp_path / "a.html").read_text()
    assert main(["report", str(tmp_path), "--names", "--out", str(tmp_path / "b.html")]) == 0
    assert "Grace Hopper" in (tmp_path / "b.html").read_text()


def test_round_filter(tmp_path: Path) -> None:
    write_class(tmp_path, size=2, round_id="mon")
    write_transcript(random_transcript(9, "tuesday_only", round_id="tue"), tmp_path)
    assert main(["report", str(tmp_path), "--round", "tue", "--out", str(tmp_path / "r.html")]) == 0
    html = (tmp_path / "r.html").read_text()
    assert "tuesday_only" in html and "falcon" not in html


def test_other_pack_version_is_a_separate_flagged_group_with_its_own_scores() -> None:
    old = json.loads((DATA / "release_scope_old_version.json").read_text())
    transcripts = [random_transcript(0, "a"), random_transcript(1, "b")]
    from simulator.classroom.transcript import parse_transcript

    transcripts.append(parse_transcript(json.dumps(old)))
    report = build_report(transcripts, {SCENARIO: scenario_by_ref(SCENARIO)})
    current, flagged = report.groups
    assert current.flag is None and current.size == 2
    assert flagged.size == 1 and flagged.flag is not None and "0.9.0" in flagged.flag
    assert flagged.players[0].scores == old["scores"]  # as recorded, never re-scored


def test_numbers_add_up() -> None:
    transcripts = [random_transcript(seed, f"p{seed}") for seed in range(10)]
    group = build_report(transcripts, {SCENARIO: scenario_by_ref(SCENARIO)}).groups[0]
    assert sum(n for _, _, n in group.endings) == 10
    assert group.agreements == sum(t.ending_kind == "agreement" for t in transcripts)
    totals = next(d for d in group.distributions if d.name == "total")
    assert sum(totals.histogram) == 10 and totals.values == [t.scores["total"] for t in transcripts]
    assert abs(sum(share for _, share in group.styles) - 1) < 1e-9
    assert [p.scores["total"] for p in group.players] == sorted((t.scores["total"] for t in transcripts), reverse=True)
    for interest in group.interests:
        assert interest.found + interest.missed == 10
    names = [name for name, _ in group.parties_above_batna]
    assert names[0] == "Product manager" and len(names) == 3
    assert group.parties_above_batna[0][1] == group.player_above_batna


@needs_chromium
def test_report_renders_in_chromium(tmp_path: Path) -> None:
    write_class(tmp_path / "round", size=6)
    out = tmp_path / "report.html"
    assert main(["report", str(tmp_path / "round"), "--out", str(out)]) == 0
    assert png_is_not_blank(screenshot(out.as_uri(), tmp_path / "report.png", size="1280,2000"))
    page = dom(out.as_uri())
    assert re.search(r"<h1>Class debrief</h1>", page) and "Players" in page


def test_timed_out_sessions_are_marked() -> None:
    from engine_kit import mini_deal

    from simulator.classroom.transcript import build_transcript
    from simulator.engine import Session

    loaded = mini_deal()
    session = Session.start(loaded)
    session.choose("ask")
    t = build_transcript(session, player="slow", timed_out=True, time_box_minutes=5)
    group = build_report([t], {"mini/deal": loaded}).groups[0]
    assert group.timed_out == 1 and group.endings == [("Stuck (time ran out)", "impasse", 1)]
    assert group.players[0].ending == "Stuck (time ran out)"


def test_scenario_not_installed_is_reported_with_ids() -> None:
    t = random_transcript(5, "kite")
    group = build_report([t], {SCENARIO: None}).groups[0]
    assert group.flag is not None and "not installed" in group.flag
    assert group.players[0].scores == t.scores


def test_csv_for_a_gradebook(tmp_path: Path) -> None:
    import csv

    write_class(tmp_path / "round", size=3)
    write_transcript(random_transcript(7, "=HYPERLINK(1)"), tmp_path / "round")
    out = tmp_path / "grades.csv"
    assert main(["report", str(tmp_path / "round"), "--csv", str(out)]) == 0
    with out.open() as sheet:
        rows = list(csv.DictReader(sheet))
    assert len(rows) == 4 and {r["scenario"] for r in rows} == {SCENARIO}
    assert all(0 <= int(r["total"]) <= 100 for r in rows)
    assert "'=HYPERLINK(1)" in {r["player"] for r in rows}  # no formula injection
    assert not (tmp_path / "report.html").exists()


def test_report_needs_somewhere_to_write(tmp_path: Path, capsys) -> None:
    assert main(["report", str(tmp_path)]) == 2
    assert "--out" in capsys.readouterr().err


def test_costly_moves_are_those_labelled_mistake_or_blunder_with_the_author_s_note(tmp_path: Path) -> None:
    transcripts = [random_transcript(seed, f"p{seed}") for seed in range(6)]
    loaded = scenario_by_ref(SCENARIO)
    group = build_report(transcripts, {SCENARIO: loaded}).groups[0]
    assert group.costly and group.regret_available
    feedback = {(s.title or s.id, c.id): c.feedback for s in loaded.scenario.scenes for c in s.choices}
    for stat in group.costly:
        assert stat.label in {"mistake", "blunder"}
        assert stat.note == feedback[(stat.scene, stat.choice)]
        assert stat.regret is not None
    out = tmp_path / "report.html"
    for t in transcripts:
        write_transcript(t, tmp_path / "round")
    assert main(["report", str(tmp_path / "round"), "--out", str(out)]) == 0
    html = out.read_text()
    first = group.costly[0]
    assert f"<td>{first.label}</td>" in html
    if first.note:
        assert first.note.split()[0] in html


def test_histograms_show_the_count_in_each_band(tmp_path: Path) -> None:
    transcripts = [random_transcript(seed, f"p{seed}") for seed in range(7)]
    report = build_report(transcripts, {SCENARIO: scenario_by_ref(SCENARIO)})
    html = render_report(report)
    blocks = re.findall(
        r'<div class="hist" role="img" aria-label="([^"]*)">(.*?)</div>\n<div class="hist-axis">', html, re.DOTALL
    )
    assert len(blocks) == len(report.groups[0].distributions)
    for (label, bars), d in zip(blocks, report.groups[0].distributions, strict=True):
        shown = [int(n) if n else 0 for n in re.findall(r'<span class="hist-n">(\d*)</span>', bars)]
        assert shown == d.histogram and sum(shown) == 7  # every session counted, in its band
        assert label.startswith(f"{d.name}: 0-9: {d.histogram[0]}, ") and label.endswith(f"90-100: {d.histogram[9]}")


def test_choices_scene_by_scene_count_the_class_beside_the_best_move() -> None:
    from simulator.classroom.handout_data import solver_summary
    from simulator.scoring.labels import rank

    loaded = scenario_by_ref(SCENARIO)
    assert loaded is not None
    transcripts = [random_transcript(seed, f"p{seed}") for seed in range(9)]
    group = build_report(transcripts, {SCENARIO: loaded}).groups[0]
    by_scene = {s.scene: s for s in group.scenes}
    start = loaded.scenario.scenes[0].id
    assert by_scene[start].reached == 9  # everyone plays the opening scene
    for scene in group.scenes:
        made = {c.choice: c.players for c in scene.choices}
        for choice, n in made.items():
            assert n == sum(any(m.scene == scene.scene and m.choice == choice for m in t.moves) for t in transcripts)
        assert scene.reached == sum(any(m.scene == scene.scene for m in t.moves) for t in transcripts)
        assert [c.choice for c in scene.choices] == [c.id for c in loaded.scenario.scene(scene.scene).choices]
        best = [c for c in scene.choices if c.best]
        assert best
        if scene.basis == "the solver's best path":  # the path's own move there has no regret
            assert all(c.label == "best" for c in best)
        else:  # off the path: the best label the tags give
            assert all(rank(str(c.label)) <= rank(str(o.label)) for c in best for o in scene.choices)
    summary = solver_summary(loaded)
    assert summary is not None
    opening = {c.choice: c for c in by_scene[start].choices}
    assert opening[summary["path"][0]].best  # the solver's first move is marked best
    assert by_scene[start].basis == "the solver's best path"
    html = render_report(build_report(transcripts, {SCENARIO: loaded}))
    assert "Choices scene by scene" in html and html.count("★ best") >= len(group.scenes)


def test_without_the_played_pack_the_choices_are_counted_by_id() -> None:
    transcripts = [random_transcript(seed, f"p{seed}") for seed in range(3)]
    group = build_report(transcripts, {SCENARIO: None}).groups[0]
    assert group.scenes and all(s.basis == "" for s in group.scenes)
    assert all(not c.best and c.label is None for s in group.scenes for c in s.choices)
    assert sum(c.players for s in group.scenes for c in s.choices) == sum(
        len({(m.scene, m.choice) for m in t.moves}) for t in transcripts
    )
