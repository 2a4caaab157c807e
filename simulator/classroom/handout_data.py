"""What the handouts show, computed from a scenario: briefs per role and the facilitator's guide.

Everything here is plain data built from the content models (no engine session is needed), so
the templates only lay it out. Move grades come from the scorer, so the "common mistakes" in the
guide are graded exactly as in play.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from simulator.content.loaded import LoadedScenario
from simulator.content.models import PLAYER, Interest, Option
from simulator.content.vocabulary import OBJECTIVE_TITLES, PRINCIPLE_TITLES, Objective
from simulator.engine.agreement import party_value
from simulator.engine.dialogue import Dialogue
from simulator.scoring import grade_move
from simulator.scoring.grades import static_move

MAX_COMBINATIONS = 50_000
"""Agreements searched exhaustively for the best one; beyond this, best option per issue."""

READING_MINUTES = 10
BRIEFING_MINUTES = 5
ROUND_MINUTES = 60


@dataclass(frozen=True)
class IssueValues:
    title: str
    options: list[tuple[str, dict[str, int]]]
    """(option title, value per party) in scenario order."""


@dataclass(frozen=True)
class CastLine:
    id: str
    name: str
    title: str
    function: str
    position: str


@dataclass
class RoleBrief:
    """A stakeholder's confidential instructions."""

    id: str
    name: str
    title: str
    function: str
    quadrant: str
    kpis: list[str]
    power: list[tuple[str, int]]
    style: str
    patience: int
    position: str
    open_interests: list[str]
    hidden_interests: list[tuple[str, int]]
    batna: str
    batna_value: int
    values: list[tuple[str, list[tuple[str, int]]]]
    likes: list[str]
    dislikes: list[str]
    scenes: list[str]


OFF_PATH = "off the best path"
NOT_OFFERED = "not offered on the best path"


@dataclass(frozen=True)
class Mistake:
    """One choice as the facilitator guide shows it."""

    scene: str
    text: str
    grade: str
    """Its label (best ... blunder) played where the solver's best path reaches its scene; for a
    scene off that path (or when the scenario cannot be solved) the label by its tags."""
    reason: str
    feedback: str | None
    where: str = ""
    """"" when labelled from the best path; OFF_PATH when that path never reaches the scene (or
    the scenario cannot be solved), NOT_OFFERED when the choice is closed at that point: then
    `grade` is by the tags."""


@dataclass
class Guide:
    objectives: list[tuple[str, str]]
    timing: list[tuple[int, str]]
    issues: list[IssueValues]
    parties: list[tuple[str, str, int]]
    """(party id, name, BATNA value), player first."""
    best_agreement: list[tuple[str, str]]
    best_values: list[tuple[str, int, int]]
    """(party name, value of the best agreement, BATNA value)."""
    scenes: list[tuple[str, list[str], list[str], int]]
    endings: list[tuple[str, str]]
    hidden: list[tuple[str, str, int]]
    questions: list[tuple[str, str]]
    mistakes: list[Mistake]
    """Choices labelled mistake or blunder."""
    strong_moves: list[Mistake]
    """Choices labelled best on the best path."""
    solver: dict[str, Any] | None = None
    moves: list[tuple[str, list[Mistake]]] = field(default_factory=list)
    """(scene title, every choice of it), in scenario order."""


@dataclass(frozen=True)
class PrepStakeholder:
    """A stakeholder on the blank preparation sheet: what a PM knows, and the statements to tick."""

    cast: CastLine
    kpis: list[str]
    statements: list[str]
    """The statements offered as their possible interests, in the round's order (scoring.prep)."""


@dataclass(frozen=True)
class PrepAnswer:
    """The truth for one stakeholder of the sheet, for the facilitator guide (scoring.prep)."""

    name: str
    quadrant: str
    interests: list[str]
    power: list[str]


@dataclass(frozen=True)
class PrepBlank:
    """The blank preparation sheet for paper rounds: the lists the app's sheet offers, and the
    answers for the facilitator guide (never on the learner's sheet)."""

    stakeholders: list[PrepStakeholder]
    quadrants: list[str]
    power_bases: list[str]
    answers: list[PrepAnswer] = field(default_factory=list)
    batna: str = ""
    reservation: str = ""
    meet_first: str = ""


