"""The best achievable score of a scenario, a path to it, and what each played move cost (regret).

The session total depends on the whole history (process is the mean quality of the moves), so
a state's value is not one number: it depends on how many moves were made before it and their
summed quality. For each compact state (see `simulator.analysis.table`) the search keeps a
*frontier* of what the rest of the game can still bring: entries (moves, summed quality, final
part) for each way to finish, keeping for each move count only the entries no other beats on
both quality and final part. The best total from a state with any prefix is then the best total
over its frontier, so one search answers every question (best score, best path, regrets).

A path never passes through the same compact state twice: a loop that comes back to where it
was changes nothing but the move count, and is not counted as a way to play.
"""

from __future__ import annotations

import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from simulator.analysis import DEFAULT_MAX_STATES
from simulator.analysis.table import NODE, DeadEnd, Edge, State, Table, table_for
from simulator.content.loaded import LoadedScenario, PerScenario
from simulator.engine.state import Move, SessionState
from simulator.errors import EngineError

if TYPE_CHECKING:
    from simulator.scoring import Debrief


# A frontier entry: (moves, summed quality, final part, first choice id, the entry it continues).
Entry = tuple[int, int, float, str | None, "Entry | None"]

__all__ = [
    "DEFAULT_MAX_STATES",
    "DeadEnd",
    "Solution",
    "SolveError",
    "TooLarge",
    "regrets",
    "solve",
    "worst_total",
]


class SolveError(EngineError, ValueError):
    """The solver cannot answer for this scenario (a ValueError: callers that skip regrets for a
    transcript they cannot place, like the class report, skip them for this too)."""


class TooLarge(SolveError):
    """The search hit one of its bounds before it was complete."""

    def __init__(self, ref: str, bound: str, limit: int) -> None:
        self.ref, self.bound, self.limit = ref, bound, limit
        super().__init__(
            f"the state space of {ref} is too large: the search expanded more than {limit:,} states "
            f"(the {bound} bound) without finishing; raise {bound} to search further"
        )


@dataclass(frozen=True)
class Solution:
    """The best achievable total and one path (choice ids in order) that reaches it."""

    ref: str
    score: int
    path: list[str]
    ending: str | None
    states: int
    """Distinct compact states whose frontier the search holds."""
    expanded: int
    """States expanded by the search that found this solution (more than `states` with loops)."""
    seconds: float
    scores: dict[str, int] = field(default_factory=dict)
    """The debrief's components for the path."""


class Solver:
    """A search over one scenario with its memo, kept so later questions reuse it.

    With `worst=True` the same search finds the lowest total instead (for `yesable audit`, which
    measures naive strategies against the whole worst-to-best range).
    """

    def __init__(self, loaded: LoadedScenario, worst: bool = False) -> None:
        self.loaded = loaded
        self.worst = worst
        self.table: Table = table_for(loaded)
        self.memo: dict[State, list[Entry]] = {}
        self.solution: Solution | None = None

    def frontier(self, root: State, max_states: int) -> tuple[list[Entry], int]:
        """The frontier of `root` and how many states this call expanded."""
        memo = self.memo
        if root in memo:
            return memo[root], 0
        table = self.table
        scenes = table.edges
        expanded = 0
        on_stack: dict[State, int] = {}
        stack: list[_Frame] = []

        def open_frame(state: State) -> _Frame:
            nonlocal expanded
            expanded += 1
            if expanded > max_states:
                raise TooLarge(self.loaded.ref, "--max-states", max_states)
            on_stack[state] = len(stack)
            return _Frame(state, table.available(state), len(stack))

        stack.append(open_frame(root))
        while True:
            frame = stack[-1]
            edges, candidates = frame.edges, frame.candidates
            if frame.index < len(edges):
                edge = edges[frame.index]
                frame.index += 1
                child = table.step(frame.state, edge)
                if child[0] not in scenes:  # an ending
                    candidates.append((1, edge.quality, table.final_part(child), edge.choice, None))
                    continue
                known = memo.get(child)
                if known is not None:
                    _extend(candidates, known, edge)
                    continue
                depth = on_stack.get(child)
                if depth is not None:  # a loop back to a state on this path: not a way to play
                    frame.low = min(frame.low, depth)
                    continue
                frame.taken = edge
                stack.append(open_frame(child))
                continue
            # every edge done: this frame's frontier
            # no edge at all: no choice is open, the session cannot go on and ends where it stands
            front = _prune(candidates, self.worst) if edges else [_stuck(table, frame.state)]
            stack.pop()
            del on_stack[frame.state]
            if frame.low >= len(stack):  # no loop reached above this state: its frontier holds anywhere
                memo[frame.state] = front
            if not stack:
                return front, expanded
            parent = stack[-1]
            parent.low = min(parent.low, frame.low)
            assert parent.taken is not None
            _extend(parent.candidates, front, parent.taken)

    def best(self, state: State, moves: int, quality: int, max_states: int) -> int:
        """The best total reachable from `state` after `moves` moves of summed `quality`."""
        table = self.table
        if table.is_ending(state):
            return table.total(table.final_part(state), moves, quality)
        front, _ = self.frontier(state, max_states)
        pick = min if self.worst else max
        return pick(table.total(f, moves + n, quality + q) for n, q, f, _c, _r in front)


