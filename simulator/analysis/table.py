"""A scenario compiled into a transition table over a compact state, for search and simulation.

`simulator.engine.rules.advance` plays a move on a `SessionState`; exhaustive search and
batch simulation play millions, so this module compiles each scene's choices once into plain
tuples (reactions, reveals, flags, settlements, branch guards) and plays them on a compact state
tuple that keeps only what can matter for what happens next or for the score:

    (node, trust, satisfaction, strikes, revealed, flags, settled, visited, chosen)

- `node`: the current scene id, or the ending id once the session has ended;
- `trust`, `strikes`: one int per cast member, in cast order;
- `satisfaction`: only for the cast members some condition tests it for (scoring never reads it);
- `revealed`, `flags`, `visited`, `chosen`: bit masks over the interests, flags, scenes and choice
  ids that conditions test (plus every hidden interest, which probes and the score read);
- `settled`: the option per issue (None while open), for the issues the score or conditions read.

Two sessions whose compact states are equal behave the same from there on and score the same for
the same remaining moves, so a search can merge them. Each edge is compiled from its move's plan
(`simulator.engine.rules.Plan`, the one definition of a move) and `Table.step` plays those arrays
in the order `rules.react`, `route` and `arrive` play the plan; tests play both side by side on
generated scenarios.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from fractions import Fraction
from math import lcm
from typing import Any

from simulator.content.loaded import LoadedScenario, PerScenario
from simulator.content.models import Condition, FactKind, MeterKind
from simulator.content.vocabulary import EndingKind
from simulator.engine import rules
from simulator.engine.agreement import refusal_target, refusers
from simulator.engine.order import offered_order
from simulator.engine.rules import hidden_interests
from simulator.engine.session import EngineError
from simulator.engine.state import SessionState
from simulator.scoring.debrief import (
    WEIGHTS,
    discovery_score,
    outcome_score,
    relationship_score,
    settled_outcomes,
    weighted_total,
)
from simulator.scoring.grades import grade_move, static_move

State = tuple[Any, ...]  # (node, trust, satisfaction, strikes, revealed, flags, settled, visited, chosen)
Guard = Callable[[State], bool]
Refusal = tuple[str, bool, int]
"""Where a refused agreement goes (engine.agreement): (destination, is an ending, visited bit)."""

NODE, TRUST, SAT, STRIKES, REVEALED, FLAGS, SETTLED, VISITED, CHOSEN = range(9)

__all__ = ["NODE", "DeadEnd", "Edge", "Guard", "Refusal", "State", "Table", "line_table_for", "table_for"]


class DeadEnd(EngineError):
    """A choice none of whose branches applies: the engine cannot play it."""

    def __init__(self, scene: str, choice: str) -> None:
        self.scene, self.choice = scene, choice
        super().__init__(f"choice {choice!r} in scene {scene!r} leads nowhere: none of its branches applies")


@dataclass(frozen=True)
class Edge:
    """One choice of one scene, compiled."""

    scene: str
    choice: str
    guard: Guard
    quality: int
    """The move's quality in units of 1/`Table.quality_scale`."""
    reactions: tuple[tuple[int, int, int, int, int], ...]
    """(cast index, intended trust change, satisfaction slot or -1, satisfaction change, patience)."""
    reveal: int
    probes: tuple[tuple[int, int, tuple[tuple[int, int], ...]], ...]
    """(cast index, patience, ((interest bit, trust needed), ...)) for each addressed member, if it
    probes; a member whose strikes reached their patience has walked out and tells nothing."""
    set_flags: int
    clear_flags: int
    settle: tuple[tuple[int, str], ...]
    chosen_bit: int
    branches: tuple[tuple[str, Guard, bool, int, Refusal | None], ...]
    """(destination, guard, is an ending, visited bit, where it goes if refused or None)."""
    replies: tuple[tuple[tuple[str, str, str], int, int], ...] = ()
    """The choice's written `reply` lines a reaction shows: ((scene, choice, persona), cast index,
    patience); the reply is shown unless that persona walks out on this move (engine.session)."""
    reply_keys: tuple[tuple[str, str, str], ...] = ()
    """The keys of `replies`: all of them are shown when the move does not end the session."""


def _conditions(loaded: LoadedScenario, lines: bool = False) -> Iterator[Condition]:
    def walk(condition: Condition | None) -> Iterator[Condition]:
        if condition is None:
            return
        yield condition
        for alternative in condition.any:
            yield from walk(alternative)

    for scene in loaded.scenario.scenes:
        for choice in scene.choices:
            yield from walk(choice.if_)
            for branch in choice.branches:
                yield from walk(branch.if_)
        if lines:
            for line in scene.lines:
                yield from walk(line.if_)