@dataclass
class Handouts:
    loaded: LoadedScenario
    cast: list[CastLine]
    issues: list[IssueValues]
    roles: list[RoleBrief]
    guide: Guide
    extra: dict[str, Any] = field(default_factory=dict)
    prep: PrepBlank | None = None
    """The blank preparation sheet (`build_handouts` always fills it)."""


QUESTIONS: dict[str, list[str]] = {
    "EO2.1": ["Which of your goals depended on people who do not report to you, and how did you keep them committed?"],
    "EO2.2": [
        (
            "Which power base did you lean on at each turning point: expert, referent, informational, "
            "legitimate, reward or coercive? What did each cost or earn you?"
        ),
        "Which power bases did the stakeholders hold, and how did that change what you could ask for?",
    ],
    "EO2.3": [
        (
            "Which conflict style did you use most? Where did it fit the moment, and where did another "
            "style (integrating, compromising, obliging, avoiding, dominating) fit better?"
        ),
        "If it had to be escalated, how would you escalate jointly rather than going over their head?",
    ],
    "EO2.4": [
        "What positions did the stakeholders open with, and what interests sat behind them?",
        "What was your BATNA, and theirs? Did the agreement beat every party's BATNA?",
        "Which objective criteria (data, precedent, agreed trade-off rules) moved the conversation?",
    ],
    "EO3": ["How did you state the problem without prescribing the solution to development?"],
    "EO4": ["What does marketing need from you, and how much lead time, to make a launch work?"],
    "EO5": ["How did you show the opportunity cost of one customer's demands against the market's?"],
    "EO6": ["How did support's knowledge of customers enter the prioritisation?"],
    "EO7": ["Which functions did the decision touch, and who did you need to talk to before the meeting?"],
}


def neutral_context(loaded: LoadedScenario) -> dict[str, Any]:
    """What a pack template sees when text is shown outside play (no moods, nothing revealed)."""
    return {
        "player": loaded.scenario.player.role,
        "name": "",
        "title": "",
        "mood": "neutral",
        "trust": 50,
        "satisfaction": 50,
        "flags": [],
        "revealed": [],
        "settled": {},
        "cast": {pid: p.name for pid, p in loaded.personas.items()},
    }


def say(loaded: LoadedScenario, text: str) -> str:
    return Dialogue().render(text, neutral_context(loaded))


def _interests(loaded: LoadedScenario, persona_id: str) -> list[Interest]:
    member = loaded.scenario.cast_member(persona_id)
    return [*member.interests, *loaded.personas[persona_id].interests]


def _issue_values(loaded: LoadedScenario) -> list[IssueValues]:
    return [
        IssueValues(issue.title, [(o.title, dict(o.values)) for o in issue.options]) for issue in loaded.scenario.issues
    ]


def _best_agreement(loaded: LoadedScenario, parties: list[tuple[str, str, int]]) -> list[int]:
    """Option index per issue: most parties above BATNA, then the largest joint value."""
    issues = loaded.scenario.issues
    if not issues:
        return []
    sizes = [len(i.options) for i in issues]
    total = 1
    for size in sizes:
        total *= size
    if total > MAX_COMBINATIONS:
        return [_best_option(i.options) for i in issues]

    def key(combo: tuple[int, ...]) -> tuple[int, float]:
        terms = {issues[n].id: issues[n].options[k].id for n, k in enumerate(combo)}
        values = [party_value(loaded.scenario, terms, p) or 0.0 for p, _, _ in parties]
        above = sum(v >= batna for v, (_, _, batna) in zip(values, parties, strict=True))
        return above, sum(values)

    combos: list[tuple[int, ...]] = list(itertools.product(*(range(s) for s in sizes)))
    best: tuple[int, ...] = max(combos, key=key)
    return list(best)


def _best_option(options: Sequence[Option]) -> int:
    joint = [sum(o.values.values()) for o in options]
    return joint.index(max(joint))


