"""The rules of a move: the one definition of what a choice does to a session state.

The numbers behind the generic stakeholder model come first (documented in docs/scoring.md): a
persona's `responds_to` modifiers are added on top of these defaults, so an author gets believable
reactions without scripting every effect. Then the move itself: `plan` (what a choice will do,
fixed per scenario), `react`, `route`, `arrive` and `play`, pure functions over `SessionState`
(see the comment above `Reacts`). Where a move reaches an agreement, the BATNA refusal rule is the
valuation of engine.agreement (`refusers`), applied here by `arrive`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from simulator.content.loaded import LoadedScenario, PerScenario
from simulator.content.models import Choice, Condition, Interest, Persona, Scenario, Scene
from simulator.content.vocabulary import PowerBase, Style
from simulator.engine.agreement import refusal_target, refusers
from simulator.engine.conditions import Predicate, compile_condition
from simulator.engine.state import Move, SessionState

STYLE_TRUST: dict[Style, int] = {
    Style.INTEGRATING: 4,
    Style.COMPROMISING: 2,
    Style.OBLIGING: 1,
    Style.AVOIDING: -3,
    Style.DOMINATING: -6,
}
"""How a style moves the addressed stakeholder's trust."""

STYLE_SATISFACTION: dict[Style, int] = {
    Style.OBLIGING: 8,
    Style.INTEGRATING: 4,
    Style.COMPROMISING: 3,
    Style.AVOIDING: -4,
    Style.DOMINATING: -8,
}
"""How a style moves the addressed stakeholder's satisfaction with where things stand."""

POWER_TRUST: dict[PowerBase, int] = {
    PowerBase.REFERENT: 2,
    PowerBase.EXPERT: 2,
    PowerBase.INFORMATIONAL: 1,
    PowerBase.LEGITIMATE: -1,
    PowerBase.REWARD: -1,
    PowerBase.COERCIVE: -6,
}
"""How invoking a power base moves trust; coercion also costs the target's legitimate power."""

PRINCIPLE_APPLIED_TRUST = 3
PRINCIPLE_VIOLATED_TRUST = 4
FIT_TRUST = 2
MISFIT_TRUST = -3

MOODS: tuple[tuple[int, str], ...] = (
    (70, "warm"),
    (45, "neutral"),
    (25, "guarded"),
    (0, "hostile"),
)


def mood_for(trust: int) -> str:
    """The mood a stakeholder speaks in at a given trust level."""
    for floor, mood in MOODS:
        if trust >= floor:
            return mood
    return "hostile"


def clamp(value: int) -> int:
    return max(0, min(100, value))


# --------------------------------------------------------------------------- the rules of a move
#
# A move is defined here once. `plan` turns a choice in its scene into a `Plan`: everything fixed
# about the move (who is addressed, who reacts and by how much before clamping, what it reveals,
# probes, sets, clears and settles, where each branch leads and where a refused agreement goes).
# `react`, `route` and `arrive` apply a plan to the one state type, `SessionState`; `play` is the
# whole move. The session plays through them (engine.session, with dialogue around them), the
# solver's table compiles each plan into arrays over its compact state (analysis.table), and the
# reachability analysis interprets the same plans over abstract states (analysis.reach).


@dataclass(frozen=True, slots=True)
class Reacts:
    """One stakeholder who reacts to a move: intended changes (before clamping) and patience."""

    who: str
    trust: int
    satisfaction: int
    patience: int


@dataclass(frozen=True, slots=True)
class Probe:
    """An addressed stakeholder a probing move asks: their hidden interests, in the order a probe
    uncovers them, with the trust each needs. The first one not yet revealed whose trust is met
    comes out, unless they have walked out (on this move or, when a refused agreement let the
    meeting go on, earlier: their strikes reached their `patience`)."""

    who: str
    interests: tuple[tuple[str, int], ...]
    patience: int


@dataclass(frozen=True, slots=True)
class Route:
    """A way out of a move: to `to` when `condition` holds (`holds` is it compiled for a
    `SessionState`); `refused` is where it goes instead when `to` is an agreement a stakeholder
    refuses (engine.agreement), None when it can never be refused."""

    to: str
    condition: Condition | None
    holds: Predicate
    refused: str | None


