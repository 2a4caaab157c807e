"""What can happen in a scenario, computed without playing it: a sound over-approximation.

Every scene gets an *abstract state* that covers every concrete session state in which a player
can arrive there: for each flag, interest, choice made and scene visited whether it may be false
and whether it may be true; for each issue the options (or none) it may be settled on; for each
stakeholder's trust and satisfaction an interval. The engine's step (reactions, effects, reveals,
routing) is applied to these states until nothing changes. Because every step only ever widens
what is possible, a condition that cannot hold in a scene's abstract state cannot hold in any
real game: "never" claims built on this are safe, "may" claims are not promises.

Each move is its plan (`simulator.engine.rules.Plan`, the one definition of a move: reactions,
reveals, probes, flags, settlements, branches, the walkout and where a refused agreement goes),
interpreted over abstract states; BATNA refusals use `simulator.engine.agreement.may_refuse`, the
abstract form of the rule `rules.arrive` applies.
Tests play random games and check that nothing the analysis calls impossible ever happens.
"""

from __future__ import annotations

import heapq
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field

from simulator.content.loaded import LoadedScenario
from simulator.content.models import Choice, Condition, Scenario, Scene
from simulator.engine import rules
from simulator.engine.agreement import may_refuse, refusal_target, value_bounds

# A boolean fact's possible values, as bits: it may be false, it may be true.
FALSE, TRUE, EITHER = 1, 2, 3

Fact = tuple[str, str]
"""("flag", id), ("revealed", "persona.interest"), ("chosen", choice id), ("visited", scene id)."""
Meter = tuple[str, str]
"""("trust" or "satisfaction", persona id)."""

WIDEN_AFTER = 3
"""Updates of one scene's state after which a meter bound that still moves jumps to 0 or 100
(interval widening: loops that nudge trust converge in a few passes instead of a hundred)."""


@dataclass(frozen=True)
class Abstract:
    """Every session state a player may be in at one point, over-approximated.

    Boolean facts are two bit masks over `index` (fact -> bit): the facts that may be false and
    those that may be true; a fact outside the index (a flag nothing sets) is always false.
    """

    index: Mapping[Fact, int] = field(compare=False, repr=False)
    may_false: int
    may_true: int
    settled: dict[str, frozenset[str | None]]
    meters: dict[Meter, tuple[int, int]]

    def fact(self, key: Fact) -> int:
        """FALSE, TRUE or EITHER: what the fact may be."""
        bit = self.index.get(key)
        if bit is None:
            return FALSE
        return (self.may_false >> bit & 1) | (self.may_true >> bit & 1) << 1

    def facts(self) -> dict[Fact, int]:
        return {key: self.fact(key) for key in self.index}

    def join(self, other: Abstract) -> Abstract:
        return Abstract(
            self.index,
            self.may_false | other.may_false,
            self.may_true | other.may_true,
            {k: v | other.settled[k] for k, v in self.settled.items()},
            {k: (min(lo, other.meters[k][0]), max(hi, other.meters[k][1])) for k, (lo, hi) in self.meters.items()},
        )

    def widened(self, before: Abstract) -> Abstract:
        """This state with every meter bound that moved since `before` pushed to 0 or 100."""
        meters = {
            k: (0 if lo < before.meters[k][0] else lo, 100 if hi > before.meters[k][1] else hi)
            for k, (lo, hi) in self.meters.items()
        }
        return Abstract(self.index, self.may_false, self.may_true, self.settled, meters)


def _with(masks: tuple[int, int], bit: int | None, value: int) -> tuple[int, int]:
    """The (may_false, may_true) masks with the fact at `bit` now exactly `value` (bits)."""
    if bit is None:
        return masks
    may_false, may_true = masks
    flag = 1 << bit
    may_false = may_false | flag if value & FALSE else may_false & ~flag
    may_true = may_true | flag if value & TRUE else may_true & ~flag
    return may_false, may_true


