"""Grades for moves and debrief scores for sessions: pure functions of content and state."""

from simulator.scoring.debrief import (
    COMPONENTS,
    WEIGHTS,
    Debrief,
    GradedMove,
    PartyOutcome,
    best_joint_value,
    score_session,
    style_profile,
)
from simulator.scoring.grades import MoveGrade, grade_move

__all__ = [
    "COMPONENTS",
    "WEIGHTS",
    "Debrief",
    "GradedMove",
    "MoveGrade",
    "PartyOutcome",
    "best_joint_value",
    "grade_move",
    "score_session",
    "style_profile",
]
