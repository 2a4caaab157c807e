"""What screens ask of the app, as Textual messages: a screen posts one and the app acts on it.

Screens never import the app (simulator.tui.app imports them): they read its state through
`simulator.tui.base.AppBase` and post these to change what is shown or recorded.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.message import Message

if TYPE_CHECKING:
    from simulator.content.loaded import LoadedScenario
    from simulator.scoring import Lesson


class OpenScenario(Message):
    """Offer to resume `ref`'s save, else show its brief."""

    def __init__(self, ref: str) -> None:
        super().__init__()
        self.ref = ref


class OpenPrep(Message):
    """Show the preparation sheet for `ref`, as the player left it earlier in this run."""

    def __init__(self, ref: str) -> None:
        super().__init__()
        self.ref = ref


class StartScenario(Message):
    """Begin a new attempt at `loaded` (from the brief, or replay from the debrief)."""

    def __init__(self, loaded: LoadedScenario) -> None:
        super().__init__()
        self.loaded = loaded


class SaveGame(Message):
    """Autosave the game being played."""


class GameOver(Message):
    """The game ended: record it and show the debrief."""


class GoHome(Message):
    """Back to the scenario list (the game in progress stays saved)."""


class ReloadPacks(Message):
    """Read the pack files again and list their scenarios anew."""


class ReviewsReady(Message):
    """The solver's regrets are in `lesson`: rewrite the last transcript with them."""

    def __init__(self, lesson: Lesson) -> None:
        super().__init__()
        self.lesson = lesson
