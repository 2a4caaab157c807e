"""The play engine: sessions, state, the stakeholder model and sandboxed dialogue. No UI here."""

from simulator.engine.reactions import apply_choice
from simulator.engine.rules import Reaction, advance
from simulator.engine.session import (
    EngineError,
    InvalidChoice,
    MoveResult,
    Session,
    StateMismatch,
    Utterance,
    available_choices,
    initial_state,
)
from simulator.engine.state import Meter, Move, SessionState

__all__ = [
    "EngineError",
    "InvalidChoice",
    "Meter",
    "Move",
    "MoveResult",
    "Reaction",
    "Session",
    "SessionState",
    "StateMismatch",
    "Utterance",
    "advance",
    "apply_choice",
    "available_choices",
    "initial_state",
]
