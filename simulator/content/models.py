"""The pack format as pydantic models: personas, scenarios, scenes, choices, conditions, effects.

Every model forbids unknown keys and rejects type coercions an author would not expect (a YAML
``yes`` never becomes the string ``"True"``). Checks that need only one document live here as
validators; references to personas (which live in other files) are checked by
:mod:`simulator.content.references`.
"""

from __future__ import annotations

from functools import cached_property
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from simulator.content.vocabulary import (
    SCHEMA_VERSION,
    Difficulty,
    EndingKind,
    Function,
    Objective,
    PowerBase,
    Principle,
    Quadrant,
    Style,
)

Id = Annotated[
    str,
    StringConstraints(pattern=r"^[a-z][a-z0-9_]*$", max_length=64),
    Field(description="A lower-case identifier: letters, digits and underscores, starting with a letter."),
]
InterestRef = Annotated[
    str,
    StringConstraints(pattern=r"^[a-z][a-z0-9_]*\.[a-z][a-z0-9_]*$", max_length=129),
    Field(description="A stakeholder's interest as `persona_id.interest_id`."),
]
Text = Annotated[str, StringConstraints(min_length=1, max_length=4000)]
Template = Annotated[
    str,
    StringConstraints(min_length=1, max_length=4000),
    Field(description="Text that may use Jinja2 expressions such as {{ player }} or {{ mood }}."),
]
Rating = Annotated[int, Field(ge=0, le=5, description="0 (none) to 5 (very strong).")]
Percent = Annotated[int, Field(ge=0, le=100)]
Delta = Annotated[int, Field(ge=-100, le=100)]
Modifier = Annotated[int, Field(ge=-10, le=10)]

PLAYER = "player"
"""The key that stands for the player in an option's values."""


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=False, frozen=True, populate_by_name=True)


# --------------------------------------------------------------------------- personas


class Interest(Model):
    """Why a stakeholder wants what they say they want."""

    id: Id
    text: Text = Field(description="The interest in the stakeholder's terms, as the player learns it.")
    hidden: bool = Field(False, description="Hidden interests are unknown to the player until revealed.")
    reveal_trust: Percent = Field(
        50, description="Trust the stakeholder must have in the player before a probe reveals this."
    )
    reveal_line: Template | None = Field(
        None, description="What the stakeholder says when this interest comes out."
    )


class Responses(Model):
    """How a persona reacts to moves, on top of the engine's defaults (negative costs trust)."""

    styles: dict[Style, Modifier] = Field(default_factory=dict)
    power: dict[PowerBase, Modifier] = Field(default_factory=dict)
    principles: dict[Principle, Modifier] = Field(default_factory=dict)


class Voice(Model):
    """Lines a persona falls back on, by mood, when a choice has no reply written for them."""

    warm: list[Template] = Field(min_length=1)
    neutral: list[Template] = Field(min_length=1)
    guarded: list[Template] = Field(min_length=1)
    hostile: list[Template] = Field(min_length=1)
    walkout: list[Template] = Field(min_length=1, description="Said when patience runs out.")


class Persona(Model):
    """A stakeholder the player can meet in any scenario."""

    schema_version: Literal[1] = SCHEMA_VERSION
    id: Id
    name: Text
    title: Text
    function: Function
    quadrant: Quadrant
    kpis: list[Text] = Field(min_length=1)
    power: dict[PowerBase, Rating] = Field(description="How strong each power base is for them.")
    style: Style = Field(description="The conflict style they fall back on.")
    patience: Annotated[int, Field(ge=1, le=10)] = Field(
        3, description="How many poor moves they tolerate before walking out or escalating."
    )
    interests: list[Interest] = Field(default_factory=list)
    responds_to: Responses = Field(default_factory=Responses)
    voice: Voice


# --------------------------------------------------------------------------- scenarios


class PlayerBrief(Model):
    """What the player's character knows and wants."""

    role: Text
    goals: list[Text] = Field(min_length=1)
    interests: list[Text] = Field(min_length=1)
    batna: Text
    batna_value: Percent = Field(description="What the BATNA is worth to the player, 0-100.")
    constraints: list[Text] = Field(default_factory=list)


class CastMember(Model):
    """A persona as they stand in this scenario."""

    persona: Id
    position: Text = Field(description="What they say they want.")
    interests: list[Interest] = Field(default_factory=list)
    batna: Text
    batna_value: Percent
    trust: Percent = 50
    satisfaction: Percent = 50
    patience: Annotated[int, Field(ge=1, le=10)] | None = Field(
        None, description="Overrides the persona's patience in this scenario."
    )


class Option(Model):
    id: Id
    title: Text
    values: dict[str, Percent] = Field(
        description="What this option is worth to each party (`player` or a cast persona id), 0-100."
    )


class NegotiationIssue(Model):
    """One thing under negotiation, with the options on the table."""

    id: Id
    title: Text
    options: list[Option] = Field(min_length=2)


class Condition(Model):
    """Everything listed must hold; `any` holds when at least one of its conditions does."""

    flags: list[Id] = Field(default_factory=list, description="Flags that must be set.")
    not_flags: list[Id] = Field(default_factory=list, description="Flags that must not be set.")
    revealed: list[InterestRef] = Field(default_factory=list)
    not_revealed: list[InterestRef] = Field(default_factory=list)
    trust_at_least: dict[str, Percent] = Field(default_factory=dict)
    trust_below: dict[str, Percent] = Field(default_factory=dict)
    satisfaction_at_least: dict[str, Percent] = Field(default_factory=dict)
    satisfaction_below: dict[str, Percent] = Field(default_factory=dict)
    chosen: list[Id] = Field(default_factory=list, description="Choices the player made earlier.")
    not_chosen: list[Id] = Field(default_factory=list)
    visited: list[Id] = Field(default_factory=list, description="Scenes the player has been in.")
    settled: dict[str, Id] = Field(default_factory=dict, description="issue id: option id")
    unsettled: list[Id] = Field(default_factory=list, description="Issues not yet settled.")
    any: list[Condition] = Field(default_factory=list)


