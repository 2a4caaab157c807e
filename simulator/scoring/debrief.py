"""Score a whole session: outcome, relationship, discovery, process and the style profile.

The formula is documented in docs/scoring.md; every number here is a pure function of the
scenario and the session state, so the same play always gets the same debrief.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field

from simulator.content.loaded import LoadedScenario
from simulator.content.models import PLAYER, Scenario
from simulator.content.vocabulary import EndingKind, Style
from simulator.engine.agreement import party_value
from simulator.engine.reactions import hidden_interests
from simulator.engine.state import Move, SessionState
from simulator.scoring.grades import MoveGrade, grade_move

WEIGHTS: dict[str, float] = {"outcome": 0.35, "relationship": 0.20, "discovery": 0.15, "process": 0.30}
COMPONENTS: tuple[str, ...] = tuple(WEIGHTS)


@dataclass(frozen=True)
class PartyOutcome:
    party: str
    """`player` or a cast persona id."""
    name: str
    value: float | None
    """Mean value of the agreement over all issues (None without an agreement)."""
    batna_value: int

    @property
    def above_batna(self) -> bool:
        return self.value is not None and self.value >= self.batna_value


@dataclass(frozen=True)
class GradedMove:
    move: Move
    grade: MoveGrade


@dataclass
class Debrief:
    scores: dict[str, int]
    styles: dict[str, float]
    moves: list[GradedMove]
    ended: bool
    ending: str | None
    ending_kind: str | None
    agreement: dict[str, str]
    parties: list[PartyOutcome]
    joint_value: float
    best_joint_value: float
    hidden_found: list[str] = field(default_factory=list)
    hidden_missed: list[str] = field(default_factory=list)

    @property
    def total(self) -> int:
        return self.scores["total"]


def style_profile(moves: list[Move]) -> dict[str, float]:
    """Each of the five styles mapped to its share of the moves (all 0 when there were none)."""
    counts = {str(style): 0 for style in Style}
    for move in moves:
        counts[str(move.style)] += 1
    total = len(moves)
    return {name: (n / total if total else 0.0) for name, n in counts.items()}


def best_joint_value(scenario: Scenario) -> float:
    """The largest joint value any agreement could reach (mean over issues of the best option)."""
    if not scenario.issues:
        return 0.0
    per_issue = [max(sum(o.values.values()) for o in issue.options) for issue in scenario.issues]
    return sum(per_issue) / len(per_issue)


def party_outcomes(scenario: Scenario, names: dict[str, str], state: SessionState) -> list[PartyOutcome]:
    parties = [(PLAYER, "You", scenario.player.batna_value)]
    parties += [(m.persona, names.get(m.persona, m.persona), m.batna_value) for m in scenario.cast]
    agreed = state.ending is not None and scenario.ending(state.ending).kind is EndingKind.AGREEMENT
    return [
        PartyOutcome(party, name, party_value(scenario, state.settled, party) if agreed else None, batna)
        for party, name, batna in parties
    ]


def settled_outcomes(
    scenario: Scenario, names: dict[str, str], settled: Mapping[str, str | None] | None
) -> list[PartyOutcome]:
    """Each party's value of an agreement on `settled` (None: no agreement), player first: what a
    paper round's results sheet records, scored as `party_outcomes` scores a played one."""
    parties = [(PLAYER, "You", scenario.player.batna_value)]
    parties += [(m.persona, names.get(m.persona, m.persona), m.batna_value) for m in scenario.cast]
    return [
        PartyOutcome(party, name, None if settled is None else party_value(scenario, settled, party), batna)
        for party, name, batna in parties
    ]


def outcome_score(scenario: Scenario, parties: list[PartyOutcome], *, ended: bool) -> float:
    """The outcome component (docs/scoring.md), 0-100 unrounded: 0 unfinished; for an agreement half
    for the share of parties at or above their BATNA, half for the joint value against the best
    reachable; without one, half the player's BATNA."""
    if not ended:
        return 0.0
    if parties and parties[0].value is not None:
        share_above = sum(p.above_batna for p in parties) / len(parties)
        best = best_joint_value(scenario)
        joint = sum(p.value or 0.0 for p in parties)
        return 50 * share_above + (50 * joint / best if best else 50)
    return scenario.player.batna_value / 2


def relationship_score(trust_total: int, stakeholders: int) -> float:
    """The relationship component: the stakeholders' mean trust."""
    return trust_total / stakeholders


def discovery_score(found: int, hidden: int) -> float:
    """The discovery component: the share of hidden interests found (100 when there are none)."""
    return 100 * found / hidden if hidden else 100.0


def weighted_total(parts: Mapping[str, float]) -> float:
    """The unrounded total of `parts` (component: 0-100), each times its weight, summed in the
    order of COMPONENTS; the solver sums all but process once per final state, then adds process
    (analysis.table), which is the same sum."""
    return sum(WEIGHTS[k] * parts[k] for k in COMPONENTS if k in parts)


def score_session(loaded: LoadedScenario, state: SessionState) -> Debrief:
    scenario = loaded.scenario
    graded = [GradedMove(m, grade_move(scenario, m)) for m in state.history]
    names = {pid: p.name for pid, p in loaded.personas.items()}
    parties = party_outcomes(scenario, names, state)
    best = best_joint_value(scenario)
    agreed = parties[0].value is not None
    joint = sum(p.value or 0.0 for p in parties) if agreed else 0.0

    outcome = outcome_score(scenario, parties, ended=state.ended)

    meters = state.meters.values()
    relationship = relationship_score(sum(m.trust for m in meters), len(meters))

    hidden = [
        f"{m.persona}.{i.id}" for m in scenario.cast for i in hidden_interests(scenario, loaded.personas, m.persona)
    ]
    found = [ref for ref in hidden if ref in state.revealed]
    missed = [ref for ref in hidden if ref not in state.revealed]
    discovery = discovery_score(len(found), len(hidden))

    # fsum: the correctly rounded sum, the same whatever the order of the moves (so the solver,
    # which merges paths, computes exactly this number)
    process = 100 * math.fsum(g.grade.quality for g in graded) / len(graded) if graded else 0.0

    parts = {"outcome": outcome, "relationship": relationship, "discovery": discovery, "process": process}
    total = weighted_total(parts)
    scores = {"total": _percent(total)} | {k: _percent(v) for k, v in parts.items()}
    ending = state.ending
    return Debrief(
        scores=scores,
        styles=style_profile(state.history),
        moves=graded,
        ended=state.ended,
        ending=ending,
        ending_kind=str(scenario.ending(ending).kind) if ending else None,
        agreement=dict(state.settled) if agreed else {},
        parties=parties,
        joint_value=joint,
        best_joint_value=best,
        hidden_found=found,
        hidden_missed=missed,
    )


def _percent(value: float) -> int:
    return max(0, min(100, round(value)))
