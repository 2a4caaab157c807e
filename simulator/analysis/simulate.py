"""Random playthroughs of a scenario: coverage, endings, scores and crashes.

Run `i` of a simulation with seed `S` plays with seed `S + i` exactly as
`yesable run SCENARIO --choose random --seed S+i` does (uniform among the available choices, in
the order the scene lists them, at most `MAX_RANDOM_MOVES` moves), so any run a report mentions
can be replayed and read in full. Playthroughs go through the compiled transition table
(`simulator.analysis.table`), which tests keep in step with the engine.
"""

from __future__ import annotations

import random
import statistics
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from simulator.analysis.table import NODE, DeadEnd, table_for
from simulator.content.loaded import LoadedScenario

MAX_RANDOM_MOVES = 500
"""The same cap as `yesable run --choose random`: a run that has not ended by then stops."""
UNFINISHED = "(unfinished)"
"""The ending counted for a run that stopped at the cap without reaching an ending."""

__all__ = ["MAX_RANDOM_MOVES", "UNFINISHED", "Crash", "Simulation", "simulate"]


@dataclass(frozen=True)
class Crash:
    """A run the engine could not finish: its seed replays it with `run --choose random`."""

    run: int
    seed: int
    scene: str
    moves: list[str]
    error: str


@dataclass
class Simulation:
    ref: str
    runs: int
    seed: int
    scene_runs: dict[str, int]
    """Scene id: how many runs reached it (every scene of the scenario, 0 for those never reached)."""
    choice_counts: dict[tuple[str, str], int]
    """(scene id, choice id): how often it was chosen (every choice, 0 for those never chosen)."""
    endings: dict[str, int]
    """Ending id (or UNFINISHED): how many runs ended there (every ending, crashed runs excluded)."""
    scores: list[int]
    """The total of each run that did not crash, in run order."""
    lengths: list[int]
    """Moves in each run that did not crash."""
    crashes: list[Crash] = field(default_factory=list)
    refusals: dict[str, int] = field(default_factory=dict)
    """Agreement ending id: how often a stakeholder refused it, its terms being worth less to them
    than their BATNA (engine.agreement); every ending that can be refused, 0 when never."""
    steps: int = 0
    seconds: float = 0.0

    @property
    def unreached_scenes(self) -> list[str]:
        return [s for s, n in self.scene_runs.items() if n == 0]

    @property
    def unchosen(self) -> list[tuple[str, str]]:
        return [c for c, n in self.choice_counts.items() if n == 0]

    @property
    def mean_length(self) -> float:
        return statistics.fmean(self.lengths) if self.lengths else 0.0

    def score_summary(self) -> dict[str, float] | None:
        """min, quartiles and max of the scores (None when every run crashed)."""
        if not self.scores:
            return None
        ordered = sorted(self.scores)
        if len(ordered) == 1:
            q1 = median = q3 = float(ordered[0])
        else:
            q1, median, q3 = statistics.quantiles(ordered, n=4, method="inclusive")
        return {"min": ordered[0], "q1": q1, "median": median, "q3": q3, "max": ordered[-1]}


def simulate(
    loaded: LoadedScenario,
    runs: int,
    seed: int = 0,
    progress: Callable[[int, int], None] | None = None,
) -> Simulation:
    """Play `runs` random games of `loaded`; run `i` uses seed `seed + i`.

    `progress(done, runs)` is called now and then (about a hundred times per simulation).
    """
    scenario = loaded.scenario
    table = table_for(loaded)
    scene_runs = {s.id: 0 for s in scenario.scenes}
    choice_counts = Counter({(s.id, c.id): 0 for s in scenario.scenes for c in s.choices})
    endings = {e.id: 0 for e in scenario.endings}
    scores: list[int] = []
    lengths: list[int] = []
    crashes: list[Crash] = []
    scenes = table.edges
    refusals = dict.fromkeys(table.refusal, 0)
    targets = {target for target, _, _ in table.refusal.values()}
    steps = 0
    every = max(1, runs // 100)
    began = time.perf_counter()
    for run in range(runs):
        if progress is not None and run % every == 0:
            progress(run, runs)
        run_seed = seed + run
        choose = random.Random(run_seed).choice
        state = table.start
        reached = {state[NODE]}
        path: list[str] = []
        quality = 0
        crash: Crash | None = None
        try:
            while state[NODE] in scenes and len(path) < MAX_RANDOM_MOVES:
                available = table.offered(state, run_seed)
                if not available:
                    raise LookupError(f"no choice is available in scene {state[NODE]!r}")
                edge = choose(available)
                choice_counts[(edge.scene, edge.choice)] += 1
                path.append(edge.choice)
                quality += edge.quality
                before, state = state, table.step(state, edge)
                reached.add(state[NODE])
                if state[NODE] in targets:
                    refused = table.refused_at(before, edge)
                    if refused is not None:
                        refusals[refused[0]] += 1
        except (LookupError, DeadEnd) as exc:
            crash = Crash(run, run_seed, str(state[NODE]), path, str(exc))
        steps += len(path)
        for node in reached:
            if node in scene_runs:
                scene_runs[node] += 1
        if crash is not None:
            crashes.append(crash)
            continue
        ending = state[NODE] if state[NODE] not in scenes else UNFINISHED
        endings[ending] = endings.get(ending, 0) + 1
        scores.append(table.total(table.final_part(state), len(path), quality))
        lengths.append(len(path))
    if progress is not None:
        progress(runs, runs)
    return Simulation(
        ref=loaded.ref,
        runs=runs,
        seed=seed,
        scene_runs=scene_runs,
        choice_counts=dict(choice_counts),
        endings=endings,
        scores=scores,
        lengths=lengths,
        crashes=crashes,
        refusals=refusals,
        steps=steps,
        seconds=time.perf_counter() - began,
    )