class Table:
    """The compiled transition table of one scenario."""

    def __init__(self, loaded: LoadedScenario, lines: bool = False) -> None:
        """`lines`: also track what the scenes' `lines` conditions test, and compile them into
        `line_guards` (for line coverage; a search does without, so more states merge)."""
        self.loaded = loaded
        scenario = loaded.scenario
        personas = loaded.personas
        self.cast = [m.persona for m in scenario.cast]
        self._cast_index = {p: i for i, p in enumerate(self.cast)}
        conditions = list(_conditions(loaded, lines))

        self.hidden = [
            f"{m.persona}.{i.id}" for m in scenario.cast for i in hidden_interests(scenario, personas, m.persona)
        ]
        interests = list(dict.fromkeys(self.hidden + [r for c in conditions for r in (*c.revealed, *c.not_revealed)]))
        self.interest_bit = {ref: 1 << i for i, ref in enumerate(interests)}
        self.hidden_mask = sum(self.interest_bit[r] for r in set(self.hidden))
        flags = list(dict.fromkeys(f for c in conditions for f in (*c.flags, *c.not_flags)))
        self.flag_bit = {f: 1 << i for i, f in enumerate(flags)}
        scenes = list(dict.fromkeys(s for c in conditions for s in c.visited))
        self.visited_bit = {s: 1 << i for i, s in enumerate(scenes)}
        choices = list(dict.fromkeys(x for c in conditions for x in (*c.chosen, *c.not_chosen)))
        self.chosen_bit = {x: 1 << i for i, x in enumerate(choices)}
        self.sat_cast = list(
            dict.fromkeys(p for c in conditions for p in (*c.satisfaction_at_least, *c.satisfaction_below))
        )
        self._sat_slot = {p: i for i, p in enumerate(self.sat_cast)}
        self.issues = list(
            dict.fromkeys([i.id for i in scenario.issues] + [k for c in conditions for k in (*c.settled, *c.unsettled)])
        )
        self._issue_slot = {k: i for i, k in enumerate(self.issues)}

        self.refusal: dict[str, Refusal] = {}
        """Agreement ending -> where it goes when a stakeholder refuses it (engine.agreement)."""
        for ending in scenario.endings:
            target = refusal_target(scenario, ending.id)
            if target is not None:
                self.refusal[ending.id] = (target, scenario.is_ending(target), self.visited_bit.get(target, 0))
        self._refusers: dict[tuple[str | None, ...], tuple[str, ...]] = {}
        """Settlements (in `issues` order) -> who refuses an agreement on them, computed once each."""

        qualities: dict[tuple[str, str], Fraction] = {}
        for scene in scenario.scenes:
            for choice in scene.choices:
                quality = grade_move(scenario, static_move(scene, choice)).quality
                qualities[(scene.id, choice.id)] = Fraction(quality)  # exact: a power-of-two denominator
        self.quality_scale = lcm(1, *(q.denominator for q in qualities.values()))
        self.walkout = scenario.walkout_ending.id

        self.edges: dict[str, tuple[Edge, ...]] = {}
        self.edge: dict[tuple[str, str], Edge] = {}
        plans = rules.plans(loaded)
        for scene in scenario.scenes:
            edges = []
            for choice in scene.choices:
                key = (scene.id, choice.id)
                edge = self._compile_plan(plans[key], qualities[key])
                edges.append(edge)
                self.edge[(scene.id, choice.id)] = edge
            self.edges[scene.id] = tuple(edges)

        self.line_guards: dict[str, tuple[tuple[tuple[str, int], Guard], ...]] = {}
        """Scene id: ((scene id, index), guard) of each of its `lines` that has an `if` (only
        with `lines`)."""
        if lines:
            for scene in scenario.scenes:
                guarded = tuple(
                    ((scene.id, i), self.compile(line.if_))
                    for i, line in enumerate(scene.lines)
                    if line.if_ is not None
                )
                if guarded:
                    self.line_guards[scene.id] = guarded

        self.start: State = (
            scenario.start,
            tuple(m.trust for m in scenario.cast),
            tuple(scenario.cast_member(p).satisfaction for p in self.sat_cast),
            (0,) * len(self.cast),
            0,
            0,
            (None,) * len(self.issues),
            self.visited_bit.get(scenario.start, 0),
            0,
        )
        self._final: dict[tuple[object, ...], float] = {}
        self._agreements = frozenset(
            e.id for e in scenario.endings if e.kind is EndingKind.AGREEMENT and scenario.issues
        )
        """Endings whose score reads the settlement (the others fall back on the BATNA)."""

    # ------------------------------------------------------------------ moves

    def _compile_plan(self, plan: rules.Plan, quality: Fraction) -> Edge:
        """A move's plan (engine.rules, the one definition of a move) as arrays over the compact
        state; `step` plays them as `rules.react`, `route` and `arrive` play the plan."""
        cast_index, sat_slot = self._cast_index, self._sat_slot
        choice = plan.choice
        reacting = {r.who: r.patience for r in plan.reactions}
        probes = tuple(
            (cast_index[p.who], p.patience, tuple((self.interest_bit[ref], need) for ref, need in p.interests))
            for p in plan.probes
        )
        edge = Edge(
            scene=plan.scene,
            choice=choice.id,
            guard=self.compile(choice.if_),
            quality=int(quality * self.quality_scale),
            reactions=tuple(
                (cast_index[r.who], r.trust, sat_slot.get(r.who, -1), r.satisfaction, r.patience)
                for r in plan.reactions
                if r.trust != 0 or (r.satisfaction != 0 and r.who in sat_slot)
            ),
            reveal=sum(self.interest_bit.get(r, 0) for r in set(plan.reveal)),
            probes=probes,
            set_flags=sum(self.flag_bit.get(f, 0) for f in set(plan.set_flags)),
            clear_flags=sum(self.flag_bit.get(f, 0) for f in set(plan.clear_flags)),
            settle=tuple((self._issue_slot[k], v) for k, v in plan.settle if k in self._issue_slot),
            chosen_bit=self.chosen_bit.get(choice.id, 0),
            replies=tuple(
                ((plan.scene, choice.id, who), cast_index[who], reacting[who])
                for who in choice.reply
                if who in reacting
            ),
            branches=tuple(self._compile_route(way) for way in plan.branches),
        )
        if edge.replies:
            edge = replace(edge, reply_keys=tuple(key for key, _, _ in edge.replies))
        return edge

    def _compile_route(self, way: rules.Route) -> tuple[str, Guard, bool, int, Refusal | None]:
        is_ending = self.loaded.scenario.is_ending
        refusal: Refusal | None = None
        if way.refused is not None:
            refusal = (way.refused, is_ending(way.refused), self.visited_bit.get(way.refused, 0))
        return (way.to, self.compile(way.condition), is_ending(way.to), self.visited_bit.get(way.to, 0), refusal)

    # ------------------------------------------------------------------ guards

    def compile(self, condition: Condition | None) -> Guard:
        """`condition` as a predicate over the compact state (mirrors engine.conditions)."""
        if condition is None:
            return _always
        c = condition
        tests: list[Guard] = []
        bits = {
            "flag": self.flag_bit,
            "revealed": self.interest_bit,
            "chosen": self.chosen_bit,
            "visited": self.visited_bit,
        }
        for kind, ids, must_hold in c.facts():
            if ids:
                mask = sum(bits[kind][x] for x in set(ids))
                tests.append((_has_all if must_hold else _has_none)(_FACT_SLOTS[kind], mask))
        index = {
            "trust": {p: i for i, p in enumerate(self.cast)},
            "satisfaction": {p: i for i, p in enumerate(self.sat_cast)},
        }
        for meter, who, level, at_least in c.bounds():
            tests.append((_at_least if at_least else _below)(_METER_SLOTS[meter], index[meter][who], level))
        issues = {k: i for i, k in enumerate(self.issues)}
        for issue, option in c.settled.items():
            tests.append(_settled(issues[issue], option))
        if c.unsettled:
            open_slots = tuple(issues[k] for k in c.unsettled)
            tests.append(lambda s: all(s[SETTLED][i] is None for i in open_slots))
        if c.any:
            alternatives = [self.compile(alt) for alt in c.any]
            tests.append(lambda s: any(alt(s) for alt in alternatives))
        if not tests:
            return _always
        if len(tests) == 1:
            return tests[0]
        return lambda s: all(test(s) for test in tests)

    # ------------------------------------------------------------------ playing

    def is_ending(self, state: State) -> bool:
        return state[NODE] not in self.edges

    def available(self, state: State) -> list[Edge]:
        """The choices open in `state`, in the order the scene lists them."""
        edges = self.edges.get(state[NODE])
        if edges is None:
            return []
        return [e for e in edges if e.guard(state)]

    def offered(self, state: State, seed: int) -> list[Edge]:
        """The choices open in `state` in the order a session with `seed` offers them (engine.order)."""
        open_now = self.available(state)
        scene = self.loaded.scenario.scene(str(state[NODE])) if open_now else None
        if scene is None:
            return open_now
        return offered_order(seed, scene.id, scene.ordered, scene.choice_ids, open_now, [e.choice for e in open_now])

    def step(self, state: State, edge: Edge) -> State:
        """The state after playing `edge` in `state`; its node is an ending id once it ended."""
        _node, trust_t, sat, strikes_t, revealed, flags, settled, visited, chosen = state
        trust, new_sat, strikes, walked = _react(edge, trust_t, sat, strikes_t)
        revealed = _probe(edge, revealed | edge.reveal, trust, strikes)
        flags = (flags | edge.set_flags) & ~edge.clear_flags
        if edge.settle:
            slots = list(settled)
            for i, option in edge.settle:
                slots[i] = option
            settled = tuple(slots)
        after = (edge.scene, trust, new_sat, strikes, revealed, flags, settled, visited, chosen)
        destination, ending, bit = self._route(edge, after, walked)
        if not ending:
            visited |= bit
        return (destination, trust, new_sat, strikes, revealed, flags, settled, visited, chosen | edge.chosen_bit)

    def _route(self, edge: Edge, after: State, walked: int) -> tuple[str, bool, int]:
        """Where `edge` leads from `after` (its effects applied, still in its scene): (destination,
        whether it is an ending, its visited bit), a refused agreement sent where refusals go."""
        settled = after[SETTLED]
        if walked:
            refusal = self.refusal.get(self.walkout)
            if refusal is not None and self.refusers(settled):
                return refusal
            return self.walkout, True, 0
        for destination, guard, ending, bit, refusal in edge.branches:
            if guard(after):
                if refusal is not None and self.refusers(settled):
                    return refusal
                return destination, ending, bit
        raise DeadEnd(edge.scene, edge.choice)

    def refusers(self, settled: tuple[str | None, ...]) -> tuple[str, ...]:
        """Who refuses an agreement on `settled` (engine.agreement.refusers), computed once each."""
        found = self._refusers.get(settled)
        if found is None:
            terms = dict(zip(self.issues, settled, strict=True))
            found = self._refusers[settled] = tuple(refusers(self.loaded.scenario, terms))
        return found

    def refused_at(self, state: State, edge: Edge) -> tuple[str, tuple[str, ...]] | None:
        """The agreement ending that playing `edge` in `state` reaches only to have it refused, and
        who refused it; None when the move is not refused. For reports (lint, simulation): it
        replays the move with `step` and asks which destination the move's route chose."""
        child = self.step(state, edge)
        if child[NODE] in self.refusal or not self.refusal:
            return None
        settled = child[SETTLED]
        who = self.refusers(settled)
        if not who:
            return None
        walked = any(
            child[STRIKES][i] >= p for i, _, _, _, p in edge.reactions if child[STRIKES][i] > state[STRIKES][i]
        )
        if walked:
            return (self.walkout, who) if self.walkout in self.refusal else None
        after = (edge.scene, *child[TRUST:VISITED], state[VISITED], state[CHOSEN])
        for destination, guard, _ending, _bit, refusal in edge.branches:
            if guard(after):
                return (destination, who) if refusal is not None else None
        return None  # pragma: no cover - step would have raised DeadEnd

    # ------------------------------------------------------------------ scoring

    def final_part(self, state: State) -> float:
        """The weighted outcome, relationship and discovery of `state`: the total before process.

        Computed by the debrief's own functions (`simulator.scoring.debrief`: `outcome_score`,
        `relationship_score`, `discovery_score`, `weighted_total`) on what the compact state keeps,
        so the solver's totals round exactly as the debrief's do.
        """
        node = state[NODE]
        ended = node not in self.edges
        key = (
            node if ended else None,
            sum(state[TRUST]),
            (state[REVEALED] & self.hidden_mask).bit_count(),
            state[SETTLED] if node in self._agreements else None,
        )
        part = self._final.get(key)
        if part is None:
            part = self._final[key] = self._final_part(key)
        return part

    def _final_part(self, key: tuple[object, ...]) -> float:
        ending, trust, found, settled = key
        scenario = self.loaded.scenario
        terms = None
        if isinstance(settled, tuple):  # an agreement (with issues): the score reads its terms
            terms = dict(zip(self.issues, settled, strict=True))
        parties = settled_outcomes(scenario, {}, terms)
        outcome = outcome_score(scenario, parties, ended=ending is not None)
        assert isinstance(trust, int) and isinstance(found, int)
        return weighted_total(
            {
                "outcome": outcome,
                "relationship": relationship_score(trust, len(self.cast)),
                "discovery": discovery_score(found, len(self.hidden)),
            }
        )

    def total(self, final_part: float, moves: int, quality: int) -> int:
        """The session total for a final part and `moves` moves of summed `quality`."""
        # int / int is correctly rounded, as the debrief's fsum of the same float qualities is
        process = 100 * (quality / self.quality_scale) / moves if moves else 0.0
        value = final_part + WEIGHTS["process"] * process
        return max(0, min(100, round(value)))

    # ------------------------------------------------------------------ the engine's state

    def compact(self, state: SessionState) -> State:
        """The compact form of an engine state (for tests and for continuing a played session)."""
        node = state.scene if state.scene is not None else state.ending
        meters = state.meters
        return (
            node,
            tuple(meters[p].trust for p in self.cast),
            tuple(meters[p].satisfaction for p in self.sat_cast),
            tuple(meters[p].strikes for p in self.cast),
            sum(bit for ref, bit in self.interest_bit.items() if ref in state.revealed),
            sum(bit for f, bit in self.flag_bit.items() if f in state.flags),
            tuple(state.settled.get(k) for k in self.issues),
            sum(bit for s, bit in self.visited_bit.items() if s in state.visited),
            sum(bit for x, bit in self.chosen_bit.items() if x in state.chosen),
        )


