"""Test plans: a scenario's expected paths as data, in `<scenario>.testplan.yaml` files of its pack.

A plan is a list of tests. A test plays a `path` of choice ids (each step may say what must hold
right after it) or a seeded `random` walk, then checks `expect` at the end. Plans are read like
every other pack file (`simulator.content.yamlnodes`: safe YAML, located errors; unknown keys are
errors), so a mistake in a plan is reported at its `file:line:col`. Running a plan needs the engine
and the scorer and lives above them, in `simulator.analysis.testplan`.

Plan files live anywhere inside the pack folder (by convention in `tests/`), named after the
scenario they test: `cost_cut.testplan.yaml`, or `cost_cut.<anything>.testplan.yaml`.
docs/authoring.md teaches the format; docs/format.md lists every key.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Literal

from annotated_types import Interval, MaxLen, MinLen

from simulator.content.constraints import Doc
from simulator.content.models import Id, InterestRef, Model, Text
from simulator.content.vocabulary import EndingKind, PowerBase, Principle, Style

__all__ = [
    "SUFFIX",
    "Bound",
    "Expect",
    "HistoryExpect",
    "MeterExpect",
    "MoveExpect",
    "PlanTest",
    "RandomWalk",
    "ScoreExpect",
    "Step",
    "TestPlan",
    "plan_files",
    "plan_scenario",
]

SUFFIX = ".testplan.yaml"
"""How a plan file's name ends."""
MAX_PLAN_FILES = 200
"""Plan files read per pack, at most (a pack is untrusted: bound the work it can ask for)."""

MoveLabel = Literal["best", "good", "inaccuracy", "mistake", "blunder"]
"""The labels of simulator.scoring.labels, from best to worst."""


@dataclass(frozen=True, kw_only=True)
class Bound(Model):
    """A number's allowed range: `at_least`, `at_most` or both (a plain number means exactly)."""

    at_least: int | None = None
    at_most: int | None = None

    def __post_init__(self) -> None:
        if self.at_least is None and self.at_most is None:
            raise ValueError("a bound needs at_least, at_most or both")


Range = Annotated[int | Bound, Doc("A number (exactly), or {at_least: N, at_most: M}.")]


@dataclass(frozen=True, kw_only=True)
class MeterExpect(Model):
    """How a stakeholder must stand towards the player."""

    trust: Range | None = None
    satisfaction: Range | None = None
    strikes: Range | None = None
    walked_out: bool | None = None


@dataclass(frozen=True, kw_only=True)
class MoveExpect(Model):
    """What the move just played must have been and done."""

    style: Style | None = None
    fits: Annotated[bool | None, Doc("Whether its style fits the scene.")] = None
    principles: Annotated[list[Principle], Doc("Principles it applies (at least these).")] = field(default_factory=list)
    violates: Annotated[list[Principle], Doc("Principles it breaks (at least these).")] = field(default_factory=list)
    violates_nothing: bool | None = None
    power: Annotated[PowerBase | None, Doc("The power base it drew on.")] = None
    trust: Annotated[dict[str, Range], Doc("Trust change per stakeholder.")] = field(default_factory=dict)
    satisfaction: Annotated[dict[str, Range], Doc("Satisfaction change per stakeholder.")] = field(default_factory=dict)
    revealed: Annotated[list[InterestRef], Doc("Interests this move revealed (at least these).")] = field(
        default_factory=list
    )
    not_revealed: list[InterestRef] = field(default_factory=list)
    refused_by: Annotated[
        list[Id] | None,
        Doc("Exactly who refused the agreement the move reached, in order ([] for none)."),
    ] = None
    to: Annotated[Id | None, Doc("The scene or ending the move led to.")] = None
    label: Annotated[
        MoveLabel | None,
        Doc("The move's label (best ... blunder), keyed to its regret: runs the solver, which costs time."),
    ] = None
    regret: Annotated[
        Range | None,
        Doc("Points of the best reachable total the move gave away (runs the solver, which costs time)."),
    ] = None
    lines: Annotated[
        list[Annotated[str, MinLen(1), MaxLen(400)]],
        Doc("Text that must appear in what is said after the move (replies, refusals, the next scene)."),
    ] = field(default_factory=list)
    not_lines: list[Annotated[str, MinLen(1), MaxLen(400)]] = field(default_factory=list)


