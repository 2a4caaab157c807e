"""Every package at an offer table: value created and claimed, the Pareto frontier, the ZOPA and
the best packages, over a `simulator.engine.offers.Board`. Pure functions; the rules are in
docs/scoring.md ("The negotiation table").

- **Value created and claimed.** Created: the sum over every party (the player too) of the
  package's value minus their BATNA value; claimed: the player's own share of it.
- **Pareto frontier and ZOPA.** Over full packages (every table issue settled): a package is on
  the frontier when no other is at least as good for every party and better for one; the ZOPA
  holds the packages worth at least every party's reservation value (the player's is their BATNA).
  The frontier is built issue by issue, keeping only undominated partial packages: exact, and
  bounded by MAX_STATES partial packages (beyond, the best by joint value are kept and the result
  says it is not complete).
"""

from __future__ import annotations

import itertools
import math
from bisect import bisect_right
from dataclasses import dataclass
from typing import Literal

from simulator.content.models import PLAYER
from simulator.engine.offers import Board, Package, evaluate

__all__ = [
    "MAX_PACKAGES",
    "MAX_STATES",
    "Frontier",
    "Objective",
    "Search",
    "ValueSplit",
    "Zopa",
    "best_packages",
    "in_zopa",
    "pareto_frontier",
    "value_split",
    "zopa",
]

MAX_STATES = 2048
"""The most partial packages the frontier search keeps per issue; beyond, it keeps the best by
joint value and says it is not complete."""
MAX_PACKAGES = 20_000
"""Count the ZOPA's packages one by one up to this many packages on the table."""


@dataclass(frozen=True)
class ValueSplit:
    """Value created and claimed by a package, against every party's BATNA."""

    values: dict[str, float]
    """What the package is worth to each party, the player first."""
    surplus: dict[str, float]
    """Each party's value minus their BATNA value."""
    created: float
    """The sum of the surpluses: the joint gain over walking away."""
    claimed: float
    """The player's surplus."""

    @property
    def share(self) -> float | None:
        """The player's share of the value created (None when none was created)."""
        return self.claimed / self.created if self.created > 0 else None


def value_split(board: Board, package: Package) -> ValueSplit:
    values = evaluate(board, package)
    surplus = {p.id: values[p.id] - p.batna for p in board.everyone}
    return ValueSplit(values, surplus, sum(surplus.values()), surplus[PLAYER])


# --------------------------------------------------------------------------- every package


@dataclass(frozen=True)
class Frontier:
    packages: tuple[Package, ...]
    """Full packages on the Pareto frontier of every party's value (one per distinct set of
    values), best joint value first."""
    complete: bool
    """False when the search hit MAX_STATES and kept only the best partial packages by joint
    value: the packages are then undominated among those searched, not necessarily overall."""


StateK = tuple[tuple[int, ...], Package]


def pareto_frontier(board: Board, limit: int = MAX_STATES) -> Frontier:
    """The Pareto frontier of full packages over every party (the player too)."""
    everyone = board.everyone
    states: list[StateK] = [(tuple(p.base for p in everyone), ())]
    complete = True
    for index in range(len(board.issues)):
        rows = [p.values[index] for p in everyone]
        grown = [
            (tuple(t + row[k] for t, row in zip(totals, rows, strict=True)), package + (k,))
            for totals, package in states
            for k in range(len(board.options[index]))
        ]
        states = _undominated(grown)
        if len(states) > limit:
            complete = False
            states = sorted(states, key=lambda s: -sum(s[0]))[:limit]
    states.sort(key=lambda s: (-sum(s[0]), s[1]))
    return Frontier(tuple(package for _, package in states), complete)


def _undominated(states: list[StateK]) -> list[StateK]:
    """The states no other state dominates (one of each equal set of totals: the first in
    package order), by totals descending.

    For each party, the states at least as good for it are a prefix of the states sorted by its
    total, kept as a bitmask (a Python int); a state is undominated when the AND over the parties
    of those masks holds itself alone.
    """
    first: dict[tuple[int, ...], Package] = {}
    for totals, package in states:
        if totals not in first or package < first[totals]:
            first[totals] = package
    distinct = sorted(first, reverse=True)
    count = len(distinct)
    at_least = [(1 << count) - 1] * count
    for party in range(len(distinct[0]) if distinct else 0):
        order = sorted(range(count), key=lambda j: -distinct[j][party])
        keys = [-distinct[j][party] for j in order]  # ascending, for bisect
        prefix, mask = [], 0
        for j in order:
            mask |= 1 << j
            prefix.append(mask)
        for j in range(count):
            at_least[j] &= prefix[bisect_right(keys, -distinct[j][party]) - 1]
    return [(t, first[t]) for j, t in enumerate(distinct) if at_least[j] == 1 << j]


def in_zopa(board: Board, package: Package) -> bool:
    """Whether `package` is worth at least every party's reservation value (the player's BATNA)."""
    return all(p.total(package) >= p.reservation * board.n - 1e-9 for p in board.everyone)


@dataclass(frozen=True)
class Zopa:
    nonempty: bool
    """Whether any full package is in the ZOPA (exact when the frontier search was complete)."""
    count: int | None
    """How many full packages are in it; None when there are more than MAX_PACKAGES to count."""
    packages: int
    """How many full packages the table has."""


def zopa(board: Board, frontier: Frontier | None = None) -> Zopa:
    """The ZOPA of the table. A package in the ZOPA is dominated by (or is) one on the frontier,
    which is then in the ZOPA too: the frontier decides whether it is empty."""
    frontier = frontier or pareto_frontier(board)
    nonempty = any(in_zopa(board, p) for p in frontier.packages)
    total = math.prod(len(options) for options in board.options)
    count = None
    if total <= MAX_PACKAGES:
        count = sum(in_zopa(board, p) for p in _all_packages(board))
    return Zopa(nonempty, count, total)


def _all_packages(board: Board) -> itertools.product[Package]:
    return itertools.product(*(range(len(options)) for options in board.options))


Objective = Literal["joint", "player"]


@dataclass(frozen=True)
class Search:
    packages: tuple[Package, ...]
    """The best full packages, best first."""
    exhaustive: bool
    """True when every package was considered (directly or through a complete frontier)."""


def best_packages(
    board: Board,
    objective: Objective = "joint",
    within_zopa: bool = True,
    k: int = 3,
    frontier: Frontier | None = None,
) -> Search:
    """The `k` best packages on the Pareto frontier (`frontier`, computed when not given) by joint
    value (the sum over every party) or the player's value, only those in the ZOPA when
    `within_zopa` (then none when it is empty).

    The best of each objective is on the frontier (a package dominating another is at least as
    good on both objectives and in the ZOPA when the other is), so the first is the best of all
    packages when the search was exhaustive; the others are the next best on the frontier. Ties go
    to the better joint value, then the first in option order."""
    frontier = frontier or pareto_frontier(board)
    candidates = [p for p in frontier.packages if not within_zopa or in_zopa(board, p)]

    def score(package: Package) -> tuple[float, ...]:
        values = [p.total(package) for p in board.everyone]
        joint = sum(values)
        return (-joint,) if objective == "joint" else (-values[0], -joint)

    ranked = sorted(candidates, key=lambda p: (score(p), p))
    return Search(tuple(ranked[:k]), frontier.complete)
