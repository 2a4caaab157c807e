"""The negotiation table: packages of options, who accepts, who blocks and why, and counters.

Pure functions over a `Board`, the values at one offer table compiled from a scenario, the scene's
`table`, what is settled so far, each party's trust and strategy. Nothing here changes a session:
the move rules call these functions. Every rule below is in docs/scoring.md ("The negotiation
table") with a worked example.

- **Package.** One option (or none: open) per issue on the table. Its value to a party is, as
  everywhere in Yesable (`simulator.engine.agreement.party_value`), the mean over *all* the
  scenario's issues of the settled option's value: the package's options for the table's issues,
  what was settled before for the others, 0 for an open issue.
- **Reservation value.** A stakeholder's BATNA value, raised by a risk premium when they distrust
  the player: `premium(trust) = ceil((50 - trust) / 10)` for trust below 50 (at most +5), else 0.
  Trust never lowers it below the BATNA: nobody accepts less than walking away.
- **Accept** when the package is worth at least the reservation value. Otherwise **reject**, with a
  reason tied to an interest: the issue where the package costs them most against their best
  option (by what they *say* it is worth), and the interest that issue serves (`serves`). When no
  package on the table reaches their reservation value, the reason is their BATNA.
- **Counter.** A rejecting stakeholder who can reach its reservation value proposes the package that
  is best for the player among those worth at least its *aim* to itself (then the best for itself,
  then the fewest changes to the offer). So it concedes on what it values least and asks for what
  the player values least (logrolling), and the counter sits on the two's Pareto frontier. Aim:
  `reservation + share * (best - reservation)`, share 1/4 cooperative, 1/2 deceptive, 3/4
  competitive (a competitive counter claims more); then **anchoring**: halfway toward what the first
  offer at the table was worth to them (taken within [reservation, best]); then it concedes each
  round: the margin over the reservation shrinks to 2/3 per round. Clamped to [reservation, best].
- **Deceptive** stakeholders overstate the value of their best option on the issue they value
  least (the smallest spread of values) by `bluff` points (at most MAX_BLUFF): rejection reasons
  and stated values use the overstated numbers; accepting, rejecting and countering never do.
- **Several parties.** A package needs every party's acceptance. The blockers are the rejecting
  parties, the furthest below their reservation first; the first of them that can counter makes
  the table's counter, and the others' verdicts on that counter are given too.

Value created and claimed, the Pareto frontier, the ZOPA and the best packages are in
:mod:`simulator.engine.packages`.
"""

from __future__ import annotations

import math
import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Literal

from simulator.content.models import (
    DEFAULT_BLUFF,
    MAX_BLUFF,
    PLAYER,
    Negotiator,
    Scenario,
    Scene,
    Strategy,
)
from simulator.content.tables import table_issues, table_parties

__all__ = [
    "ANCHOR_PULL",
    "CONCESSION",
    "OPEN",
    "SHARE",
    "Board",
    "Package",
    "Party",
    "Reason",
    "Response",
    "TableResponse",
    "Verdict",
    "aim",
    "bluffed",
    "build_board",
    "counter",
    "evaluate",
    "least_valued",
    "pick_strategy",
    "premium",
    "respond",
    "table_response",
]

OPEN = -1
"""An issue left open in a package: worth 0 to every party."""
Package = tuple[int, ...]
"""One option index per issue on the table, in the board's order (OPEN for none)."""
Verdict = Literal["accept", "reject", "counter"]

SHARE: dict[str, float] = {"cooperative": 0.25, "deceptive": 0.5, "competitive": 0.75}
"""How much of what it could claim above its reservation value a strategy's counters ask for."""
ANCHOR_PULL = 0.5
"""How far the first offer at the table pulls a counter's aim toward its value (0: not at all)."""
CONCESSION = 2 / 3
"""Each round, a counter's margin over the reservation value shrinks to this fraction."""
MAX_PREMIUM = 5
"""The most distrust raises a reservation value, in points."""


