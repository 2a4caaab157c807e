"""The preparation sheet: reading the room before the meeting, and how well the learner read it.

Before a scenario a learner may fill a sheet: for each stakeholder where they sit on the influence
map, which of the offered statements are that stakeholder's interests, and which power bases are
strong for them; then the learner's own BATNA value and reservation value, and whom to meet first.
`grade_prep` compares the sheet with the pack's truth:

- **quadrant**: the persona's `quadrant`;
- **interests**: every interest of the cast member (visible and hidden). The statements offered for
  one stakeholder are their interests, the *position* they state (a position is not an interest:
  the classic confusion), the other stakeholders' interests and the player's own interests; a read
  is scored by the F1 of the picks against the truth (picking everything is not a good read);
- **power**: the bases the persona rates STRONG_POWER or more (if none, their strongest), by F1;
- **BATNA value**: right within BATNA_TOLERANCE points of the brief's `batna_value`;
- **reservation value**: right when at least the true BATNA value and at most BATNA_TOLERANCE
  above it (accept nothing worth less than the alternative, and do not price yourself out);
- **meet first**: the pack's `prep.meet_first` if given; otherwise those who can block: the
  potential disruptors, else the executives, else the critical supporters, else anyone.

The sheet's score is the mean of its items (each 0..1) as a percentage; items left blank count 0.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from typing import Literal

from simulator.content.loaded import LoadedScenario
from simulator.content.vocabulary import PowerBase, Quadrant
from simulator.errors import ContentError

STRONG_POWER = 3
"""A power base rated at least this (0-5) counts as one of a stakeholder's strong bases."""
BATNA_TOLERANCE = 10
"""Points within which a BATNA estimate counts as right, and the reservation value's margin."""
BLOCKERS = (Quadrant.POTENTIAL_DISRUPTOR, Quadrant.EXECUTIVE, Quadrant.CRITICAL_SUPPORTER)
"""Default answer for "meet first": the first of these quadrants that anyone in the cast holds."""

StatementKind = Literal["interest", "position", "other", "player"]


@dataclass(frozen=True)
class Statement:
    """One line the learner may tick as a stakeholder's interest."""

    key: str
    text: str
    kind: StatementKind
    """`interest` (theirs), `position` (what they say they want), `other` (someone else's
    interest) or `player` (the learner's own interest)."""


@dataclass(frozen=True)
class StakeholderRead:
    """What the learner believes about one stakeholder."""

    quadrant: Quadrant | None = None
    interests: frozenset[str] = frozenset()
    """Keys of the statements ticked as this stakeholder's interests."""
    power: frozenset[PowerBase] = frozenset()


@dataclass(frozen=True)
class PrepSheet:
    """A filled (or partly filled) preparation sheet."""

    reads: dict[str, StakeholderRead] = field(default_factory=dict)
    """Cast persona id: the learner's read of them."""
    batna_value: int | None = None
    reservation_value: int | None = None
    meet_first: str | None = None


@dataclass(frozen=True)
class PrepItem:
    """One graded line of the sheet."""

    who: str | None
    """The cast persona id the item is about; None for the learner's own items."""
    topic: str
    """`quadrant`, `interests`, `power`, `batna`, `reservation` or `meet_first`."""
    credit: float
    """0..1: 1 is a perfect read."""
    answer: str
    """What the learner said, in words."""
    truth: str
    """The pack's truth, in words."""


@dataclass(frozen=True)
class PrepGrade:
    items: list[PrepItem]

    @property
    def score(self) -> int:
        """The mean credit as a percentage, 0-100."""
        return round(100 * sum(i.credit for i in self.items) / len(self.items)) if self.items else 0

    def credit(self, topic: str) -> float:
        """The mean credit of one topic across stakeholders."""
        mine = [i.credit for i in self.items if i.topic == topic]
        return sum(mine) / len(mine) if mine else 0.0


def interest_keys(loaded: LoadedScenario, who: str) -> dict[str, str]:
    """Key `persona.interest`: text, for every interest of cast member `who` (scenario's first)."""
    member = loaded.scenario.cast_member(who)
    return {f"{who}.{i.id}": i.text for i in (*member.interests, *loaded.personas[who].interests)}