class _Frame:
    """A state being expanded: its open choices, the next to try and the entries found so far."""

    __slots__ = ("candidates", "edges", "index", "low", "state", "taken")

    def __init__(self, state: State, edges: list[Edge], depth: int) -> None:
        self.state = state
        self.edges = edges
        self.index = 0
        self.candidates: list[Entry] = []
        self.low = depth
        """The shallowest state on the path that a loop from below this one came back to."""
        self.taken: Edge | None = None


def _stuck(table: Table, state: State) -> Entry:
    """The frontier entry of a state where no choice is open: the game ends there as it stands."""
    return (0, 0, table.final_part(state), None, None)


def _extend(candidates: list[Entry], front: list[Entry], edge: Edge) -> None:
    q, choice = edge.quality, edge.choice
    candidates.extend((entry[0] + 1, entry[1] + q, entry[2], choice, entry) for entry in front)


def _prune(candidates: list[Entry], worst: bool = False) -> list[Entry]:
    """For each move count, the entries that no other beats on both summed quality and final part
    (beats: is higher, or with `worst`, lower)."""
    sign = -1 if worst else 1
    candidates.sort(key=lambda e: (e[0], -sign * e[1], -sign * e[2]))
    kept: list[Entry] = []
    moves, best_final = -1, float("-inf")
    for entry in candidates:
        if entry[0] != moves:
            moves, best_final = entry[0], float("-inf")
        if sign * entry[2] > best_final:
            kept.append(entry)
            best_final = sign * entry[2]
    return kept


solver_for = PerScenario(Solver)
"""The solver of a scenario, created once per scenario object, so its searches are shared."""

worst_solver_for: PerScenario[Solver] = PerScenario(lambda loaded: Solver(loaded, worst=True))
"""The same for the lowest total (`worst_total`)."""


def worst_total(loaded: LoadedScenario, max_states: int = DEFAULT_MAX_STATES) -> int:
    """The lowest total any complete way through `loaded` can end with; raises TooLarge or DeadEnd."""
    solver = worst_solver_for(loaded)
    return solver.best(solver.table.start, 0, 0, max_states)


def solve(loaded: LoadedScenario, max_states: int = DEFAULT_MAX_STATES) -> Solution:
    """The best achievable total of `loaded` and a path to it; raises TooLarge or DeadEnd."""
    solver = solver_for(loaded)
    if solver.solution is not None:
        if solver.solution.states > max_states:  # the same answer a new search would give
            raise TooLarge(loaded.ref, "--max-states", max_states)
        return solver.solution
    table = solver.table
    began = time.perf_counter()
    front, expanded = solver.frontier(table.start, max_states)
    seconds = time.perf_counter() - began
    best = max(front, key=lambda e: table.total(e[2], e[0], e[1]))
    path: list[str] = []
    entry: Entry | None = best
    while entry is not None and entry[3] is not None:
        path.append(entry[3])
        entry = entry[4]
    debrief, state = _replay(loaded, path)
    solution = Solution(
        ref=loaded.ref,
        score=debrief.total,
        path=path,
        ending=state.ending,
        states=len(solver.memo),
        expanded=expanded,
        seconds=seconds,
        scores=dict(debrief.scores),
    )
    solver.solution = solution
    return solution


def _replay(loaded: LoadedScenario, path: list[str]) -> tuple[Debrief, SessionState]:
    from simulator.engine import advance, initial_state
    from simulator.scoring import score_session

    state = initial_state(loaded)
    for choice in path:
        advance(loaded, state, choice)
    return score_session(loaded, state), state


def positions(table: Table, history: Sequence[Move]) -> Iterator[tuple[State, int, int, Edge]]:
    """For each move of `history`, the compact state it was played in, the moves and summed quality
    before it, and its edge; raises ValueError for a history this scenario cannot have produced."""
    state, moves, quality = table.start, 0, 0
    for move in history:
        if table.is_ending(state) or state[NODE] != move.scene:
            raise ValueError(f"move {move.step + 1} ({move.choice!r}) was not played in {state[NODE]!r}")
        edge = table.edge.get((move.scene, move.choice))
        if edge is None or not edge.guard(state):
            raise ValueError(f"choice {move.choice!r} is not available in scene {move.scene!r}")
        yield state, moves, quality, edge
        state = table.step(state, edge)
        moves, quality = moves + 1, quality + edge.quality


def regrets(loaded: LoadedScenario, history: Sequence[Move], max_states: int = DEFAULT_MAX_STATES) -> list[float]:
    """For each move of `history`: the best total achievable before it minus the best after it.

    0 for a move that keeps the best score in reach. The regrets of a finished session add up to
    the best achievable total minus the session's total. Raises ValueError for a history this
    scenario cannot have produced, TooLarge when the scenario is too large to solve.
    """
    solver = solver_for(loaded)
    table = solver.table
    out: list[float] = []
    for state, moves, quality, edge in positions(table, history):
        before = solver.best(state, moves, quality, max_states)
        after = solver.best(table.step(state, edge), moves + 1, quality + edge.quality, max_states)
        out.append(float(before - after))
    return out
