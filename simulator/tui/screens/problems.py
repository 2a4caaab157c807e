"""`play --watch`: the pack's problems, shown in place of the scenario until a save fixes them."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Header, Static

if TYPE_CHECKING:
    from simulator.content.problems import Problem


class ProblemsScreen(Screen[None]):
    def __init__(self, scenario_ref: str, problems: list[Problem]) -> None:
        super().__init__()
        self.scenario_ref = scenario_ref
        self.problems = problems

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="problems"):
            text = Text()
            text.append(
                f"{self.scenario_ref} does not load. Fix the files and save: the scenario restarts by itself.\n\n",
                style="bold",
            )
            if not self.problems:
                text.append("The scenario is no longer in its pack (was its id or the manifest changed?).\n")
            for problem in self.problems:
                text.append(problem.format() + "\n", style="red" if problem.severity == "error" else "yellow")
            yield Static(text, id="problem-list")
        yield Footer()

    def on_mount(self) -> None:
        self.title = "Pack problems"
        self.sub_title = "watching for changes"