@dataclass(frozen=True)
class Party:
    """One party's values at a table, as totals over the scenario's issues (divide by `n`)."""

    id: str
    values: tuple[tuple[int, ...], ...]
    """Per table issue, per option: what it is worth to them (0-100)."""
    stated: tuple[tuple[int, ...], ...]
    """What they say each option is worth: `values`, except a deceptive party's bluff."""
    base: int
    """The sum of their values of the options settled before, on issues not on the table."""
    batna: int
    reservation: float
    """Their reservation value on the 0-100 scale (BATNA plus the distrust premium)."""
    strategy: Strategy = "cooperative"
    serves: Mapping[str, str] = field(default_factory=dict)
    """issue id: the interest that issue serves for them."""

    def total(self, package: Package) -> int:
        total = self.base
        for row, k in zip(self.values, package, strict=True):
            if k >= 0:
                total += row[k]
        return total

    @property
    def best_total(self) -> int:
        return self.base + sum(max(row) for row in self.values)


@dataclass(frozen=True)
class Board:
    """The values at one offer table: compiled once per table, cheap to query."""

    issues: tuple[str, ...]
    options: tuple[tuple[str, ...], ...]
    n: int
    """The number of the scenario's issues: a total divided by it is a value on the 0-100 scale."""
    player: Party
    parties: tuple[Party, ...]
    """The stakeholders whose acceptance a package needs, in the table's order."""
    anchor: Package | None = None
    """The first offer made at the table (by whoever opened), once made."""

    def party(self, party_id: str) -> Party:
        if party_id == PLAYER:
            return self.player
        return next(p for p in self.parties if p.id == party_id)

    @property
    def everyone(self) -> tuple[Party, ...]:
        return (self.player, *self.parties)

    def value(self, package: Package, party_id: str) -> float:
        """What `package` is worth to a party, 0-100."""
        return self.party(party_id).total(package) / self.n

    def package(self, terms: Mapping[str, str | None]) -> Package:
        """issue id: option id (None or absent: open) as a Package; raises KeyError for an issue
        or option not on the table."""
        unknown = set(terms) - set(self.issues)
        if unknown:
            raise KeyError(f"not on the table: {sorted(unknown)}")
        out = []
        for issue, options in zip(self.issues, self.options, strict=True):
            chosen = terms.get(issue)
            out.append(OPEN if chosen is None else options.index(chosen))
        return tuple(out)

    def terms(self, package: Package) -> dict[str, str | None]:
        """A Package as issue id: option id (None: open)."""
        return {
            issue: (options[k] if k >= 0 else None)
            for issue, options, k in zip(self.issues, self.options, package, strict=True)
        }

    def with_anchor(self, package: Package) -> Board:
        """This board once `package` is the first offer at the table (a later one changes
        nothing)."""
        if self.anchor is not None:
            return self
        return Board(self.issues, self.options, self.n, self.player, self.parties, package)


# --------------------------------------------------------------------------- building a board


def premium(trust: int) -> int:
    """Points distrust adds to a reservation value: ceil((50 - trust) / 10) below 50, else 0."""
    return min(MAX_PREMIUM, math.ceil((50 - trust) / 10)) if trust < 50 else 0


def pick_strategy(strategies: Sequence[Strategy], seed: int, persona: str) -> Strategy:
    """The strategy a stakeholder plays in a session: drawn from its `strategies` by the session's
    seed and its persona id (stable across runs and replays)."""
    if len(strategies) == 1:
        return strategies[0]
    return strategies[random.Random(f"{seed}:strategy:{persona}").randrange(len(strategies))]


def build_board(
    scenario: Scenario,
    scene: Scene,
    settled: Mapping[str, str | None],
    trust: Mapping[str, int],
    strategies: Mapping[str, Strategy] | None = None,
    anchor: Mapping[str, str | None] | None = None,
) -> Board:
    """The board of `scene`'s table: `settled` is what is settled so far (issues off the table
    count at their settled option), `trust` each party's trust (default: the cast's starting
    trust), `strategies` each party's strategy (default: their first)."""
    table = scene.table
    if table is None:
        raise ValueError(f"scene {scene.id!r} opens no table")
    on_table = table_issues(scenario, table)
    by_id = {issue.id: issue for issue in scenario.issues}
    picked = strategies or {}

    def build(
        party: str,
        batna: int,
        reservation: float,
        strategy: Strategy,
        bluff: int,
        serves: Mapping[str, str],
    ) -> Party:
        values = tuple(tuple(o.values.get(party, 0) for o in by_id[i].options) for i in on_table)
        base = 0
        for issue in scenario.issues:
            chosen = settled.get(issue.id)
            if issue.id not in on_table and chosen is not None:
                base += next(o for o in issue.options if o.id == chosen).values.get(party, 0)
        stated = bluffed(values, bluff) if strategy == "deceptive" else values
        return Party(party, values, stated, base, batna, reservation, strategy, dict(serves))

    player = build(PLAYER, scenario.player.batna_value, scenario.player.batna_value, "cooperative", 0, {})
    parties = []
    for persona in table_parties(scene, table):
        member = scenario.cast_member(persona)
        negotiator = member.negotiator
        strategy = picked.get(persona, negotiator.strategies[0] if negotiator else "cooperative")
        level = trust.get(persona, member.trust)
        parties.append(
            build(
                persona,
                member.batna_value,
                member.batna_value + premium(level),
                strategy,
                _bluff(negotiator),
                negotiator.serves if negotiator else {},
            )
        )
    options = tuple(tuple(o.id for o in by_id[i].options) for i in on_table)
    board = Board(tuple(on_table), options, len(scenario.issues), player, tuple(parties))
    return board.with_anchor(board.package(anchor)) if anchor is not None else board


