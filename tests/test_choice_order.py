"""Choices are offered in a per-session order, so a position never gives the best move away."""

from __future__ import annotations

from dataclasses import replace

from engine_kit import mini_deal

from simulator.analysis.solve import solve
from simulator.content.loader import load_library
from simulator.engine import Session, available_choices, initial_state
from simulator.engine.order import offered_order
from simulator.scoring import score_session


def offered(seed: int) -> list[str]:
    return [c.id for c in Session.start(mini_deal(), seed=seed).available()]


def test_the_order_is_fixed_by_the_seed_and_differs_between_seeds() -> None:
    assert offered(3) == offered(3)
    orders = {tuple(offered(seed)) for seed in range(30)}
    assert len(orders) > 1
    assert all(sorted(order) == ["ask", "give", "push"] for order in orders)


def test_the_order_is_kept_on_a_revisit_and_on_restore() -> None:
    session = Session.start(mini_deal(), seed=5)
    first = [c.id for c in session.available()]
    session.choose("push")  # comes back to the same scene
    assert [c.id for c in session.available()] == first
    restored = Session.restore(mini_deal(), session.state)
    assert [c.id for c in restored.available()] == first


def test_an_ordered_scene_keeps_the_written_order() -> None:
    loaded = mini_deal()
    scenes = list(loaded.scenario.scenes)
    scenes[0] = replace(scenes[0], ordered=True)
    kept = replace(loaded, scenario=replace(loaded.scenario, scenes=scenes))
    for seed in range(10):
        assert [c.id for c in available_choices(kept, initial_state(kept, seed))] == ["ask", "push", "give"]


def test_unavailable_choices_keep_the_others_in_their_offered_places() -> None:
    written = ("a", "b", "c", "d")
    full = offered_order(7, "scene", False, written, list(written), list(written))
    some = [x for x in written if x != full[1]]
    assert offered_order(7, "scene", False, written, some, some) == [x for x in full if x != full[1]]


def test_pressing_1_every_time_is_far_from_the_best_play_in_every_bundled_scenario() -> None:
    for loaded in load_library(include_user=False).scenarios():
        best = solve(loaded).score
        for seed in range(3):
            session = Session.start(loaded, seed=seed)
            while not session.ended:
                session.choose(session.available()[0].id)
            assert score_session(loaded, session.state).total < best - 15, (loaded.ref, seed)
