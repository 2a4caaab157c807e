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

from simulator.analysis.table import NODE, STRIKES, DeadEnd, Edge, line_table_for
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
    transitions: dict[tuple[str, str, str], int] = field(default_factory=dict)
    """(scene id, choice id, where the move went): how often (only those that happened); the
    destination is a branch's, or a refusal's or walkout's when the move ended so."""
    line_shown: dict[tuple[str, int], int] = field(default_factory=dict)
    """(scene id, index in its `lines`): how many times the runs showed that line (every line, 0
    when never). A scene's lines are shown on each arrival in it (at the start, or after any move
    that lands there, itself included); a line with `if` only when the condition then holds."""
    reply_shown: dict[tuple[str, str, str], int] = field(default_factory=dict)
    """(scene id, choice id, persona id): how many times the runs showed that written `reply`
    (every reply, 0 when never): each time the choice is played, unless that persona walks out."""
    steps: int = 0
    seconds: float = 0.0

    @property
    def unshown_lines(self) -> list[tuple[str, int]]:
        return [k for k, n in self.line_shown.items() if n == 0]

    @property
    def unshown_replies(self) -> list[tuple[str, str, str]]:
        return [k for k, n in self.reply_shown.items() if n == 0]

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


def _walked(edge: Edge, state: tuple[object, ...], walked: Counter[tuple[str, str, str]]) -> None:
    """Count the replies of `edge` whose persona walked out on the move that led to `state`."""
    strikes = state[STRIKES]
    assert isinstance(strikes, tuple)
    for key, i, patience in edge.replies:
        if strikes[i] >= patience:
            walked[key] += 1


