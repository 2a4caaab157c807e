"""Agreements a stakeholder refuses, proved by playing: for `check`'s `agreement-below-batna`.

A breadth-first search over the compiled table (`simulator.analysis.table`, which applies the
refusal rule of `simulator.engine.agreement`) visits every reachable compact state once. Each move
that routes to an agreement ending only to have it refused is a concrete, reachable play, so what
this module reports is never a false alarm; the search gives up quietly (returns None) past its
bound, as `solve` does.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass

from simulator.analysis import DEFAULT_MAX_STATES
from simulator.analysis.table import NODE, SETTLED, DeadEnd, Edge, State, Table, table_for
from simulator.content.loaded import LoadedScenario
from simulator.engine.agreement import party_value

__all__ = ["Refusal", "agreement_search", "refused_agreements"]


@dataclass(frozen=True)
class Refusal:
    """One stakeholder refusing one agreement ending, on the first terms the search found."""

    ending: str
    persona: str
    value: float
    """What the terms are worth to them."""
    batna_value: int
    terms: dict[str, str | None]
    """issue id: option id (None: left open)."""
    goes_to: str
    """Where the session goes instead (the ending's `refused`)."""
    always: bool
    """No reachable play ends in this agreement: every path to it is refused."""


def refused_agreements(
    loaded: LoadedScenario,
    max_states: int = DEFAULT_MAX_STATES,
    possible: tuple[set[tuple[str, str]], set[str]] | None = None,
) -> list[Refusal] | None:
    """Every (agreement ending, stakeholder) that some reachable play refuses, in the order of the
    endings and the cast; None when the scenario has more than `max_states` states or a choice
    leads nowhere (the lint reports that itself).

    `possible`, when given, over-approximates the answer (`simulator.analysis.reach.Reach.refusals`:
    the pairs that may be refused, the agreements that may be accepted): the search stops as soon
    as it has found all of them."""
    found = agreement_search(loaded, set(), max_states, possible)
    return None if found is None else found[0]


def agreement_search(
    loaded: LoadedScenario,
    endings: set[str],
    max_states: int = DEFAULT_MAX_STATES,
    possible: tuple[set[tuple[str, str]], set[str]] | None = None,
) -> tuple[list[Refusal], dict[str, set[tuple[str | None, ...]]]] | None:
    """One breadth-first search for both: the refusals (as `refused_agreements`) and, for each
    agreement ending in `endings`, every set of terms (one option id or None per issue of the
    scenario, in its order) some reachable play ends it with, the agreement accepted. With
    `endings` the search is exhaustive; without, it stops once `possible` is all found. None past
    `max_states` states or when a choice leads nowhere. Every answer is a concrete, reachable play."""
    from simulator.content.vocabulary import EndingKind

    table = table_for(loaded)
    scenario = loaded.scenario
    wanted = {e.id for e in scenario.endings if e.kind is EndingKind.AGREEMENT and e.id in endings}
    terms: dict[str, set[tuple[str | None, ...]]] = {e: set() for e in wanted}
    if not table.refusal and not wanted:
        return [], terms
    width = len(scenario.issues)  # the table's issues start with the scenario's own, in order
    search = _Search(table, terms, width, possible if not wanted else None)
    if not search.run(max_states):
        return None
    return _refusals(loaded, table, search), terms


class _Search:
    """The breadth-first search of `agreement_search`: its frontier and what it has found so far."""

    def __init__(
        self,
        table: Table,
        terms: dict[str, set[tuple[str | None, ...]]],
        width: int,
        possible: tuple[set[tuple[str, str]], set[str]] | None,
    ) -> None:
        self.table = table
        self.terms = terms
        """Agreement ending wanted: the terms (first `width` issues) it is accepted with."""
        self.width = width
        self.possible = possible
        """What may be found (refused pairs, accepted agreements): the search stops once it has all."""
        self.targets = {target for target, _, _ in table.refusal.values()}
        self.first: dict[tuple[str, str], State] = {}
        """(agreement ending, stakeholder refusing it): the first state found where they do."""
        self.accepted: set[str] = set()
        """Agreement endings some reachable play ends in, the agreement accepted."""
        self.seen: set[State] = {table.start}
        self.queue: deque[State] = deque([table.start])

    def run(self, max_states: int) -> bool:
        """Search until done; False past `max_states` states or when a choice leads nowhere."""
        try:
            while self.queue and not self._all_possible_found():
                state = self.queue.popleft()
                for edge in self.table.available(state):
                    child = self.table.step(state, edge)
                    self._note(state, edge, child)
                    if not self._enqueue(child, max_states):
                        return False
        except DeadEnd:
            return False
        return True

    def _all_possible_found(self) -> bool:
        if self.possible is None:
            return False
        want, acceptable = self.possible
        return want <= self.first.keys() and acceptable <= self.accepted

    def _note(self, state: State, edge: Edge, child: State) -> None:
        """Record what the move `edge` from `state` to `child` shows: terms, an acceptance, refusals."""
        node = child[NODE]
        if node in self.terms:
            self.terms[node].add(tuple(child[SETTLED][: self.width]))
        if node in self.table.refusal:
            self.accepted.add(node)
        elif node in self.targets:
            refused = self.table.refused_at(state, edge)
            if refused is not None:
                for who in refused[1]:
                    self.first.setdefault((refused[0], who), child)

    def _enqueue(self, child: State, max_states: int) -> bool:
        """Queue `child` if it is a new scene state; False when that would pass `max_states`."""
        if child[NODE] not in self.table.edges or child in self.seen:
            return True
        if len(self.seen) >= max_states:
            return False
        self.seen.add(child)
        self.queue.append(child)
        return True


def _refusals(loaded: LoadedScenario, table: Table, search: _Search) -> list[Refusal]:
    """The refusals the search found, in the order of the endings and the cast."""
    scenario = loaded.scenario
    out: list[Refusal] = []
    cast = [m.persona for m in scenario.cast]
    for ending in scenario.endings:
        for who in cast:
            found = search.first.get((ending.id, who))
            if found is None:
                continue
            settled = dict(zip(table.issues, found[SETTLED], strict=True))
            value = party_value(scenario, settled, who)
            assert value is not None
            out.append(
                Refusal(
                    ending.id,
                    who,
                    value,
                    scenario.cast_member(who).batna_value,
                    settled,
                    table.refusal[ending.id][0],
                    ending.id not in search.accepted,
                )
            )
    return out
