"""The debrief's review of a played path: what each move cost, and the better move at that point.

For each move the solver gives its regret (the best total reachable before the move minus the
best after it). For a move that cost points, the *better move* is the available choice with the
best total still reachable from the state before the move, and its *gain* is how many more points
of the best reachable total it kept than the move played. `best_path_labels` labels every choice
of the scenes on one best path, from the state that path reaches them with (the facilitator
guide's table).
"""

from __future__ import annotations

from collections.abc import Sequence

from simulator.analysis import DEFAULT_MAX_STATES
from simulator.analysis.solve import positions, solve, solver_for
from simulator.analysis.table import NODE
from simulator.content.loaded import LoadedScenario
from simulator.engine.state import Move
from simulator.scoring.labels import Label, move_label
from simulator.scoring.lesson import Better, MoveReview

__all__ = ["best_path_labels", "review"]


def review(
    loaded: LoadedScenario, history: Sequence[Move], seed: int = 0, max_states: int = DEFAULT_MAX_STATES
) -> list[MoveReview]:
    """Each move's regret and, where it cost points, the better move (raises as `regrets` does)."""
    from simulator.engine import Session

    solver = solver_for(loaded)
    table = solver.table
    session = Session.start(loaded, seed)
    out: list[MoveReview] = []
    for (state, moves, quality, played), move in zip(positions(table, history), history, strict=False):
        before = solver.best(state, moves, quality, max_states)
        totals = {
            edge.choice: solver.best(table.step(state, edge), moves + 1, quality + edge.quality, max_states)
            for edge in table.available(state)
        }
        after = totals[played.choice]
        regret = float(before - after)
        better: Better | None = None
        if regret > 0:
            order = {c.id: i for i, c in enumerate(session.available())}
            choice_id = max(totals, key=lambda c: (totals[c], -order.get(c, len(order))))
            if totals[choice_id] > after:
                choice = next(c for c in loaded.scenario.scene(move.scene).choices if c.id == choice_id)
                better = Better(choice_id, session.choice_text(choice), float(totals[choice_id] - after))
        out.append(MoveReview(regret, better))
        session.choose(move.choice)
    return out


def best_path_labels(
    loaded: LoadedScenario,
    max_states: int = DEFAULT_MAX_STATES,
) -> dict[tuple[str, str], Label]:
    """(scene, choice): its label when played from the state one best path first reaches that
    scene with. Scenes the best path does not pass through are absent (off the best path)."""
    solution = solve(loaded, max_states)
    solver = solver_for(loaded)
    table = solver.table
    scenario = loaded.scenario
    labels: dict[tuple[str, str], Label] = {}
    state, moves, quality = table.start, 0, 0
    for choice_id in solution.path:
        scene_id = state[NODE]
        before = solver.best(state, moves, quality, max_states)
        if not any(key[0] == scene_id for key in labels):
            scene = scenario.scene(scene_id)
            for edge in table.available(state):
                after = solver.best(table.step(state, edge), moves + 1, quality + edge.quality, max_states)
                choice = next(c for c in scene.choices if c.id == edge.choice)
                labels[(scene_id, edge.choice)] = move_label(
                    edge.quality / table.quality_scale, bool(choice.violates), float(before - after)
                )
        edge = table.edge[(scene_id, choice_id)]
        state = table.step(state, edge)
        moves, quality = moves + 1, quality + edge.quality
    return labels
