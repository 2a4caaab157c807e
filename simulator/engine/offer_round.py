"""Rounds at an open offer table: the state a session keeps while a table is open, and the pure
steps the move rules will call (open, propose, accept the counter on the table).

Not yet wired into play: the move-rule refactor (issue 14.1) gives moves one definition, and the
offer moves are added there, calling these functions. What they decide is in docs/scoring.md
section 6; the state is plain data (`to_data`/`from_data` round-trip it, like SessionState).

- **Opening.** When the session enters a scene with a `table`, `open_table` draws each party's
  strategy from the session's seed. If the table `opens` with a stakeholder, they make the first
  offer at once: their counter to an empty package, unanchored, in round 0. That offer anchors
  every later counter and is on the table for the player to accept.
- **Proposing.** `propose` puts the player's package to every party (round = packages proposed so
  far). The first package proposed at a table that nobody opened becomes the anchor. Accepted by
  all: the table closes in agreement and the session goes to `agreed` with the package's terms
  settled. Otherwise the table's counter (if any) is on the table. The player may propose
  `rounds` packages; after the last, only the counter on the table may still be accepted. The
  table closes without a deal when a proposal past the rounds fails, or when the last round
  leaves no counter: the session goes to `no_deal` (default: the first impasse ending, else the
  walkout ending, as for a refused agreement).
- **Accepting the counter** is proposing it: its maker accepts by construction, the others may
  still block (and counter), and it uses a round (past the last round: one last chance).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Literal

from simulator.content.models import Scenario, Scene, Strategy, Table
from simulator.content.records import Record
from simulator.content.tables import table_parties
from simulator.content.vocabulary import EndingKind
from simulator.engine.offers import (
    OPEN,
    Board,
    TableResponse,
    build_board,
    counter,
    pick_strategy,
    table_response,
)

__all__ = [
    "Outcome",
    "RoundResult",
    "TableState",
    "accept_counter",
    "board_for",
    "no_deal_target",
    "open_table",
    "propose",
]

Terms = dict[str, str | None]
Outcome = Literal["agreed", "countered", "rejected", "no_deal"]


@dataclass(frozen=True, kw_only=True)
class TableState(Record):
    """An open table, as a session will hold it (`SessionState.table`; None when none is
    open)."""

    scene: str
    strategies: dict[str, Strategy] = field(default_factory=dict)
    """Each party's strategy, drawn once when the table opened."""
    proposals: int = 0
    """Packages the player has proposed at this table (the current round)."""
    anchor: Terms | None = None
    """The first offer made at the table (issue id: option id, None for open)."""
    counter: Terms | None = None
    """The counter on the table, which the player may accept."""
    counter_by: str | None = None


@dataclass(frozen=True)
class RoundResult:
    state: TableState
    response: TableResponse | None
    """Every party's answer (None for a stakeholder's opening offer)."""
    outcome: Outcome
    terms: Terms
    """The package proposed (or opened with): what to settle when the outcome is `agreed`."""
    goes_to: str | None
    """Where the session goes: `agreed` or `no_deal`'s target; None while the table stays open."""


def _table(scene: Scene) -> Table:
    if scene.table is None:
        raise ValueError(f"scene {scene.id!r} opens no table")
    return scene.table


def no_deal_target(scenario: Scenario, table: Table) -> str:
    """Where a table that closes without a deal sends the session: `no_deal`, else the first
    impasse ending, else the walkout ending (the default of a refused agreement)."""
    if table.no_deal is not None:
        return table.no_deal
    impasse = next((e for e in scenario.endings if e.kind is EndingKind.IMPASSE), None)
    return (impasse or scenario.walkout_ending).id


def board_for(
    scenario: Scenario,
    state: TableState,
    settled: Mapping[str, str | None],
    trust: Mapping[str, int],
) -> Board:
    """The board of the open table in `state`, given what is settled and each party's trust now."""
    scene = scenario.scene(state.scene)
    return build_board(scenario, scene, settled, trust, state.strategies, state.anchor)


def open_table(
    scenario: Scenario,
    scene: Scene,
    seed: int,
    settled: Mapping[str, str | None],
    trust: Mapping[str, int],
) -> RoundResult:
    """The table `scene` opens: strategies drawn from `seed`; a stakeholder who `opens` makes the
    first offer (outcome `countered`), else nothing is on the table yet (`rejected`, no answer)."""
    table = _table(scene)
    parties = table_parties(scene, table)
    strategies: dict[str, Strategy] = {}
    for persona in parties:
        negotiator = scenario.cast_member(persona).negotiator
        options: list[Strategy] = negotiator.strategies if negotiator else ["cooperative"]
        strategies[persona] = pick_strategy(options, seed, persona)
    state = TableState(scene=scene.id, strategies=strategies)
    board = board_for(scenario, state, settled, trust)
    if table.opens not in strategies:
        return RoundResult(state, None, "rejected", {}, None)
    opening = counter(board, tuple(OPEN for _ in board.issues), table.opens, 0)
    if opening is None:  # nothing beats their BATNA: they open with nothing, the player proposes
        return RoundResult(state, None, "rejected", {}, None)
    terms = board.terms(opening)
    opened = replace(state, anchor=terms, counter=terms, counter_by=table.opens)
    return RoundResult(opened, None, "countered", terms, None)


def propose(
    scenario: Scenario,
    state: TableState,
    settled: Mapping[str, str | None],
    trust: Mapping[str, int],
    terms: Mapping[str, str | None],
) -> RoundResult:
    """The player proposes `terms` (issue id: option id; absent or None: open) at the open table.
    Raises KeyError for an issue or option not on the table, ValueError once the player has
    proposed `rounds` packages (then only the counter on the table may be accepted)."""
    table = _table(scenario.scene(state.scene))
    if state.proposals >= table.rounds:
        raise ValueError(f"all {table.rounds} rounds are used: accept the counter or leave")
    return _put(scenario, table, state, settled, trust, terms)


def accept_counter(
    scenario: Scenario,
    state: TableState,
    settled: Mapping[str, str | None],
    trust: Mapping[str, int],
) -> RoundResult:
    """The player accepts the counter on the table: it is proposed to every party (its maker
    accepts it; the others may still block and counter). Allowed once past the last round; if it is
    blocked then, the table closes without a deal. Raises ValueError when no counter is on the
    table."""
    if state.counter is None:
        raise ValueError("no counter is on the table")
    table = _table(scenario.scene(state.scene))
    return _put(scenario, table, state, settled, trust, state.counter)


def _put(
    scenario: Scenario,
    table: Table,
    state: TableState,
    settled: Mapping[str, str | None],
    trust: Mapping[str, int],
    terms: Mapping[str, str | None],
) -> RoundResult:
    board = board_for(scenario, state, settled, trust)
    package = board.package(terms)
    board = board.with_anchor(package)
    answer = table_response(board, package, state.proposals)
    proposed = board.terms(package)
    after = replace(
        state,
        proposals=state.proposals + 1,
        anchor=board.terms(board.anchor or package),
        counter=None,
        counter_by=None,
    )
    if answer.accepted:
        return RoundResult(after, answer, "agreed", proposed, table.agreed)
    if answer.counter is not None and after.proposals <= table.rounds:
        offered = replace(after, counter=board.terms(answer.counter), counter_by=answer.counter_by)
        return RoundResult(offered, answer, "countered", proposed, None)
    if after.proposals >= table.rounds:
        return RoundResult(after, answer, "no_deal", proposed, no_deal_target(scenario, table))
    return RoundResult(after, answer, "rejected", proposed, None)
