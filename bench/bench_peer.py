"""Yesable against inkjs on one generated story: steps per second as ratios measured in one run.

../shared/peer/ writes the same branching story (N scenes, three choices each, guards and effects on
meters) as an ink story and as a Yesable pack. This bench copies it to a cache folder, installs inkjs
there with npm (once), and alternates, round by round:
- inkjs: `node ink_bench.js` (random playthroughs to the end, text continued, the floor);
- session step: `Session.start` + `Session.choose` with every spoken line rendered (what a player
  drives), walking the peer generator's own random sequence;
- compiled simulation: `simulate` over the compiled table (what `simulate`, `audit` and search run).
Targets (issue 14): session step >= 1.5x inkjs, compiled simulation >= 5x inkjs.

Run: .venv/bin/python bench/bench_peer.py [--scenes 200] [--games 2000] [--rounds 3] [--peer DIR]
Needs node and npm (npm fetches inkjs from the registry on the first run).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from simulator.analysis.simulate import simulate
from simulator.content.loaded import LoadedScenario
from simulator.content.loader import load_pack
from simulator.engine import Session

SESSION_TARGET = 1.5
SIMULATE_TARGET = 5.0
CACHE = ROOT / "bench" / ".peer-cache"


def prepare(peer: Path, scenes: int) -> tuple[Path, LoadedScenario]:
    """The peer folder copied into the cache, inkjs installed, the story and the pack generated."""
    work = CACHE
    work.mkdir(parents=True, exist_ok=True)
    for name in ("graphgen.py", "gen_ink.py", "gen_yesable.py", "ink_bench.js"):
        shutil.copy2(peer / name, work / name)
    if not (work / "node_modules" / "inkjs").is_dir():
        subprocess.run(["npm", "install", "--no-audit", "--no-fund", "--silent", "inkjs@2"], cwd=work, check=True)
    subprocess.run([sys.executable, "gen_ink.py", str(scenes)], cwd=work, check=True, stdout=subprocess.DEVNULL)
    pack_dir = work / f"pack_{scenes}"
    shutil.rmtree(pack_dir, ignore_errors=True)
    subprocess.run(
        [sys.executable, "gen_yesable.py", str(scenes), str(pack_dir)], cwd=work, check=True, stdout=subprocess.DEVNULL
    )
    pack, problems = load_pack(pack_dir)
    if pack is None or f"g{scenes}" not in pack.scenarios:
        raise SystemExit(f"the generated pack did not load: {problems[:3]}")
    return work, pack.scenarios[f"g{scenes}"]


def inkjs_rate(work: Path, scenes: int, games: int) -> float:
    out = subprocess.run(
        ["node", "ink_bench.js", str(scenes), str(games), "3"], cwd=work, check=True, capture_output=True, text=True
    ).stdout
    return float(json.loads(out)["steps_per_s_median"])


def session_rate(loaded: LoadedScenario, games: int, lcg: type) -> float:
    rng = lcg(42)
    steps = 0
    started = time.perf_counter()
    for _ in range(games):
        session = Session.start(loaded)
        session.opening()
        while not session.ended:
            offered = session.available()
            choice = offered[rng.pick(len(offered))]
            session.choice_text(choice)
            session.choose(choice.id)
            steps += 1
    return steps / (time.perf_counter() - started)


def simulate_rate(loaded: LoadedScenario, games: int) -> float:
    started = time.perf_counter()
    result = simulate(loaded, games, seed=42)
    return sum(result.lengths) / (time.perf_counter() - started)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scenes", type=int, default=200)
    parser.add_argument("--games", type=int, default=2000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--peer", type=Path, default=ROOT.parent / "shared" / "peer")
    args = parser.parse_args()
    if not (args.peer / "graphgen.py").exists():
        print(f"no peer harness at {args.peer} (pass --peer DIR)", file=sys.stderr)
        return 2
    if shutil.which("node") is None or shutil.which("npm") is None:
        print("node and npm are needed for the inkjs side", file=sys.stderr)
        return 2
    work, loaded = prepare(args.peer, args.scenes)
    sys.path.insert(0, str(work))
    lcg = __import__("graphgen").LCG
    session_rate(loaded, 20, lcg)  # warm caches: templates compiled, compiled table built
    simulate_rate(loaded, 20)
    ink, session, compiled = [], [], []
    for _ in range(args.rounds):
        ink.append(inkjs_rate(work, args.scenes, args.games))
        session.append(session_rate(loaded, args.games // 4, lcg))
        compiled.append(simulate_rate(loaded, args.games))
    ratios = {
        "session step / inkjs": (statistics.median(s / i for s, i in zip(session, ink, strict=True)), SESSION_TARGET),
        "compiled simulation / inkjs": (
            statistics.median(c / i for c, i in zip(compiled, ink, strict=True)),
            SIMULATE_TARGET,
        ),
    }
    print(f"story: {args.scenes} scenes, {args.games} games per inkjs round, {args.rounds} rounds (pid {os.getpid()})")
    print(f"inkjs steps/s median      {statistics.median(ink):>10,.0f}")
    print(f"session steps/s median    {statistics.median(session):>10,.0f}")
    print(f"compiled steps/s median   {statistics.median(compiled):>10,.0f}")
    missed = [name for name, (ratio, target) in ratios.items() if ratio < target]
    for name, (ratio, target) in ratios.items():
        print(f"{name:<28} {ratio:5.2f}x  (target >= {target}x)")
    print("meets the target" if not missed else f"MISSES the target: {', '.join(missed)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
