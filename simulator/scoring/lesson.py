"""What the debrief teaches beyond the scores: each move's label and authored note, the better
move where one cost points, the move that would have surfaced a missed interest, the ZOPA and the
scenario to play next. Pure: the solver's answers (`MoveReview`) come in as data, from
simulator.analysis.review in-process or from `yesable solve --regrets` in a child process.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from simulator.content.loaded import LoadedScenario
from simulator.content.models import Choice, Scene
from simulator.engine.rules import addressed
from simulator.scoring.debrief import Debrief
from simulator.scoring.labels import Label
from simulator.scoring.next_step import Candidate, Suggestion, suggest_next
from simulator.scoring.zopa import Zopa, zopa

Render = Callable[[Choice], str]
"""Renders a choice's text, plain, as the player reads it."""


@dataclass(frozen=True)
class Better:
    """The move that kept the most of the best total where a costlier one was played."""

    choice: str
    text: str
    """The choice's text, rendered plain as the player would have read it there."""
    gain: float
    """Points of the best reachable total it keeps that the move played gave away."""

    def to_json(self) -> dict[str, Any]:
        return {"choice": self.choice, "text": self.text, "gain": round(self.gain, 2)}


@dataclass(frozen=True)
class MoveReview:
    regret: float
    better: Better | None = None
    """None when the move played kept the best total in reach (regret 0)."""


@dataclass(frozen=True)
class Hint:
    """A move that would have surfaced a hidden interest the player missed."""

    interest: str
    """`persona.interest`."""
    scene: str
    scene_title: str
    choice: str
    text: str

    def to_json(self) -> dict[str, str]:
        return {
            "interest": self.interest,
            "scene": self.scene,
            "scene_title": self.scene_title,
            "choice": self.choice,
            "text": self.text,
        }


@dataclass
class Lesson:
    labels: list[Label]
    basis: Literal["regret", "tags"]
    """What the labels are keyed to: the solver's regrets, or (without them) the tags alone."""
    notes: list[str | None]
    """The author's note (`feedback`) on each move."""
    reviews: list[MoveReview] | None
    hints: list[Hint] = field(default_factory=list)
    zopa: Zopa | None = None
    next: Suggestion | None = None

    def regret(self, index: int) -> float | None:
        return self.reviews[index].regret if self.reviews is not None and index < len(self.reviews) else None

    def better(self, index: int) -> Better | None:
        return self.reviews[index].better if self.reviews is not None and index < len(self.reviews) else None


def choice_of(loaded: LoadedScenario, scene_id: str, choice_id: str) -> Choice | None:
    if loaded.scenario.is_ending(scene_id):
        return None
    return next((c for c in loaded.scenario.scene(scene_id).choices if c.id == choice_id), None)


def surfacing_move(loaded: LoadedScenario, ref: str, visited: Sequence[str] = ()) -> tuple[Scene, Choice] | None:
    """A move that would have surfaced hidden interest `ref` (`persona.interest`): a choice whose
    effects reveal it, else one that probes that stakeholder (asks about interests while they are
    addressed). Scenes the player `visited` come first, then the scenario's order."""
    who = ref.split(".", 1)[0]
    scenes = loaded.scenario.scenes
    order = sorted(range(len(scenes)), key=lambda i: (scenes[i].id not in visited, i))
    probing: tuple[Scene, Choice] | None = None
    for index in order:
        scene = scenes[index]
        for choice in scene.choices:
            if ref in choice.effects.reveal:
                return scene, choice
            if probing is None and choice.probes and who in addressed(scene, choice):
                probing = (scene, choice)
    return probing


def build_lesson(
    loaded: LoadedScenario,
    debrief: Debrief,
    reviews: Sequence[MoveReview] | None,
    render: Render,
    library: Sequence[Candidate] = (),
    best_totals: dict[str, int] | None = None,
) -> Lesson:
    """The lesson of a scored session; `reviews` from the solver (None: labels by tags)."""
    moves = debrief.moves
    usable = list(reviews) if reviews is not None and len(reviews) == len(moves) else None
    labels = [g.grade.label(usable[i].regret if usable is not None else None) for i, g in enumerate(moves)]
    notes = [(c.feedback if (c := choice_of(loaded, g.move.scene, g.move.choice)) else None) for g in moves]
    visited = [g.move.scene for g in moves]
    hints: list[Hint] = []
    for ref in debrief.hidden_missed:
        found = surfacing_move(loaded, ref, visited)
        if found is not None:
            scene, choice = found
            hints.append(Hint(ref, scene.id, scene.title or scene.id, choice.id, render(choice)))
    names = {pid: p.name for pid, p in loaded.personas.items()}
    scenario = loaded.scenario
    current = Candidate(
        loaded.ref, scenario.title, str(scenario.difficulty), tuple(str(o) for o in scenario.objectives)
    )
    suggestion = (
        suggest_next(current, [g.move for g in moves], debrief.total, library, best_totals)
        if library and debrief.ended
        else None
    )
    return Lesson(
        labels=labels,
        basis="regret" if usable is not None else "tags",
        notes=notes,
        reviews=usable,
        hints=hints,
        zopa=zopa(scenario, names, debrief.agreement if debrief.agreement else None),
        next=suggestion,
    )


def zopa_json(z: Zopa | None) -> dict[str, Any] | None:
    if z is None:
        return None
    return {
        "reservations": [{"party": r.party, "name": r.name, "value": r.value} for r in z.reservations],
        "packages": z.packages,
        "inside": z.inside,
        "best_package": dict(z.best),
        "best_joint": round(z.best_joint, 2),
        "best_inside": z.best_inside,
        "agreement_inside": z.agreement_inside,
    }


def zopa_lines(loaded: LoadedScenario, z: Zopa) -> list[str]:
    """The ZOPA in a few plain lines (run's text, the app's debrief)."""
    scenario = loaded.scenario
    out = ["Reservation values (each party's BATNA): " + ", ".join(f"{r.name} {r.value}" for r in z.reservations)]
    if z.inside is None:
        out.append(f"ZOPA: {z.packages:,} packages, too many to enumerate")
    else:
        out.append(f"ZOPA: {z.inside} of {z.packages:,} packages leave every party at or above its BATNA")
    if z.agreement_inside is not None:
        out.append("Your agreement is " + ("inside" if z.agreement_inside else "outside") + " the ZOPA")
    titles = []
    for issue in scenario.issues:
        option = next((o for o in issue.options if o.id == z.best.get(issue.id)), None)
        titles.append(f"{_short(issue.title, 30)}: {_short(option.title, 40) if option else '-'}")
    where = {True: "in the ZOPA", False: "no package is in the ZOPA", None: "over all packages"}[z.best_inside]
    out.append(f"Best joint package ({where}, joint value {z.best_joint:.0f}): " + "; ".join(titles))
    return out


def _short(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip(" ,;:") + "…"
