"""Reservation values and the ZOPA of a scenario's negotiation, for the debrief.

A party's reservation value is what its BATNA is worth to it: it should accept no agreement worth
less. A *package* settles every issue with one of its options; its value to a party is the mean,
over the issues, of that option's value to the party (as the outcome score counts it). The ZOPA
(zone of possible agreement) is the set of packages that leave every party at or above its
reservation value. Enumerating packages grows with the product of the options per issue, so it
stops at MAX_PACKAGES and says so.
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass

from simulator.content.models import PLAYER, Scenario

MAX_PACKAGES = 20_000
"""Enumerate at most this many packages; beyond, the ZOPA is "too many to enumerate"."""


@dataclass(frozen=True)
class Reservation:
    party: str
    """`player` or a cast persona id."""
    name: str
    value: int
    """The party's BATNA value: its reservation value, 0-100."""


@dataclass(frozen=True)
class Zopa:
    reservations: list[Reservation]
    packages: int
    """Every way to settle every issue (the product of the options per issue)."""
    inside: int | None
    """Packages in the ZOPA; None when `packages` exceeds MAX_PACKAGES (not enumerated)."""
    best: dict[str, str]
    """issue id: option id of the best joint package: the largest joint value inside the ZOPA
    when it has any package, else over all packages."""
    best_joint: float
    best_inside: bool | None
    """Whether `best` is in the ZOPA (None when not enumerated)."""
    agreement_inside: bool | None
    """Whether the agreement reached leaves every party at or above its reservation value
    (None without an agreement)."""

    @property
    def enumerated(self) -> bool:
        return self.inside is not None


def reservations(scenario: Scenario, names: dict[str, str]) -> list[Reservation]:
    out = [Reservation(PLAYER, "You", scenario.player.batna_value)]
    out += [Reservation(m.persona, names.get(m.persona, m.persona), m.batna_value) for m in scenario.cast]
    return out


def package_values(scenario: Scenario, package: dict[str, str], parties: list[str]) -> list[float]:
    """Each party's value of `package` (issue id: option id; an issue left out counts 0)."""
    issues = scenario.issues
    if not issues:
        return [0.0 for _ in parties]
    values: list[float] = []
    for party in parties:
        total = 0
        for issue in issues:
            option = next((o for o in issue.options if o.id == package.get(issue.id)), None)
            total += option.values.get(party, 0) if option is not None else 0
        values.append(total / len(issues))
    return values


def zopa(scenario: Scenario, names: dict[str, str], agreement: dict[str, str] | None) -> Zopa | None:
    """The ZOPA of `scenario` (None when it negotiates no issues); `agreement` is what was settled
    in an agreement ending, None for any other ending."""
    issues = scenario.issues
    if not issues:
        return None
    held = reservations(scenario, names)
    parties = [r.party for r in held]
    floors = [r.value for r in held]
    count = math.prod(len(i.options) for i in issues)
    # each party's value of each option, divided later by the number of issues
    table = [[[o.values.get(p, 0) for p in parties] for o in issue.options] for issue in issues]
    n = len(issues)

    def joint_and_fits(combo: tuple[int, ...]) -> tuple[float, bool]:
        sums = [sum(table[i][k][j] for i, k in enumerate(combo)) for j in range(len(parties))]
        return sum(sums) / n, all(s / n >= f for s, f in zip(sums, floors, strict=True))

    overall = tuple(_best_option(t) for t in table)
    inside: int | None = None
    best, best_inside = overall, None
    if count <= MAX_PACKAGES:
        inside, best_in, best_in_joint = 0, None, -1.0
        for combo in itertools.product(*(range(len(t)) for t in table)):
            joint, fits = joint_and_fits(combo)
            if fits:
                inside += 1
                if joint > best_in_joint:
                    best_in, best_in_joint = combo, joint
        best = best_in if best_in is not None else overall
        best_inside = best_in is not None
    agreement_inside: bool | None = None
    if agreement is not None:
        values = package_values(scenario, agreement, parties)
        agreement_inside = all(v >= f for v, f in zip(values, floors, strict=True))
    return Zopa(
        reservations=held,
        packages=count,
        inside=inside,
        best={issue.id: issue.options[k].id for issue, k in zip(issues, best, strict=True)},
        best_joint=joint_and_fits(best)[0],
        best_inside=best_inside,
        agreement_inside=agreement_inside,
    )


def _best_option(values: list[list[int]]) -> int:
    """The index of the option with the largest joint value (the first on a tie)."""
    joint = [sum(v) for v in values]
    return joint.index(max(joint))
