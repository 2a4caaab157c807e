"""Saves and the progress database: atomic, per scenario, and never fatal when a file is bad."""

from __future__ import annotations

import json
import os
import sqlite3
import time
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from simulator.content.locations import user_data_dir
from simulator.storage.files import atomic_write
from simulator.storage.jsonfile import UnreadableJson, read_json_file
from simulator.storage.progress import MIGRATIONS, SCHEMA_VERSION, Progress, ProgressError
from simulator.storage.saves import SaveConflict, Saves, save_name


def test_save_round_trips_and_leaves_no_temporary_files(tmp_path: Path) -> None:
    saves = Saves(tmp_path)
    saves.write("pack/one", '{"scene": "a"}', ["2026-01-01T00:00:00+00:00"])
    got = saves.read("pack/one")
    assert got is not None and got.state_json == '{"scene": "a"}'
    assert got.move_times == ["2026-01-01T00:00:00+00:00"]
    assert [p.name for p in tmp_path.iterdir()] == [save_name("pack/one")]


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
    assert len(list(tmp_path.glob(save_name("pack/one") + ".corrupt-*"))) == 1
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


@given(st.lists(st.text(min_size=1, max_size=12), min_size=2, max_size=6, unique=True))
def test_save_names_are_one_per_scenario(refs: list[str]) -> None:
    names = [save_name(ref) for ref in refs]
    assert len(set(names)) == len(names)
    assert all("/" not in n and n.endswith(".json") for n in names)


def test_two_refs_that_once_shared_a_file_keep_their_own_games(tmp_path: Path) -> None:
    saves = Saves(tmp_path)
    saves.write("col/a__b", '{"scene": "one"}')
    saves.write("col__a/b", '{"scene": "two"}')
    one, two = saves.read("col/a__b"), saves.read("col__a/b")
    assert one is not None and two is not None
    assert (one.state_json, two.state_json) == ('{"scene": "one"}', '{"scene": "two"}')
    assert not saves.problems


def test_a_save_under_its_old_name_is_still_found(tmp_path: Path) -> None:
    saves = Saves(tmp_path)
    saves.write("pack/one", '{"scene": "a"}')
    (tmp_path / save_name("pack/one")).rename(tmp_path / "pack__one.json")
    got = Saves(tmp_path).read("pack/one")
    assert got is not None and got.state_json == '{"scene": "a"}'


def test_a_second_process_on_an_open_game_is_told_instead_of_overwriting(tmp_path: Path) -> None:
    first, second = Saves(tmp_path), Saves(tmp_path)
    first.write("pack/one", '{"scene": "a"}')
    assert second.read("pack/one") is not None
    time.sleep(0.01)
    second.write("pack/one", '{"scene": "b"}')
    with pytest.raises(SaveConflict, match="another Yesable"):
        first.write("pack/one", '{"scene": "c"}')
    got = Saves(tmp_path).read("pack/one")
    assert got is not None and got.state_json == '{"scene": "b"}'


def test_a_save_from_a_newer_engine_is_set_aside_not_resumed(tmp_path: Path) -> None:
    saves = Saves(tmp_path)
    saves.write("pack/one", json.dumps({"schema_version": 99, "scene": "a"}))
    reader = Saves(tmp_path, state_version=1)
    assert reader.read("pack/one") is None
    assert "newer Yesable" in reader.problems[0]
    assert list(tmp_path.glob("*.corrupt-*"))


@pytest.mark.parametrize("body", ["[" * 200_000 + "]" * 200_000, '{"a":' * 100_000 + "1" + "}" * 100_000])
def test_deeply_nested_json_is_set_aside_not_fatal(tmp_path: Path, body: str) -> None:
    saves = Saves(tmp_path)
    saves.path("pack/one").write_text(body)
    assert saves.read("pack/one") is None
    assert "pack/one" in saves.problems[0]


def test_a_fifo_or_device_is_refused_without_hanging(tmp_path: Path) -> None:
    fifo = tmp_path / "f.json"
    os.mkfifo(fifo)
    with pytest.raises(UnreadableJson, match="not a regular file"):
        read_json_file(fifo)
    with pytest.raises(UnreadableJson):
        read_json_file(Path("/dev/zero"))


def test_a_corrupt_progress_database_raises_progress_error_not_sqlite(tmp_path: Path) -> None:
    path = tmp_path / "p.sqlite3"
    path.write_bytes(b"this is not a database" * 100)
    with pytest.raises(ProgressError):
        Progress(path).best()
    with pytest.raises(ProgressError):
        Progress(path).record("pack/one", {"total": 1}, None)


def test_a_database_from_before_versioning_is_migrated_and_one_from_a_newer_yesable_refused(tmp_path: Path) -> None:
    path = tmp_path / "p.sqlite3"
    with sqlite3.connect(path) as db:
        db.executescript(MIGRATIONS[1])
        db.execute("INSERT INTO attempts (scenario, finished_at, total, components) VALUES ('a/b', 't', 5, '{}')")
    assert Progress(path).best() == {"a/b": (5, 1)}
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        db.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    with pytest.raises(ProgressError, match="newer"):
        Progress(path).best()