def _role(loaded: LoadedScenario, persona_id: str) -> RoleBrief:
    scenario, persona = loaded.scenario, loaded.personas[persona_id]
    member = scenario.cast_member(persona_id)
    interests = _interests(loaded, persona_id)
    responds = persona.responds_to
    tags = [*responds.styles.items(), *responds.principles.items(), *responds.power.items()]
    likes = [_tag_name(str(k)) for k, v in tags if v > 0]
    dislikes = [_tag_name(str(k)) for k, v in tags if v < 0]
    return RoleBrief(
        id=persona_id,
        name=persona.name,
        title=persona.title,
        function=str(persona.function),
        quadrant=str(persona.quadrant).replace("_", " "),
        kpis=list(persona.kpis),
        power=sorted(((str(b), r) for b, r in persona.power.items()), key=lambda x: -x[1]),
        style=str(persona.style),
        patience=member.patience or persona.patience,
        position=member.position,
        open_interests=[i.text for i in interests if not i.hidden],
        hidden_interests=[(i.text, i.reveal_trust) for i in interests if i.hidden],
        batna=member.batna,
        batna_value=member.batna_value,
        values=[(i.title, [(o.title, o.values.get(persona_id, 0)) for o in i.options]) for i in scenario.issues],
        likes=likes,
        dislikes=dislikes,
        scenes=[s.title or s.id for s in scenario.scenes if persona_id in s.present],
    )


def _tag_name(tag: str) -> str:
    try:
        return PRINCIPLE_TITLES[tag]  # type: ignore[index]
    except KeyError:
        return tag


def _moves(loaded: LoadedScenario) -> tuple[list[Mistake], list[Mistake], list[tuple[str, list[Mistake]]]]:
    """(mistakes and blunders, best moves, every choice by scene), labelled from the best path."""
    scenario = loaded.scenario
    labels = best_path_labels(loaded)
    on_path = {scene for scene, _ in labels}
    costly: list[Mistake] = []
    strong: list[Mistake] = []
    by_scene: list[tuple[str, list[Mistake]]] = []
    for scene in scenario.scenes:
        entries = []
        for choice in scene.choices:
            grade = grade_move(scenario, static_move(scene, choice))
            label = labels.get((scene.id, choice.id))
            where = "" if label is not None else NOT_OFFERED if scene.id in on_path else OFF_PATH
            entry = Mistake(
                scene.title or scene.id,
                say(loaded, choice.text),
                label or grade.grade,
                grade.reason,
                choice.feedback,
                where,
            )
            entries.append(entry)
            if entry.grade in ("mistake", "blunder"):
                costly.append(entry)
            elif entry.grade == "best":
                strong.append(entry)
        by_scene.append((scene.title or scene.id, entries))
    return costly, strong, by_scene


def best_path_labels(loaded: LoadedScenario) -> dict[tuple[str, str], str]:
    """Each choice's label where the solver's best path reaches its scene; empty without a solver."""
    from simulator.analysis.review import best_path_labels as labels
    from simulator.analysis.solve import SolveError
    from simulator.analysis.table import DeadEnd

    try:
        return dict(labels(loaded))
    except (SolveError, DeadEnd):
        return {}


def _questions(loaded: LoadedScenario) -> list[tuple[str, str]]:
    scenario = loaded.scenario
    out: list[tuple[str, str]] = []
    for objective in scenario.objectives:
        concept = f"{objective} {OBJECTIVE_TITLES[Objective(objective)]}"
        out += [(concept, q) for q in QUESTIONS.get(str(objective), [])]
    for member in scenario.cast:
        name = loaded.personas[member.persona].name
        for interest in _interests(loaded, member.persona):
            if interest.hidden:
                out.append(
                    (
                        "Hidden interests",
                        (
                            f"{name} said: “{member.position.strip()}” What was behind it, and which "
                            "question or move brought it out? Who never found out?"
                        ),
                    )
                )
                break
    return out


def _timing(minutes: int) -> list[tuple[int, str]]:
    debrief = max(10, ROUND_MINUTES - BRIEFING_MINUTES - READING_MINUTES - minutes)
    return [
        (BRIEFING_MINUTES, "Introduce the scenario and hand out the briefs (one role each)."),
        (READING_MINUTES, "Read the briefs; prepare interests, options and BATNA. No conferring across roles."),
        (minutes, "Play: in Yesable (terminal or browser) or live with the printed briefs."),
        (debrief, "Class debrief: show the class report (yesable report) and work through the questions below."),
    ]


