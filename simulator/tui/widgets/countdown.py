"""The time box's countdown (`play --minutes N`): `mm:ss` at the right of the header."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.widgets import Static

from simulator.tui.when import clock

if TYPE_CHECKING:
    from simulator.tui.base import AppBase


class Countdown(Static):
    """Time left in the round; the app's time-box tick updates it each second."""

    DEFAULT_CSS = """
    Countdown {
        dock: right;
        width: auto;
        padding: 0 1;
        text-style: bold;
    }
    Countdown.-low { background: $warning 40%; }
    Countdown.-over { background: $error 40%; }
    """

    app: AppBase

    def on_mount(self) -> None:
        self.show(self.app.time_left())

    def show(self, seconds: float | None) -> None:
        if seconds is None:
            self.update("")
            return
        self.update(Text(f"⏱ {clock(seconds)}"))
        self.set_class(0 < seconds <= self.app.warn_before(), "-low")
        self.set_class(seconds <= 0, "-over")
