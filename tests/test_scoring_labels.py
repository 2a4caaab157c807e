"""Move labels keyed to regret (docs/scoring.md): bounds, the principle cap, the fallback on tags,
and, over every bundled scenario and random play, no move labelled good or better above the bound."""

from __future__ import annotations

import random
from functools import cache

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from simulator.content.loaded import LoadedScenario
from simulator.content.loader import load_library
from simulator.engine import Session
from simulator.scoring import grade_move
from simulator.scoring.labels import (
    GOOD_BOUND,
    LABELS,
    label_of_quality,
    label_of_regret,
    move_label,
    rank,
)


@cache
def scenarios() -> list[LoadedScenario]:
    return sorted(load_library(include_user=False).scenarios(), key=lambda s: s.ref)


def test_the_documented_bounds() -> None:
    assert [label_of_regret(r) for r in (0, 0.5, 2, 2.5, 5, 7, 10, 10.5, 60)] == [
        "best",
        "good",
        "good",
        "inaccuracy",
        "inaccuracy",
        "mistake",
        "mistake",
        "blunder",
        "blunder",
    ]
    assert [label_of_quality(q) for q in (1, 0.75, 0.6, 0.5, 0.3, 0.25, 0.1, 0)] == [
        "good",
        "good",
        "inaccuracy",
        "inaccuracy",
        "mistake",
        "mistake",
        "blunder",
        "blunder",
    ]


@given(st.floats(0, 100), st.floats(0, 100), st.booleans(), st.floats(0, 1))
def test_labels_are_monotone_in_regret(a: float, b: float, violates: bool, quality: float) -> None:
    low, high = sorted((a, b))
    assert rank(move_label(quality, violates, low)) <= rank(move_label(quality, violates, high))


@given(st.floats(0, 1), st.booleans())
def test_without_regret_a_move_is_never_best(quality: float, violates: bool) -> None:
    assert move_label(quality, violates) != "best"


@given(st.floats(0, 100), st.floats(0, 1))
def test_breaking_a_principle_caps_the_label_at_inaccuracy(regret: float, quality: float) -> None:
    assert rank(move_label(quality, True, regret)) >= LABELS.index("inaccuracy")
    assert rank(move_label(quality, True)) >= LABELS.index("inaccuracy")


@pytest.mark.parametrize("ref", [s.ref for s in scenarios()])
@settings(max_examples=4, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(0, 2**31))
def test_no_move_labelled_good_or_better_exceeds_the_bound_in_random_play(ref: str, seed: int) -> None:
    from simulator.analysis.review import review

    loaded = next(s for s in scenarios() if s.ref == ref)
    rng = random.Random(seed)
    session = Session.start(loaded, seed)
    while not session.ended and len(session.state.history) < 60:
        session.choose(rng.choice(session.available()).id)
    reviews = review(loaded, session.state.history, seed)
    for move, r in zip(session.state.history, reviews, strict=True):
        grade = grade_move(loaded.scenario, move)
        label = grade.label(r.regret)
        if label in ("best", "good"):
            assert r.regret <= GOOD_BOUND
        if move.violates:
            assert label not in ("best", "good")
        if r.regret > 0:
            assert r.better is not None and r.better.gain > 0
            assert r.better.choice != move.choice
