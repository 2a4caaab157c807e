"""The pack format as dataclasses: personas, scenarios, scenes, choices, conditions, effects.

Each record is a frozen dataclass that pydantic validates (simulator.content.validation) from its
annotations: every record forbids unknown keys and rejects type coercions an author would not
expect (a YAML ``yes`` never becomes the string ``"True"``). Plain dataclasses rather than pydantic
models, so that playing a compiled scenario (simulator.content.compiled) never imports pydantic.
Checks that need only one document live in the annotations; references to personas (which live in
other files) are checked by :mod:`simulator.content.references`.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property
from typing import Annotated, Literal

from annotated_types import Interval, MaxLen, MinLen

from simulator.content.constraints import Doc, Pattern
from simulator.content.records import Record
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
    Pattern(r"^[a-z][a-z0-9_]*$"),
    MaxLen(64),
    Doc("A lower-case identifier: letters, digits and underscores, starting with a letter."),
]
InterestRef = Annotated[
    str,
    Pattern(r"^[a-z][a-z0-9_]*\.[a-z][a-z0-9_]*$"),
    MaxLen(129),
    Doc("A stakeholder's interest as `persona_id.interest_id`."),
]
Text = Annotated[str, MinLen(1), MaxLen(4000)]
Template = Annotated[
    str,
    MinLen(1),
    MaxLen(4000),
    Doc("Text that may use Jinja2 expressions such as {{ player }} or {{ mood }}."),
]
Rating = Annotated[int, Interval(ge=0, le=5), Doc("0 (none) to 5 (very strong).")]
Percent = Annotated[int, Interval(ge=0, le=100)]
Delta = Annotated[int, Interval(ge=-100, le=100)]
Modifier = Annotated[int, Interval(ge=-10, le=10)]
Patience = Annotated[int, Interval(ge=1, le=10)]

FactKind = Literal["flag", "revealed", "chosen", "visited"]
"""The set-like things a condition asks about: flags set, interests revealed, choices made, scenes visited."""
MeterKind = Literal["trust", "satisfaction"]

PLAYER = "player"
"""The key that stands for the player in an option's values."""

Strategy = Literal["cooperative", "competitive", "deceptive"]
"""How a stakeholder bargains at an offer table (simulator.engine.offers documents each)."""
MAX_BLUFF = 20
"""The most a deceptive stakeholder may overstate one option's value, in points (0-100 scale)."""
DEFAULT_BLUFF = 10
"""A deceptive stakeholder's `bluff` when its negotiator gives none."""


def _cooperative() -> list[Strategy]:
    return ["cooperative"]


class Model(Record):
    """Base of the pack format's records (frozen dataclasses validated by pydantic)."""


# --------------------------------------------------------------------------- personas


@dataclass(frozen=True, kw_only=True)
class Interest(Model):
    """Why a stakeholder wants what they say they want."""

    id: Id
    text: Annotated[Text, Doc("The interest in the stakeholder's terms, as the player learns it.")]
    hidden: Annotated[bool, Doc("Hidden interests are unknown to the player until revealed.")] = False
    reveal_trust: Annotated[
        Percent, Doc("Trust the stakeholder must have in the player before a probe reveals this.")
    ] = 50
    reveal_line: Annotated[Template | None, Doc("What the stakeholder says when this interest comes out.")] = None


@dataclass(frozen=True, kw_only=True)
class Responses(Model):
    """How a persona reacts to moves, on top of the engine's defaults (negative costs trust)."""

    styles: dict[Style, Modifier] = field(default_factory=dict)
    power: dict[PowerBase, Modifier] = field(default_factory=dict)
    principles: dict[Principle, Modifier] = field(default_factory=dict)


@dataclass(frozen=True, kw_only=True)
class Voice(Model):
    """Lines a persona falls back on, by mood, when a choice has no reply written for them."""

    warm: Annotated[list[Template], MinLen(1)]
    neutral: Annotated[list[Template], MinLen(1)]
    guarded: Annotated[list[Template], MinLen(1)]
    hostile: Annotated[list[Template], MinLen(1)]
    walkout: Annotated[list[Template], MinLen(1), Doc("Said when patience runs out.")]


