"""Prepare: the preparation sheet, filled before the brief (home's `p`).

The sheet shows only what a product manager knows before the meeting (each stakeholder's name,
title, function, KPIs and stated position) and the lists to pick from: where they sit on the
influence map, which statements are their interests, which power bases are strong for them; then
the player's own BATNA value and reservation value and whom to meet first. Nothing is graded here:
the brief would give the quadrants and power away, and hidden interests stay hidden until the
debrief, which compares the sheet with the pack's truth (simulator.scoring.prep).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.strip import Strip
from textual.validation import Number
from textual.widgets import (
    Button,
    Checkbox,
    Footer,
    Header,
    Input,
    OptionList,
    Select,
    SelectionList,
    Static,
)
from textual.widgets.selection_list import Selection

from simulator.content.vocabulary import PowerBase, Quadrant
from simulator.scoring.prep import PrepSheet, StakeholderRead, statements
from simulator.tui.messages import OpenScenario

if TYPE_CHECKING:
    from simulator.content.loaded import LoadedScenario
    from simulator.tui.base import AppBase
    from simulator.tui.game import PrepDraft

QUADRANT_HELP = {
    Quadrant.CRITICAL_SUPPORTER: "critical supporter (close, depends on your work)",
    Quadrant.ACCELERATOR: "accelerator (close, independent)",
    Quadrant.POTENTIAL_DISRUPTOR: "potential disruptor (distant, can block)",
    Quadrant.OUTLIER: "outlier (distant, independent)",
    Quadrant.EXECUTIVE: "executive (above the map)",
}
INTRO = (
    "Read the room before the meeting. Nothing is graded now: the debrief compares your "
    "sheet with what the meeting shows. Ctrl+S or Done opens the brief."
)
VALUES = {"batna": "Your BATNA value (0-100)", "reservation": "Your reservation value (0-100)"}


def stakeholder_facts(loaded: LoadedScenario, who: str) -> Text:
    """What a PM knows of `who` before meeting them: no quadrant, power ratings or interests."""
    persona = loaded.personas[who]
    member = loaded.scenario.cast_member(who)
    text = Text.assemble((persona.name, "bold"), f", {persona.title}\n")
    text.append(f"Function: {persona.function}\n", style="dim")
    text.append("KPIs: ", style="bold")
    text.append("; ".join(persona.kpis) + "\n")
    text.append("Says they want: ", style="bold")
    text.append(member.position)
    return text


def parse_value(raw: str) -> int | None:
    """An Input's value as a 0-100 number; None when blank; ValueError when it is not one."""
    raw = raw.strip()
    if not raw:
        return None
    value = int(raw)
    if not 0 <= value <= 100:
        raise ValueError(raw)
    return value


class WrappingSelectionList(SelectionList[str]):
    """A SelectionList whose long prompts wrap: Textual's draws a tick box on every row as if each
    option had one row; here the box sits on an option's first row and the others are indented."""

    def render_line(self, y: int) -> Strip:
        line = OptionList.render_line(self, y)
        try:
            index, offset = self._lines[self.scroll_offset.y + y]
        except IndexError:
            return line
        under = next(iter(line)).style if line.cell_length else None
        if offset:
            return Strip([Segment(" " * 4, under), *line])
        component = "selection-list--button"
        if self.get_option_at_index(index).value in self._selected:
            component += "-selected"
        if self.highlighted == index:
            component += "-highlighted"
        button = self.get_component_rich_style(component) + Style(meta={"option": index})
        side = Style.from_color(button.bgcolor, under.bgcolor if under else None) + Style(meta={"option": index})
        return Strip(
            [
                Segment(Checkbox.BUTTON_LEFT, side),
                Segment(Checkbox.BUTTON_INNER, button),
                Segment(Checkbox.BUTTON_RIGHT, side),
                Segment(" ", under),
                *line,
            ]
        )