def statements(loaded: LoadedScenario, who: str, seed: int = 0) -> list[Statement]:
    """The statements offered for `who`, shuffled by `seed` so the order gives nothing away."""
    scenario = loaded.scenario
    out = [Statement(key, text, "interest") for key, text in interest_keys(loaded, who).items()]
    out.append(Statement(f"{who}:position", scenario.cast_member(who).position, "position"))
    for member in scenario.cast:
        if member.persona != who:
            out += [Statement(k, t, "other") for k, t in interest_keys(loaded, member.persona).items()]
    out += [Statement(f"player:{i}", text, "player") for i, text in enumerate(scenario.player.interests)]
    random.Random(f"{seed}:{who}").shuffle(out)
    return out


def strong_power(loaded: LoadedScenario, who: str) -> frozenset[PowerBase]:
    rated = loaded.personas[who].power
    strong = {base for base, rating in rated.items() if rating >= STRONG_POWER}
    if not strong and rated:
        top = max(rated.values())
        strong = {base for base, rating in rated.items() if rating == top}
    return frozenset(strong)


def meet_first(loaded: LoadedScenario) -> tuple[frozenset[str], str]:
    """Whom a well-prepared player meets first, and why."""
    scenario = loaded.scenario
    if scenario.prep is not None:
        return frozenset(scenario.prep.meet_first), scenario.prep.why or "the scenario's author says so"
    for quadrant in BLOCKERS:
        who = {m.persona for m in scenario.cast if loaded.personas[m.persona].quadrant is quadrant}
        if who:
            return frozenset(who), f"the {quadrant.value.replace('_', ' ')}s can block the plan: pre-wire them"
    return frozenset(m.persona for m in scenario.cast), "anyone in the cast"


def f1(picked: frozenset[str], truth: frozenset[str]) -> float:
    """The harmonic mean of precision and recall; 1 when both sets are empty."""
    if not picked and not truth:
        return 1.0
    hits = len(picked & truth)
    return 0.0 if hits == 0 else 2 * hits / (len(picked) + len(truth))


def _name(loaded: LoadedScenario, who: str) -> str:
    return loaded.personas[who].name


def _stakeholder_items(loaded: LoadedScenario, who: str, read: StakeholderRead) -> list[PrepItem]:
    persona = loaded.personas[who]
    truth_interests = frozenset(interest_keys(loaded, who))
    power = strong_power(loaded, who)
    offered = {s.key: s.text for s in statements(loaded, who)}
    return [
        PrepItem(
            who,
            "quadrant",
            float(read.quadrant is persona.quadrant),
            read.quadrant.value if read.quadrant else "(blank)",
            persona.quadrant.value,
        ),
        PrepItem(
            who,
            "interests",
            f1(read.interests, truth_interests),
            "; ".join(offered.get(k, k) for k in sorted(read.interests)) or "(none ticked)",
            "; ".join(offered[k] for k in sorted(truth_interests)) or "(none)",
        ),
        PrepItem(
            who,
            "power",
            f1(frozenset(read.power), power),
            ", ".join(sorted(read.power)) or "(none ticked)",
            ", ".join(sorted(power)) or "(none)",
        ),
    ]


def grade_prep(loaded: LoadedScenario, sheet: PrepSheet) -> PrepGrade:
    """Every item of `sheet` against the pack's truth (see the module's documentation)."""
    items: list[PrepItem] = []
    for member in loaded.scenario.cast:
        items += _stakeholder_items(loaded, member.persona, sheet.reads.get(member.persona, StakeholderRead()))
    batna = loaded.scenario.player.batna_value
    said = sheet.batna_value
    items.append(
        PrepItem(
            None,
            "batna",
            float(said is not None and abs(said - batna) <= BATNA_TOLERANCE),
            "(blank)" if said is None else str(said),
            str(batna),
        )
    )
    reserve = sheet.reservation_value
    items.append(
        PrepItem(
            None,
            "reservation",
            float(reserve is not None and batna <= reserve <= batna + BATNA_TOLERANCE),
            "(blank)" if reserve is None else str(reserve),
            f"{batna}-{min(100, batna + BATNA_TOLERANCE)} (at least your BATNA)",
        )
    )
    first, why = meet_first(loaded)
    items.append(
        PrepItem(
            None,
            "meet_first",
            float(sheet.meet_first in first),
            _name(loaded, sheet.meet_first) if sheet.meet_first in loaded.personas else "(blank)",
            f"{', '.join(sorted(_name(loaded, w) for w in first))}: {why}",
        )
    )
    return PrepGrade(items)


# ---------------------------------------------------------------- the sheet as plain data
TOPIC_TITLES = {
    "quadrant": "influence map",
    "interests": "interests",
    "power": "strong power bases",
    "batna": "your BATNA value",
    "reservation": "your reservation value",
    "meet_first": "meet first",
}
"""How each graded topic is named in debriefs, handouts and the class report."""