@dataclass(frozen=True, kw_only=True)
class ScoreExpect(Model):
    """The debrief's scores (0-100), as numbers or ranges, and against other tests of the plan."""

    total: Range | None = None
    outcome: Range | None = None
    relationship: Range | None = None
    discovery: Range | None = None
    process: Range | None = None
    below: Annotated[
        dict[str, Annotated[int, Interval(ge=0, le=100)]],
        Doc("test name: the total is at least this many points below that test's total."),
    ] = field(default_factory=dict)
    above: Annotated[
        dict[str, Annotated[int, Interval(ge=0, le=100)]],
        Doc("test name: the total is at least this many points above that test's total."),
    ] = field(default_factory=dict)
    within_best: Annotated[
        int | None,
        Interval(ge=0, le=100),
        Doc("The total is at most this many points below the best achievable (runs the solver)."),
    ] = None


@dataclass(frozen=True, kw_only=True)
class HistoryExpect(Model):
    """Every move played so far, taken together."""

    moves: Range | None = None
    all_fit: bool | None = None
    violates_nothing: bool | None = None
    styles: Annotated[list[Style] | None, Doc("Exactly the styles used.")] = None
    only_style: Annotated[Style | None, Doc("Every move used this style.")] = None
    at_most: Annotated[dict[Style, int], Doc("style: used in at most this many moves.")] = field(default_factory=dict)
    powers: Annotated[list[PowerBase], Doc("Power bases drawn on (at least these).")] = field(default_factory=list)
    not_powers: list[PowerBase] = field(default_factory=list)
    principles: Annotated[dict[Id, list[Principle]], Doc("choice id: it applied these principles.")] = field(
        default_factory=dict
    )


@dataclass(frozen=True, kw_only=True)
class Expect(Model):
    """What must hold at a point of the play: after a step, or at the end of the path."""

    scene: Annotated[Id | None, Doc("The current scene.")] = None
    ended: bool | None = None
    ending: Annotated[Id | None, Doc("The ending reached.")] = None
    ending_kind: EndingKind | None = None
    offered: Annotated[list[Id], Doc("Choices offered now (at least these).")] = field(default_factory=list)
    not_offered: list[Id] = field(default_factory=list)
    only_offered: Annotated[list[Id] | None, Doc("Exactly the choices offered now.")] = None
    revealed: Annotated[list[InterestRef], Doc("Interests found so far (at least these).")] = field(
        default_factory=list
    )
    not_revealed: list[InterestRef] = field(default_factory=list)
    hidden_found: Annotated[list[InterestRef] | None, Doc("Exactly the hidden interests found ([] for none).")] = None
    flags: list[Id] = field(default_factory=list)
    not_flags: list[Id] = field(default_factory=list)
    visited: list[Id] = field(default_factory=list)
    not_visited: list[Id] = field(default_factory=list)
    settled: Annotated[dict[str, Id], Doc("issue id: the option settled.")] = field(default_factory=dict)
    not_settled: Annotated[list[Id], Doc("Issues still open.")] = field(default_factory=list)
    agreement: Annotated[dict[str, Id] | None, Doc("Exactly the agreement the debrief counts ({} for none).")] = None
    above_batna: Annotated[
        dict[str, bool],
        Doc("party (`player` or a cast persona): whether the agreement beats their BATNA."),
    ] = field(default_factory=dict)
    terms_above_batna: Annotated[
        dict[str, bool],
        Doc("party: whether the terms settled so far (agreed or refused) are worth at least their BATNA."),
    ] = field(default_factory=dict)
    best_joint_value: Annotated[
        bool | None, Doc("Whether the agreement has the most joint value any agreement could have.")
    ] = None
    meters: Annotated[dict[str, MeterExpect], Doc("persona id: how they stand.")] = field(default_factory=dict)
    move: Annotated[MoveExpect | None, Doc("The last move played.")] = None
    history: HistoryExpect | None = None
    score: ScoreExpect | None = None


