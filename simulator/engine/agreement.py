"""Stakeholders honour their BATNA: the one rule for an agreement worth less than walking away.

A move whose destination is an ending of kind `agreement` is *refused* when, for some cast member,
the settled terms are worth less to them than their `batna_value`. The value is the one scoring
uses: the mean over all the scenario's issues of the settled option's value for them, an
unsettled issue counting 0. A refused agreement does not end there: the session goes to the
ending's `refused` (a scene, where the negotiation goes on, or another ending), by default the
scenario's first `impasse` ending, else its walkout ending. A scenario without issues never refuses.

Everything here is a pure function of the scenario and the settled terms. The rules of a move
(`simulator.engine.rules`: each route's `refused` target, `arrive`), which the session plays and
from which the solver's compiled table (`simulator.analysis.table`) and the reachability analysis
(`simulator.analysis.reach`) are derived, and scoring (`simulator.scoring.debrief`) all call these
functions, so they agree by construction.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping

from simulator.content.models import CastMember, Ending, Scenario
from simulator.content.vocabulary import EndingKind

__all__ = [
    "default_refusal",
    "may_refuse",
    "party_value",
    "refusal_target",
    "refusal_text",
    "refusers",
    "resolve",
    "value_bounds",
]


def party_value(scenario: Scenario, settled: Mapping[str, str | None], party: str) -> float | None:
    """What the settled terms are worth to `party` (`player` or a cast persona id), 0-100.

    The mean over all the scenario's issues of the settled option's value for them; an issue not
    settled (absent or None) counts 0. None when the scenario has no issues.
    """
    if not scenario.issues:
        return None
    total = 0
    for issue in scenario.issues:
        chosen = settled.get(issue.id)
        if chosen is not None:
            total += next(o for o in issue.options if o.id == chosen).values.get(party, 0)
    return total / len(scenario.issues)


def refusers(scenario: Scenario, settled: Mapping[str, str | None]) -> list[str]:
    """The cast members (persona ids, in cast order) for whom the settled terms are worth less
    than their BATNA: they refuse to put their name to an agreement on these terms."""
    if not scenario.issues:
        return []
    out = []
    for member in scenario.cast:
        value = party_value(scenario, settled, member.persona)
        if value is not None and value < member.batna_value:
            out.append(member.persona)
    return out


def default_refusal(scenario: Scenario) -> Ending:
    """Where a refused agreement goes when its ending names no `refused`: the first impasse
    ending, else the walkout ending."""
    for ending in scenario.endings:
        if ending.kind is EndingKind.IMPASSE:
            return ending
    return scenario.walkout_ending


def refusal_target(scenario: Scenario, destination: str) -> str | None:
    """Where an agreement at `destination` goes when refused; None when it can never be refused
    (not an agreement ending, or a scenario without issues)."""
    if not scenario.issues or not scenario.is_ending(destination):
        return None
    ending = scenario.ending(destination)
    if ending.kind is not EndingKind.AGREEMENT:
        return None
    target = ending.refused if ending.refused is not None else default_refusal(scenario).id
    return None if target == destination else target


def resolve(scenario: Scenario, settled: Mapping[str, str | None], destination: str) -> tuple[str, list[str]]:
    """Where a move that leads to `destination` really goes, and who refused (empty: nobody)."""
    target = refusal_target(scenario, destination)
    if target is None:
        return destination, []
    who = refusers(scenario, settled)
    return (target, who) if who else (destination, [])


def value_bounds(
    scenario: Scenario, possible: Mapping[str, Collection[str | None]], party: str
) -> tuple[float, float] | None:
    """The least and greatest `party_value` over every combination of settlements in `possible`
    (issue id -> the options, or None for open, it may be settled on); None without issues.

    Issues are independent, so the bounds are the means of each issue's least and greatest value.
    """
    if not scenario.issues:
        return None
    low = high = 0
    for issue in scenario.issues:
        values = {o.id: o.values.get(party, 0) for o in issue.options}
        options = possible.get(issue.id, (None,))
        each = [values[o] if o is not None else 0 for o in options] or [0]
        low += min(each)
        high += max(each)
    n = len(scenario.issues)
    return low / n, high / n


def may_refuse(scenario: Scenario, possible: Mapping[str, Collection[str | None]]) -> tuple[bool, bool]:
    """(may be accepted, may be refused) for an agreement whose settlements may be any combination
    in `possible`: the abstract form of `refusers`, for the reachability analysis."""
    accept_always, refuse_always = True, False
    for member in scenario.cast:
        bounds = value_bounds(scenario, possible, member.persona)
        if bounds is None:
            return True, False
        low, high = bounds
        if low < member.batna_value:
            accept_always = False
        if high < member.batna_value:
            refuse_always = True
    return not refuse_always, not accept_always


def refusal_text(member: CastMember) -> str:
    """The line a refusing stakeholder says when their scenario gives them no `refusal`: their
    position and their BATNA, in their words (plain text, never a template)."""
    position = member.position.strip().rstrip(".")
    batna = member.batna.strip().rstrip(".")
    return (
        f"I can't put my name to this: walking away leaves me better off. "
        f"What I need is still this: {position}. My alternative: {batna}."
    )