@dataclass(frozen=True)
class Failure:
    """Why a condition cannot hold: the part that fails (a fact, meter or issue) and how."""

    kind: str
    """"flag", "revealed", "chosen", "visited", "trust", "satisfaction", "settled", "any"."""
    ident: str
    wanted: str
    """What the condition asks of it, in words: "set", "not set", "at least 60", ..."""
    contradictory: bool = False
    """The condition itself asks for incompatible things of this part."""


class _Refiner:
    """Narrow an abstract state to where a condition holds, or say which part makes it fail.

    Parts a state does not track (a flag nothing sets, an interest nothing reveals) are false in
    every state; `own` keeps what the condition itself asks of each part, to tell a condition that
    contradicts itself from one the game never satisfies.
    """

    def __init__(self, state: Abstract) -> None:
        self.state = state
        self.masks = (state.may_false, state.may_true)
        self.settled = dict(state.settled)
        self.meters = dict(state.meters)
        self.failure: Failure | None = None
        self.own_facts: dict[Fact, int] = {}
        self.own_meters: dict[Meter, tuple[int, int]] = {}
        self.own_issues: dict[str, frozenset[str | None]] = {}

    def fact(self, kind: str, ident: str, value: int) -> None:
        key = (kind, ident)
        own = self.own_facts[key] = self.own_facts.get(key, EITHER) & value
        bit = self.state.index.get(key)
        have = FALSE if bit is None else (self.masks[0] >> bit & 1) | (self.masks[1] >> bit & 1) << 1
        if not have & value:
            self.fail(kind, ident, _FACT_WORDS[kind][value == TRUE], not own)
        self.masks = _with(self.masks, bit, have & value)

    def meter(self, kind: str, who: str, lo: int, hi: int, wanted: str) -> None:
        key = (kind, who)
        own_lo, own_hi = self.own_meters.get(key, (0, 100))
        self.own_meters[key] = (max(own_lo, lo), min(own_hi, hi))
        have_lo, have_hi = self.meters[key]
        new = (max(have_lo, lo), min(have_hi, hi))
        if new[0] > new[1]:
            self.fail(kind, who, wanted, max(own_lo, lo) > min(own_hi, hi))
        self.meters[key] = new

    def issue(self, issue: str, options: frozenset[str | None], wanted: str) -> None:
        own = self.own_issues[issue] = self.own_issues.get(issue, options) & options
        have = self.settled[issue]
        if not have & options:
            self.fail("settled", issue, wanted, not own)
        self.settled[issue] = have & options

    def fail(self, kind: str, ident: str, wanted: str, contradictory: bool) -> None:
        if self.failure is None:
            self.failure = Failure(kind, ident, wanted, contradictory)

    def result(self) -> Abstract | None:
        if self.failure is None:
            return Abstract(self.state.index, *self.masks, self.settled, self.meters)
        # a part the condition contradicts itself on explains the failure best
        for (kind, ident), bits in self.own_facts.items():
            if not bits:
                self.failure = Failure(kind, ident, "both", True)
        for (kind, who), (lo, hi) in self.own_meters.items():
            if lo > hi:
                self.failure = Failure(kind, who, "both", True)
        for issue, options in self.own_issues.items():
            if not options:
                self.failure = Failure("settled", issue, "both", True)
        return None


_FACT_WORDS = {
    "flag": ("not set", "set"),
    "revealed": ("not revealed", "revealed"),
    "chosen": ("not chosen", "chosen"),
    "visited": ("not visited", "visited"),
}