class _Tally:
    """What random games of one scenario add up to: visits, moves, endings, scores, lines shown."""

    def __init__(self, loaded: LoadedScenario) -> None:
        scenario = loaded.scenario
        self.scenario = scenario
        self.table = table = line_table_for(loaded)
        self.scene_runs = {s.id: 0 for s in scenario.scenes}
        self.choice_counts = Counter({(s.id, c.id): 0 for s in scenario.scenes for c in s.choices})
        self.transitions: Counter[tuple[str, str, str]] = Counter()
        self.endings = {e.id: 0 for e in scenario.endings}
        self.scores: list[int] = []
        self.lengths: list[int] = []
        self.crashes: list[Crash] = []
        self.refusals = dict.fromkeys(table.refusal, 0)
        self.targets = {target for target, _, _ in table.refusal.values()}
        refused_walkout = table.refusal.get(table.walkout)
        self.walkout_continues = refused_walkout is not None and not refused_walkout[1]
        """A walkout ending that is an agreement refused back into a scene: a walkout may not end."""
        self.line_counts = {key: 0 for keyed in table.line_guards.values() for key, _ in keyed}
        """Conditional lines: how many times shown."""
        self.walked: Counter[tuple[str, str, str]] = Counter()
        """Replies not shown because their persona walked out on that move."""
        self.steps = 0

    def count_lines(self, state: tuple[object, ...]) -> None:
        """Count the conditional lines of the node `state` is at that show there."""
        for key, guard in self.table.line_guards.get(str(state[NODE]), ()):
            if guard(state):
                self.line_counts[key] += 1

    def game(self, run: int, run_seed: int) -> None:
        """Play one random game and add it up."""
        table, scenes = self.table, self.table.edges
        state = table.start
        path: list[str] = []
        reached = {state[NODE]}
        edge: Edge | None = None
        quality = 0
        crash: Crash | None = None
        try:
            self.count_lines(state)
            choose = random.Random(run_seed).choice
            while state[NODE] in scenes and len(path) < MAX_RANDOM_MOVES:
                available = table.offered(state, run_seed)
                if not available:
                    raise LookupError(f"no choice is available in scene {state[NODE]!r}")
                edge = choose(available)
                path.append(edge.choice)
                quality += edge.quality
                state = self._move(state, edge)
                reached.add(state[NODE])
        except (LookupError, DeadEnd) as exc:
            if isinstance(exc, DeadEnd):  # chosen, though it went nowhere
                self.choice_counts[(exc.scene, exc.choice)] += 1
            crash = Crash(run, run_seed, str(state[NODE]), path, str(exc))
        self.steps += len(path)
        for node in reached:
            if node in self.scene_runs:
                self.scene_runs[str(node)] += 1
        if edge is not None and edge.replies and state[NODE] not in scenes and not self.walkout_continues:
            _walked(edge, state, self.walked)  # a walkout ends the session: only the last move can have one
        if crash is not None:
            self.crashes.append(crash)
            return
        ending = str(state[NODE]) if state[NODE] not in scenes else UNFINISHED
        self.endings[ending] = self.endings.get(ending, 0) + 1
        self.scores.append(table.total(table.final_part(state), len(path), quality))
        self.lengths.append(len(path))

    def _move(self, before: tuple[object, ...], edge: Edge) -> tuple[object, ...]:
        """Play `edge` from `before` and count where it led, what was said and what was refused."""
        state = self.table.step(before, edge)
        node = state[NODE]
        self.transitions[(edge.scene, edge.choice, str(node))] += 1
        if self.walkout_continues and edge.replies:
            _walked(edge, state, self.walked)
        self.count_lines(state)
        if node in self.targets:
            refused = self.table.refused_at(before, edge)
            if refused is not None:
                self.refusals[refused[0]] += 1
        return state

    def lines_shown(self, runs: int) -> tuple[dict[tuple[str, int], int], dict[tuple[str, str, str], int]]:
        """How often each scene line and each reply was shown (line coverage), and count the
        transitions into the choices they were made by."""
        for (scene_id, choice_id, _to), n in self.transitions.items():
            self.choice_counts[(scene_id, choice_id)] += n
        arrivals = Counter({self.scenario.start: runs})
        played: Counter[tuple[str, str]] = Counter()
        """Moves that went somewhere (a move that crashed on a dead end said nothing)."""
        for (scene_id, choice_id, to), n in self.transitions.items():
            arrivals[to] += n
            played[(scene_id, choice_id)] += n
        reactions = {
            (e.scene, e.choice): {key for key, _, _ in e.replies} for es in self.table.edges.values() for e in es
        }
        line_shown: dict[tuple[str, int], int] = {}
        reply_shown: dict[tuple[str, str, str], int] = {}
        for scene in self.scenario.scenes:
            for i, line in enumerate(scene.lines):
                key = (scene.id, i)
                line_shown[key] = arrivals[scene.id] if line.if_ is None else self.line_counts[key]
            for choice in scene.choices:
                for who in choice.reply:
                    reply = (scene.id, choice.id, who)
                    said = reply in reactions[(scene.id, choice.id)]  # who answers at all
                    reply_shown[reply] = played[(scene.id, choice.id)] - self.walked[reply] if said else 0
        return line_shown, reply_shown


def simulate(
    loaded: LoadedScenario,
    runs: int,
    seed: int = 0,
    progress: Callable[[int, int], None] | None = None,
) -> Simulation:
    """Play `runs` random games of `loaded`; run `i` uses seed `seed + i`.

    `progress(done, runs)` is called now and then (about a hundred times per simulation).
    """
    tally = _Tally(loaded)
    every = max(1, runs // 100)
    began = time.perf_counter()
    for run in range(runs):
        if progress is not None and run % every == 0:
            progress(run, runs)
        tally.game(run, seed + run)
    if progress is not None:
        progress(runs, runs)
    line_shown, reply_shown = tally.lines_shown(runs)
    return Simulation(
        ref=loaded.ref,
        runs=runs,
        seed=seed,
        scene_runs=tally.scene_runs,
        choice_counts=dict(tally.choice_counts),
        transitions=dict(tally.transitions),
        endings=tally.endings,
        scores=tally.scores,
        lengths=tally.lengths,
        crashes=tally.crashes,
        refusals=tally.refusals,
        line_shown=line_shown,
        reply_shown=reply_shown,
        steps=tally.steps,
        seconds=time.perf_counter() - began,
    )