def _bluff(negotiator: Negotiator | None) -> int:
    if negotiator is None:
        return 0
    return DEFAULT_BLUFF if negotiator.bluff is None else negotiator.bluff


def least_valued(values: tuple[tuple[int, ...], ...]) -> int:
    """The table issue a party values least: the smallest spread between its best and worst
    option (the first on a tie)."""
    spreads = [max(row) - min(row) for row in values]
    return spreads.index(min(spreads))


def bluffed(values: tuple[tuple[int, ...], ...], bluff: int) -> tuple[tuple[int, ...], ...]:
    """`values` with the best option of the least-valued issue overstated by `bluff` (capped at
    MAX_BLUFF and at 100)."""
    if not values:
        return values
    issue = least_valued(values)
    row = values[issue]
    best = row.index(max(row))
    lifted = tuple(min(100, v + min(bluff, MAX_BLUFF)) if k == best else v for k, v in enumerate(row))
    return tuple(lifted if i == issue else r for i, r in enumerate(values))


# --------------------------------------------------------------------------- one party's answer


@dataclass(frozen=True)
class Reason:
    """Why a party rejects: the issue where the package costs them most, and the interest it
    serves; or (`issue` None) that their BATNA beats everything on the table."""

    party: str
    shortfall: float
    """How far the package falls below their reservation value, in points (0-100 scale)."""
    issue: str | None
    interest: str | None
    """`persona.interest` when their negotiator says which interest the issue serves."""
    stated_loss: float
    """What they say the package costs them on `issue` against their best option there."""

    @property
    def batna(self) -> bool:
        """True when no package on the table is worth their reservation value."""
        return self.issue is None


@dataclass(frozen=True)
class Response:
    party: str
    verdict: Verdict
    value: float
    """What the package is worth to them (0-100)."""
    stated: float
    """What they say it is worth (differs from `value` only for a deceptive party)."""
    reservation: float
    reason: Reason | None = None
    counter: Package | None = None


def evaluate(board: Board, package: Package) -> dict[str, float]:
    """What `package` is worth to every party, the player first (0-100)."""
    return {p.id: p.total(package) / board.n for p in board.everyone}


def _stated_total(party: Party, package: Package) -> int:
    total = party.base
    for row, k in zip(party.stated, package, strict=True):
        if k >= 0:
            total += row[k]
    return total


def reason(board: Board, package: Package, party: Party) -> Reason:
    """Why `party` rejects `package` (see `Reason`)."""
    shortfall = party.reservation - party.total(package) / board.n
    if party.best_total < party.reservation * board.n:
        return Reason(party.id, shortfall, None, None, 0.0)
    losses = [max(row) - (row[k] if k >= 0 else 0) for row, k in zip(party.stated, package, strict=True)]
    worst = losses.index(max(losses))
    issue = board.issues[worst]
    interest = party.serves.get(issue)
    return Reason(
        party.id,
        shortfall,
        issue,
        f"{party.id}.{interest}" if interest else None,
        losses[worst] / board.n,
    )


def aim(board: Board, party: Party, round_: int = 0) -> float:
    """The value (0-100) a party's counter asks for itself in round `round_` (0 first): see the
    module's docstring. None of it goes below the reservation value or above the best package."""
    best = party.best_total / board.n
    low = party.reservation
    target = low + SHARE[party.strategy] * (best - low)
    if board.anchor is not None:  # what the first offer gave them, within [reservation, best]
        anchored = min(best, max(low, party.total(board.anchor) / board.n))
        target += ANCHOR_PULL * (anchored - target)
    target = low + (target - low) * CONCESSION ** max(0, round_)
    return max(low, min(best, target))  # the reservation when nothing reaches it


