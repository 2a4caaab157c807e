"""Play a move without the state machine: the fast path for simulation and search.

`advance` does what `Session.choose` does through `transitions` (reactions, effects, routing) on a
table of compiled branch guards, with no text rendered. Both arrive through `arrive`, which applies
the BATNA refusal rule (engine.agreement). A test keeps the two in agreement.
"""

from __future__ import annotations

from simulator.content.loaded import LoadedScenario, PerScenario
from simulator.engine.agreement import resolve
from simulator.engine.conditions import Predicate, compile_condition
from simulator.engine.reactions import apply_choice
from simulator.engine.state import Move, SessionState


def _routes(loaded: LoadedScenario) -> dict[tuple[str, str], list[tuple[str, Predicate]]]:
    """(scene, choice) -> [(destination, guard)] in the order they are tried."""
    return {
        (scene.id, choice.id): [(b.to, compile_condition(b.if_)) for b in choice.branches]
        for scene in loaded.scenario.scenes
        for choice in scene.choices
    }


routes = PerScenario(_routes)


def advance(loaded: LoadedScenario, state: SessionState, choice_id: str) -> Move:
    """Play `choice_id` (which must be available) in `state`, changing it in place."""
    scenario = loaded.scenario
    assert state.scene is not None, "the session has ended"
    scene = scenario.scene(state.scene)
    choice = next(c for c in scene.choices if c.id == choice_id)
    move, _ = apply_choice(scenario, loaded.personas, state, choice)
    destination: str | None
    if move.walked_out:  # this move's strikes (an earlier walkout whose agreement was refused is over)
        destination = scenario.walkout_ending.id
    else:
        destination = next(
            (to for to, guard in routes(loaded)[(scene.id, choice.id)] if guard(state)), None
        )
        if destination is None:
            raise LookupError(f"choice {choice.id!r} in scene {scene.id!r} leads nowhere")
    arrive(loaded, state, move, destination)
    return move


def arrive(loaded: LoadedScenario, state: SessionState, move: Move, destination: str) -> None:
    """Record `move` as leading to `destination` (a scene or an ending) and go there, unless it is
    an agreement a stakeholder refuses (engine.agreement): then go where the refusal leads."""
    destination, move.refused_by = resolve(loaded.scenario, state.settled, destination)
    move.to = destination
    state.history.append(move)
    if loaded.scenario.is_ending(destination):
        state.scene, state.ending = None, destination
    else:
        state.scene = destination
        if destination not in state.visited:
            state.visited.append(destination)