def _always(_state: State) -> bool:
    return True


_FACT_SLOTS: dict[FactKind, int] = {"flag": FLAGS, "revealed": REVEALED, "chosen": CHOSEN, "visited": VISITED}
"""Which part of the compact state holds each kind of fact, as a bit set."""
_METER_SLOTS: dict[MeterKind, int] = {"trust": TRUST, "satisfaction": SAT}


def _has_all(part: int, mask: int) -> Guard:
    return lambda s: bool(s[part] & mask == mask)


def _has_none(part: int, mask: int) -> Guard:
    return lambda s: not s[part] & mask


def _at_least(part: int, i: int, level: int) -> Guard:
    return lambda s: bool(s[part][i] >= level)


def _below(part: int, i: int, level: int) -> Guard:
    return lambda s: bool(s[part][i] < level)


def _settled(i: int, option: str) -> Guard:
    return lambda s: bool(s[SETTLED][i] == option)


table_for = PerScenario(Table)
"""The table of a scenario, compiled once per scenario object."""


def _with_lines(loaded: LoadedScenario) -> Table:
    return Table(loaded, lines=True)


line_table_for = PerScenario(_with_lines)
"""The table that also tracks and compiles the scenes' line conditions (for line coverage)."""


def _react(
    edge: Edge, trust_t: tuple[int, ...], sat: tuple[int, ...], strikes_t: tuple[int, ...]
) -> tuple[tuple[int, ...], tuple[int, ...], tuple[int, ...], int]:
    """Trust, satisfaction and strikes after `edge`'s reactions, and a bit per persona who walked
    out on this move."""
    trust = list(trust_t)
    strikes = list(strikes_t)
    walked = 0
    sat_list: list[int] | None = None
    for i, dt, si, ds, patience in edge.reactions:
        t = trust[i] + dt
        trust[i] = 0 if t < 0 else min(t, 100)
        if si >= 0 and ds:
            if sat_list is None:
                sat_list = list(sat)
            v = sat_list[si] + ds
            sat_list[si] = 0 if v < 0 else min(v, 100)
        if dt < 0:
            strikes[i] += 1
            if strikes[i] >= patience:
                walked |= 1 << i
    return tuple(trust), (sat if sat_list is None else tuple(sat_list)), tuple(strikes), walked


def _probe(edge: Edge, revealed: int, trust: tuple[int, ...], strikes: tuple[int, ...]) -> int:
    """`revealed` with the first hidden interest each probe of `edge` uncovers at its trust."""
    for i, patience, interests in edge.probes:
        if strikes[i] >= patience:  # walked out, on this move or an earlier one
            continue
        t = trust[i]
        for bit, need in interests:
            if not revealed & bit and need <= t:
                revealed |= bit
                break
    return revealed