@dataclass(frozen=True, slots=True)
class Plan:
    """Everything a choice does, fixed before it is played: the one definition of a move."""

    scene: str
    choice: Choice
    fits: bool
    addressed: tuple[str, ...]
    reactions: tuple[Reacts, ...]
    """Who reacts, in order: the addressed (their generic reaction unless `override`), then those
    the scripted effects name."""
    reveal: tuple[str, ...]
    probes: tuple[Probe, ...]
    """Empty unless the choice probes."""
    set_flags: tuple[str, ...]
    clear_flags: tuple[str, ...]
    settle: tuple[tuple[str, str], ...]
    branches: tuple[Route, ...]
    """Tried in order when nobody walks out on the move."""
    walkout: Route
    """Where the move goes when its own strikes exhaust somebody's patience."""


def addressed(scene: Scene, choice: Choice) -> tuple[str, ...]:
    """Who a choice is addressed to: its `to`, by default everybody present."""
    return tuple(choice.to) if choice.to is not None else tuple(scene.present)


def generic_deltas(persona: Persona, scene: Scene, choice: Choice) -> tuple[int, int]:
    """Trust and satisfaction change the move causes in `persona` before any scripted effect."""
    likes = persona.responds_to
    style_bias = likes.styles.get(choice.style, 0)
    trust = STYLE_TRUST[choice.style] + style_bias
    for principle in choice.principles:
        trust += PRINCIPLE_APPLIED_TRUST + likes.principles.get(principle, 0)
    for principle in choice.violates:
        trust -= max(0, PRINCIPLE_VIOLATED_TRUST + likes.principles.get(principle, 0))
    if choice.power is not None:
        trust += POWER_TRUST[choice.power] + likes.power.get(choice.power, 0)
        if choice.power is PowerBase.COERCIVE:
            trust -= persona.power.get(PowerBase.LEGITIMATE, 0)
    trust += FIT_TRUST if choice.style in scene.fits else MISFIT_TRUST
    satisfaction = STYLE_SATISFACTION[choice.style] + style_bias
    return trust, satisfaction


def hidden_interests(scenario: Scenario, personas: Mapping[str, Persona], who: str) -> list[Interest]:
    """A stakeholder's hidden interests in the order probes uncover them: the scenario's, then
    the persona's."""
    member = scenario.cast_member(who)
    return [i for i in (*member.interests, *personas[who].interests) if i.hidden]


def patience_of(scenario: Scenario, personas: Mapping[str, Persona], who: str) -> int:
    """How many poor moves `who` tolerates in this scenario before walking out."""
    member = scenario.cast_member(who)
    return member.patience if member.patience is not None else personas[who].patience


def _route(scenario: Scenario, to: str, condition: Condition | None) -> Route:
    return Route(to, condition, compile_condition(condition), refusal_target(scenario, to))


def plan(scenario: Scenario, personas: Mapping[str, Persona], scene: Scene, choice: Choice) -> Plan:
    """The plan of `choice` played in `scene`."""
    to = addressed(scene, choice)
    deltas: dict[str, list[int]] = {who: [0, 0] for who in to}
    if not choice.override:
        for who in to:
            deltas[who] = list(generic_deltas(personas[who], scene, choice))
    effects = choice.effects
    for who, delta in effects.trust.items():
        deltas.setdefault(who, [0, 0])[0] += delta
    for who, delta in effects.satisfaction.items():
        deltas.setdefault(who, [0, 0])[1] += delta
    probes: tuple[Probe, ...] = ()
    if choice.probes:
        probes = tuple(
            Probe(
                who,
                tuple((f"{who}.{i.id}", i.reveal_trust) for i in hidden_interests(scenario, personas, who)),
                patience_of(scenario, personas, who),
            )
            for who in to
        )
    return Plan(
        scene=scene.id,
        choice=choice,
        fits=choice.style in scene.fits,
        addressed=to,
        reactions=tuple(Reacts(who, t, s, patience_of(scenario, personas, who)) for who, (t, s) in deltas.items()),
        reveal=tuple(effects.reveal),
        probes=probes,
        set_flags=tuple(effects.set),
        clear_flags=tuple(effects.clear),
        settle=tuple(effects.settle.items()),
        branches=tuple(_route(scenario, b.to, b.if_) for b in choice.branches),
        walkout=_route(scenario, scenario.walkout_ending.id, None),
    )


def _plans(loaded: LoadedScenario) -> dict[tuple[str, str], Plan]:
    scenario = loaded.scenario
    return {
        (scene.id, choice.id): plan(scenario, loaded.personas, scene, choice)
        for scene in scenario.scenes
        for choice in scene.choices
    }


plans = PerScenario(_plans)
"""(scene id, choice id) -> its plan, for every choice of a scenario, made once per scenario."""


