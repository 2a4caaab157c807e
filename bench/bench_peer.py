"""A player's move against inkjs on the same generated story: Yesable's session at least 1.5x.

The peer kit (../shared/peer beside the repository, or --peer DIR; its README) generates one
branching story as an ink story and as a Yesable pack. This benchmark writes both into a
temporary folder and alternates rounds of
- inkjs: `node ink_bench.js` (the kit's harness: random playthroughs to the end, its median
  steps per second), with inkjs installed in the kit (`npm install inkjs`);
- the session: what a player drives, on the very same paths (the kit's 32-bit LCG, seeded 42,
  picking among the offered choices): `Session.start` and `opening()`, then per move
  `available()`, the choice's text and `choose` (reactions, routing and every line rendered).
It prints both rates and their ratio per round, then the median ratio. Without node or inkjs it
prints the session's rate alone.

Run: .venv/bin/python bench/bench_peer.py [--knots 200] [--games 1000] [--rounds 3] [--peer DIR]
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from simulator.content.loaded import LoadedScenario
from simulator.content.loader import load_pack
from simulator.engine import Session

TARGET = 1.5
PEER = Path(__file__).resolve().parents[2] / "shared" / "peer"


def session_rate(loaded: LoadedScenario, games: int) -> float:
    """Steps per second of `games` playthroughs on the kit's LCG paths (seed 42 across all)."""
    x, steps = 42, 0
    began = time.perf_counter()
    for _ in range(games):
        session = Session.start(loaded)
        session.opening()
        while not session.ended:
            offered = session.available()
            if not offered:
                break
            x = (1664525 * x + 1013904223) & 0xFFFFFFFF
            choice = offered[(x >> 16) % len(offered)]
            session.choice_text(choice)
            session.choose(choice.id)
            steps += 1
    return steps / (time.perf_counter() - began)


def ink_rate(kit: Path, knots: int, games: int) -> float | None:
    if shutil.which("node") is None or not (kit / "node_modules" / "inkjs").is_dir():
        return None
    out = subprocess.run(
        ["node", "ink_bench.js", str(knots), str(games), "1"],
        cwd=kit,
        check=True,
        capture_output=True,
        text=True,
    )
    return float(json.loads(out.stdout)["steps_per_s_median"])


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--knots", type=int, default=200)
    parser.add_argument("--games", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument(
        "--peer", type=Path, default=PEER, help="the peer kit (default ../shared/peer)"
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        kit = Path(tmp) / "peer"
        shutil.copytree(args.peer, kit, ignore=shutil.ignore_patterns("node_modules", "story_*"))
        if (args.peer / "node_modules").is_dir():
            (kit / "node_modules").symlink_to((args.peer / "node_modules").resolve())
        for script, extra in (("gen_ink.py", []), ("gen_yesable.py", [str(kit / "pack")])):
            subprocess.run(
                [sys.executable, script, str(args.knots), *extra],
                cwd=kit,
                check=True,
                capture_output=True,
            )
        pack, _problems = load_pack(
            kit / "pack"
        )  # the kit leaves a few scenes unreachable on purpose
        assert pack is not None
        loaded = next(iter(pack.scenarios.values()))
        ratios = []
        for round_ in range(1, args.rounds + 1):
            ink = ink_rate(kit, args.knots, args.games)
            played = session_rate(loaded, args.games)
            if ink is None:
                print(f"round {round_}: session {played:,.0f} steps/s (no node or inkjs: no ratio)")
                continue
            ratios.append(played / ink)
            print(
                f"round {round_}: inkjs {ink:,.0f} steps/s; session {played:,.0f} steps/s "
                f"(ratio {played / ink:.2f})"
            )
    if ratios:
        median = statistics.median(ratios)
        print(
            f"median session/inkjs ratio {median:.2f}: {'meets' if median >= TARGET else 'MISSES'} "
            f"the target (>= {TARGET})"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
