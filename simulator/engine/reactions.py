"""The stakeholder model's names where earlier code imports them; the rules live in engine.rules.

`apply_choice` applies a choice's plan (engine.rules.plan) without routing it.
"""

from __future__ import annotations

from collections.abc import Mapping

from simulator.content.models import Choice, Persona, Scenario
from simulator.engine.rules import (
    Reaction,
    generic_deltas,
    hidden_interests,
    patience_of,
    plan,
    react,
)
from simulator.engine.state import Move, SessionState

__all__ = ["Reaction", "apply_choice", "generic_deltas", "hidden_interests", "patience_of"]


def apply_choice(
    scenario: Scenario, personas: Mapping[str, Persona], state: SessionState, choice: Choice
) -> tuple[Move, list[Reaction]]:
    """Apply `choice` in the current scene: reactions, effects, reveals, walkouts. No routing."""
    assert state.scene is not None, "the session has ended"
    return react(plan(scenario, personas, scenario.scene(state.scene), choice), state)
