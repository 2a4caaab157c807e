"""Scene flow as a `transitions` state machine, generated from the rules of each move.

Scenes and endings are states (endings are final). Each way a move can go, as its plan
(engine.rules.Plan) lists them (a branch's destination, where a refused agreement goes instead,
the walkout ending), is a transition from the move's scene, triggered by `trigger_name(choice,
destination)`, without callbacks or guards: the rules decide where a move goes
(`engine.rules.route` and `arrive`). The session does not fire the machine on every move (its
trigger processing cost 40 % of a player's step); the machine is the scene graph the rules imply,
for tools and tests that walk it, and the floor the engine's benchmarks measure against. Only
Python data is ever passed to the machine, never pack strings as callbacks.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from transitions import Machine

from simulator.content.models import Scenario
from simulator.engine.rules import Plan

TRIGGER_PREFIX = "choose:"


def trigger_name(choice_id: str, destination: str) -> str:
    """The machine's trigger for a choice leading to `destination`; the prefix keeps it clear of
    the model's own names."""
    return f"{TRIGGER_PREFIX}{choice_id}>{destination}"


class FlowModel:
    """The plain object the machine drives (transitions cannot set attributes on pydantic
    models)."""

    state: str
    trigger: Callable[[str], bool]
    """Fire a trigger by name; transitions adds it to the model."""


class SceneMachine(Machine):
    """A Machine whose models get only `trigger`.

    By default transitions gives every model a method per trigger and several per state
    (`is_<state>`, `may_<trigger>` ...); for a scenario with dozens of choices that costs more than
    a whole move. Models fire `model.trigger(name)`.
    """

    def _add_trigger_to_model(self, trigger: str, model: Any) -> None:
        pass

    def _add_may_transition_func_for_trigger(self, trigger: str, model: Any) -> None:
        pass

    def _add_model_to_state(self, state: Any, model: Any) -> None:
        pass


def destinations(plan: Plan) -> list[str]:
    """Every scene or ending a move with this plan can lead to, in the order of its routes."""
    ways = (*plan.branches, plan.walkout)
    return list(dict.fromkeys(to for way in ways for to in (way.to, way.refused) if to is not None))


def build_machine(scenario: Scenario, plans: Mapping[tuple[str, str], Plan]) -> Machine:
    """A machine over `scenario` with no models yet: sessions add theirs."""
    states: list[dict[str, Any]] = [{"name": scene.id} for scene in scenario.scenes]
    states += [{"name": ending.id, "final": True} for ending in scenario.endings]
    transitions = [
        {"trigger": trigger_name(plan.choice.id, to), "source": plan.scene, "dest": to}
        for plan in plans.values()
        for to in destinations(plan)
    ]
    return SceneMachine(
        model=None,
        states=states,
        transitions=transitions,
        initial=scenario.start,
        auto_transitions=False,
        ignore_invalid_triggers=False,
    )
