"""Grade one move, with a reason in the course's vocabulary.

A grade is a pure function of the move's tags and the scene it was played in, so the same move
always earns the same grade and the debrief can explain it.
"""

from __future__ import annotations

from dataclasses import dataclass

from simulator.content.models import Scenario
from simulator.content.vocabulary import PowerBase, Principle, Style
from simulator.engine.state import Move

APPLIED_POINTS = 1.0
VIOLATED_POINTS = -1.5
FIT_POINTS = 1.0
MISFIT_POINTS = -1.0
POWER_POINTS: dict[PowerBase, float] = {
    PowerBase.REFERENT: 0.5,
    PowerBase.EXPERT: 0.5,
    PowerBase.INFORMATIONAL: 0.5,
    PowerBase.LEGITIMATE: 0.0,
    PowerBase.REWARD: -0.5,
    PowerBase.COERCIVE: -1.5,
}
GRADES: tuple[tuple[float, str], ...] = ((0.75, "strong"), (0.5, "sound"), (0.25, "weak"), (0.0, "costly"))

_POWER_NOTES: dict[PowerBase, str] = {
    PowerBase.REFERENT: "drew on referent power: the trust and shared vision people give you",
    PowerBase.EXPERT: "drew on expert power: your knowledge of customers, market and data",
    PowerBase.INFORMATIONAL: "drew on informational power: facts the other side needed",
    PowerBase.LEGITIMATE: "leaned on legitimate power (your role or process), which persuades few",
    PowerBase.REWARD: "offered a reward you barely control, which buys compliance, not commitment",
    PowerBase.COERCIVE: "used coercive power, a threat that burns the relationship",
}
_APPLIED_NOTES: dict[Principle, str] = {
    Principle.PEOPLE: "kept the people apart from the problem",
    Principle.INTERESTS: "asked about interests behind the position",
    Principle.OPTIONS: "widened the options for mutual gain",
    Principle.CRITERIA: "anchored on objective criteria",
    Principle.BATNA: "knew your BATNA and negotiated from it",
}
_VIOLATED_NOTES: dict[Principle, str] = {
    Principle.PEOPLE: "made it personal instead of attacking the problem",
    Principle.INTERESTS: "bargained over positions instead of interests",
    Principle.OPTIONS: "fixed on a single answer and shut out options for mutual gain",
    Principle.CRITERIA: "relied on will or opinion instead of objective criteria",
    Principle.BATNA: "ignored your BATNA (accepting less, or bluffing with one you lack)",
}


@dataclass(frozen=True)
class MoveGrade:
    points: float
    quality: float
    """0 (costly) to 1 (strong)."""
    grade: str
    reason: str


def move_points(move: Move) -> float:
    points = APPLIED_POINTS * len(move.principles) + VIOLATED_POINTS * len(move.violates)
    points += FIT_POINTS if move.fits else MISFIT_POINTS
    if move.power is not None:
        points += POWER_POINTS[move.power]
    return points


def quality_of(points: float) -> float:
    return max(0.0, min(1.0, (points + 3.0) / 6.0))


def grade_label(quality: float) -> str:
    for floor, label in GRADES:
        if quality >= floor:
            return label
    return "costly"


def grade_move(scenario: Scenario, move: Move) -> MoveGrade:
    """The grade of `move` and a one-line reason naming the concepts it applied or broke."""
    points = move_points(move)
    quality = quality_of(points)
    label = grade_label(quality)
    parts: list[str] = []
    parts += [_APPLIED_NOTES[p] for p in move.principles]
    parts += [_VIOLATED_NOTES[p] for p in move.violates]
    if move.power is not None:
        parts.append(_POWER_NOTES[move.power])
    scene = scenario.scene(move.scene)
    fitting = ", ".join(str(s) for s in scene.fits)
    if move.fits:
        parts.append(f"{_style_phrase(move.style)} fit the moment")
    else:
        parts.append(f"{_style_phrase(move.style)} did not fit a moment that called for {fitting}")
    reason = "; ".join(parts)
    return MoveGrade(points, quality, label, reason[0].upper() + reason[1:] + ".")


def _style_phrase(style: Style) -> str:
    return {
        Style.INTEGRATING: "integrating (problem-solving together)",
        Style.OBLIGING: "obliging (yielding to them)",
        Style.DOMINATING: "dominating (forcing your position)",
        Style.AVOIDING: "avoiding (postponing the conflict)",
        Style.COMPROMISING: "compromising (splitting the difference)",
    }[style]
