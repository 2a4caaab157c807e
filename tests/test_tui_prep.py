"""The preparation sheet in the app (issue 16.3): filled before the brief from home's `p`, kept when
the player goes back, carried by the game through autosave and resume, graded only in the debrief
and kept in the transcript."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

from rich.console import Console
from textual.widgets import Input, Select, SelectionList, Static
from tui_kit import app_for, snapshot_library

from simulator.classroom.transcript import read_transcript
from simulator.scoring.prep import statements
from simulator.tui.app import YesableApp
from simulator.tui.screens.brief import BriefScreen
from simulator.tui.screens.conversation import ConversationScreen
from simulator.tui.screens.debrief import DebriefScreen
from simulator.tui.screens.home import HomeScreen
from simulator.tui.screens.prep import PrepScreen, WrappingSelectionList

REF = "snapshots/rollout"


def app(tmp_path: Path, **kwargs: object) -> YesableApp:
    return app_for(tmp_path, snapshot_library(), **kwargs)


def text_of(app: YesableApp) -> str:
    return "\n".join(str(s.render()) for s in app.screen.query(Static))


async def fill(pilot: Any) -> None:
    """From home: open the sheet and fill it the way a player does, by keys."""
    app = pilot.app
    await pilot.press("p")
    await pilot.pause()
    assert isinstance(app.screen, PrepScreen)
    await pilot.press("enter")  # Olga's quadrant: open the list ...
    await pilot.pause()
    for _ in range(3):  # ... (choose), critical supporter, accelerator, potential disruptor
        await pilot.press("down")
    await pilot.press("enter")
    await pilot.pause()
    assert app.screen.query_one("#prep-quadrant-0", Select).value == "potential_disruptor"
    interests = app.screen.query_one("#prep-interests-0", SelectionList)
    pager = next(i for i in range(interests.option_count) if interests.get_option_at_index(i).value == "snap_ops.pager")
    interests.focus()
    await pilot.pause()
    for _ in range(pager):
        await pilot.press("down")
    await pilot.press("space")
    for key, value in (("batna", "40"), ("reservation", "45")):
        app.screen.query_one(f"#prep-{key}", Input).focus()
        await pilot.press(*value)
    app.screen.query_one("#prep-first", Select).value = "snap_ops"
    await pilot.pause()


async def test_the_sheet_shows_what_a_pm_knows_and_nothing_the_brief_would_give_away(
    tmp_path: Path,
) -> None:
    game = app(tmp_path)
    async with game.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("p")
        await pilot.pause()
        shown = text_of(game)
        assert "Olga Okafor" in shown and "Freeze every release until the incidents stop." in shown
        assert "Incidents per month" in shown
        assert "potential disruptor" not in shown.lower() and "legitimate 4" not in shown
        loaded = game.scenario(REF)
        offered = [s.key for s in statements(loaded, "snap_ops", game.prep_drafts[REF].seed)]
        listed = game.screen.query_one("#prep-interests-0", WrappingSelectionList)
        assert [listed.get_option_at_index(i).value for i in range(listed.option_count)] == offered
        assert "(100%" not in shown and "credit" not in shown.lower()  # nothing graded before play


async def test_escape_keeps_what_was_entered_and_done_opens_the_brief(tmp_path: Path) -> None:
    game = app(tmp_path)
    async with game.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await fill(pilot)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(game.screen, HomeScreen)
        await pilot.press("p")
        await pilot.pause()
        screen = game.screen
        assert screen.query_one("#prep-quadrant-0", Select).value == "potential_disruptor"
        assert screen.query_one("#prep-interests-0", SelectionList).selected == ["snap_ops.pager"]
        assert screen.query_one("#prep-batna", Input).value == "40"
        screen.query_one("#prep-reservation", Input).value = "140"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(game.screen, PrepScreen)  # 140 is refused, the sheet stays open
        assert game.screen.query_one("#prep-reservation", Input).has_focus
        game.screen.query_one("#prep-reservation", Input).value = "45"
        await pilot.click("#prep-done")
        await pilot.pause()
        assert isinstance(game.screen, BriefScreen)
        assert game.prep_drafts[REF].done


async def test_a_filled_sheet_is_graded_in_the_debrief_and_kept_in_the_transcript(
    tmp_path: Path,
) -> None:
    game = app(tmp_path)
    async with game.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await fill(pilot)
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("enter")  # brief -> conversation
        await pilot.pause()
        assert isinstance(game.screen, ConversationScreen) and game.game is not None
        assert game.game.prep is not None and game.game.prep.batna_value == 40
        ids = [c.id for c in game.game.session.available()]
        await pilot.press(str(ids.index("order") + 1))
        for _ in range(20):
            await pilot.pause()
            if isinstance(game.screen, DebriefScreen):
                break
        assert isinstance(game.screen, DebriefScreen)
        console = Console(width=78, record=True, file=io.StringIO())
        console.print(game.screen.query_one("#debrief-prep", Static).content)
        table = console.export_text()
        assert "Your preparation sheet: " in table and "Olga Okafor:       potential_disruptor" in table
        assert "potential_disruptor" in table and "critical_supporter" in table  # Sami's truth, unplaced
        assert "Her team has been paged" in table  # the hidden interest, told now the meeting is over
        transcripts = list((tmp_path / "transcripts").glob("*.json"))
        assert len(transcripts) == 1
        prep = read_transcript(transcripts[0]).prep
        assert prep is not None and prep.reads["snap_ops"].quadrant == "potential_disruptor"
        credits = {(i.who, i.topic): i.credit for i in prep.items}
        assert credits[("snap_ops", "quadrant")] == 1 and credits[("snap_sales", "quadrant")] == 0
        assert credits[(None, "batna")] == 1 and credits[(None, "reservation")] == 1
        assert credits[(None, "meet_first")] == 1 and credits[("snap_ops", "interests")] == 1
        assert 0 < prep.score < 100 and f"Your preparation sheet: {prep.score} / 100" in table
        assert REF not in game.prep_drafts  # the sheet was for that game: a replay starts unprepared


async def test_without_a_sheet_the_debrief_has_no_preparation_table(tmp_path: Path) -> None:
    game = app(tmp_path)
    async with game.run_test(size=(80, 24)) as pilot:
        for key in ("enter", "enter"):
            await pilot.pause()
            await pilot.press(key)
        await pilot.pause()
        assert game.game is not None
        ids = [c.id for c in game.game.session.available()]
        await pilot.press(str(ids.index("order") + 1))
        for _ in range(20):
            await pilot.pause()
            if isinstance(game.screen, DebriefScreen):
                break
        assert isinstance(game.screen, DebriefScreen) and not game.screen.query("#debrief-prep")
        transcript = read_transcript(next((tmp_path / "transcripts").glob("*.json")))
        assert transcript.prep is None


async def test_the_autosave_keeps_the_sheet_and_resume_brings_it_back(tmp_path: Path) -> None:
    first = app(tmp_path)
    async with first.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await fill(pilot)
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert first.game is not None
        await pilot.press(str([c.id for c in first.game.session.available()].index("ask") + 1))
        await pilot.pause()
    saved = json.loads(next((tmp_path / "saves").glob("*.json")).read_text(encoding="utf-8"))
    assert saved["save_version"] == 1 and saved["prep"]["batna_value"] == 40
    second = app(tmp_path)
    async with second.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("enter")  # home -> the resume prompt
        await pilot.pause()
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(second.screen, ConversationScreen) and second.game is not None
        assert second.game.prep is not None and second.game.prep.reservation_value == 45
        assert second.game.prep.reads["snap_ops"].interests == {"snap_ops.pager"}


async def test_the_sheet_scrolls_at_the_smallest_size(tmp_path: Path) -> None:
    game = app(tmp_path)
    async with game.run_test(size=(60, 20)) as pilot:
        await pilot.pause()
        await pilot.press("p")
        await pilot.pause()
        sheet = game.screen.query_one("#prep")
        assert sheet.max_scroll_y > 0
        game.screen.query_one("#prep-done").focus()
        await pilot.pause()
        assert sheet.scroll_y > 0  # the Done button scrolled into view