class PrepScreen(Screen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "done", "Done: to the brief", id="prep.done", priority=True),
        Binding("escape", "back", "Back (keeps the sheet)", id="prep.back"),
    ]

    app: AppBase

    def __init__(self, loaded: LoadedScenario, draft: PrepDraft) -> None:
        super().__init__()
        self.loaded = loaded
        self.draft = draft
        self.cast = [m.persona for m in loaded.scenario.cast]

    def compose(self) -> ComposeResult:
        sheet = self.draft.sheet
        yield Header()
        with VerticalScroll(id="prep"):
            yield Static(
                Text.assemble(
                    ("Prepare: ", "bold"),
                    self.loaded.scenario.title,
                    "\n",
                    (INTRO, "dim"),
                ),
                classes="prep-intro",
            )
            for index, who in enumerate(self.cast):
                yield from self.stakeholder(index, who, sheet.reads.get(who, StakeholderRead()))
            yield Static(Text("You", style="bold"), classes="prep-head")
            for key, label in VALUES.items():
                value = sheet.batna_value if key == "batna" else sheet.reservation_value
                yield Static(label, classes="prep-label")
                yield Input(
                    "" if value is None else str(value),
                    placeholder="blank: no answer",
                    type="integer",
                    max_length=3,
                    validators=[Number(0, 100)],
                    id=f"prep-{key}",
                    classes="prep-value",
                )
            yield Static("Whom do you meet first?", classes="prep-label")
            people = [(Text(self.loaded.personas[who].name), who) for who in self.cast]
            yield Select(people, prompt="(choose)", value=sheet.meet_first or Select.NULL, id="prep-first")
            with Horizontal(id="prep-buttons"):
                yield Button("Done: to the brief", id="prep-done", variant="primary")
                yield Button("Back", id="prep-back")
        yield Footer()

    def stakeholder(self, index: int, who: str, read: StakeholderRead) -> ComposeResult:
        yield Static(stakeholder_facts(self.loaded, who), classes="card prep-card")
        yield Static("Where on the influence map?", classes="prep-label")
        quadrants = [(QUADRANT_HELP[q], q.value) for q in Quadrant]
        yield Select(
            quadrants,
            prompt="(choose)",
            id=f"prep-quadrant-{index}",
            value=Select.NULL if read.quadrant is None else read.quadrant.value,
        )
        yield Static("Which are their interests? (tick all that apply)", classes="prep-label")
        offered = statements(self.loaded, who, self.draft.seed)
        yield WrappingSelectionList(
            *(Selection(Text(s.text), s.key, s.key in read.interests) for s in offered),
            id=f"prep-interests-{index}",
            classes="prep-list",
        )
        yield Static("Which power bases are strong for them?", classes="prep-label")
        yield SelectionList[str](
            *(Selection(base.value, base.value, base in read.power) for base in PowerBase),
            id=f"prep-power-{index}",
            classes="prep-list",
        )

    def on_mount(self) -> None:
        self.sub_title = f"Prepare: {self.loaded.scenario.title}"
        # the first field has focus, the page stays at its top (the intro in view)
        self.query_one("#prep-quadrant-0" if self.cast else "#prep-batna").focus(scroll_visible=False)

    def read_of(self, index: int) -> StakeholderRead:
        quadrant = self.query_one(f"#prep-quadrant-{index}", Select).value
        interests = self.query_one(f"#prep-interests-{index}", SelectionList).selected
        power = self.query_one(f"#prep-power-{index}", SelectionList).selected
        return StakeholderRead(
            None if quadrant is Select.NULL else Quadrant(str(quadrant)),
            frozenset(str(k) for k in interests),
            frozenset(PowerBase(str(b)) for b in power),
        )

    def value_of(self, key: str) -> int | None:
        """The number in the `key` input; ValueError (the input focused) when it is not 0-100."""
        field = self.query_one(f"#prep-{key}", Input)
        try:
            return parse_value(field.value)
        except ValueError:
            field.focus()
            raise ValueError(f"{VALUES[key]}: a whole number from 0 to 100, or blank") from None

    def sheet(self, strict: bool) -> PrepSheet:
        """The sheet as entered; a value not 0-100 raises ValueError if `strict`, else is blank."""
        values: dict[str, int | None] = {}
        for key in VALUES:
            try:
                values[key] = self.value_of(key)
            except ValueError:
                if strict:
                    raise
                values[key] = None
        first = self.query_one("#prep-first", Select).value
        reads = {who: self.read_of(index) for index, who in enumerate(self.cast)}
        return PrepSheet(
            {who: read for who, read in reads.items() if read != StakeholderRead()},
            values["batna"],
            values["reservation"],
            None if first is Select.NULL else str(first),
        )

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "prep-done":
            self.action_done()
        elif event.button.id == "prep-back":
            self.action_back()

    def action_done(self) -> None:
        try:
            self.draft.sheet = self.sheet(strict=True)
        except ValueError as error:
            self.notify(str(error), title="Preparation", severity="warning", markup=False)
            return
        self.draft.done = True
        self.app.pop_screen()
        self.app.post_message(OpenScenario(self.loaded.ref))

    def action_back(self) -> None:
        self.draft.sheet = self.sheet(strict=False)
        self.app.pop_screen()
