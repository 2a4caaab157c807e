"""The feedback line in full (`f` in a conversation): every move so far with its label, reason and note."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Footer, Static


class FeedbackScreen(ModalScreen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape,q,f", "close", "Close", id="feedback.close")]

    def __init__(self, text: Text) -> None:
        super().__init__()
        self.text = text

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="feedback-full"):
            yield Static(self.text)
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#feedback-full").focus()

    def action_close(self) -> None:
        self.dismiss()