@dataclass
class Reaction:
    """What one stakeholder did in response to a move."""

    persona: str
    trust_delta: int = 0
    satisfaction_delta: int = 0
    strike: bool = False
    revealed: list[str] = field(default_factory=list)
    walked_out: bool = False
    mood: str = "neutral"


def react(plan: Plan, state: SessionState) -> tuple[Move, list[Reaction]]:
    """Apply `plan` to `state` in place: meters, strikes, walkouts, reveals, flags, settlements.
    No routing: the move's `to` is left empty for `arrive`."""
    meters = state.meters
    reactions: dict[str, Reaction] = {}
    for r in plan.reactions:
        meter = meters[r.who]
        before_trust, before_sat = meter.trust, meter.satisfaction
        trust, satisfaction = before_trust + r.trust, before_sat + r.satisfaction
        meter.trust = trust if 0 <= trust <= 100 else clamp(trust)
        meter.satisfaction = satisfaction if 0 <= satisfaction <= 100 else clamp(satisfaction)
        reaction = reactions[r.who] = Reaction(r.who, meter.trust - before_trust, meter.satisfaction - before_sat)
        if r.trust < 0:  # a poor move counts even when trust is already at the floor
            reaction.strike = True
            meter.strikes += 1
            if meter.strikes >= r.patience:
                meter.walked_out = reaction.walked_out = True
        reaction.mood = mood_for(meter.trust)

    revealed = state.revealed
    for ref in plan.reveal:
        if ref not in revealed:
            revealed.append(ref)
            who = ref.split(".", 1)[0]
            if who not in reactions:
                reactions[who] = Reaction(who, mood=mood_for(meters[who].trust))
            reactions[who].revealed.append(ref)
    for probe in plan.probes:
        meter = meters[probe.who]
        if meter.walked_out:
            continue
        for ref, needed in probe.interests:
            if ref not in revealed and needed <= meter.trust:
                revealed.append(ref)
                reactions[probe.who].revealed.append(ref)
                break

    flags = set(state.flags)
    flags.update(plan.set_flags)
    flags.difference_update(plan.clear_flags)
    state.flags = sorted(flags)
    state.settled.update(plan.settle)

    choice = plan.choice
    move = Move(
        step=state.step,
        scene=plan.scene,
        choice=choice.id,
        style=choice.style,
        principles=list(choice.principles),
        violates=list(choice.violates),
        power=choice.power,
        fits=plan.fits,
        addressed=list(plan.addressed),
        trust={r.persona: r.trust_delta for r in reactions.values()},
        satisfaction={r.persona: r.satisfaction_delta for r in reactions.values()},
        revealed=[ref for r in reactions.values() for ref in r.revealed],
        walked_out=[r.persona for r in reactions.values() if r.walked_out],
        to="",
    )
    return move, list(reactions.values())


def route(plan: Plan, state: SessionState, move: Move) -> Route | None:
    """Which way out a reacted move takes: the walkout when its own strikes made somebody walk
    out (an earlier walkout whose agreement was refused is over), else the first branch whose
    condition holds in `state`; None when none does (the move leads nowhere)."""
    if move.walked_out:
        return plan.walkout
    for way in plan.branches:
        if way.holds(state):
            return way
    return None


def arrive(scenario: Scenario, state: SessionState, move: Move, way: Route) -> None:
    """Record `move` as leading out by `way` and go there, unless it reaches an agreement some
    stakeholder refuses (engine.agreement): then go where the refusal leads."""
    destination = way.to
    if way.refused is not None:
        refused_by = refusers(scenario, state.settled)
        if refused_by:
            destination, move.refused_by = way.refused, refused_by
    move.to = destination
    state.history.append(move)
    if scenario.is_ending(destination):
        state.scene, state.ending = None, destination
    else:
        state.scene = destination
        if destination not in state.visited:
            state.visited.append(destination)


def play(scenario: Scenario, plan: Plan, state: SessionState) -> tuple[Move, list[Reaction]]:
    """The whole move: `react`, `route`, `arrive`. Raises LookupError when no branch applies."""
    move, reactions = react(plan, state)
    way = route(plan, state, move)
    if way is None:
        raise LookupError(f"choice {plan.choice.id!r} in scene {plan.scene!r} leads nowhere")
    arrive(scenario, state, move, way)
    return move, reactions


def advance(loaded: LoadedScenario, state: SessionState, choice_id: str) -> Move:
    """Play `choice_id` (which must be available) in `state`, changing it in place: the move
    without dialogue, for search, replays and tests."""
    assert state.scene is not None, "the session has ended"
    return play(loaded.scenario, plans(loaded)[(state.scene, choice_id)], state)[0]
