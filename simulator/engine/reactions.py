"""The stakeholder model: how the people in a scene react to a move.

`apply_choice` is the one step function of the engine. It changes a session state in place and
returns what happened; it renders no text, so searches and simulations can call it cheaply.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from simulator.content.models import Choice, Interest, Persona, Scenario, Scene
from simulator.content.vocabulary import PowerBase
from simulator.engine import rules
from simulator.engine.state import Meter, Move, SessionState


@dataclass
class Reaction:
    """What one addressed stakeholder did in response to a move."""

    persona: str
    trust_delta: int = 0
    satisfaction_delta: int = 0
    strike: bool = False
    revealed: list[str] = field(default_factory=list)
    walked_out: bool = False
    mood: str = "neutral"


def generic_deltas(persona: Persona, scene: Scene, choice: Choice) -> tuple[int, int]:
    """Trust and satisfaction change the move causes in `persona` before any scripted effect."""
    likes = persona.responds_to
    style_bias = likes.styles.get(choice.style, 0)
    trust = rules.STYLE_TRUST[choice.style] + style_bias
    for principle in choice.principles:
        trust += rules.PRINCIPLE_APPLIED_TRUST + likes.principles.get(principle, 0)
    for principle in choice.violates:
        trust -= max(0, rules.PRINCIPLE_VIOLATED_TRUST + likes.principles.get(principle, 0))
    if choice.power is not None:
        trust += rules.POWER_TRUST[choice.power] + likes.power.get(choice.power, 0)
        if choice.power is PowerBase.COERCIVE:
            trust -= persona.power.get(PowerBase.LEGITIMATE, 0)
    trust += rules.FIT_TRUST if choice.style in scene.fits else rules.MISFIT_TRUST
    satisfaction = rules.STYLE_SATISFACTION[choice.style] + style_bias
    return trust, satisfaction


def hidden_interests(scenario: Scenario, personas: dict[str, Persona], who: str) -> list[Interest]:
    """A stakeholder's hidden interests in the order probes uncover them: scenario's, then persona's."""
    member = scenario.cast_member(who)
    return [i for i in (*member.interests, *personas[who].interests) if i.hidden]


def patience_of(scenario: Scenario, personas: dict[str, Persona], who: str) -> int:
    member = scenario.cast_member(who)
    return member.patience if member.patience is not None else personas[who].patience


def apply_choice(
    scenario: Scenario,
    personas: dict[str, Persona],
    state: SessionState,
    choice: Choice,
) -> tuple[Move, list[Reaction]]:
    """Apply `choice` in the current scene: reactions, effects, reveals, walkouts. No routing."""
    assert state.scene is not None, "the session has ended"
    scene = scenario.scene(state.scene)
    addressed = list(choice.to) if choice.to is not None else list(scene.present)
    reactions: dict[str, Reaction] = {who: Reaction(who) for who in addressed}

    if not choice.override:
        for who in addressed:
            trust, satisfaction = generic_deltas(personas[who], scene, choice)
            reactions[who].trust_delta = trust
            reactions[who].satisfaction_delta = satisfaction
    effects = choice.effects
    for who, delta in effects.trust.items():
        reactions.setdefault(who, Reaction(who)).trust_delta += delta
    for who, delta in effects.satisfaction.items():
        reactions.setdefault(who, Reaction(who)).satisfaction_delta += delta

    for reaction in reactions.values():
        meter: Meter = state.meters[reaction.persona]
        intended = reaction.trust_delta
        before_trust, before_sat = meter.trust, meter.satisfaction
        meter.trust = rules.clamp(meter.trust + reaction.trust_delta)
        meter.satisfaction = rules.clamp(meter.satisfaction + reaction.satisfaction_delta)
        reaction.trust_delta = meter.trust - before_trust
        reaction.satisfaction_delta = meter.satisfaction - before_sat
        if intended < 0:  # a poor move counts even when trust is already at the floor
            reaction.strike = True
            meter.strikes += 1
            if meter.strikes >= patience_of(scenario, personas, reaction.persona):
                meter.walked_out = True
                reaction.walked_out = True
        reaction.mood = rules.mood_for(meter.trust)

    for ref in effects.reveal:
        if ref not in state.revealed:
            state.revealed.append(ref)
            who = ref.split(".", 1)[0]
            reactions.setdefault(who, Reaction(who, mood=rules.mood_for(state.meters[who].trust)))
            reactions[who].revealed.append(ref)
    if choice.probes:
        for who in addressed:
            meter = state.meters[who]
            if meter.walked_out:
                continue
            for interest in hidden_interests(scenario, personas, who):
                ref = f"{who}.{interest.id}"
                if ref not in state.revealed and interest.reveal_trust <= meter.trust:
                    state.revealed.append(ref)
                    reactions[who].revealed.append(ref)
                    break

    flags = set(state.flags)
    flags.update(effects.set)
    flags.difference_update(effects.clear)
    state.flags = sorted(flags)
    state.settled.update(effects.settle)

    move = Move(
        step=state.step,
        scene=scene.id,
        choice=choice.id,
        style=choice.style,
        principles=list(choice.principles),
        violates=list(choice.violates),
        power=choice.power,
        fits=choice.style in scene.fits,
        addressed=addressed,
        trust={r.persona: r.trust_delta for r in reactions.values()},
        satisfaction={r.persona: r.satisfaction_delta for r in reactions.values()},
        revealed=[ref for r in reactions.values() for ref in r.revealed],
        walked_out=[r.persona for r in reactions.values() if r.walked_out],
        to="",
    )
    return move, list(reactions.values())

