"""Ask a player in a class round for the alias their transcript and the class report will show."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static


class AliasScreen(ModalScreen[str]):
    """Dismissed with the alias once it is valid; a round's transcripts need one."""

    AUTO_FOCUS = "#alias"

    def __init__(self, round_id: str) -> None:
        super().__init__()
        self.round_id = round_id

    def compose(self) -> ComposeResult:
        from simulator.classroom.alias import MAX_ALIAS

        with Vertical(id="dialog"):
            yield Static(
                f"Class round {self.round_id}\n\nYour alias for the class debrief "
                "(a nickname is fine; your trainer sees it on the projector):",
                markup=False,
            )
            yield Input(placeholder="e.g. blue-team-3", max_length=MAX_ALIAS, id="alias")
            yield Static("", id="alias-problem", markup=False)

    def on_mount(self) -> None:
        self.query_one("#alias", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        from simulator.classroom.alias import alias_problem

        problem = alias_problem(event.value)
        if problem is not None:
            self.query_one("#alias-problem", Static).update(problem)
            return
        self.dismiss(event.value.strip())