class Effect(Model):
    """What a choice changes, on top of (or, with `override`, instead of) the generic reaction."""

    trust: dict[str, Delta] = Field(default_factory=dict)
    satisfaction: dict[str, Delta] = Field(default_factory=dict)
    reveal: list[InterestRef] = Field(default_factory=list)
    set: list[Id] = Field(default_factory=list, description="Flags to set.")
    clear: list[Id] = Field(default_factory=list, description="Flags to clear.")
    settle: dict[str, Id] = Field(default_factory=dict, description="issue id: option id")


class Branch(Model):
    """One way out of a choice: go `to` a scene or ending when `if` holds (or always)."""

    to: Id
    if_: Condition | None = Field(None, alias="if")


class Line(Model):
    speaker: Id = Field(description="A persona present in the scene.")
    text: Template
    if_: Condition | None = Field(None, alias="if")


class Choice(Model):
    """Something the player can say or do."""

    id: Id
    text: Template
    style: Style
    principles: list[Principle] = Field(default_factory=list, description="Principles it applies.")
    violates: list[Principle] = Field(default_factory=list, description="Principles it breaks.")
    power: PowerBase | None = Field(None, description="The power base the move invokes, if any.")
    to: list[Id] | None = Field(None, description="Stakeholders addressed; default all present.")
    probe: bool | None = Field(
        None, description="Asks about interests; default: true when it applies `interests`."
    )
    if_: Condition | None = Field(None, alias="if")
    effects: Effect = Field(default_factory=Effect)
    override: bool = Field(False, description="Use only `effects`, not the generic reaction.")
    reply: dict[str, Template] = Field(
        default_factory=dict, description="persona id: what they answer, instead of a voice line."
    )
    feedback: Text | None = Field(None, description="The author's note on this move, for the debrief.")
    next: Id | list[Branch] = Field(description="A scene or ending id, or branches tried in order.")

    @property
    def branches(self) -> list[Branch]:
        if isinstance(self.next, str):
            return [Branch(to=self.next)]
        return list(self.next)

    @property
    def probes(self) -> bool:
        return self.probe if self.probe is not None else Principle.INTERESTS in self.principles


class Scene(Model):
    id: Id
    title: Text | None = None
    present: list[Id] = Field(min_length=1, description="Cast members in the scene.")
    narration: Template | None = None
    lines: list[Line] = Field(default_factory=list)
    fits: list[Style] = Field(min_length=1, description="Conflict styles that fit this moment.")
    choices: list[Choice] = Field(min_length=1)
    ordered: bool = Field(
        False,
        description="Offer the choices in the order written; by default each session shuffles them "
        "(from its seed) so that position never gives the best move away.",
    )

    @property
    def choice_ids(self) -> tuple[str, ...]:
        return tuple(c.id for c in self.choices)


class Ending(Model):
    id: Id
    title: Text
    kind: EndingKind
    text: Template


class Scenario(Model):
    schema_version: Literal[1] = SCHEMA_VERSION
    id: Id
    title: Text
    summary: Text
    objectives: list[Objective] = Field(min_length=1)
    difficulty: Difficulty
    minutes: Annotated[int, Field(ge=1, le=240)]
    player: PlayerBrief
    cast: list[CastMember] = Field(min_length=1)
    issues: list[NegotiationIssue] = Field(default_factory=list)
    start: Id
    scenes: list[Scene] = Field(min_length=1)
    endings: list[Ending] = Field(min_length=1)
    walkout: Id | None = Field(
        None,
        description="Ending reached when a stakeholder's patience runs out; "
        "default: the first ending of kind walkout, else escalation, else impasse.",
    )

    @cached_property
    def _scenes_by_id(self) -> dict[str, Scene]:
        return {scene.id: scene for scene in self.scenes}

    @cached_property
    def _endings_by_id(self) -> dict[str, Ending]:
        return {ending.id: ending for ending in self.endings}

    @cached_property
    def _cast_by_id(self) -> dict[str, CastMember]:
        return {member.persona: member for member in self.cast}

    def scene(self, scene_id: str) -> Scene:
        return self._scenes_by_id[scene_id]

    def ending(self, ending_id: str) -> Ending:
        return self._endings_by_id[ending_id]

    def is_ending(self, node_id: str) -> bool:
        return node_id in self._endings_by_id

    def cast_member(self, persona_id: str) -> CastMember:
        return self._cast_by_id[persona_id]

    @property
    def walkout_ending(self) -> Ending:
        if self.walkout is not None:
            return self.ending(self.walkout)
        for kind in (EndingKind.WALKOUT, EndingKind.ESCALATION, EndingKind.IMPASSE):
            for ending in self.endings:
                if ending.kind is kind:
                    return ending
        return self.endings[-1]


class Manifest(Model):
    """`pack.yaml`: what a pack is and which files belong to it."""

    schema_version: Literal[1] = SCHEMA_VERSION
    id: Id
    title: Text
    version: Annotated[str, StringConstraints(pattern=r"^\d+\.\d+(\.\d+)?([-+][0-9A-Za-z.-]+)?$")]
    authors: list[Text] = Field(min_length=1)
    licence: Text
    description: Text | None = None
    scenarios: list[Annotated[str, StringConstraints(pattern=r"^[^/\\][^\\]*\.ya?ml$")]] | None = Field(
        None,
        description="Scenario files, relative to the pack folder; default every *.yaml beside "
        "pack.yaml.",
    )