def refine(state: Abstract, cond: Condition | None) -> tuple[Abstract | None, Failure | None]:
    """`state` narrowed to where `cond` holds: (None, why) when it cannot hold there."""
    if cond is None:
        return state, None
    r = _Refiner(state)
    for kind, ids, wanted in cond.facts():
        for ident in ids:
            r.fact(kind, ident, TRUE if wanted else FALSE)
    for meter, who, level, at_least in cond.bounds():
        if at_least:
            r.meter(meter, who, level, 100, f"at least {level}")
        else:
            r.meter(meter, who, 0, level - 1, f"below {level}")
    for issue, option in cond.settled.items():
        r.issue(issue, frozenset({option}), f"settled on {option!r}")
    for issue in cond.unsettled:
        r.issue(issue, frozenset({None}), "unsettled")
    narrowed = r.result()
    if narrowed is None or not cond.any:
        return narrowed, r.failure
    alternatives = [alt for alt in (refine(narrowed, c)[0] for c in cond.any) if alt is not None]
    if not alternatives:
        return None, Failure("any", "", "one of them")
    joined = alternatives[0]
    for alt in alternatives[1:]:
        joined = joined.join(alt)
    return joined, None


def must_hold(state: Abstract, cond: Condition | None) -> bool:
    """Whether `cond` holds in every concrete state `state` stands for."""
    if cond is None:
        return True
    ok = (
        all(state.fact((kind, x)) == (TRUE if wanted else FALSE) for kind, ids, wanted in cond.facts() for x in ids)
        and all(
            state.meters[(meter, p)][0] >= v if at_least else state.meters[(meter, p)][1] < v
            for meter, p, v, at_least in cond.bounds()
        )
        and all(state.settled[i] == {o} for i, o in cond.settled.items())
        and all(state.settled[i] == {None} for i in cond.unsettled)
    )
    return ok and (not cond.any or any(must_hold(state, alt) for alt in cond.any))


@dataclass
class Outcome:
    """What one choice can do from one abstract state."""

    available: Abstract | None
    why_not: Failure | None
    strike: bool = False
    """Someone's trust may drop, so their patience may run out: the walkout ending is possible."""
    branches: list[tuple[str, Abstract | None, Failure | None, int | None]] = field(default_factory=list)
    """(destination, state on arrival or None, why not, the earlier branch that always wins)."""
    may_reveal: set[str] = field(default_factory=set)
    arrivals: list[tuple[str, Abstract]] = field(default_factory=list)
    """Where the move may really lead and the state there: the branches' destinations, unless an
    agreement there must be refused, plus where a refusal leads when it may be (engine.agreement),
    plus the walkout ending when someone's patience may run out."""


