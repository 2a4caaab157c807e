"""Layouts that fit (issue 15): what a player must see without scrolling, at 80x24 and down to 60x20."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.containers import VerticalScroll
from textual.widgets import OptionList, Static
from tui_kit import app_for, snapshot_library

from simulator.content.loader import load_library
from simulator.tui.app import YesableApp
from simulator.tui.screens.conversation import ConversationScreen
from simulator.tui.screens.feedback import FeedbackScreen


def fully_visible(widget: Static, log: VerticalScroll) -> bool:
    """Every row of `widget` lies inside the log's visible part."""
    inner = log.content_region
    region = widget.region
    return region.height > 0 and inner.y <= region.y and region.bottom <= inner.bottom


def check_fits(app: YesableApp) -> None:
    screen = app.screen
    assert isinstance(screen, ConversationScreen)
    log = screen.query_one("#log", VerticalScroll)
    lines = list(log.query(".line").results(Static))
    said = app.game.log  # type: ignore[union-attr]
    assert len(lines) == len(said)
    # the scene's narration (the last one) and every line after it, down to the stakeholder's latest
    start = max((i for i, text in enumerate(said) if text.style == "italic"), default=len(said) - 1)
    assert not said[-1].plain.startswith("You: ")
    assert all(fully_visible(w, log) for w in lines[start:]), "the scene or the replies are off screen"
    choices = screen.query_one("#choices", OptionList)
    assert choices.max_scroll_y == 0, "a choice is hidden behind a scrollbar"
    assert choices.option_count == len(app.game.session.available())  # type: ignore[union-attr]
    feedback = screen.query_one("#feedback", Static)
    assert feedback.region.height >= feedback.virtual_size.height, "the feedback line is cut"


@pytest.mark.parametrize(
    "ref",
    [
        "critical_supporters/pm_vs_pmm",
        "critical_supporters/release_scope",
        "leading_upward_and_across/escalated_customer",
    ],
)
async def test_at_80x24_the_scene_and_every_choice_fit(tmp_path: Path, ref: str) -> None:
    """Narration, the stakeholder's latest line and all choices on screen, at the start and after a move."""
    library = load_library(include_user=False)
    app = app_for(tmp_path, library, scenario_ref=ref)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("enter")  # the brief -> the conversation
        for _ in range(2):
            await pilot.pause()
            await pilot.pause()
            check_fits(app)
            await pilot.press("1")
        await pilot.pause()


@pytest.mark.parametrize("size", [(60, 20), (80, 24), (99, 40)])
async def test_a_narrow_terminal_folds_the_side_panel_into_a_meter_strip(tmp_path: Path, size: tuple[int, int]) -> None:
    app = app_for(tmp_path, snapshot_library())
    async with app.run_test(size=size) as pilot:
        for key in ("enter", "enter"):
            await pilot.pause()
            await pilot.press(key)
        await pilot.pause()
        strip = app.screen.query_one("#strip", Static)
        assert strip.display and strip.region.height == 1 and not app.screen.query_one("#people").display
        assert str(strip.render()).startswith("Olga T 35 S 50 │ Sami T 50 S 50")
        await pilot.resize_terminal(120, 40)
        await pilot.pause()
        assert not strip.display and app.screen.query_one("#people").display


async def test_the_long_note_is_never_cut_and_f_opens_every_move_in_full(tmp_path: Path) -> None:
    app = app_for(tmp_path, snapshot_library())
    async with app.run_test(size=(60, 20)) as pilot:
        for key in ("enter", "enter"):
            await pilot.pause()
            await pilot.press(key)
        await pilot.pause()
        game = app.game
        assert game is not None
        await pilot.press(str([c.id for c in game.session.available()].index("ask") + 1))
        await pilot.pause()
        feedback = app.screen.query_one("#feedback", Static)
        assert feedback.region.height >= feedback.virtual_size.height >= 4
        assert "rather than be cut after two lines" in str(feedback.render())
        await pilot.press("f")
        await pilot.pause()
        assert isinstance(app.screen, FeedbackScreen)
        shown = str(app.screen.query_one(Static).render())
        assert "Move 1: good" in shown and "You: Olga, before we talk dates" in shown
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ConversationScreen)
