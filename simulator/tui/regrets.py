"""Each move's regret for the debrief, computed by `yesable solve` in a separate process.

The exact search can take seconds and, on a large scenario, far more memory than the app itself:
a child process keeps the app responsive (no solver holding the GIL) and small, and its memory is
returned the moment it ends. No Textual here: the debrief screen awaits `solve_regrets`.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from simulator.content.loaded import LoadedScenario
from simulator.engine.state import Move

Regrets = tuple[int, list[float]]
"""The best achievable total and each move's regret."""

TIMEOUT = 120.0


def solve_command(loaded: LoadedScenario, history: Sequence[Move]) -> list[str]:
    path = ",".join(move.choice for move in history)
    return [sys.executable, "-m", "simulator", "solve", loaded.ref, "--json", "--regrets", path]


async def solve_regrets(loaded: LoadedScenario, pack_dir: Path, history: Sequence[Move]) -> Regrets | None:
    """The best total and per-move regrets, or None when the scenario cannot be solved here.

    The child finds the pack through `$YESABLE_PACKS` (the same folder twice is loaded once) and
    its answer is used only when it solved the very content that was played.
    """
    packs = os.pathsep.join(p for p in (str(pack_dir), os.environ.get("YESABLE_PACKS", "")) if p)
    try:
        child = await asyncio.create_subprocess_exec(
            *solve_command(loaded, history), env=os.environ | {"YESABLE_PACKS": packs},
            stdin=asyncio.subprocess.DEVNULL, stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.DEVNULL)
    except OSError:
        return None
    try:
        out, _ = await asyncio.wait_for(child.communicate(), TIMEOUT)
    except asyncio.TimeoutError:
        child.kill()
        await child.wait()
        return None
    except asyncio.CancelledError:  # the player left the debrief (or the app is closing)
        child.kill()
        with contextlib.suppress(Exception):
            await child.wait()  # reap it, so its pipes are closed rather than left to the collector
        raise
    try:
        answer = json.loads(out)
        if not answer.get("solved") or answer.get("content_hash") != loaded.content_hash:
            return None
        costs = [float(c) for c in answer["regrets"]]
        return int(answer["score"]), costs
    except (ValueError, KeyError, TypeError):
        return None
