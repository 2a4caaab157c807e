"""kill -9 at any moment while a game saves never loses an acknowledged move: a save is written to
a temporary file, synced, and swapped in, so the file on disk is always a whole save."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

from simulator.storage.saves import Saves

WRITER = """
import json, sys
from pathlib import Path
from simulator.storage.saves import Saves
saves = Saves(Path(sys.argv[1]))
for moves in range(1, 100_000):
    state = {"schema_version": 1, "history": [{"step": i, "choice": "c" * 200} for i in range(moves)]}
    saves.write("pack/scenario", json.dumps(state))
    print(moves, flush=True)
"""


def test_kill_9_mid_save_loses_no_acknowledged_move(tmp_path: Path) -> None:
    rng = random.Random(9)
    for run in range(20):
        root = tmp_path / f"run{run}"
        proc = subprocess.Popen([sys.executable, "-c", WRITER, str(root)], stdout=subprocess.PIPE, text=True)
        assert proc.stdout is not None
        acknowledged = 0
        deadline = time.monotonic() + rng.uniform(0.3, 1.2)
        while time.monotonic() < deadline:
            line = proc.stdout.readline()
            if not line:
                break
            acknowledged = int(line)
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=10)
        proc.stdout.close()
        saves = Saves(root)
        saved = saves.read("pack/scenario")
        assert saved is not None, saves.problems
        assert len(json.loads(saved.state_json)["history"]) >= acknowledged
        assert not list(root.glob("*.corrupt-*"))
