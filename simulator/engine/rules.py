"""The numbers behind the generic stakeholder model (documented in docs/scoring.md).

A persona's `responds_to` modifiers are added on top of these defaults, so an author gets
believable reactions without scripting every effect.
"""

from __future__ import annotations

from simulator.content.vocabulary import PowerBase, Style

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

MOODS: tuple[tuple[int, str], ...] = ((70, "warm"), (45, "neutral"), (25, "guarded"), (0, "hostile"))


def mood_for(trust: int) -> str:
    """The mood a stakeholder speaks in at a given trust level."""
    for floor, mood in MOODS:
        if trust >= floor:
            return mood
    return "hostile"


def clamp(value: int) -> int:
    return max(0, min(100, value))
