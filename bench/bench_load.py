"""Pack loading: load + validate as a ratio to plain `yaml.CSafeLoader` parsing of the same files.

For each bundled pack, in this run: the floor parses every file the pack load reads (the manifest,
its scenario files, its own and the bundled personas) with PyYAML's C safe loader and nothing
else; Yesable's `load_pack` reads the same files, composes them with positions, refuses unsafe
YAML, validates every model, checks every cross-reference and hashes the content. Best of
--runs alternating runs (the least disturbed by other work on the machine). Target: ratio <= 3.
`check` additionally parse-checks every template;
that is reported too, without a target.

Run: .venv/bin/python bench/bench_load.py [--runs N]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import yaml

from simulator.content.loader import load_pack, load_personas
from simulator.content.locations import bundled_personas, bundled_scenarios, pack_dirs

TARGET = 3.0


def pack_files(pack: Path) -> list[Path]:
    return sorted(pack.rglob("*.yaml")) + sorted(bundled_personas().glob("*.yaml"))


def parse_only(files: list[Path]) -> None:
    for path in files:
        yaml.load(path.read_bytes(), Loader=yaml.CSafeLoader)


def timed(action) -> float:  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    from simulator.analysis.checks import pack_checks

    worst = 0.0
    for pack in pack_dirs(bundled_scenarios()):
        files = pack_files(pack)
        size = sum(f.stat().st_size for f in files)
        floor, ours, checked = [], [], []
        for _ in range(args.runs):
            floor.append(timed(lambda files=files: parse_only(files)))
            ours.append(timed(lambda pack=pack: load_pack(pack, load_personas(bundled_personas()))))
            checked.append(timed(lambda pack=pack: load_pack(pack, checks=pack_checks())))
        base, load, check = (min(x) for x in (floor, ours, checked))
        ratio = load / base
        worst = max(worst, ratio)
        print(
            f"{pack.name}: {len(files)} files, {size / 1024:.0f} KB; CSafeLoader {base * 1000:.1f} ms; "
            f"load+validate {load * 1000:.1f} ms (ratio {ratio:.2f}, target <= {TARGET}); "
            f"with check's template checks {check * 1000:.1f} ms (ratio {check / base:.2f})"
        )
    print(f"worst ratio {worst:.2f}: {'meets' if worst <= TARGET else 'MISSES'} the target")
    return 0


if __name__ == "__main__":
    sys.exit(main())
