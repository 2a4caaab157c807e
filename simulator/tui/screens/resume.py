"""Offer to continue an autosaved game where the player left it."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from simulator.tui.when import ago, plural


class ResumeScreen(ModalScreen[bool | None]):
    """Resume (True), start over (False: the save is deleted) or Esc (None: back, the save kept)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("r,y", "answer(True)", "Resume", id="resume.yes"),
        Binding("n", "answer(False)", "Start over", id="resume.no"),
        Binding("escape", "cancel", "Back (keeps the save)", id="resume.back"),
    ]

    def __init__(self, ref: str, saved_at: str, moves: int) -> None:
        super().__init__()
        self.ref, self.saved_at, self.moves = ref, saved_at, moves

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static(
                Text(
                    f"You have an unfinished game of {self.ref}\n"
                    f"({plural(self.moves, 'move')}, saved {ago(self.saved_at)}).\n"
                    "Resume where you left off?"
                )
            )
            with Horizontal(id="buttons"):
                yield Button("Resume (r)", id="yes", variant="primary")
                yield Button("Start over (n)", id="no")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_answer(self, resume: bool) -> None:
        self.dismiss(resume)

    def action_cancel(self) -> None:
        self.dismiss(None)