def counter(board: Board, offer: Package, party_id: str, round_: int = 0) -> Package | None:
    """`party_id`'s counter to `offer`: of the full packages worth at least its `aim` to it, the
    best for the player, then the best for itself, then the one changing fewest of the offer's
    options. None when nothing on the table reaches its reservation value."""
    party = board.party(party_id)
    if party.best_total < party.reservation * board.n:
        return None
    need = aim(board, party, round_) * board.n - 1e-9
    states = _frontier2(party, board.player, offer)
    chosen = None
    for state in states:  # best for the party first, the player's value rising
        if state[0] < need:
            break
        chosen = state
    return chosen[3] if chosen is not None else None


State2 = tuple[int, int, int, Package]
"""(the party's total, the player's total, options changed from the offer, the package)."""


def _frontier2(mine: Party, theirs: Party, offer: Package) -> list[State2]:
    """The full packages on the Pareto frontier of (mine, theirs) over the table's issues, sorted
    by mine descending (so theirs ascending); of packages equal on both, the one changing fewest
    of `offer`'s options (then the first in option order)."""
    states: list[State2] = [(mine.base, theirs.base, 0, ())]
    for row_a, row_b, held in zip(mine.values, theirs.values, offer, strict=True):
        grown = [
            (a + va, b + vb, changed + (k != held), package + (k,))
            for a, b, changed, package in states
            for k, (va, vb) in enumerate(zip(row_a, row_b, strict=True))
        ]
        grown.sort(key=lambda s: (-s[0], -s[1], s[2], s[3]))
        states = []
        best_b = -1
        for state in grown:
            if state[1] > best_b:
                states.append(state)
                best_b = state[1]
    return states


def respond(board: Board, package: Package, party_id: str, round_: int = 0, counters: bool = True) -> Response:
    """One party's answer to `package`: accept when it is worth its reservation value, else
    counter (when it can, and `counters`) or reject, with the reason."""
    party = board.party(party_id)
    total = party.total(package)
    value, stated = total / board.n, _stated_total(party, package) / board.n
    if total >= party.reservation * board.n - 1e-9:
        return Response(party.id, "accept", value, stated, party.reservation)
    why = reason(board, package, party)
    move = counter(board, package, party_id, round_) if counters else None
    verdict: Verdict = "counter" if move is not None else "reject"
    return Response(party.id, verdict, value, stated, party.reservation, why, move)


# --------------------------------------------------------------------------- the whole table


@dataclass(frozen=True)
class TableResponse:
    """Every party's answer to one package, and the table's counter."""

    package: Package
    responses: tuple[Response, ...]
    """One per party, in the table's order. Only the counter's maker has verdict `counter`."""
    blockers: tuple[str, ...]
    """The parties that reject, the furthest below their reservation value first."""
    counter: Package | None
    counter_by: str | None
    counter_blocked_by: tuple[str, ...] = ()
    """The parties (other than its maker) who would reject the counter."""

    @property
    def accepted(self) -> bool:
        return not self.blockers


def table_response(board: Board, package: Package, round_: int = 0) -> TableResponse:
    """Every party's answer to `package` (see the module's docstring, "Several parties")."""
    answers = [respond(board, package, p.id, round_, counters=False) for p in board.parties]
    blocking = sorted(
        (r for r in answers if r.verdict != "accept"),
        key=lambda r: -(r.reason.shortfall if r.reason else 0.0),
    )
    maker = None
    for answer in blocking:  # only the first blocker that can counter searches for one
        if answer.reason is not None and not answer.reason.batna:
            maker = respond(board, package, answer.party, round_)
            break
    final = tuple(maker if maker is not None and r.party == maker.party else r for r in answers)
    blocked: tuple[str, ...] = ()
    if maker is not None and maker.counter is not None:
        blocked = tuple(
            p.id
            for p in board.parties
            if p.id != maker.party and p.total(maker.counter) < p.reservation * board.n - 1e-9
        )
    return TableResponse(
        package,
        final,
        tuple(r.party for r in blocking),
        maker.counter if maker else None,
        maker.party if maker else None,
        blocked,
    )
