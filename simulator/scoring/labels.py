"""One label per move, keyed to regret the way chess trainers annotate games.

A move's label says what the move cost: `best` kept the best total in reach, `good` gave away at
most GOOD_BOUND points of the final total, and so on down to `blunder`. Regret comes from the
solver (simulator.analysis.solve), which sits above scoring: this module takes regret as a number
and never imports the solver. When no regret is known (the scenario is too large to solve, or the
solver was not run) the label falls back on the move's tag quality, and is then never `best`.

A move that breaks a principle is labelled at most `inaccuracy`, whatever its regret: a shortcut
that happened to pay off in this story is still a habit that costs elsewhere.
The bounds are documented in docs/scoring.md.
"""

from __future__ import annotations

from typing import Final, Literal

Label = Literal["best", "good", "inaccuracy", "mistake", "blunder"]

LABELS: Final[tuple[Label, ...]] = ("best", "good", "inaccuracy", "mistake", "blunder")
"""From best to worst."""

GOOD_BOUND: Final = 2.0
"""Regret (points of the 0-100 total) a move labelled `good` may have, at most."""
REGRET_BOUNDS: Final[tuple[tuple[float, Label], ...]] = (
    (0.0, "best"),
    (GOOD_BOUND, "good"),
    (5.0, "inaccuracy"),
    (10.0, "mistake"),
)
"""(upper bound of regret, label): the first bound the regret does not exceed; above all, `blunder`."""
QUALITY_FLOORS: Final[tuple[tuple[float, Label], ...]] = (
    (0.75, "good"),
    (0.5, "inaccuracy"),
    (0.25, "mistake"),
)
"""(lowest tag quality, label) when no regret is known; below all, `blunder`."""
CAP_WHEN_VIOLATING: Final[Label] = "inaccuracy"
"""The best label a move that violates any principle can get."""

LABEL_STYLES: Final[dict[str, str]] = {
    "best": "bold green",
    "good": "green",
    "inaccuracy": "yellow",
    "mistake": "bold yellow",
    "blunder": "bold red",
}
"""Rich styles for the labels (the app's move line and debrief)."""

GOOD_OR_BETTER: Final = frozenset({"best", "good"})


def rank(label: str) -> int:
    """0 for `best` to 4 for `blunder`."""
    return LABELS.index(label)


def label_of_regret(regret: float) -> Label:
    """The label a regret earns on its own (before the principle cap)."""
    for bound, label in REGRET_BOUNDS:
        if regret <= bound + 1e-9:
            return label
    return "blunder"


def label_of_quality(quality: float) -> Label:
    """The label tag quality earns when no regret is known: never `best`."""
    for floor, label in QUALITY_FLOORS:
        if quality >= floor:
            return label
    return "blunder"


def move_label(quality: float, violates: bool, regret: float | None = None) -> Label:
    """The move's label: keyed to `regret` when known, else to tag `quality`; capped at
    `inaccuracy` when the move `violates` any principle."""
    label = label_of_regret(regret) if regret is not None else label_of_quality(quality)
    if violates and rank(label) < rank(CAP_WHEN_VIOLATING):
        return CAP_WHEN_VIOLATING
    return label
