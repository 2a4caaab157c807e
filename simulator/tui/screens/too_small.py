"""Shown instead of a broken layout when the terminal is smaller than MIN_WIDTH x MIN_HEIGHT (60x20)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Static


class TooSmallScreen(Screen[None]):
    def compose(self) -> ComposeResult:
        from simulator.tui.base import MIN_HEIGHT, MIN_WIDTH

        yield Static(
            f"The terminal is too small.\nYesable needs at least {MIN_WIDTH}x{MIN_HEIGHT}; please enlarge the window.",
            id="too-small",
        )
