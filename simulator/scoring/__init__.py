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
from simulator.scoring.labels import LABELS, Label, move_label
from simulator.scoring.lesson import Better, Hint, Lesson, MoveReview, build_lesson

__all__ = [
    "COMPONENTS",
    "LABELS",
    "WEIGHTS",
    "Better",
    "Debrief",
    "GradedMove",
    "Hint",
    "Label",
    "Lesson",
    "MoveGrade",
    "MoveReview",
    "PartyOutcome",
    "best_joint_value",
    "build_lesson",
    "grade_move",
    "move_label",
    "score_session",
    "style_profile",
]
