"""`yesable replay`: a transcript re-runs on the installed pack; other pack versions are flagged."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

from classroom_kit import random_transcript, write_class
from engine_kit import mini_deal

from simulator.classroom.replay import Verdict, replay_transcript
from simulator.classroom.transcript import build_transcript, dump_transcript, write_transcript
from simulator.cli.main import main
from simulator.engine import Session

DATA = Path(__file__).parent / "data" / "transcripts"


def test_a_played_session_reproduces() -> None:
    loaded = mini_deal()
    session = Session.start(loaded, seed=5)
    for choice in ("push", "ask", "data"):
        session.choose(choice)
    result = replay_transcript(build_transcript(session, player="owl"), loaded)
    assert result.verdict is Verdict.REPRODUCES and result.ok
    assert "3 moves" in result.summary


def test_a_timed_out_session_reproduces() -> None:
    loaded = mini_deal()
    session = Session.start(loaded)
    session.choose("ask")
    t = build_transcript(session, timed_out=True, time_box_minutes=5)
    result = replay_transcript(t, loaded)
    assert result.ok and "when time ran out" in result.summary


def test_tampered_scores_do_not_reproduce() -> None:
    loaded = mini_deal()
    session = Session.start(loaded)
    session.choose("give")
    t = build_transcript(session)
    tampered = replace(t, scores=t.scores | {"total": 100})
    result = replay_transcript(tampered, loaded)
    assert result.verdict is Verdict.DIFFERS
    assert any(d.startswith("scores.total:") and "says 100" in d for d in result.differences)


def test_a_choice_the_scenario_no_longer_has_is_reported_by_move() -> None:
    loaded = mini_deal()
    session = Session.start(loaded)
    session.choose("ask")
    t = build_transcript(session)
    t = replace(t, moves=[replace(t.moves[0], choice="bribe")])
    result = replay_transcript(t, loaded)
    assert result.verdict is Verdict.DIFFERS and result.differences[0].startswith("move 1 (bribe)")


def test_another_pack_version_is_flagged_not_rescored() -> None:
    loaded = mini_deal()
    session = Session.start(loaded)
    session.choose("give")
    t = build_transcript(session)
    old = replace(t, pack=replace(t.pack, version="0.9", content_hash="0" * 64))
    result = replay_transcript(old, loaded)
    assert result.verdict is Verdict.OTHER_VERSION and "not re-scored" in result.summary
    assert "0.9" in result.summary


def test_cli_replays_a_folder(tmp_path: Path, capsys) -> None:
    write_class(tmp_path, size=3)
    assert main(["replay", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert out.count(": reproduces: ") == 3


def test_cli_flags_the_stored_old_version_fixture(capsys) -> None:
    assert main(["replay", str(DATA / "release_scope_old_version.json")]) == 1
    out = capsys.readouterr().out
    assert "other-version" in out and "0.9.0" in out and "not re-scored" in out


def test_cli_reports_malformed_and_missing_scenarios(tmp_path: Path, capsys) -> None:
    t = random_transcript(1, "kite")
    data = json.loads(dump_transcript(t))
    data["scenario"] = "gone/away"
    data["id"] = "another-session"
    (tmp_path / "gone.json").write_text(json.dumps(data))
    (tmp_path / "bad.json").write_text("{")
    write_transcript(t, tmp_path)
    assert main(["replay", str(tmp_path)]) == 1
    out = capsys.readouterr().out
    assert "bad.json:1:2: not valid JSON" in out
    assert "not-installed: scenario gone/away" in out
    assert ": reproduces: " in out
