"""Trainer tools' speed: simulate as a ratio to bare `transitions` triggers; solve time per scenario.

- simulate: playthrough steps per second of `simulate` (random choice among the available ones,
  reactions, effects, routing, scoring each run) against the floor of bare `transitions`: one
  Machine with the scenario's scenes and a trigger per (choice, destination), no callbacks, the
  model reset between games, replaying the very paths the simulation took (as bench_engine does).
  Both are measured in this run, on this machine. Target: ratio >= 0.3.
- solve: seconds and states for each scenario, with a fresh solver (no cache), and how many
  complete playthroughs the search covers (counted on the solver's own frontiers);
- solver expansion: states the solver expands per second against the floor of a plain
  breadth-first walk over the same table (its `available` and `step`, a dict of states seen):
  what generating the states alone costs, without the solver's frontiers. Target: ratio >= 0.25.

Run: .venv/bin/python bench/bench_analysis.py [SCENARIO ...] [--runs N]
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_engine import Bare, bare_machine

from simulator.analysis.simulate import MAX_RANDOM_MOVES, simulate
from simulator.analysis.solve import Solver, solve
from simulator.analysis.table import NODE, table_for
from simulator.content.loaded import LoadedScenario
from simulator.engine.flow import trigger_name

TARGET = 0.3
EXPANSION_TARGET = 0.25


def routed_paths(loaded: LoadedScenario, runs: int, seed: int) -> list[list[str]]:
    """The (trigger>destination) names of the paths `simulate` takes for these seeds."""
    table = table_for(loaded)
    paths = []
    for run in range(runs):
        choose = random.Random(seed + run).choice
        state, steps = table.start, []
        while state[NODE] in table.edges and len(steps) < MAX_RANDOM_MOVES:
            edge = choose(table.offered(state, seed + run))
            state = table.step(state, edge)
            steps.append(trigger_name(edge.choice, state[NODE]))
        paths.append(steps)
    return paths


def measure_simulate(loaded: LoadedScenario, runs: int) -> tuple[float, float, int]:
    paths = routed_paths(loaded, runs, seed=1)
    model = Bare()
    machine = bare_machine(loaded, model)
    start = time.perf_counter()
    for path in paths:
        machine.set_state(loaded.scenario.start)
        for name in path:
            model.trigger(name)
    bare = time.perf_counter() - start
    result = simulate(loaded, runs, seed=1)
    assert result.steps == sum(len(p) for p in paths)
    return result.steps / bare, result.steps / result.seconds, result.steps


def measure_solve(loaded: LoadedScenario) -> tuple[float, int, int, int]:
    from simulator.analysis import solve as solve_module

    solve_module.solver_for.forget(loaded)  # a fresh search, not the cached answer
    start = time.perf_counter()
    solution = solve(loaded)
    seconds = time.perf_counter() - start
    return seconds, solution.states, solution.score, playthroughs(solve_module.solver_for(loaded))


def playthroughs(solver: Solver) -> int:
    """Complete playthroughs from the start, counted over the memoised states (not timed)."""
    table, memo = solver.table, solver.memo
    counts: dict[tuple[object, ...], int] = {}
    path: set[tuple[object, ...]] = set()

    def count(state: tuple[object, ...]) -> int:
        if table.is_ending(state):
            return 1
        if state in counts:
            return counts[state]
        available = table.available(state)
        path.add(state)
        children = [table.step(state, e) for e in available]
        total = sum(count(c) for c in children if c not in path) if available else 1
        path.discard(state)
        if state in memo and not any(c in path for c in children):
            counts[state] = total
        return total

    sys.setrecursionlimit(10_000)
    return count(table.start)


def search_seconds(loaded: LoadedScenario) -> tuple[float, int]:
    """The best of three fresh searches of the whole scenario (the solver's frontier from the start,
    no path replay), and the states it expanded."""
    best, states = float("inf"), 0
    for _ in range(3):
        solver = Solver(loaded)
        began = time.perf_counter()
        solver.frontier(solver.table.start, 10**8)
        best = min(best, time.perf_counter() - began)
        states = len(solver.memo)
    return best, states


def bfs_floor(loaded: LoadedScenario) -> tuple[float, int]:
    """Seconds of a plain breadth-first walk over the scenario's states on the same table the solver
    uses (`available` and `step`, a dict of the states seen), and how many states it expands (every
    state it reaches but the endings, as the solver): the floor of expanding states, without the
    solver's frontiers."""
    from collections import deque

    table = table_for(loaded)
    best = float("inf")
    for _ in range(3):
        began = time.perf_counter()
        seen = {table.start: None}
        queue = deque([table.start])
        while queue:
            state = queue.popleft()
            if table.is_ending(state):
                continue
            for edge in table.available(state):
                child = table.step(state, edge)
                if child not in seen:
                    seen[child] = None
                    queue.append(child)
        best = min(best, time.perf_counter() - began)
    return best, sum(1 for state in seen if not table.is_ending(state))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("scenarios", nargs="*", help="scenario refs (default: every bundled scenario)")
    parser.add_argument("--runs", type=int, default=5_000)
    args = parser.parse_args()
    from simulator.content.loader import load_library
    from simulator.content.resolve import resolve_scenario

    library = load_library(include_user=False)
    refs = args.scenarios or [s.ref for pack in library.packs for s in pack.scenarios.values()]
    worst = worst_expansion = float("inf")
    for ref in refs:
        loaded = resolve_scenario(library, ref)
        bare, simulated, steps = measure_simulate(loaded, args.runs)
        worst = min(worst, simulated / bare)
        seconds, states, score, games = measure_solve(loaded)
        floor, visited = bfs_floor(loaded)
        searched, expanded = search_seconds(loaded)
        expansion = (expanded / searched) / (visited / floor)
        worst_expansion = min(worst_expansion, expansion)
        print(
            f"{ref}: simulate {steps:,} steps at {simulated:,.0f}/s vs bare transitions {bare:,.0f}/s "
            f"(ratio {simulated / bare:.2f}; target >= {TARGET}); "
            f"solve {seconds:.2f} s, {states:,} states, {games:,} playthroughs, best {score}; "
            f"expansion {expanded / searched:,.0f} states/s vs dict BFS {visited / floor:,.0f}/s "
            f"(ratio {expansion:.2f}; target >= {EXPANSION_TARGET})"
        )
    print(f"worst simulate ratio {worst:.2f}: {'meets' if worst >= TARGET else 'MISSES'} the target")
    print(
        f"worst solver expansion ratio {worst_expansion:.2f}: "
        f"{'meets' if worst_expansion >= EXPANSION_TARGET else 'MISSES'} the target"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
