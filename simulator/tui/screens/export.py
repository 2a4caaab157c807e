"""Where `e` in the debrief saves the transcript: the data folder's exports/, or a path the user types."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static


class ExportScreen(ModalScreen[Path | None]):
    """Dismissed with the file to write (Enter), or None (Esc). A folder typed gets the transcript's
    own file name inside it; `~` is the home folder; a relative path is below the data folder's exports/."""

    AUTO_FOCUS = "#export-path"
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel", show=False)]

    def __init__(self, default: Path) -> None:
        super().__init__()
        self.default = default

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static("Export the transcript to (Enter to save, Esc to cancel):", markup=False)
            yield Input(value=str(self.default), id="export-path")
            yield Static("", id="export-problem", markup=False)

    def on_mount(self) -> None:
        field = self.query_one("#export-path", Input)
        field.focus()
        field.cursor_position = len(field.value)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        target = export_target(event.value, self.default)
        if target is None:
            self.query_one("#export-problem", Static).update("Type a file or folder to save into.")
            return
        self.dismiss(target)

    def action_cancel(self) -> None:
        self.dismiss(None)


def export_target(typed: str, default: Path) -> Path | None:
    """The file `typed` names: a folder (existing, or ending in `/`) gets `default`'s file name; a
    relative path is taken below `default`'s folder (the data folder's exports/). None when blank."""
    text = typed.strip()
    if not text:
        return None
    path = Path(text).expanduser()
    if not path.is_absolute():
        path = default.parent / path
    if text.endswith(("/", "\\")) or path.is_dir():
        path = path / default.name
    return path
