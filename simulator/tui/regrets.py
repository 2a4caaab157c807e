"""Each move's regret and better move for the debrief, computed by `yesable solve` in a separate process.

The exact search can take seconds and, on a large scenario, far more memory than the app itself:
a child process keeps the app responsive (no solver holding the GIL) and small, and its memory is
returned the moment it ends. No Textual here: the debrief screen runs `solve_regrets` in a thread
worker and passes a way to ask whether the player has left meanwhile.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from simulator.content.loaded import LoadedScenario
from simulator.engine.state import Move
from simulator.scoring.lesson import Better, MoveReview

Regrets = tuple[int, list[MoveReview]]
"""The best achievable total and each move's review (regret, better move)."""

TIMEOUT = 120.0
POLL = 0.2


def solve_command(loaded: LoadedScenario, history: Sequence[Move]) -> list[str]:
    path = ",".join(move.choice for move in history)
    return [sys.executable, "-m", "simulator", "solve", loaded.ref, "--json", "--regrets", path]


def solve_regrets(loaded: LoadedScenario, pack_dir: Path, history: Sequence[Move],
                  cancelled: Callable[[], bool] = lambda: False) -> Regrets | None:
    """The best total and per-move reviews, or None when the scenario cannot be solved here.

    The child finds the pack through `$YESABLE_PACKS` (the same folder twice is loaded once) and
    its answer is used only when it solved the very content that was played. It is stopped when
    `cancelled()` turns true or after TIMEOUT seconds.
    """
    packs = os.pathsep.join(p for p in (str(pack_dir), os.environ.get("YESABLE_PACKS", "")) if p)
    deadline = time.monotonic() + TIMEOUT
    try:
        child = subprocess.Popen(solve_command(loaded, history), env=os.environ | {"YESABLE_PACKS": packs},
                                 stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                 stderr=subprocess.DEVNULL)
    except OSError:
        return None
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
        answer = json.loads(out)
        if not answer.get("solved") or answer.get("content_hash") != loaded.content_hash:
            return None
        costs = [float(c) for c in answer["regrets"]]
        better = answer.get("better") or [None] * len(costs)
        reviews = [MoveReview(cost, None if b is None else Better(str(b["choice"]), str(b["text"]), float(b["gain"])))
                   for cost, b in zip(costs, better, strict=True)]
        return int(answer["score"]), reviews
    except (ValueError, KeyError, TypeError):
        return None
