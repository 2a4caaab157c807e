"""`e` in the debrief exports the transcript to the data folder's exports/ or a path the user types,
never the current folder; Esc cancels (issue 15, part 4)."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
from textual.widgets import Input
from tui_kit import app_for, play_through

from simulator.classroom.transcript import read_transcript
from simulator.tui.screens.debrief import DebriefScreen
from simulator.tui.screens.export import ExportScreen, export_target


async def reach_debrief(pilot, app) -> None:  # type: ignore[no-untyped-def]
    await play_through(pilot, app)
    await pilot.pause()
    assert isinstance(app.screen, DebriefScreen)


async def test_e_exports_into_the_data_folders_exports(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cwd = tmp_path / "cwd"
    cwd.mkdir()
    monkeypatch.chdir(cwd)
    app = app_for(tmp_path / "data")
    async with app.run_test(size=(100, 40)) as pilot:
        await reach_debrief(pilot, app)
        written = Path(app.screen.transcript_path)  # type: ignore[attr-defined]
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, ExportScreen)
        default = tmp_path / "data" / "exports" / written.name
        assert app.screen.query_one("#export-path", Input).value == str(default)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, DebriefScreen)
    assert read_transcript(default).id == read_transcript(written).id
    if os.name == "posix":
        assert stat.S_IMODE(default.stat().st_mode) == 0o644
    assert list(cwd.iterdir()) == []


async def test_the_user_can_type_another_path_or_cancel(tmp_path: Path) -> None:
    app = app_for(tmp_path / "data")
    target = tmp_path / "mine" / "session.json"
    async with app.run_test(size=(100, 40)) as pilot:
        await reach_debrief(pilot, app)
        await pilot.press("e")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, DebriefScreen)
        assert not (tmp_path / "data" / "exports").exists()
        await pilot.press("e")
        await pilot.pause()
        app.screen.query_one("#export-path", Input).value = str(target)
        await pilot.press("enter")
        await pilot.pause()
    assert read_transcript(target).scenario


def test_export_target_reads_folders_and_relative_paths(tmp_path: Path) -> None:
    default = tmp_path / "exports" / "t.json"
    assert export_target("  ", default) is None
    assert export_target(str(tmp_path), default) == tmp_path / "t.json"
    assert export_target("class/", default) == tmp_path / "exports" / "class" / "t.json"
    assert export_target("x.json", default) == tmp_path / "exports" / "x.json"
    assert export_target("~/y.json", default) == Path.home() / "y.json"
