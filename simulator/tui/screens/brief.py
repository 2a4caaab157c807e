"""Brief: the player's role, goals, interests, BATNA and constraints, and a card per stakeholder."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Header, Static

from simulator.tui.messages import StartScenario

if TYPE_CHECKING:
    from simulator.content.loaded import LoadedScenario
    from simulator.tui.base import AppBase


def _bullets(text: Text, items: list[str]) -> None:
    for item in items:
        text.append(f"  • {item}\n")


def player_card(loaded: LoadedScenario) -> Text:
    p = loaded.scenario.player
    text = Text.assemble((loaded.scenario.title, "bold"), "\n\n", loaded.scenario.summary, "\n\n")
    text.append("You are: ", style="bold")
    text.append(f"{p.role}\n\n")
    text.append("Goals\n", style="bold")
    _bullets(text, p.goals)
    text.append("Your interests\n", style="bold")
    _bullets(text, p.interests)
    text.append("Your BATNA (walk-away alternative)\n", style="bold")
    text.append(f"  {p.batna}\n")
    if p.constraints:
        text.append("Constraints\n", style="bold")
        _bullets(text, p.constraints)
    if loaded.scenario.objectives:
        from simulator.content.vocabulary import OBJECTIVE_TITLES

        text.append("You practise\n", style="bold")
        _bullets(text, [f"{o} {OBJECTIVE_TITLES[o]}" for o in loaded.scenario.objectives])
    return text


def stakeholder_card(loaded: LoadedScenario, persona_id: str, colour: str) -> Text:
    persona = loaded.personas[persona_id]
    member = loaded.scenario.cast_member(persona_id)
    text = Text.assemble((persona.name, f"bold {colour}"), f", {persona.title}\n")
    quadrant = str(persona.quadrant).replace("_", " ")
    text.append(f"Function: {persona.function}   Influence map: {quadrant}\n", style="dim")
    text.append("Says they want: ", style="bold")
    text.append(f"{member.position}\n")
    text.append("KPIs: ", style="bold")
    text.append("; ".join(persona.kpis) + "\n")
    bases = ", ".join(f"{base} {rating}" for base, rating in persona.power.items())
    text.append("Power: ", style="bold")
    text.append(f"{bases}\n")
    interests = [*member.interests, *persona.interests]
    known = [i.text for i in interests if not i.hidden]
    hidden = sum(1 for i in interests if i.hidden)
    if known:
        text.append("Known interests\n", style="bold")
        _bullets(text, known)
    if hidden:
        text.append(f"  • ? unknown interest x{hidden} (probe to find out)\n", style="italic")
    return text


class BriefScreen(Screen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "begin", "Begin", id="brief.begin", priority=True),
        Binding("escape", "back", "Home", id="brief.home"),
    ]

    app: AppBase

    def __init__(self, loaded: LoadedScenario) -> None:
        super().__init__()
        self.loaded = loaded

    def compose(self) -> ComposeResult:
        from simulator.tui.game import SPEAKER_COLOURS

        yield Header()
        with VerticalScroll(id="brief"):
            cards = [player_card(self.loaded)]
            for index, member in enumerate(self.loaded.scenario.cast):
                colour = SPEAKER_COLOURS[index % len(SPEAKER_COLOURS)]
                cards.append(stakeholder_card(self.loaded, member.persona, colour))
            for index, card in enumerate(cards):
                card.rstrip()  # no blank row at the bottom of a card: rows are scarce at 60x20
                yield Static(card, classes="card player" if index == 0 else "card")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = f"Brief: {self.loaded.scenario.title}"
        self.query_one("#brief").focus()

    def action_begin(self) -> None:
        self.post_message(StartScenario(self.loaded))

    def action_back(self) -> None:
        self.app.pop_screen()
