"""Engine speed: playthrough steps per second as a ratio to bare `transitions` triggers.

Both sides walk the same random paths over the same scene graph, measured in this run:
- bare: one `transitions.Machine` with the scenario's scenes and choice triggers, no callbacks,
  the model reset to the start between games (the floor: what the library alone costs);
- engine step: `advance` (reactions, effects, reveals, walkouts, routing on compiled guards: what
  simulation and search run);
- session step: `Session.start` + `Session.choose` (the same rules, engine.rules, plus the menu in
  its offered order and every spoken line rendered: what a player drives).
Target: engine step ratio >= 0.3 (the engine's step function, which simulation and search run
thousands of times). The session step is printed beside it for reference: it pays for rendering
dialogue, and a player makes one move every few seconds, so it has no target here (the peer
benchmark, ../shared/peer, compares it with inkjs).

Run: .venv/bin/python bench/bench_engine.py [SCENARIO ...] [--games N]
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from transitions import Machine

from simulator.content.loaded import LoadedScenario
from simulator.engine import Session, advance, initial_state
from simulator.engine.agreement import refusal_target
from simulator.engine.flow import trigger_name

TARGET = 0.3


def random_paths(loaded: LoadedScenario, games: int, seed: int) -> list[list[str]]:
    rng = random.Random(seed)
    paths = []
    for _ in range(games):
        session = Session.start(loaded)
        path: list[str] = []
        while not session.ended and len(path) < 200:
            choice = rng.choice(session.available()).id
            session.choose(choice)
            path.append(choice)
        paths.append(path)
    return paths


def scene_paths(loaded: LoadedScenario, paths: list[list[str]]) -> list[list[tuple[str, str]]]:
    """The (trigger, destination) pairs each path took, for the bare machine to replay."""
    out = []
    for path in paths:
        session = Session.start(loaded)
        steps = []
        for choice in path:
            session.choose(choice)
            steps.append((trigger_name(choice, session.state.history[-1].to), ""))
        out.append(steps)
    return out


class Bare:
    state: str


def bare_machine(loaded: LoadedScenario, model: Bare) -> Machine:
    scenario = loaded.scenario
    states = [s.id for s in scenario.scenes] + [e.id for e in scenario.endings]
    transitions = []
    for scene in scenario.scenes:
        for choice in scene.choices:
            dests = {b.to for b in choice.branches} | {scenario.walkout_ending.id}
            dests |= {t for d in dests if (t := refusal_target(scenario, d)) is not None}  # BATNA refusals
            for dest in sorted(dests):
                transitions.append({"trigger": trigger_name(choice.id, dest), "source": scene.id, "dest": dest})
    return Machine(model=model, states=states, transitions=transitions, initial=scenario.start, auto_transitions=False)


def measure(loaded: LoadedScenario, games: int) -> tuple[float, float, float, int]:
    paths = random_paths(loaded, games, seed=1)
    steps = sum(len(p) for p in paths)
    routed = scene_paths(loaded, paths)

    model = Bare()
    machine = bare_machine(loaded, model)
    start = time.perf_counter()
    for path in routed:
        machine.set_state(loaded.scenario.start)
        for trigger, _dest in path:
            model.trigger(trigger)
    bare = time.perf_counter() - start

    start = time.perf_counter()
    for path in paths:
        state = initial_state(loaded)
        for choice in path:
            advance(loaded, state, choice)
    engine = time.perf_counter() - start

    start = time.perf_counter()
    for path in paths:
        session = Session.start(loaded)
        for choice in path:
            session.choose(choice)
    played = time.perf_counter() - start
    return steps / bare, steps / engine, steps / played, steps


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("scenarios", nargs="*", help="scenario refs (default: every bundled scenario)")
    parser.add_argument("--games", type=int, default=300)
    args = parser.parse_args()
    from simulator.content.loader import load_library
    from simulator.content.resolve import resolve_scenario

    library = load_library()
    refs = args.scenarios or [s.ref for pack in library.packs for s in pack.scenarios.values()]
    worst = float("inf")
    for ref in refs:
        loaded = resolve_scenario(library, ref)
        bare, engine, played, steps = measure(loaded, args.games)
        worst = min(worst, engine / bare)
        print(
            f"{ref}: {steps} steps; bare transitions {bare:,.0f}/s; "
            f"engine step {engine:,.0f}/s (ratio {engine / bare:.2f}); "
            f"(target >= {TARGET}); session step {played:,.0f}/s (ratio {played / bare:.2f}, no target)"
        )
    print(f"worst engine step ratio {worst:.2f}: {'meets' if worst >= TARGET else 'MISSES'} the target")
    return 0


if __name__ == "__main__":
    sys.exit(main())
