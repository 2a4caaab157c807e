"""Scene flow as a `transitions` state machine.

Scenes and endings are states (endings are final); each choice is a trigger from its scene; each
branch of the choice's `next` is a transition guarded by the branch's compiled condition; the
move's reactions and effects are the machine's `prepare_event` callback, run once per trigger
before any guard, so guards see their result.
A first transition per choice leads to the walkout ending when somebody's patience ran out.
A destination that is an agreement some stakeholder may refuse (engine.agreement) gets two
transitions with the same guard: to the agreement when nobody refuses, to where the refusal leads
when somebody does; both record the move with `finish_move(agreement)`, which applies the same rule.
Only Python callables are ever passed to the machine, never pack strings.

One machine serves every session of a scenario: each session adds its own model and removes it
when the session is collected (building a machine costs far more than adding a model).
"""

from __future__ import annotations

import weakref
from collections.abc import Callable
from typing import Any, Protocol, cast

from transitions import EventData, Machine

from simulator.content.models import Scenario
from simulator.engine.agreement import refusal_target, refusers
from simulator.engine.conditions import Predicate, compile_condition
from simulator.engine.state import SessionState

TRIGGER_PREFIX = "choose:"


def trigger_name(choice_id: str) -> str:
    """The machine's trigger for a choice; the prefix keeps it clear of the model's own names."""
    return TRIGGER_PREFIX + choice_id


class MoveHandler(Protocol):
    state: SessionState

    def apply_move(self, choice_id: str) -> None: ...

    def finish_move(self, destination: str) -> None: ...

    def walked_out_now(self) -> bool:
        """Whether the move being played made somebody walk out (its own strikes, not an earlier
        walkout whose refused agreement let the meeting go on)."""
        ...


class FlowModel:
    """The plain object the machine drives (transitions cannot set attributes on pydantic models)."""

    state: str
    trigger: Callable[[str], bool]
    """Fire a trigger by name; transitions adds it to the model."""

    def __init__(self, handler: MoveHandler) -> None:
        self._handler = weakref.ref(handler)

    @property
    def handler(self) -> MoveHandler:
        handler = self._handler()
        assert handler is not None, "the session behind this model is gone"
        return handler


def _data(event: EventData) -> SessionState:
    return cast(FlowModel, event.model).handler.state


def _someone_walked_out(event: EventData) -> bool:
    return cast(FlowModel, event.model).handler.walked_out_now()


def _nobody_walked_out(event: EventData) -> bool:
    return not _someone_walked_out(event)


def _route(scenario: Scenario, trigger: str, source: str, destination: str,
           guards: list[Any]) -> list[dict[str, Any]]:
    """The transitions that lead a move towards `destination` when `guards` hold: one, or two
    when `destination` is an agreement a stakeholder may refuse."""
    def finish(event: EventData) -> None:
        cast(FlowModel, event.model).handler.finish_move(destination)

    target = refusal_target(scenario, destination)
    if target is None:
        return [{"trigger": trigger, "source": source, "dest": destination, "conditions": guards,
                 "after": [finish]}]

    def refused(event: EventData) -> bool:
        return bool(refusers(scenario, _data(event).settled))

    return [
        {"trigger": trigger, "source": source, "dest": destination, "conditions": guards,
         "unless": [refused], "after": [finish]},
        {"trigger": trigger, "source": source, "dest": target, "conditions": [*guards, refused],
         "after": [finish]},
    ]


def _holds(guard: Predicate) -> Callable[[EventData], bool]:
    return lambda event: guard(_data(event))


def _apply_move(event: EventData) -> None:
    cast(FlowModel, event.model).handler.apply_move(event.event.name[len(TRIGGER_PREFIX):])


class SceneMachine(Machine):
    """A Machine whose models get only `trigger`.

    By default transitions gives every model a method per trigger and several per state
    (`is_<state>`, `may_<trigger>` ...); for a scenario with dozens of choices that costs more than a
    whole move. Sessions list their choices from compiled guards and fire `model.trigger(name)`.
    """

    def _add_trigger_to_model(self, trigger: str, model: Any) -> None:
        pass

    def _add_may_transition_func_for_trigger(self, trigger: str, model: Any) -> None:
        pass

    def _add_model_to_state(self, state: Any, model: Any) -> None:
        pass


def build_machine(scenario: Scenario) -> Machine:
    """A machine over `scenario` with no models yet: sessions add theirs."""
    states: list[dict[str, Any]] = [{"name": scene.id} for scene in scenario.scenes]
    states += [{"name": ending.id, "final": True} for ending in scenario.endings]
    walkout = scenario.walkout_ending.id
    transitions: list[dict[str, Any]] = []
    for scene in scenario.scenes:
        for choice in scene.choices:
            trigger = trigger_name(choice.id)
            transitions += _route(scenario, trigger, scene.id, walkout, [_someone_walked_out])
            for branch in choice.branches:
                guard = _holds(compile_condition(branch.if_))
                transitions += _route(scenario, trigger, scene.id, branch.to, [_nobody_walked_out, guard])
    return SceneMachine(
        model=None,
        states=states,
        transitions=transitions,
        initial=scenario.start,
        auto_transitions=False,
        ignore_invalid_triggers=False,
        send_event=True,
        prepare_event=[_apply_move],
    )


def attach(machine: Machine, handler: MoveHandler, initial: str) -> FlowModel:
    """A model for `handler` on `machine`, starting at `initial`, removed when `handler` dies."""
    model = FlowModel(handler)
    machine.add_model(model, initial=initial)
    weakref.finalize(handler, machine.remove_model, model)
    return model
