"""Snapshots of every screen on a small fixture pack (tests/data/snapshot_pack), not the bundled content.

Each screen at 80x24 and 120x40; the brief, the conversation and the debrief also at 60x20, the
smallest terminal the app lays out for. Everything that varies is frozen: the seed is 0 (app_for), no
live regrets, the debrief's regret worker has finished, the resume prompt gets a fixed save time.
Update with `pytest tests/test_tui_snapshots.py --snapshot-update` and look at every changed picture.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from tui_kit import app_for, snapshot_library

from simulator.content.problems import Problem
from simulator.tui.app import YesableApp
from simulator.tui.screens.conversation import ConversationScreen
from simulator.tui.screens.debrief import DebriefScreen
from simulator.tui.screens.prep import PrepScreen
from simulator.tui.screens.problems import ProblemsScreen
from simulator.tui.screens.resume import ResumeScreen
from simulator.tui.screens.too_small import TooSmallScreen

REF = "snapshots/rollout"
EVERY = [(80, 24), (120, 40)]
PLAY = [(60, 20), (80, 24), (120, 40)]


def size_id(size: tuple[int, int]) -> str:
    return f"{size[0]}x{size[1]}"


def app(tmp_path: Path, **kwargs: object) -> YesableApp:
    return app_for(tmp_path, snapshot_library(), **kwargs)


async def choose(pilot: Any, choice_id: str) -> None:
    """Press the number the choice `choice_id` has in this (seeded) order."""
    game = pilot.app.game
    ids = [c.id for c in game.session.available()]
    await pilot.press(str(ids.index(choice_id) + 1))
    await pilot.pause()


async def begin(pilot: Any) -> None:
    for key in ("enter", "enter"):  # home -> brief -> conversation
        await pilot.pause()
        await pilot.press(key)
    await pilot.pause()
    assert isinstance(pilot.app.screen, ConversationScreen)


@pytest.mark.parametrize("size", EVERY, ids=size_id)
def test_home(snap_compare: Any, tmp_path: Path, size: tuple[int, int]) -> None:
    assert snap_compare(app(tmp_path), terminal_size=size)


@pytest.mark.parametrize("size", PLAY, ids=size_id)
def test_brief(snap_compare: Any, tmp_path: Path, size: tuple[int, int]) -> None:
    assert snap_compare(app(tmp_path), press=["enter"], terminal_size=size)


@pytest.mark.parametrize("size", PLAY, ids=size_id)
def test_conversation_opening(snap_compare: Any, tmp_path: Path, size: tuple[int, int]) -> None:
    """The narration, both stakeholders' lines and all four choices (one of them long)."""
    assert snap_compare(app(tmp_path), run_before=begin, terminal_size=size)


@pytest.mark.parametrize("size", PLAY, ids=size_id)
def test_conversation_after_a_move(snap_compare: Any, tmp_path: Path, size: tuple[int, int]) -> None:
    """The replies in view (not only "You: ..."), and the author's long note on the move in full."""

    async def move(pilot: Any) -> None:
        await begin(pilot)
        await choose(pilot, "ask")

    assert snap_compare(app(tmp_path), run_before=move, terminal_size=size)


@pytest.mark.parametrize("size", PLAY, ids=size_id)
def test_debrief(snap_compare: Any, tmp_path: Path, size: tuple[int, int]) -> None:
    async def play(pilot: Any) -> None:
        await begin(pilot)
        await choose(pilot, "ask")
        await choose(pilot, "staged")
        assert isinstance(pilot.app.screen, DebriefScreen)
        await pilot.app.screen.workers.wait_for_complete()  # the regrets, from the solver
        await pilot.pause()

    assert snap_compare(app(tmp_path), run_before=play, terminal_size=size)


@pytest.mark.parametrize("size", PLAY, ids=size_id)
def test_prep_sheet(snap_compare: Any, tmp_path: Path, size: tuple[int, int]) -> None:
    """The preparation sheet as it opens from home (`p`): the statements in the seed-0 order."""

    async def open_it(pilot: Any) -> None:
        await pilot.pause()
        await pilot.press("p")
        await pilot.pause()
        assert isinstance(pilot.app.screen, PrepScreen)

    assert snap_compare(app(tmp_path), run_before=open_it, terminal_size=size)


@pytest.mark.parametrize("size", EVERY, ids=size_id)
def test_feedback_in_full(snap_compare: Any, tmp_path: Path, size: tuple[int, int]) -> None:
    async def open_it(pilot: Any) -> None:
        await begin(pilot)
        await choose(pilot, "ask")
        await pilot.press("f")
        await pilot.pause()

    assert snap_compare(app(tmp_path), run_before=open_it, terminal_size=size)


@pytest.mark.parametrize("size", EVERY, ids=size_id)
def test_help(snap_compare: Any, tmp_path: Path, size: tuple[int, int]) -> None:
    assert snap_compare(app(tmp_path), press=["question_mark"], terminal_size=size)


@pytest.mark.parametrize("size", EVERY, ids=size_id)
def test_problems(snap_compare: Any, tmp_path: Path, size: tuple[int, int]) -> None:
    """What `play --watch` shows while the pack does not load."""
    problems = [
        Problem(
            "snapshot_pack/rollout.yaml", 42, 9, "scene 'table' is not defined; did you mean 'tables'?", "unknown-scene"
        ),
        Problem(
            "snapshot_pack/rollout.yaml",
            57,
            5,
            "this choice can never be offered",
            "dead-choice",
            "warning",
            "remove its `if` or the choice",
        ),
    ]

    async def show(pilot: Any) -> None:
        await pilot.pause()
        pilot.app.push_screen(ProblemsScreen(REF, problems))
        await pilot.pause()

    assert snap_compare(app(tmp_path), run_before=show, terminal_size=size)


@pytest.mark.parametrize("size", EVERY, ids=size_id)
def test_resume(snap_compare: Any, tmp_path: Path, size: tuple[int, int]) -> None:
    async def show(pilot: Any) -> None:
        await pilot.pause()
        pilot.app.push_screen(ResumeScreen(REF, "2026-03-02T09:15:00+00:00", 2))
        await pilot.pause()

    assert snap_compare(app(tmp_path), run_before=show, terminal_size=size)


@pytest.mark.parametrize("size", EVERY, ids=size_id)
def test_alias(snap_compare: Any, tmp_path: Path, size: tuple[int, int]) -> None:
    """A class round asks for the player's alias before anything is played."""
    round_app = app(tmp_path)
    round_app.config.round_id = "tuesday-am"
    assert snap_compare(round_app, terminal_size=size)


def test_too_small(snap_compare: Any, tmp_path: Path) -> None:
    async def wait(pilot: Any) -> None:
        for _ in range(20):
            await pilot.pause()
            if isinstance(pilot.app.screen, TooSmallScreen):
                break
        assert isinstance(pilot.app.screen, TooSmallScreen)

    assert snap_compare(app(tmp_path), run_before=wait, terminal_size=(50, 15))
