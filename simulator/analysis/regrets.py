"""Each move's regret and better move, for the debrief and the live move line: a library call.

`regrets_for` runs the exact search in this process. `regrets_in_child` runs the same call in a
child process and hands back the same typed `Regrets` (pickled, not parsed from CLI output): the search can
take seconds of CPU and, on a large scenario, far more memory than the app itself, so the app
keeps its event loop free of the search (no GIL contention) and gets the memory back the moment
the child ends. Cancelling (the player left the screen) stops the child.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from simulator.analysis.solve import DEFAULT_MAX_STATES

if TYPE_CHECKING:
    from simulator.content.loaded import LoadedScenario
    from simulator.engine.state import Move
    from simulator.scoring.lesson import MoveReview

TIMEOUT = 120.0
"""Seconds a child may search before it is stopped (the debrief then shows no regrets)."""
POLL = 0.1


@dataclass(frozen=True)
class Regrets:
    """The best achievable total and, for each move played, its review (regret, better move)."""

    content_hash: str
    """The content solved: the scenario exactly as played."""
    best_total: int
    reviews: list[MoveReview]


def regrets_for(
    loaded: LoadedScenario, history: Sequence[Move], max_states: int = DEFAULT_MAX_STATES
) -> Regrets | None:
    """The best total and each move's review, or None when this scenario cannot be solved here
    (too large, a dead end, or a history it cannot have produced)."""
    from simulator.analysis.review import review
    from simulator.analysis.solve import SolveError, solve
    from simulator.analysis.table import DeadEnd

    try:
        solution = solve(loaded, max_states=max_states)
        reviews = review(loaded, history, max_states=max_states)
    except (SolveError, DeadEnd, ValueError, KeyError):
        return None
    return Regrets(loaded.content_hash, solution.score, reviews)


def regrets_in_child(
    loaded: LoadedScenario,
    history: Sequence[Move],
    cancelled: Callable[[], bool] = lambda: False,
    timeout: float = TIMEOUT,
) -> Regrets | None:
    """`regrets_for` in a child process; None when it cannot solve, fails, is `cancelled()` or
    takes longer than `timeout` seconds (the child is then stopped).

    The child is this module run by this Python (`python -m simulator.analysis.regrets`): it reads
    the pickled scenario and moves on stdin and writes the pickled `Regrets` on stdout. Unlike
    multiprocessing's spawn it never imports the parent's main script again.
    """
    import pickle
    import subprocess
    import sys
    import tempfile

    if cancelled():
        return None
    with tempfile.TemporaryFile() as question:  # a file, not a pipe: nothing to pump while waiting
        question.write(pickle.dumps((loaded, list(history))))
        question.seek(0)
        try:
            child = subprocess.Popen(
                [sys.executable, "-m", "simulator.analysis.regrets"],
                stdin=question,
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,
            )
        except OSError:
            return None
        deadline = time.monotonic() + timeout
        with child:
            while True:
                try:
                    out, _ = child.communicate(timeout=POLL)
                    break
                except subprocess.TimeoutExpired:
                    if cancelled() or time.monotonic() > deadline:
                        child.kill()
                        child.communicate()
                        return None
    try:
        result: Any = pickle.loads(out) if child.returncode == 0 else None
    except (pickle.UnpicklingError, EOFError, ValueError, TypeError, AttributeError, ImportError):
        return None
    return result if isinstance(result, Regrets) and result.content_hash == loaded.content_hash else None


def main() -> int:
    """The child's side: pickled (scenario, moves) on stdin, pickled `Regrets` (or None) on stdout."""
    import importlib
    import pickle
    import sys

    library = importlib.import_module(__spec__.name if __spec__ else __name__)
    # run with -m this module is __main__; the parent unpickles simulator.analysis.regrets.Regrets

    loaded, history = pickle.loads(sys.stdin.buffer.read())
    sys.stdout.buffer.write(pickle.dumps(library.regrets_for(loaded, history)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