class Reach:
    """The reachable abstract states of a scenario and what each choice can do from them."""

    def __init__(self, loaded: LoadedScenario) -> None:
        self.loaded = loaded
        self.scenario: Scenario = loaded.scenario
        s = self.scenario
        self.hidden: dict[str, list[tuple[str, int]]] = {
            m.persona: [
                (f"{m.persona}.{i.id}", i.reveal_trust) for i in rules.hidden_interests(s, loaded.personas, m.persona)
            ]
            for m in s.cast
        }
        self.plans = rules.plans(loaded)
        self.sets_flag = {f for p in self.plans.values() for f in p.set_flags}
        self.states: dict[str, Abstract] = {}
        self._run()
        self.outcomes: dict[tuple[str, str], Outcome] = {
            (scene.id, choice.id): self.outcome(scene, choice, self.states[scene.id])
            for scene, choice in self.choices()
            if scene.id in self.states
        }

    # ------------------------------------------------------------------ structure

    def choices(self) -> Iterator[tuple[Scene, Choice]]:
        for scene in self.scenario.scenes:
            for choice in scene.choices:
                yield scene, choice

    def initial(self) -> Abstract:
        s = self.scenario
        keys: list[Fact] = [("flag", f) for f in sorted(self.sets_flag)]
        keys += [("revealed", ref) for refs in self.hidden.values() for ref, _ in refs]
        for plan in self.plans.values():
            keys.append(("chosen", plan.choice.id))
            keys += [("revealed", ref) for ref in plan.reveal]
        keys += [("visited", scene.id) for scene in s.scenes]
        index = {key: bit for bit, key in enumerate(dict.fromkeys(keys))}
        masks = ((1 << len(index)) - 1, 0)
        masks = _with(masks, index[("visited", s.start)], TRUE)
        meters: dict[Meter, tuple[int, int]] = {}
        for m in s.cast:
            meters[("trust", m.persona)] = (m.trust, m.trust)
            meters[("satisfaction", m.persona)] = (m.satisfaction, m.satisfaction)
        settled: dict[str, frozenset[str | None]] = {i.id: frozenset({None}) for i in s.issues}
        return Abstract(index, *masks, settled, meters)

    # ------------------------------------------------------------------ the step

    def outcome(self, scene: Scene, choice: Choice, state: Abstract) -> Outcome:
        """What `choice` can do from `state`: its plan (engine.rules) interpreted abstractly."""
        plan = self.plans[(scene.id, choice.id)]
        avail, why = refine(state, choice.if_)
        result = Outcome(avail, why)
        if avail is None:
            return result
        after = _react(plan, avail, result)
        index = after.index
        chosen_bit = index[("chosen", choice.id)]
        shadowed: int | None = None
        for way in plan.branches:
            taken, why_branch = refine(after, way.condition)
            if taken is not None and shadowed is None:
                arrived = _with((taken.may_false, taken.may_true), chosen_bit, TRUE)
                if not self.scenario.is_ending(way.to):
                    arrived = _with(arrived, index[("visited", way.to)], TRUE)
                taken = Abstract(index, *arrived, taken.settled, taken.meters)
            result.branches.append((way.to, None if shadowed is not None else taken, why_branch, shadowed))
            if shadowed is None and taken is not None:
                result.arrivals += self._arrive(way, taken)
                if must_hold(after, way.condition):
                    shadowed = len(result.branches) - 1
        if result.strike:
            chosen = _with((after.may_false, after.may_true), chosen_bit, TRUE)
            walked = Abstract(index, *chosen, after.settled, after.meters)
            result.arrivals += self._arrive(plan.walkout, walked)
        return result

    def _arrive(self, way: rules.Route, state: Abstract) -> list[tuple[str, Abstract]]:
        """Where a move that goes out by `way` in `state` may end up: its destination, and where a
        refused agreement goes when a stakeholder may refuse it (rules.arrive)."""
        destination, target = way.to, way.refused
        if target is None:
            return [(destination, state)]
        accepted, refused = may_refuse(self.scenario, state.settled)
        out = [(destination, state)] if accepted else []
        if refused:
            masks = (state.may_false, state.may_true)
            if not self.scenario.is_ending(target):
                masks = _with(masks, state.index[("visited", target)], TRUE)
            out.append((target, Abstract(state.index, *masks, state.settled, state.meters)))
        return out

    def _run(self) -> None:
        """Propagate states to a fixed point, visiting scenes in reverse post-order (few passes)."""
        start = self.scenario.start
        scenes = {scene.id: scene for scene in self.scenario.scenes}
        order = _reverse_postorder(
            start,
            {sid: [b.to for c in scene.choices for b in c.branches if b.to in scenes] for sid, scene in scenes.items()},
        )
        self.states = {start: self.initial()}
        updates: dict[str, int] = {}
        heap = [(order[start], start)]
        queued = {start}
        while heap:
            _, sid = heapq.heappop(heap)
            queued.discard(sid)
            scene, state = scenes[sid], self.states[sid]
            for choice in scene.choices:
                for dest, arrived in self.outcome(scene, choice, state).arrivals:
                    if dest not in scenes:
                        continue
                    old = self.states.get(dest)
                    new = arrived if old is None else old.join(arrived)
                    if new != old:
                        updates[dest] = updates.get(dest, 0) + 1
                        if old is not None and updates[dest] > WIDEN_AFTER:
                            new = new.widened(old)
                        self.states[dest] = new
                        if dest not in queued:
                            queued.add(dest)
                            heapq.heappush(heap, (order[dest], dest))

    # ------------------------------------------------------------------ answers

    def reachable_scenes(self) -> set[str]:
        return set(self.states)

    def edges(self) -> dict[str, set[str]]:
        """Scene -> scenes and endings a move there may lead to (the walkout ending and where refused
        agreements go included)."""
        out: dict[str, set[str]] = {sid: set() for sid in self.states}
        for (sid, _), outcome in self.outcomes.items():
            if outcome.available is not None:
                out[sid].update(dest for dest, _ in outcome.arrivals)
        return out

    def reachable_endings(self) -> set[str]:
        return {dest for dests in self.edges().values() for dest in dests if self.scenario.is_ending(dest)}

    def refusals(self) -> tuple[set[tuple[str, str]], set[str]]:
        """(agreement ending, stakeholder) pairs that may be refused below the stakeholder's BATNA,
        and the agreement endings that may be reached (accepted): over-approximations, so a
        search that has found all of them has found everything there is."""
        s = self.scenario
        refusable: set[tuple[str, str]] = set()
        accepted: set[str] = set()
        walkout = s.walkout_ending.id
        for outcome in self.outcomes.values():
            if outcome.available is None:
                continue
            for dest, arrived, _, _ in outcome.branches:
                if arrived is None or refusal_target(s, dest) is None:
                    continue
                for member in s.cast:
                    bounds = value_bounds(s, arrived.settled, member.persona)
                    if bounds is not None and bounds[0] < member.batna_value:
                        refusable.add((dest, member.persona))
            if outcome.strike and refusal_target(s, walkout) is not None:
                refusable.update((walkout, member.persona) for member in s.cast)
            accepted.update(dest for dest, _ in outcome.arrivals if refusal_target(s, dest) is not None)
        return refusable, accepted

    def revealable(self) -> set[str]:
        return {ref for o in self.outcomes.values() if o.available is not None for ref in o.may_reveal}


