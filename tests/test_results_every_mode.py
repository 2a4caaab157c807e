"""Results from every mode (issue 15, part 4): `run --results` writes the transcript the app
writes; `record` enters a paper round's results sheets so one report covers a mixed class; transcript
files are readable by the facilitator who collects them; the app's `e` exports to the data folder."""

from __future__ import annotations

import csv
import io
import json
import os
import random
import stat
from pathlib import Path

import pytest
from classroom_kit import SCENARIO, random_transcript
from hypothesis import given, settings
from hypothesis import strategies as st

from simulator.classroom.installed import find_scenario, scenario_by_ref
from simulator.classroom.paper import build_paper_transcript, csv_template, read_results_csv
from simulator.classroom.transcript import (
    collect_transcripts,
    dump_transcript,
    parse_transcript,
    read_transcript,
    write_transcript,
)
from simulator.classroom.verify import verified_transcripts
from simulator.cli.main import main
from simulator.engine import Session
from simulator.scoring import score_session
from simulator.storage.files import atomic_write


def transcripts_in(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.json"))


def permissions(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


# --- run --results ---------------------------------------------------------------------------


def test_run_writes_the_transcript_report_and_replay_read(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    results = tmp_path / "round"
    assert (
        main(
            [
                "run",
                SCENARIO,
                "--choose",
                "random",
                "--seed",
                "4",
                "--json",
                "--results",
                str(results),
                "--player",
                "falcon",
                "--round",
                "mon",
            ]
        )
        == 0
    )
    out = capsys.readouterr()
    printed = json.loads(out.out)  # --json output is unchanged
    [path] = transcripts_in(results)
    assert str(path) in out.err
    t = read_transcript(path)
    assert (t.mode, t.player.alias, t.round, t.seed) == ("run", "falcon", "mon", 4)
    assert [m.choice for m in t.moves] == [m["choice"] for m in printed["moves"]]
    assert t.scores == printed["scores"]
    assert all(m.at is not None for m in t.moves)
    assert main(["replay", str(path)]) == 0
    assert "reproduces" in capsys.readouterr().out
    assert main(["report", str(results), "--out", str(tmp_path / "r.html")]) == 0
    assert "falcon" in (tmp_path / "r.html").read_text(encoding="utf-8")


def test_run_tags_need_a_results_folder(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["run", SCENARIO, "--player", "falcon"]) == 2
    assert "--results" in capsys.readouterr().err
    assert main(["run", SCENARIO, "--results", str(tmp_path), "--player", "no/slash"]) == 2


def test_report_says_in_one_line_that_run_json_is_not_a_transcript(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["run", SCENARIO, "--choose", "random", "--json"]) == 0
    (tmp_path / "run.json").write_text(capsys.readouterr().out, encoding="utf-8")
    assert main(["report", str(tmp_path / "run.json"), "--out", str(tmp_path / "r.html")]) == 1
    lines = [line for line in capsys.readouterr().err.splitlines() if "run.json" in line]
    assert len(lines) == 1
    assert "`yesable run --json` output, not a transcript" in lines[0] and "--results DIR" in lines[0]


# --- files readable by the facilitator --------------------------------------------------------


@pytest.mark.skipif(os.name != "posix", reason="POSIX permission bits")
def test_transcripts_are_readable_by_others_and_saves_stay_owner_only(tmp_path: Path) -> None:
    path = write_transcript(random_transcript(1, "otter"), tmp_path / "results")
    assert permissions(path) == 0o644
    atomic_write(tmp_path / "save.json", "{}")
    assert permissions(tmp_path / "save.json") == 0o600
    atomic_write(tmp_path / "shared.txt", "x", mode=0o640)
    assert permissions(tmp_path / "shared.txt") == 0o640


# --- paper rounds ------------------------------------------------------------------------------


def agreed_sessions(count: int) -> list[Session]:
    """Seeded random plays of the scenario that reached an agreement."""
    loaded = find_scenario(SCENARIO)
    found = []
    for seed in range(400):
        session = Session.start(loaded, seed=seed)
        rng = random.Random(seed)
        while not session.ended and len(session.state.history) < 60:
            session.choose(rng.choice(session.available()).id)
        if score_session(loaded, session.state).ending_kind == "agreement":
            found.append(session)
            if len(found) == count:
                break
    return found


def test_a_paper_agreement_scores_the_outcome_the_app_gives_the_same_terms() -> None:
    loaded = find_scenario(SCENARIO)
    sessions = agreed_sessions(3)
    assert sessions, "no random play reached an agreement"
    for session in sessions:
        debrief = score_session(loaded, session.state)
        paper = build_paper_transcript(loaded, debrief.agreement, group="team-1")
        assert paper.mode == "paper" and paper.moves == []
        assert paper.scores == {"total": debrief.scores["outcome"], "outcome": debrief.scores["outcome"]}
        assert [(p.party, p.value, p.above_batna) for p in paper.parties] == [
            (p.party, p.value, p.above_batna) for p in debrief.parties
        ]


@settings(max_examples=40, deadline=None)
@given(st.data())
def test_paper_outcome_follows_the_outcome_formula(data: st.DataObject) -> None:
    """Any ticked options (some left open): each party's value is the mean of its points, an open
    issue 0, and the outcome is half the share above BATNA plus half the joint value over the best."""
    from simulator.scoring import best_joint_value

    loaded = find_scenario(SCENARIO)
    scenario = loaded.scenario
    agreement = {}
    for issue in scenario.issues:
        option = data.draw(st.sampled_from([None, *issue.options]))
        if option is not None:
            agreement[issue.id] = option.id
    t = build_paper_transcript(loaded, agreement, group="g")
    parties = {p.party: p for p in t.parties}
    values = []
    for party, batna in [("player", scenario.player.batna_value)] + [(m.persona, m.batna_value) for m in scenario.cast]:
        points = [
            next(o for o in i.options if o.id == agreement[i.id]).values.get(party, 0)
            for i in scenario.issues
            if i.id in agreement
        ]
        value = sum(points) / len(scenario.issues)
        assert parties[party].value == pytest.approx(value)
        assert parties[party].above_batna == (value >= batna)
        values.append((value, batna))
    share = sum(v >= b for v, b in values) / len(values)
    expected = 50 * share + 50 * sum(v for v, _ in values) / best_joint_value(scenario)
    assert t.scores["outcome"] == max(0, min(100, round(expected)))
    assert t.ending_kind == "agreement"


def test_no_deal_on_paper_scores_half_the_players_batna() -> None:
    loaded = find_scenario(SCENARIO)
    t = build_paper_transcript(loaded, None, group="team-2")
    assert t.ending_kind == "impasse" and t.agreement == {}
    assert t.scores["outcome"] == round(loaded.scenario.player.batna_value / 2)
    assert all(p.value is None and not p.above_batna for p in t.parties)


def sheet(rows: list[dict[str, str]]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(dict.fromkeys(k for r in rows for k in r)))
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


def test_record_writes_one_paper_transcript_per_row(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    loaded = find_scenario(SCENARIO)
    issues = loaded.scenario.issues
    first = {i.id: i.options[0].id for i in issues}
    by_title = {i.title: i.options[-1].title for i in issues}  # the words the printed sheet shows
    rows = [
        {
            "group": "team-1",
            "scenario": SCENARIO,
            **first,
            "started_at": "2026-12-04T09:00",
            "finished_at": "2026-12-04T09:40:00Z",
        },
        {"group": "team-2", "scenario": "release_scope", issues[0].id: "no deal"},
        {"group": "team-3", "scenario": SCENARIO, **by_title},
    ]
    (tmp_path / "sheet.csv").write_text(sheet(rows), encoding="utf-8")
    results = tmp_path / "round"
    assert main(["record", str(tmp_path / "sheet.csv"), "--results", str(results), "--round", "mon"]) == 0
    assert "Recorded 3 paper session(s)" in capsys.readouterr().out
    written = {read_transcript(p).player.alias: read_transcript(p) for p in transcripts_in(results)}
    assert set(written) == {"team-1", "team-2", "team-3"}
    assert all(t.mode == "paper" and t.round == "mon" and not t.moves for t in written.values())
    assert written["team-1"].agreement == first
    assert written["team-1"].duration_seconds == 40 * 60
    assert written["team-2"].ending_kind == "impasse"
    assert written["team-3"].agreement == {i.id: i.options[-1].id for i in issues}
    if os.name == "posix":
        assert all(permissions(p) == 0o644 for p in transcripts_in(results))


def test_record_writes_nothing_when_a_row_is_wrong(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    issue = find_scenario(SCENARIO).scenario.issues[0]
    rows = [
        {"group": "team-1", "scenario": SCENARIO, issue.id: issue.options[0].id},
        {"group": "team-2", "scenario": SCENARIO, issue.id: "free pizza"},
        {"group": "team-3", "scenario": "nowhere/nothing", issue.id: ""},
        {"group": "team-4", "scenario": SCENARIO, "colour": "blue"},
    ]
    (tmp_path / "sheet.csv").write_text(sheet(rows), encoding="utf-8")
    assert main(["record", str(tmp_path / "sheet.csv"), "--results", str(tmp_path / "round")]) == 1
    err = capsys.readouterr().err
    assert "row 3:" in err and "free pizza" in err and issue.options[0].id in err
    assert "row 4:" in err and "not installed" in err
    assert "row 5:" in err and "colour" in err
    assert "nothing written" in err
    assert not (tmp_path / "round").exists()


def test_record_template_is_a_sheet_record_accepts(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["record", "--template", SCENARIO]) == 0
    template = capsys.readouterr().out
    loaded = find_scenario(SCENARIO)
    assert template == csv_template(loaded)
    assert template.splitlines()[0].split(",")[:2] == ["group", "scenario"]
    rows, errors = read_results_csv(template, scenario_by_ref)
    assert errors == [] and [r.group for r in rows] == ["team-1", "team-2"]
    assert rows[1].agreement is None


def test_record_takes_the_scenario_from_the_command_line(tmp_path: Path) -> None:
    issue = find_scenario(SCENARIO).scenario.issues[0]
    (tmp_path / "s.csv").write_text(f"alias,{issue.id}\nwren,{issue.options[1].id}\n", encoding="utf-8")
    assert main(["record", str(tmp_path / "s.csv"), "--scenario", SCENARIO, "--results", str(tmp_path / "r")]) == 0
    [path] = transcripts_in(tmp_path / "r")
    assert read_transcript(path).agreement == {issue.id: issue.options[1].id}


def test_one_report_covers_a_mixed_class(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    results = tmp_path / "round"
    for seed, alias in enumerate(["falcon", "otter"]):
        write_transcript(random_transcript(seed, alias), results)
    loaded = find_scenario(SCENARIO)
    write_transcript(
        build_paper_transcript(
            loaded, {i.id: i.options[0].id for i in loaded.scenario.issues}, group="paper-team", round_id="r1"
        ),
        results,
    )
    assert main(["report", str(results), "--out", str(tmp_path / "r.html"), "--csv", str(tmp_path / "r.csv")]) == 0
    err = capsys.readouterr().err
    assert "paper-team" not in err  # verified, nothing flagged
    page = (tmp_path / "r.html").read_text(encoding="utf-8")
    assert "1 of 3 sessions played on paper" in page
    rows = {r["player"]: r for r in csv.DictReader(io.StringIO((tmp_path / "r.csv").read_text(encoding="utf-8")))}
    assert set(rows) == {"falcon", "otter", "paper-team"}
    paper = rows["paper-team"]
    assert paper["total"] == paper["outcome"] and paper["outcome"].isdigit()
    assert (paper["relationship"], paper["discovery"], paper["process"], paper["moves"]) == ("paper",) * 4
    assert rows["falcon"]["process"].isdigit()

    from simulator.classroom.report import build_report

    found, _ = collect_transcripts([results])
    checked, notes = verified_transcripts(found)
    assert notes == []
    report = build_report(checked, {SCENARIO: loaded})
    [group] = report.groups
    process = next(d for d in group.distributions if d.name == "process")
    outcome = next(d for d in group.distributions if d.name == "outcome")
    assert len(process.values) == 2 and len(outcome.values) == 3  # paper is not a process score of 0


def test_replay_says_a_paper_session_has_nothing_to_replay(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    loaded = find_scenario(SCENARIO)
    path = write_transcript(build_paper_transcript(loaded, None, group="team-2"), tmp_path)
    assert main(["replay", str(path)]) == 0
    out = capsys.readouterr().out
    assert "paper session, nothing to replay" in out


def test_a_forged_paper_score_is_named_and_rescored(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    loaded = find_scenario(SCENARIO)
    t = build_paper_transcript(loaded, None, group="team-2")
    data = json.loads(dump_transcript(t))
    data["scores"] = {"total": 100, "outcome": 100}
    path = tmp_path / "forged.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    assert main(["replay", str(path)]) == 1
    assert "scores.outcome" in capsys.readouterr().out
    checked, notes = verified_transcripts([(path, read_transcript(path))])
    assert checked[0].scores["outcome"] == t.scores["outcome"] and "scores.outcome" in notes[0]


def test_old_transcripts_without_a_mode_are_app_sessions() -> None:
    data = json.loads(dump_transcript(random_transcript(2, "heron")))
    del data["mode"]
    t = parse_transcript(json.dumps(data))
    assert t.mode == "app" and not t.paper
    checked, notes = verified_transcripts([("old.json", t)])
    assert notes == [] and checked[0].mode == "app"