@dataclass(frozen=True, kw_only=True)
class Step(Model):
    """One choice of a path, with what must hold right after it."""

    choose: Id
    expect: Expect | None = None


PlanStep = Annotated[Id | Step, Doc("A choice id, or {choose: id, expect: {...}}.")]


@dataclass(frozen=True, kw_only=True)
class RandomWalk(Model):
    """Seeded random plays: each must reach an ending; together they must reach what is listed."""

    runs: Annotated[int, Interval(ge=1, le=2000), Doc("How many plays (at most 2,000: a pack is untrusted).")]
    seed: Annotated[int, Doc("The first seed; play i uses seed + i.")] = 0
    max_moves: Annotated[int, Interval(ge=1, le=200), Doc("Moves a play may take to reach an ending.")] = 60
    endings: Annotated[list[Id], Doc("Endings some play reaches.")] = field(default_factory=list)
    not_endings: Annotated[list[Id], Doc("Endings no play reaches.")] = field(default_factory=list)
    every_ending_except: Annotated[list[Id] | None, Doc("Every ending but these is reached by some play.")] = None
    scenes: Annotated[list[Id], Doc("Scenes some play visits.")] = field(default_factory=list)
    every_scene_except: Annotated[list[Id] | None, Doc("Every scene but these is visited by some play.")] = None


@dataclass(frozen=True, kw_only=True)
class PlanTest(Model):
    """One test: a path of choices or a random walk, and what must hold at its end."""

    name: Annotated[Id, Doc("Unique in the plan; failures and `score.below` name it.")]
    about: Annotated[Text | None, Doc("What the test shows, in a sentence.")] = None
    seed: Annotated[int, Doc("Seed of the session (choice order, line picks).")] = 0
    path: Annotated[list[PlanStep] | None, MaxLen(1000)] = None
    random: RandomWalk | None = None
    expect: Expect | None = None

    def __post_init__(self) -> None:
        if (self.path is None) == (self.random is None):
            raise ValueError("a test has either `path` (a list of choices) or `random`, not both or neither")
        if self.random is not None and self.expect is not None:
            raise ValueError("a random walk states what it reaches in `random`, not in `expect`")


@dataclass(frozen=True, kw_only=True)
class TestPlan(Model):
    """A scenario's test plan: `<scenario>.testplan.yaml` inside its pack."""

    about: Text | None = None
    tests: Annotated[list[PlanTest], MinLen(1), MaxLen(500)]

    __test__ = False  # not a pytest class


def plan_scenario(path: Path) -> str:
    """The id of the scenario a plan file tests: its name up to the first dot."""
    return path.name.split(".", 1)[0]


def plan_files(pack: Path, scenario: str | None = None) -> list[Path]:
    """The plan files inside the pack folder `pack` (of `scenario` only, when given), in path order.

    Links that lead outside the pack are left out (pack files stay inside the pack), and at most
    MAX_PLAN_FILES are returned.
    """
    root = pack.resolve()
    try:
        found = sorted(pack.rglob(f"*{SUFFIX}"))
    except OSError:
        return []
    out: list[Path] = []
    for path in found:
        if scenario is not None and plan_scenario(path) != scenario:
            continue
        try:
            inside = path.is_file() and path.resolve().is_relative_to(root)
        except OSError:
            inside = False
        if inside:
            out.append(path)
        if len(out) >= MAX_PLAN_FILES:
            break
    return out