@dataclass(frozen=True, kw_only=True)
class Persona(Model):
    """A stakeholder the player can meet in any scenario."""

    schema_version: Literal[1] = SCHEMA_VERSION
    id: Id
    name: Text
    title: Text
    function: Function
    quadrant: Quadrant
    kpis: Annotated[list[Text], MinLen(1)]
    power: Annotated[dict[PowerBase, Rating], Doc("How strong each power base is for them.")]
    style: Annotated[Style, Doc("The conflict style they fall back on.")]
    patience: Annotated[Patience, Doc("How many poor moves they tolerate before walking out or escalating.")] = 3
    interests: list[Interest] = field(default_factory=list)
    responds_to: Responses = field(default_factory=Responses)
    voice: Voice


# --------------------------------------------------------------------------- scenarios


@dataclass(frozen=True, kw_only=True)
class PlayerBrief(Model):
    """What the player's character knows and wants."""

    role: Text
    goals: Annotated[list[Text], MinLen(1)]
    interests: Annotated[list[Text], MinLen(1)]
    batna: Text
    batna_value: Annotated[Percent, Doc("What the BATNA is worth to the player, 0-100.")]
    constraints: list[Text] = field(default_factory=list)


@dataclass(frozen=True, kw_only=True)
class CastMember(Model):
    """A persona as they stand in this scenario."""

    persona: Id
    position: Annotated[Text, Doc("What they say they want.")]
    interests: list[Interest] = field(default_factory=list)
    batna: Text
    batna_value: Percent
    trust: Percent = 50
    satisfaction: Percent = 50
    patience: Annotated[Patience | None, Doc("Overrides the persona's patience in this scenario.")] = None
    refusal: Annotated[
        Template | None,
        Doc(
            "What they say when they refuse an agreement worth less to them than their BATNA; "
            "default: a line built from their position and their BATNA."
        ),
    ] = None
    negotiator: Annotated[
        Negotiator | None,
        Doc("How they bargain at an offer table (a scene with `table`); default: cooperative."),
    ] = None


@dataclass(frozen=True, kw_only=True)
class Negotiator(Model):
    """How a cast member bargains at an offer table. Their option values are the issues' `values`;
    their reservation value is their `batna_value`, raised when they distrust the player."""

    strategies: Annotated[
        list[Strategy],
        MinLen(1),
        Doc(
            "The strategies they may play; each session picks one from its seed, so a second play "
            "is not recall. cooperative: counters ask a quarter of what they could claim; "
            "competitive: three quarters; deceptive: half, and they overstate the issue they value "
            "least (by at most `bluff`)."
        ),
    ] = field(default_factory=_cooperative)
    bluff: Annotated[
        int | None,
        Interval(ge=0, le=MAX_BLUFF),
        Doc(
            "For the deceptive strategy: how many points (0-20) they overstate their best option "
            "of the issue they value least; default 10. It changes what they say, never what "
            "they accept."
        ),
    ] = None
    serves: Annotated[
        dict[str, Id],
        Doc("issue id: the id of their interest that issue serves; a rejection on that issue names the interest."),
    ] = field(default_factory=dict)


@dataclass(frozen=True, kw_only=True)
class Option(Model):
    id: Id
    title: Text
    values: Annotated[
        dict[str, Percent],
        Doc("What this option is worth to each party (`player` or a cast persona id), 0-100."),
    ]


@dataclass(frozen=True, kw_only=True)
class NegotiationIssue(Model):
    """One thing under negotiation, with the options on the table."""

    id: Id
    title: Text
    options: Annotated[list[Option], MinLen(2)]


