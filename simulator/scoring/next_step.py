"""Which scenario to play next: a simple, documented rule (docs/playing.md).

1. The learner's weakest area in this session: the principle broken most often (ties in the order
   people, interests, options, criteria, batna); else, if any move's style did not fit its scene,
   conflict styles; else, if any move leaned on coercive or legitimate power, power; else none.
2. The area's learning objective: people and conflict styles -> EO2.3 (conflict management),
   interests, options, criteria and batna -> EO2.4 (interests vs positions, BATNA), power -> EO2.2
   (sources of power). With no weak area, the objectives of the scenario just played.
3. Candidates: every other scenario not yet mastered (best total MASTERED or more), at the same
   difficulty or the next one up. A session that scored MASTERED or more prefers the next
   difficulty, any other the same one.
4. The candidate that practises the objective wins; then the preferred difficulty; then the most
   objectives shared with the scenario just played; then the library's order.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from simulator.content.vocabulary import (
    OBJECTIVE_TITLES,
    Difficulty,
    Objective,
    PowerBase,
    Principle,
)
from simulator.engine.state import Move

MASTERED = 80
"""A scenario whose best total reaches this is mastered: not suggested again."""
LEVELS: tuple[str, ...] = tuple(str(d) for d in Difficulty)
AREA_OBJECTIVES: dict[str, str] = {
    "people": "EO2.3",
    "interests": "EO2.4",
    "options": "EO2.4",
    "criteria": "EO2.4",
    "batna": "EO2.4",
    "styles": "EO2.3",
    "power": "EO2.2",
}
WEAK_POWER = frozenset({PowerBase.COERCIVE, PowerBase.LEGITIMATE})


@dataclass(frozen=True)
class Candidate:
    ref: str
    title: str
    difficulty: str
    objectives: tuple[str, ...]


@dataclass(frozen=True)
class Suggestion:
    ref: str
    title: str
    why: str


def weakest_area(moves: Sequence[Move]) -> tuple[str, str] | None:
    """(area, what the learner did) for the weakest area of `moves`, or None."""
    broken = Counter(str(p) for m in moves for p in m.violates)
    if broken:
        top = max(broken.values())
        area = next(str(p) for p in Principle if broken[str(p)] == top)
        times = "once" if top == 1 else f"{top} times"
        return area, f"you broke `{area}` {times}"
    misfits = sum(not m.fits for m in moves)
    if misfits:
        return "styles", f"{misfits} of your moves' styles did not fit the moment"
    weak = sum(m.power in WEAK_POWER for m in moves)
    if weak:
        return "power", f"you leaned on coercive or legitimate power {weak} time(s)"
    return None


def suggest_next(
    current: Candidate,
    moves: Sequence[Move],
    total: int,
    library: Sequence[Candidate],
    best_totals: dict[str, int] | None = None,
) -> Suggestion | None:
    """The scenario to play after `current` (rule in the module docstring), or None."""
    best_totals = best_totals or {}
    level = LEVELS.index(current.difficulty) if current.difficulty in LEVELS else 0
    allowed = {LEVELS[level], *LEVELS[level + 1 : level + 2]}
    preferred = LEVELS[min(level + 1, len(LEVELS) - 1)] if total >= MASTERED else LEVELS[level]
    weak = weakest_area(moves)
    targets = {AREA_OBJECTIVES[weak[0]]} if weak else set(current.objectives)
    pool = [
        c for c in library if c.ref != current.ref and c.difficulty in allowed and best_totals.get(c.ref, 0) < MASTERED
    ]
    if not pool:
        return None

    def key(c: Candidate) -> tuple[bool, bool, int]:
        return (
            not targets & set(c.objectives),
            c.difficulty != preferred,
            -len(set(c.objectives) & set(current.objectives)),
        )

    pick = min(pool, key=key)  # min keeps the library's order on a tie
    matched = sorted(targets & set(pick.objectives))
    if weak and matched:
        why = f"{weak[1]}; it practises {_objective(matched[0])}"
    elif matched:
        why = f"it practises {_objective(matched[0])} again"
    else:
        why = "nothing left practises that objective at this level; it is the closest unmastered scenario"
    why += f" at {pick.difficulty} level"
    return Suggestion(pick.ref, pick.title, why)


def _objective(code: str) -> str:
    try:
        return f"{code} ({OBJECTIVE_TITLES[Objective(code)]})"
    except ValueError:
        return code
