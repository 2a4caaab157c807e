"""Transcripts: built from a session, written atomically, read back, malformed files refused clearly."""

from __future__ import annotations

import json
from dataclasses import fields
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from engine_kit import mini_deal, play_picks
from hypothesis import given, settings
from hypothesis import strategies as st

from simulator.classroom.transcript import (
    Transcript,
    TranscriptError,
    build_transcript,
    collect_transcripts,
    dump_transcript,
    read_transcript,
    write_transcript,
)
from simulator.engine import Session

START = datetime(2026, 11, 24, 9, 0, tzinfo=UTC)


def played(*choices: str, seed: int = 3) -> Session:
    session = Session.start(mini_deal(), seed=seed)
    for choice in choices:
        session.choose(choice)
    return session


def test_transcript_records_pack_moves_ending_and_scores() -> None:
    session = played("ask", "data")
    times = [START + timedelta(minutes=2), START + timedelta(minutes=5)]
    t = build_transcript(
        session,
        player="falcon",
        name="Ada",
        round_id="r1",
        started_at=START,
        finished_at=START + timedelta(minutes=6),
        move_times=times,
    )
    assert t.pack.id == "mini" and t.pack.content_hash == session.loaded.content_hash
    assert t.scenario == "mini/deal" and t.seed == 3
    assert [m.choice for m in t.moves] == ["ask", "data"]
    assert [m.at for m in t.moves] == times
    assert all(m.grade in {"good", "inaccuracy", "mistake", "blunder"} for m in t.moves)  # by the tags
    assert all(m.label == m.grade and m.regret is None for m in t.moves)  # no solver asked
    feedback = {c.id: c.feedback for s in session.loaded.scenario.scenes for c in s.choices}
    assert [m.note for m in t.moves] == [feedback["ask"], feedback["data"]]
    assert t.ended and t.ending == "deal_done" and t.ending_kind == "agreement"
    assert set(t.scores) == {"total", "outcome", "relationship", "discovery", "process"}
    assert t.styles["integrating"] == 1.0
    assert t.label == "falcon" and t.player.name == "Ada" and t.round == "r1"
    assert t.duration_seconds == 360


def test_write_then_read_round_trips(tmp_path: Path) -> None:
    t = build_transcript(played("ask", "data"), player="falcon", round_id="monday")
    path = write_transcript(t, tmp_path / "results")
    assert path.parent == tmp_path / "results" and path.name.startswith("monday-falcon-mini_deal-")
    assert read_transcript(path) == t
    assert [p.name for p in (tmp_path / "results").iterdir()] == [path.name]  # no temp file left


def test_alias_with_path_characters_stays_in_the_folder(tmp_path: Path) -> None:
    t = build_transcript(played("give"), player="../../etc/passwd")
    path = write_transcript(t, tmp_path)
    assert path.parent == tmp_path


def test_timed_out_round_counts_as_impasse() -> None:
    session = played("ask")
    t = build_transcript(session, player="owl", time_box_minutes=10, timed_out=True)
    assert t.timed_out and t.ended and t.time_box_minutes == 10
    assert t.ending == "stuck" and t.ending_kind == "impasse"
    assert t.scores["outcome"] == 20  # the player's BATNA (40) halved, as for any impasse
    assert [m.choice for m in t.moves] == ["ask"]
    assert session.state.scene == "table"  # the live session is not touched


def test_timing_out_after_an_ending_changes_nothing() -> None:
    t = build_transcript(played("give"), timed_out=True)  # ike refuses the custom build: impasse
    assert not t.timed_out and t.ending == "stuck"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{not json", "not valid JSON"),
        ("[1, 2]", "not a Yesable transcript"),
        ('{"kind": "yesable.transcript", "schema_version": 99}', "upgrade yesable"),
        ('{"kind": "yesable.transcript", "schema_version": 1}', "field "),
    ],
)
def test_malformed_files_get_one_clear_line(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "bad.json"
    path.write_text(content)
    with pytest.raises(TranscriptError) as caught:
        read_transcript(path)
    assert str(path) in str(caught.value) and message in str(caught.value)
    assert "\n" not in str(caught.value)


def test_wrong_grade_type_names_the_field(tmp_path: Path) -> None:
    data = json.loads(dump_transcript(build_transcript(played("give"))))
    data["moves"][0]["quality"] = 7
    path = tmp_path / "t.json"
    path.write_text(json.dumps(data))
    with pytest.raises(TranscriptError, match="field moves.0.quality"):
        read_transcript(path)


def test_collect_reads_folders_skips_duplicates_and_reports_bad_files(tmp_path: Path) -> None:
    t = build_transcript(played("give"), player="a")
    first = write_transcript(t, tmp_path)
    (tmp_path / "copy.json").write_text(first.read_text())
    (tmp_path / "broken.json").write_text("{")
    other = write_transcript(build_transcript(played("ask", "split"), player="b"), tmp_path / "sub")
    good, errors = collect_transcripts([tmp_path, tmp_path / "missing.json"])
    assert sorted(x.label for _, x in good) == ["a", "b"]
    assert other in [p for p, _ in good]
    assert len(errors) == 2
    assert any("broken.json" in e and "not valid JSON" in e for e in errors)
    assert any("missing.json: no such file" in e for e in errors)


def test_schema_is_the_documented_one() -> None:
    doc = (Path(__file__).parents[1] / "docs" / "transcript.md").read_text()
    for field in (f.name for f in fields(Transcript)):
        assert f"`{field}`" in doc, f"docs/transcript.md does not describe {field}"


@settings(max_examples=40, deadline=None)
@given(seed=st.integers(0, 10_000), picks=st.lists(st.integers(0, 10), max_size=8), timed_out=st.booleans())
def test_any_session_round_trips_and_replays(seed: int, picks: list[int], timed_out: bool) -> None:
    """Every transcript, at any point of any play, reads back equal and reproduces on replay."""
    from simulator.classroom.replay import replay_transcript
    from simulator.classroom.transcript import parse_transcript

    loaded = mini_deal()
    session = play_picks(loaded, picks, seed)
    t = build_transcript(session, player="p", timed_out=timed_out)
    assert parse_transcript(dump_transcript(t)) == t
    assert replay_transcript(t, loaded).ok


def test_the_solver_s_reviews_key_labels_to_regret_and_name_the_better_move(tmp_path: Path) -> None:
    from simulator.analysis.review import review
    from simulator.classroom.transcript import with_reviews

    session = played("give")
    reviews = review(session.loaded, session.state.history, session.state.seed)
    t = build_transcript(session, reviews=reviews)
    move = t.moves[0]
    assert move.regret is not None and move.regret > 0
    assert move.better is not None and move.better.choice != "give" and move.better.gain > 0
    assert move.label in {"inaccuracy", "mistake", "blunder"}
    plain = build_transcript(session)
    added = with_reviews(plain, [move.label], reviews)
    assert added.moves[0].better == move.better and added.moves[0].regret == move.regret
    assert read_transcript(write_transcript(added, tmp_path)) == added