@dataclass(frozen=True, kw_only=True)
class Condition(Model):
    """Everything listed must hold; `any` holds when at least one of its conditions does."""

    flags: Annotated[list[Id], Doc("Flags that must be set.")] = field(default_factory=list)
    not_flags: Annotated[list[Id], Doc("Flags that must not be set.")] = field(default_factory=list)
    revealed: list[InterestRef] = field(default_factory=list)
    not_revealed: list[InterestRef] = field(default_factory=list)
    trust_at_least: dict[str, Percent] = field(default_factory=dict)
    trust_below: dict[str, Percent] = field(default_factory=dict)
    satisfaction_at_least: dict[str, Percent] = field(default_factory=dict)
    satisfaction_below: dict[str, Percent] = field(default_factory=dict)
    chosen: Annotated[list[Id], Doc("Choices the player made earlier.")] = field(default_factory=list)
    not_chosen: list[Id] = field(default_factory=list)
    visited: Annotated[list[Id], Doc("Scenes the player has been in.")] = field(default_factory=list)
    settled: Annotated[dict[str, Id], Doc("issue id: option id")] = field(default_factory=dict)
    unsettled: Annotated[list[Id], Doc("Issues not yet settled.")] = field(default_factory=list)
    any: list[Condition] = field(default_factory=list)

    def facts(self) -> tuple[tuple[FactKind, list[str], bool], ...]:
        """Its set-like parts as (kind, ids, must_hold), in field order: `flags` is ("flag", ids,
        True), `not_flags` ("flag", ids, False), and so on for revealed, chosen and visited."""
        return (
            ("flag", self.flags, True),
            ("flag", self.not_flags, False),
            ("revealed", self.revealed, True),
            ("revealed", self.not_revealed, False),
            ("chosen", self.chosen, True),
            ("chosen", self.not_chosen, False),
            ("visited", self.visited, True),
        )

    def bounds(self) -> Iterator[tuple[MeterKind, str, int, bool]]:
        """Its meter parts as (meter, persona, level, at_least), in field order: at_least means the
        meter must be >= level (`*_at_least`), otherwise < level (`*_below`)."""
        meters: tuple[tuple[MeterKind, dict[str, int], dict[str, int]], ...] = (
            ("trust", self.trust_at_least, self.trust_below),
            ("satisfaction", self.satisfaction_at_least, self.satisfaction_below),
        )
        for meter, at_least, below in meters:
            for persona, level in at_least.items():
                yield meter, persona, level, True
            for persona, level in below.items():
                yield meter, persona, level, False


@dataclass(frozen=True, kw_only=True)
class Effect(Model):
    """What a choice changes, on top of (or, with `override`, instead of) the generic reaction."""

    trust: dict[str, Delta] = field(default_factory=dict)
    satisfaction: dict[str, Delta] = field(default_factory=dict)
    reveal: list[InterestRef] = field(default_factory=list)
    set: Annotated[list[Id], Doc("Flags to set.")] = field(default_factory=list)
    clear: Annotated[list[Id], Doc("Flags to clear.")] = field(default_factory=list)
    settle: Annotated[dict[str, Id], Doc("issue id: option id")] = field(default_factory=dict)


@dataclass(frozen=True, kw_only=True)
class Branch(Model):
    """One way out of a choice: go `to` a scene or ending when `if` holds (or always)."""

    to: Id
    if_: Condition | None = None


@dataclass(frozen=True, kw_only=True)
class Line(Model):
    speaker: Annotated[Id, Doc("A persona present in the scene.")]
    text: Template
    if_: Condition | None = None


@dataclass(frozen=True, kw_only=True)
class Choice(Model):
    """Something the player can say or do."""

    id: Id
    text: Template
    style: Style
    principles: Annotated[list[Principle], Doc("Principles it applies.")] = field(default_factory=list)
    violates: Annotated[list[Principle], Doc("Principles it breaks.")] = field(default_factory=list)
    power: Annotated[PowerBase | None, Doc("The power base the move invokes, if any.")] = None
    to: Annotated[list[Id] | None, Doc("Stakeholders addressed; default all present.")] = None
    probe: Annotated[bool | None, Doc("Asks about interests; default: true when it applies `interests`.")] = None
    if_: Condition | None = None
    effects: Effect = field(default_factory=Effect)
    override: Annotated[bool, Doc("Use only `effects`, not the generic reaction.")] = False
    reply: Annotated[dict[str, Template], Doc("persona id: what they answer, instead of a voice line.")] = field(
        default_factory=dict
    )
    feedback: Annotated[Text | None, Doc("The author's note on this move, for the debrief.")] = None
    next: Annotated[Id | list[Branch], Doc("A scene or ending id, or branches tried in order.")]

    @property
    def branches(self) -> list[Branch]:
        if isinstance(self.next, str):
            return [Branch(to=self.next)]
        return list(self.next)

    @property
    def probes(self) -> bool:
        return self.probe if self.probe is not None else Principle.INTERESTS in self.principles


