"""A session state that starts mid-scenario: `play --from SCENE` with a chosen state, for authors.

`state_at` builds the state a session would have on arriving at a scene with the given meters,
flags, revealed interests and settled issues (everything else as at the scenario's start). Every id
is checked against the scenario; a wrong one raises `StartError` naming the nearest valid one.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from simulator import errors
from simulator.content.loaded import LoadedScenario
from simulator.engine.session import initial_state
from simulator.engine.state import SessionState

__all__ = ["METERS", "StartError", "StartPoint", "state_at"]

METERS = ("trust", "satisfaction", "strikes")
"""What `--set PERSONA.METER=N` may set."""


class StartError(errors.EngineError, ValueError):
    """A starting point the scenario does not have (an unknown scene, persona, interest, ...)."""


@dataclass(frozen=True)
class StartPoint:
    """Where and how a practice game starts: a scene and what is different from the start."""

    scene: str
    meters: Mapping[str, int] = field(default_factory=dict)
    """`persona.meter` -> value, meter one of METERS."""
    flags: tuple[str, ...] = ()
    revealed: tuple[str, ...] = ()
    settled: Mapping[str, str] = field(default_factory=dict)
    """issue id -> option id."""


def _known(kind: str, value: str, known: Iterable[str]) -> None:
    names = sorted(set(known))
    if value not in names:
        close = difflib.get_close_matches(value, names, n=1, cutoff=0.6)
        hint = f"; did you mean {close[0]!r}?" if close else f" (known: {', '.join(names) or 'none'})"
        raise StartError(f"no {kind} {value!r}{hint}")


def state_at(loaded: LoadedScenario, start: StartPoint, seed: int = 0) -> SessionState:
    """The state of arriving at `start.scene` with `start`'s changes; raises StartError."""
    scenario = loaded.scenario
    _known("scene", start.scene, (s.id for s in scenario.scenes))
    state = initial_state(loaded, seed)
    state.scene = start.scene
    state.visited = list(dict.fromkeys([scenario.start, start.scene]))
    for key, value in start.meters.items():
        persona, _, meter = key.partition(".")
        _known("cast member", persona, state.meters)
        _known("meter", meter, METERS)
        low, high = (0, 100) if meter != "strikes" else (0, 10)
        if not low <= value <= high:
            raise StartError(f"{key}={value}: {meter} goes from {low} to {high}")
        setattr(state.meters[persona], meter, value)
    interests = {
        f"{m.persona}.{i.id}" for m in scenario.cast for i in (*m.interests, *loaded.personas[m.persona].interests)
    }
    for ref in start.revealed:
        _known("interest", ref, interests)
    state.revealed = list(dict.fromkeys(start.revealed))
    state.flags = list(dict.fromkeys(start.flags))
    options = {issue.id: [o.id for o in issue.options] for issue in scenario.issues}
    for issue, option in start.settled.items():
        _known("issue", issue, options)
        _known(f"option of {issue}", option, options[issue])
    state.settled = dict(start.settled)
    return state
