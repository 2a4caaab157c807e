"""Snapshots of each screen at 80x24 (pytest-textual-snapshot; update with --snapshot-update)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tui_kit import app_for, play_through


def test_home(snap_compare: Any, tmp_path: Path) -> None:
    assert snap_compare(app_for(tmp_path), terminal_size=(80, 24))


def test_brief(snap_compare: Any, tmp_path: Path) -> None:
    assert snap_compare(app_for(tmp_path), press=["enter"], terminal_size=(80, 24))


def test_conversation_after_a_move(snap_compare: Any, tmp_path: Path) -> None:
    async def move(pilot: Any) -> None:
        for key in ("enter", "enter", "2"):
            await pilot.pause()
            await pilot.press(key)
        await pilot.pause()

    assert snap_compare(app_for(tmp_path), run_before=move, terminal_size=(80, 24))


def test_debrief(snap_compare: Any, tmp_path: Path) -> None:
    app = app_for(tmp_path)

    async def play(pilot: Any) -> None:
        await play_through(pilot, app)
        await app.screen.workers.wait_for_complete()  # each move's regret, from the solver
        await pilot.pause()

    assert snap_compare(app, run_before=play, terminal_size=(80, 24))