class PrepSheetError(ContentError, ValueError):
    """A sheet given as data (a file for `run --prep`, a save) that does not fit the scenario."""


def sheet_data(sheet: PrepSheet) -> dict[str, object]:
    """`sheet` as JSON-ready data: the form saves, transcripts and `run --prep` files use."""
    return {
        "reads": {
            who: {
                "quadrant": None if read.quadrant is None else read.quadrant.value,
                "interests": sorted(read.interests),
                "power": sorted(base.value for base in read.power),
            }
            for who, read in sheet.reads.items()
        },
        "batna_value": sheet.batna_value,
        "reservation_value": sheet.reservation_value,
        "meet_first": sheet.meet_first,
    }


def _value(data: dict[str, object], name: str) -> int | None:
    value = data.get(name)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 100:
        raise PrepSheetError(f"{name}: a whole number from 0 to 100, not {value!r}")
    return value


def _names(value: object, where: str) -> list[str]:
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise PrepSheetError(f"{where}: a list of names")
    return list(value)


def _read(loaded: LoadedScenario, who: str, data: object) -> StakeholderRead:
    if not isinstance(data, dict):
        raise PrepSheetError(f"reads.{who}: a mapping with quadrant, interests and power")
    unknown = set(data) - {"quadrant", "interests", "power"}
    if unknown:
        raise PrepSheetError(f"reads.{who}: unknown field {min(unknown, key=str)!r}")
    quadrant = data.get("quadrant")
    if quadrant is not None and (not isinstance(quadrant, str) or quadrant not in set(Quadrant)):
        raise PrepSheetError(f"reads.{who}.quadrant: one of {', '.join(Quadrant)}, not {quadrant!r}")
    offered = {s.key for s in statements(loaded, who)}
    interests = _names(data.get("interests"), f"reads.{who}.interests")
    stray = [key for key in interests if key not in offered]
    if stray:
        raise PrepSheetError(f"reads.{who}.interests: {stray[0]!r} is not a statement offered for {who}")
    power = _names(data.get("power"), f"reads.{who}.power")
    bad = [base for base in power if base not in set(PowerBase)]
    if bad:
        raise PrepSheetError(f"reads.{who}.power: {bad[0]!r} is not a power base ({', '.join(PowerBase)})")
    return StakeholderRead(
        None if quadrant is None else Quadrant(str(quadrant)),
        frozenset(interests),
        frozenset(PowerBase(b) for b in power),
    )


def sheet_from_data(loaded: LoadedScenario, data: object) -> PrepSheet:
    """The sheet `data` (as `sheet_data` writes it) describes for `loaded`; raises PrepSheetError
    naming the first field that does not fit (an unknown stakeholder, statement or power base)."""
    if not isinstance(data, dict):
        raise PrepSheetError("a preparation sheet is a mapping (reads, batna_value, reservation_value, meet_first)")
    unknown = set(data) - {"reads", "batna_value", "reservation_value", "meet_first"}
    if unknown:
        raise PrepSheetError(f"unknown field {min(unknown, key=str)!r}")
    cast = [m.persona for m in loaded.scenario.cast]
    reads = data.get("reads") or {}
    if not isinstance(reads, dict):
        raise PrepSheetError("reads: a mapping from cast member to their read")
    for who in reads:
        if who not in cast:
            raise PrepSheetError(f"reads: {who!r} is not in the cast ({', '.join(cast)})")
    first = data.get("meet_first")
    if first is not None and first not in cast:
        raise PrepSheetError(f"meet_first: {first!r} is not in the cast ({', '.join(cast)})")
    return PrepSheet(
        {who: _read(loaded, who, read) for who, read in reads.items()},
        _value(data, "batna_value"),
        _value(data, "reservation_value"),
        None if first is None else str(first),
    )


def item_title(loaded: LoadedScenario, item: PrepItem) -> str:
    """`Olga Okafor: influence map`, or `your BATNA value` for the learner's own items."""
    topic = TOPIC_TITLES.get(item.topic, item.topic)
    if item.who is None:
        return topic
    persona = loaded.personas.get(item.who)
    return f"{persona.name if persona else item.who}: {topic}"


def grade_rows(loaded: LoadedScenario, grade: PrepGrade) -> list[tuple[str, str, str, int]]:
    """(item, your read, the truth, credit as a percentage) for each item, as debriefs show them."""
    return [(item_title(loaded, i), i.answer, i.truth, round(100 * i.credit)) for i in grade.items]
