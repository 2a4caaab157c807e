"""Grade one move, with a reason in the course's vocabulary.

A grade is a pure function of the move's tags and the scene it was played in, so the same move
always earns the same grade and the debrief can explain it.
"""

from __future__ import annotations

from dataclasses import dataclass

from simulator.content.models import Choice, Scenario, Scene
from simulator.content.vocabulary import PowerBase, Principle, Style
from simulator.engine.state import Move
from simulator.scoring.labels import Label, label_of_quality, move_label

APPLIED_POINTS = 1.0
VIOLATED_POINTS = -1.5
FIT_POINTS = 1.0
MISFIT_POINTS = -1.0
POWER_POINTS: dict[PowerBase, float] = {
    PowerBase.REFERENT: 0.5,
    PowerBase.EXPERT: 0.5,
    PowerBase.INFORMATIONAL: 0.5,
    PowerBase.LEGITIMATE: 0.0,
    PowerBase.REWARD: 0.0,
    PowerBase.COERCIVE: -1.5,
}

_POWER_NOTES: dict[PowerBase, str] = {
    PowerBase.REFERENT: "drew on referent power: the trust and shared vision people give you",
    PowerBase.EXPERT: "drew on expert power: your knowledge of customers, market and data",
    PowerBase.INFORMATIONAL: "drew on informational power: facts the other side needed",
    PowerBase.LEGITIMATE: "leaned on legitimate power (your role or process), which persuades few",
    PowerBase.REWARD: (
        "offered something you control in return (reward power), which buys cooperation only while it lasts"
    ),
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
    """0 (worst) to 1 (best) by the move's tags: the process component of the score."""
    grade: Label
    """The label from the tags alone (good, inaccuracy, mistake or blunder, capped at inaccuracy
    when a principle is broken): what a move is labelled when its regret is not known."""
    reason: str
    broke: tuple[str, ...] = ()
    """The principles the move violates, in the order the reason names them."""

    @property
    def violates(self) -> bool:
        return bool(self.broke)

    def label(self, regret: float | None) -> Label:
        """The move's label, keyed to `regret` when the solver gave one (docs/scoring.md)."""
        return move_label(self.quality, self.violates, regret)


def move_points(move: Move) -> float:
    points = APPLIED_POINTS * len(move.principles) + VIOLATED_POINTS * len(move.violates)
    points += FIT_POINTS if move.fits else MISFIT_POINTS
    if move.power is not None:
        points += POWER_POINTS[move.power]
    return points


def quality_of(points: float) -> float:
    return max(0.0, min(1.0, (points + 3.0) / 6.0))


def grade_label(quality: float, violates: bool = False) -> Label:
    """The label from tag quality alone (no regret known)."""
    return move_label(quality, violates) if violates else label_of_quality(quality)


def static_move(scene: Scene, choice: Choice) -> Move:
    """The move a choice makes as far as its grade is concerned (tags and fit only), wherever it
    is played; `to` is its first way out, if any (the grade does not read it)."""
    return Move(
        step=0,
        scene=scene.id,
        choice=choice.id,
        style=choice.style,
        principles=list(choice.principles),
        violates=list(choice.violates),
        power=choice.power,
        fits=choice.style in scene.fits,
        to=choice.branches[0].to if choice.branches else "",
    )


def grade_move(scenario: Scenario, move: Move) -> MoveGrade:
    """The grade of `move` and a one-line reason naming the concepts it applied or broke.

    A move that breaks a principle is never praised: the reason names what it broke first, and
    says nothing of a style that fit or a "good" power base it drew on (the words would teach
    that the style or the power made up for the breach).
    """
    points = move_points(move)
    quality = quality_of(points)
    broke = bool(move.violates)
    label = grade_label(quality, broke)
    parts: list[str] = []
    parts += [_VIOLATED_NOTES[p] for p in move.violates]
    parts += [_APPLIED_NOTES[p] for p in move.principles]
    if move.power is not None and not (broke and POWER_POINTS[move.power] > 0):
        parts.append(_POWER_NOTES[move.power])
    scene = scenario.scene(move.scene)
    fitting = ", ".join(str(s) for s in scene.fits)
    if not move.fits:
        parts.append(f"{_style_phrase(move.style)} did not fit a moment that called for {fitting}")
    elif not broke:
        parts.append(f"{_style_phrase(move.style)} fit the moment")
    reason = "; ".join(parts)
    return MoveGrade(points, quality, label, reason[0].upper() + reason[1:] + ".", tuple(str(p) for p in move.violates))


def _style_phrase(style: Style) -> str:
    return {
        Style.INTEGRATING: "integrating (problem-solving together)",
        Style.OBLIGING: "obliging (yielding to them)",
        Style.DOMINATING: "dominating (forcing your position)",
        Style.AVOIDING: "avoiding (postponing the conflict)",
        Style.COMPROMISING: "compromising (splitting the difference)",
    }[style]
