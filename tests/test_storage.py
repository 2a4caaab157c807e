"""Saves and the progress database: atomic, per scenario, and never fatal when a file is bad."""

from __future__ import annotations

from pathlib import Path

import pytest

from simulator.content.locations import user_data_dir
from simulator.storage.progress import Progress
from simulator.storage.saves import Saves, atomic_write


def test_save_round_trips_and_leaves_no_temporary_files(tmp_path: Path) -> None:
    saves = Saves(tmp_path)
    saves.write("pack/one", '{"scene": "a"}', ["2026-01-01T00:00:00+00:00"])
    got = saves.read("pack/one")
    assert got is not None and got.state_json == '{"scene": "a"}'
    assert got.move_times == ["2026-01-01T00:00:00+00:00"]
    assert [p.name for p in tmp_path.iterdir()] == ["pack__one.json"]


def test_a_failed_write_keeps_the_old_save(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "x.json"
    atomic_write(target, "old")

    def boom(*args: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr("os.replace", boom)
    with pytest.raises(OSError):
        atomic_write(target, "new")
    assert target.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["x.json"]


@pytest.mark.parametrize("body", ["{broken", "[]", '{"scenario": "pack/other", "state": {}}', "\udcff"])
def test_a_corrupt_save_is_moved_aside_and_reported(tmp_path: Path, body: str) -> None:
    saves = Saves(tmp_path)
    saves.path("pack/one").write_bytes(body.encode("utf-8", "surrogateescape"))
    saves.write("pack/two", "{}")
    assert saves.read("pack/one") is None
    assert len(saves.problems) == 1 and "pack/one" in saves.problems[0]
    assert len(list(tmp_path.glob("pack__one.json.corrupt-*"))) == 1
    assert saves.read("pack/two") is not None


def test_yesable_home_overrides_the_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("YESABLE_HOME", str(tmp_path))
    assert user_data_dir() == tmp_path


def test_progress_keeps_attempts_and_best_scores(tmp_path: Path) -> None:
    db = Progress(tmp_path / "p.sqlite3")
    scores = {"total": 40, "outcome": 30, "relationship": 50, "discovery": 0, "process": 60}
    db.record("pack/one", scores, "impasse")
    db.record("pack/one", {**scores, "total": 72}, "agreement", "/t.json")
    db.record("pack/two", {**scores, "total": 10}, None)
    again = Progress(tmp_path / "p.sqlite3")
    assert again.best() == {"pack/one": (72, 2), "pack/two": (10, 1)}
    first, second = again.attempts("pack/one")
    assert first.components["relationship"] == 50 and first.ending == "impasse"
    assert second.total == 72 and second.transcript == "/t.json"


def test_a_save_from_another_format_version_is_set_aside(tmp_path: Path) -> None:
    saves = Saves(tmp_path)
    saves.path("pack/one").write_text('{"save_version": 99, "scenario": "pack/one", "state": {}}')
    assert saves.read("pack/one") is None
    assert "format 99" in saves.problems[0]