def _react(plan: rules.Plan, avail: Abstract, result: Outcome) -> Abstract:
    """The state after `plan`'s reactions and effects (rules.react) from `avail`, abstractly; notes
    in `result` whether someone's trust may drop and what may be revealed."""
    index = avail.index
    masks = (avail.may_false, avail.may_true)
    meters = dict(avail.meters)
    for r in plan.reactions:
        for kind, delta in (("trust", r.trust), ("satisfaction", r.satisfaction)):
            lo, hi = meters[(kind, r.who)]
            meters[(kind, r.who)] = (rules.clamp(lo + delta), rules.clamp(hi + delta))
        result.strike |= r.trust < 0
    for ref in plan.reveal:
        masks = _with(masks, index[("revealed", ref)], TRUE)
        result.may_reveal.add(ref)
    for probe in plan.probes:
        top = meters[("trust", probe.who)][1]
        for ref, needed in probe.interests:
            bit = index[("revealed", ref)]
            if needed <= top and masks[0] >> bit & 1:
                masks = (masks[0], masks[1] | 1 << bit)
                result.may_reveal.add(ref)
    for flag in plan.set_flags:
        masks = _with(masks, index[("flag", flag)], TRUE)
    for flag in plan.clear_flags:
        masks = _with(masks, index.get(("flag", flag)), FALSE)
    settled = dict(avail.settled)
    for issue, option in plan.settle:
        settled[issue] = frozenset({option})
    return Abstract(index, *masks, settled, meters)


def _reverse_postorder(start: str, succ: Mapping[str, list[str]]) -> dict[str, int]:
    """scene -> its rank in reverse post-order from `start` (unreached scenes rank last)."""
    post: list[str] = []
    seen = {start}
    stack: list[tuple[str, Iterator[str]]] = [(start, iter(succ[start]))]
    while stack:
        node, children = stack[-1]
        for child in children:
            if child not in seen:
                seen.add(child)
                stack.append((child, iter(succ[child])))
                break
        else:
            stack.pop()
            post.append(node)
    ranks = {node: rank for rank, node in enumerate(reversed(post))}
    return {node: ranks.get(node, len(ranks)) for node in succ}