def round_seed(round_id: str | None) -> int:
    """The statements' order for a round: the same for every sheet of the round, different between
    rounds (0 without a round, as headless play)."""
    import zlib

    return 0 if round_id is None else zlib.crc32(round_id.encode("utf-8"))


def prep_blank(loaded: LoadedScenario, cast: list[CastLine], seed: int = 0) -> PrepBlank:
    """The blank preparation sheet of `loaded`, its statements ordered by `seed`."""
    from simulator.content.vocabulary import PowerBase, Quadrant
    from simulator.scoring.prep import (
        BATNA_TOLERANCE,
        interest_keys,
        meet_first,
        statements,
        strong_power,
    )

    batna = loaded.scenario.player.batna_value
    first, why = meet_first(loaded)
    return PrepBlank(
        [
            PrepStakeholder(
                line, list(loaded.personas[line.id].kpis), [s.text for s in statements(loaded, line.id, seed)]
            )
            for line in cast
        ],
        [q.value.replace("_", " ") for q in Quadrant],
        [b.value for b in PowerBase],
        answers=[
            PrepAnswer(
                line.name,
                str(loaded.personas[line.id].quadrant).replace("_", " "),
                list(interest_keys(loaded, line.id).values()),
                sorted(str(b) for b in strong_power(loaded, line.id)),
            )
            for line in cast
        ],
        batna=f"{batna} (right within {BATNA_TOLERANCE} points)",
        reservation=(
            f"{batna}-{min(100, batna + BATNA_TOLERANCE)}: at least the BATNA, at most {BATNA_TOLERANCE} above it"
        ),
        meet_first=", ".join(sorted(line.name for line in cast if line.id in first)) + f": {why}",
    )


def build_handouts(loaded: LoadedScenario, seed: int = 0) -> Handouts:
    """Everything the handouts show; `seed` orders the prep sheet's statements (`round_seed`)."""
    scenario = loaded.scenario
    names = {pid: p.name for pid, p in loaded.personas.items()}
    cast = [
        CastLine(
            m.persona,
            names[m.persona],
            loaded.personas[m.persona].title,
            str(loaded.personas[m.persona].function),
            m.position,
        )
        for m in scenario.cast
    ]
    parties = [(PLAYER, "Product manager", scenario.player.batna_value)]
    parties += [(m.persona, names[m.persona], m.batna_value) for m in scenario.cast]
    best = _best_agreement(loaded, parties)
    best_agreement = [(i.title, i.options[k].title) for i, k in zip(scenario.issues, best, strict=True)]
    best_values = []
    for party, name, batna in parties:
        value = party_value(
            scenario, {i.id: i.options[k].id for i, k in zip(scenario.issues, best, strict=True)}, party
        )
        if value is not None:
            best_values.append((name, round(value), batna))
    costly, strong, by_scene = _moves(loaded)
    guide = Guide(
        objectives=[(str(o), OBJECTIVE_TITLES[Objective(o)]) for o in scenario.objectives],
        timing=_timing(scenario.minutes),
        issues=_issue_values(loaded),
        parties=parties,
        best_agreement=best_agreement,
        best_values=best_values,
        scenes=[
            (s.title or s.id, [names[p] for p in s.present], [str(f) for f in s.fits], len(s.choices))
            for s in scenario.scenes
        ],
        endings=[(e.title, str(e.kind)) for e in scenario.endings],
        hidden=[
            (names[m.persona], i.text, i.reveal_trust)
            for m in scenario.cast
            for i in _interests(loaded, m.persona)
            if i.hidden
        ],
        questions=_questions(loaded),
        mistakes=costly,
        strong_moves=strong,
        solver=solver_summary(loaded),
        moves=by_scene,
    )
    roles = [_role(loaded, m.persona) for m in scenario.cast]
    prep = prep_blank(loaded, cast, seed)
    return Handouts(loaded, cast, _issue_values(loaded), roles, guide, prep=prep)


def solver_summary(loaded: LoadedScenario) -> dict[str, Any] | None:
    """Best achievable score and path from the solver; None when the scenario cannot be solved."""
    from simulator.analysis.solve import SolveError, solve
    from simulator.analysis.table import DeadEnd

    try:
        solution = solve(loaded)
    except (SolveError, DeadEnd):  # a scenario too large to solve still gets its handouts
        return None
    return {"score": solution.score, "path": list(solution.path)}
