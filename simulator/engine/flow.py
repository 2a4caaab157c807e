"""Scene flow as a `transitions` state machine.

Scenes and endings are states (endings are final); each choice is a trigger from its scene; each
branch of the choice's `next` is a transition guarded by the branch's compiled condition; the
move's reactions and effects are the transitions' `prepare` callback, so guards see their result.
A first transition per choice leads to the walkout ending when somebody's patience ran out.
Only Python callables are ever passed to the machine, never pack strings.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from transitions import Machine

from simulator.content.models import Scenario
from simulator.engine.conditions import compile_condition
from simulator.engine.state import SessionState


def trigger_name(choice_id: str) -> str:
    """The machine's trigger for a choice; the prefix keeps it clear of the model's own names."""
    return f"choose:{choice_id}"


class FlowModel:
    """The plain object the machine drives (transitions cannot set attributes on pydantic models)."""

    state: str

    def __init__(self, session_state: SessionState) -> None:
        self.data = session_state


def build_machine(
    scenario: Scenario,
    model: FlowModel,
    initial: str,
    apply_move: Callable[[str], None],
    finish_move: Callable[[str], None],
) -> Machine:
    """A machine over `scenario` driving `model`, starting at scene or ending `initial`.

    `apply_move(choice_id)` runs once per trigger before the guards; `finish_move(dest)` runs after
    the transition with the scene or ending reached.
    """
    states: list[dict[str, Any]] = [{"name": scene.id} for scene in scenario.scenes]
    states += [{"name": ending.id, "final": True} for ending in scenario.endings]
    walkout = scenario.walkout_ending.id

    def someone_walked_out(_event: Any = None) -> bool:
        return any(m.walked_out for m in model.data.meters.values())

    def nobody_walked_out(_event: Any = None) -> bool:
        return not someone_walked_out()

    transitions: list[dict[str, Any]] = []
    for scene in scenario.scenes:
        for choice in scene.choices:
            trigger = trigger_name(choice.id)

            def prepare(_event: Any = None, _cid: str = choice.id) -> None:
                apply_move(_cid)

            transitions.append(
                {
                    "trigger": trigger,
                    "source": scene.id,
                    "dest": walkout,
                    "prepare": [prepare],
                    "conditions": [someone_walked_out],
                    "after": [lambda _e=None, _d=walkout: finish_move(_d)],
                }
            )
            for branch in choice.branches:
                guard = compile_condition(branch.if_)
                transitions.append(
                    {
                        "trigger": trigger,
                        "source": scene.id,
                        "dest": branch.to,
                        "prepare": [prepare],
                        "conditions": [nobody_walked_out, lambda _e=None, _g=guard: _g(model.data)],
                        "after": [lambda _e=None, _d=branch.to: finish_move(_d)],
                    }
                )
    return Machine(
        model=model,
        states=states,
        transitions=transitions,
        initial=initial,
        auto_transitions=False,
        ignore_invalid_triggers=False,
        send_event=False,
    )