@dataclass(frozen=True, kw_only=True)
class Scene(Model):
    id: Id
    title: Text | None = None
    present: Annotated[list[Id], MinLen(1), Doc("Cast members in the scene.")]
    narration: Template | None = None
    lines: list[Line] = field(default_factory=list)
    fits: Annotated[list[Style], MinLen(1), Doc("Conflict styles that fit this moment.")]
    choices: Annotated[list[Choice], MinLen(1)]
    ordered: Annotated[
        bool,
        Doc(
            "Offer the choices in the order written; by default each session shuffles them "
            "(from its seed) so that position never gives the best move away."
        ),
    ] = False
    table: Annotated[
        Table | None,
        Doc(
            "Opens the negotiation table: the player may propose packages of options to the "
            "parties present (not yet playable: see docs/format.md)."
        ),
    ] = None

    @property
    def choice_ids(self) -> tuple[str, ...]:
        return tuple(c.id for c in self.choices)


@dataclass(frozen=True, kw_only=True)
class Table(Model):
    """An offer scene's table: which issues are on it, whose acceptance a package needs, where
    the session goes on agreement and when the rounds run out."""

    issues: Annotated[list[Id] | None, Doc("Issue ids on the table; default every issue of the scenario.")] = None
    parties: Annotated[
        list[Id] | None,
        Doc("Cast members present whose acceptance a package needs; default everyone present."),
    ] = None
    opens: Annotated[Id, Doc("Who makes the first offer, which anchors the counters: `player` or a party.")] = PLAYER
    rounds: Annotated[int, Interval(ge=1, le=10), Doc("How many packages the player may propose.")] = 3
    agreed: Annotated[Id, Doc("The scene or ending the session goes to when every party accepts.")]
    no_deal: Annotated[
        Id | None,
        Doc(
            "The scene or ending when the rounds run out without agreement; default the first "
            "impasse ending, else the walkout ending."
        ),
    ] = None


@dataclass(frozen=True, kw_only=True)
class Ending(Model):
    id: Id
    title: Text
    kind: EndingKind
    text: Template
    refused: Annotated[
        Id | None,
        Doc(
            "For an agreement: the scene (where the negotiation goes on) or ending the session goes "
            "to when a stakeholder refuses terms worth less to them than their BATNA; "
            "default: the first ending of kind impasse, else the walkout ending."
        ),
    ] = None


@dataclass(frozen=True, kw_only=True)
class Prep(Model):
    """The pack's answer key for the preparation sheet, where the default rules do not fit."""

    meet_first: Annotated[
        list[Id],
        MinLen(1),
        Doc(
            "Cast members a well-prepared player meets first; default: those who can block "
            "(potential disruptors, else executives, else critical supporters)."
        ),
    ]
    why: Annotated[Text | None, Doc("Why them first, shown in the debrief.")] = None


@dataclass(frozen=True, kw_only=True)
class Scenario(Model):
    schema_version: Literal[1] = SCHEMA_VERSION
    id: Id
    title: Text
    summary: Text
    objectives: Annotated[list[Objective], MinLen(1)]
    difficulty: Difficulty
    minutes: Annotated[int, Interval(ge=1, le=240)]
    player: PlayerBrief
    cast: Annotated[list[CastMember], MinLen(1)]
    issues: list[NegotiationIssue] = field(default_factory=list)
    start: Id
    scenes: Annotated[list[Scene], MinLen(1)]
    endings: Annotated[list[Ending], MinLen(1)]
    walkout: Annotated[
        Id | None,
        Doc(
            "Ending reached when a stakeholder's patience runs out; "
            "default: the first ending of kind walkout, else escalation, else impasse."
        ),
    ] = None
    prep: Annotated[Prep | None, Doc("The preparation sheet's answer key (optional).")] = None

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


@dataclass(frozen=True, kw_only=True)
class Manifest(Model):
    """`pack.yaml`: what a pack is and which files belong to it."""

    schema_version: Literal[1] = SCHEMA_VERSION
    id: Id
    title: Text
    version: Annotated[str, Pattern(r"^\d+\.\d+(\.\d+)?([-+][0-9A-Za-z.-]+)?$")]
    authors: Annotated[list[Text], MinLen(1)]
    licence: Text
    description: Text | None = None
    scenarios: Annotated[
        list[Annotated[str, Pattern(r"^[^/\\][^\\]*\.ya?ml$")]] | None,
        Doc("Scenario files, relative to the pack folder; default every *.yaml beside pack.yaml."),
    ] = None
