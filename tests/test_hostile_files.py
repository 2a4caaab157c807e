"""Files Yesable reads but did not write (transcripts, caches) can be hostile: a device, a FIFO,
deeply nested JSON. Each is refused with one line and everything else goes on."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from classroom_kit import random_transcript

from simulator.classroom.transcript import write_transcript
from simulator.cli.main import main
from simulator.content.compiled import read_compiled

NESTED = "[" * 300_000 + "]" * 300_000


def test_replay_of_a_device_answers_at_once(capsys: pytest.CaptureFixture[str]) -> None:
    began = time.perf_counter()
    assert main(["replay", "/dev/zero"]) == 1
    assert time.perf_counter() - began < 5
    assert "not a regular file" in capsys.readouterr().out


def test_a_fifo_among_transcripts_does_not_hang_the_report(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    results = tmp_path / "results"
    write_transcript(random_transcript(1, "kite"), results)
    os.mkfifo(results / "stuck.json")
    (results / "deep.json").write_text(NESTED)
    assert main(["report", str(results), "--out", str(tmp_path / "r.html")]) == 1  # 1: files were skipped
    out = capsys.readouterr()
    text = out.out + out.err
    assert "stuck.json" in text and "not a regular file" in text
    assert "deep.json" in text and "nested too deeply" in text
    assert (tmp_path / "r.html").is_file()


def test_a_deeply_nested_compiled_copy_is_ignored(tmp_path: Path) -> None:
    folder = tmp_path / "compiled"
    (folder / "p").mkdir(parents=True)
    (folder / "p" / "s.json").write_text(NESTED[:100] + "\n" + NESTED)
    assert read_compiled(folder, "p/s", {}) is None  # type: ignore[arg-type]


def test_an_absurd_number_of_runs_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["simulate", "release_scope", "--runs", str(10**20)]) == 2
    assert "--runs must be from 1 to 10,000,000" in capsys.readouterr().err
