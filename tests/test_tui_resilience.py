"""The end of a game and the resume prompt lose nothing the player made, whatever state the
progress database and the saves are in."""

from __future__ import annotations

from pathlib import Path

import pytest
from tui_kit import REF, app_for, play_through

from simulator.storage.saves import save_name
from simulator.tui.screens.alias import AliasScreen
from simulator.tui.screens.debrief import DebriefScreen
from simulator.tui.screens.home import HomeScreen
from simulator.tui.screens.resume import ResumeScreen


async def test_a_corrupt_progress_database_still_shows_the_debrief_and_writes_one_transcript(tmp_path: Path) -> None:
    (tmp_path / "progress.sqlite3").write_bytes(b"not a database at all" * 200)
    app = app_for(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await play_through(pilot, app)
        assert isinstance(app.screen, DebriefScreen)
        assert any("progress" in n.message.lower() for n in app._notifications)
    assert len(list((tmp_path / "transcripts").glob("*.json"))) == 1
    assert not (tmp_path / "saves" / save_name(REF)).exists(), "the finished game's save is cleared"


async def test_escape_on_the_resume_prompt_keeps_the_save(tmp_path: Path) -> None:
    app = app_for(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        for key in ("enter", "enter"):  # open the scenario, begin it
            await pilot.pause()
            await pilot.press(key)
        await pilot.pause()
        await pilot.press("1")
        await pilot.pause()
        await pilot.press("escape")  # home, saved
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        save = tmp_path / "saves" / save_name(REF)
        before = save.read_bytes()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ResumeScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
    assert save.read_bytes() == before


async def test_served_players_each_get_their_own_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Under `yesable serve`, the alias decides the data folder: one player never sees another's game."""
    homes = tmp_path / "players"
    monkeypatch.setenv("YESABLE_PLAYER_HOMES", str(homes))

    async def play_one_move_as(alias: str) -> tuple[Path, bool]:
        """(the data folder the app used, whether it offered to resume a saved game)"""
        app = app_for(tmp_path / "server-data")
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            assert isinstance(app.screen, AliasScreen)
            await pilot.press(*alias, "enter")
            await pilot.pause()
            await pilot.press("enter")  # open the scenario
            await pilot.pause()
            if isinstance(app.screen, ResumeScreen):
                return app.config.data_dir, True
            await pilot.press("enter")  # begin
            await pilot.pause()
            await pilot.press("1")
            await pilot.pause()
            return app.config.data_dir, False

    assert await play_one_move_as("ana") == (homes / "ana", False)
    assert (homes / "ana" / "saves" / save_name(REF)).is_file()
    assert await play_one_move_as("bo") == (homes / "bo", False), "bo is not offered ana's game"
    assert not (tmp_path / "server-data" / "saves").exists(), "nothing lands in the server's own folder"
    assert await play_one_move_as("ana") == (homes / "ana", True), "ana finds her own game again"
