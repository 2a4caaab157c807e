"""Offer table speed: evaluating a package and producing a counter, against a floor measured here.

A table of five issues with four options each, the player and three stakeholders (random values and
BATNAs, the strategies mixed, a first offer anchoring), and random packages proposed to it:
- floor: a plain loop summing each party's option values through dict lookups (what valuing a
  package costs at the very least in Python);
- evaluate: `offers.evaluate`, every party's value of the package;
- respond + counter: `offers.table_response`, every stakeholder's answer, the blockers, and the
  counter of the first blocker (its bounded frontier search), i.e. one proposal at the table.
Target (issue 16): one proposal, evaluation and counter included, under 1 ms. Times are the best
of several repeats, per package, in microseconds; the ratio is to the floor of the same run.

Run: .venv/bin/python bench/bench_offers.py [--packages N] [--repeats N] [--seed N]
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from simulator.content.models import PLAYER, Strategy
from simulator.engine import offers
from simulator.engine.offers import Board, Package, Party

ISSUES, OPTIONS, STAKEHOLDERS = 5, 4, 3
TARGET_MS = 1.0


def board(rng: random.Random) -> Board:
    strategies: tuple[Strategy, ...] = ("cooperative", "competitive", "deceptive")

    def party(pid: str, strategy: Strategy, batna: int) -> Party:
        values = tuple(tuple(rng.randint(0, 100) for _ in range(OPTIONS)) for _ in range(ISSUES))
        stated = offers.bluffed(values, 10) if strategy == "deceptive" else values
        return Party(
            pid,
            values,
            stated,
            0,
            batna,
            batna + offers.premium(rng.randint(20, 80)),
            strategy,
            {"i0": "need"},
        )

    player = party(PLAYER, "cooperative", 40)
    parties = tuple(party(f"s{i}", strategies[i % 3], rng.randint(40, 60)) for i in range(STAKEHOLDERS))
    issues = tuple(f"i{i}" for i in range(ISSUES))
    options = tuple(tuple(f"o{k}" for k in range(OPTIONS)) for _ in range(ISSUES))
    first = tuple(rng.randrange(OPTIONS) for _ in range(ISSUES))
    return Board(issues, options, ISSUES, player, parties).with_anchor(first)


def best_of(repeats: int, run: Callable[[], object], count: int) -> float:
    """Microseconds per item, the best of `repeats` runs over `count` items."""
    best = float("inf")
    for _ in range(repeats):
        start = time.perf_counter()
        run()
        best = min(best, time.perf_counter() - start)
    return best / count * 1e6


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--packages", type=int, default=500)
    parser.add_argument("--repeats", type=int, default=7)
    parser.add_argument("--seed", type=int, default=16)
    args = parser.parse_args(argv)
    rng = random.Random(args.seed)
    table = board(rng)
    packages: list[Package] = [tuple(rng.randrange(OPTIONS) for _ in range(ISSUES)) for _ in range(args.packages)]
    # the floor: the same values as dicts, summed with lookups
    names = [(issue, [f"o{k}" for k in range(OPTIONS)]) for issue in table.issues]
    as_dicts = [
        {issue: dict(zip(opts, p.values[i], strict=True)) for i, (issue, opts) in enumerate(names)}
        for p in table.everyone
    ]
    as_terms = [{issue: f"o{k}" for issue, k in zip(table.issues, package, strict=True)} for package in packages]

    def floor() -> None:
        for terms in as_terms:
            for values in as_dicts:
                total = 0
                for issue, option in terms.items():
                    total += values[issue][option]

    def evaluate() -> None:
        for package in packages:
            offers.evaluate(table, package)

    counters = 0

    def respond() -> None:
        nonlocal counters
        counters = 0
        for package in packages:
            counters += offers.table_response(table, package).counter is not None

    base = best_of(args.repeats, floor, len(packages))
    rows = [
        ("floor (dict lookups)", base),
        ("evaluate", best_of(args.repeats, evaluate, len(packages))),
        ("respond + counter", best_of(args.repeats, respond, len(packages))),
    ]
    print(
        f"offer table: {ISSUES} issues x {OPTIONS} options, player + {STAKEHOLDERS} stakeholders, "
        f"{len(packages)} packages ({counters} drew a counter), best of {args.repeats}"
    )
    for name, micro in rows:
        print(f"  {name:22} {micro:8.1f} us/package  {micro / base:6.1f}x floor")
    slowest = rows[-1][1] / 1000
    verdict = "yes" if slowest < TARGET_MS else "NO"
    print(f"one proposal (evaluate, answers, counter): {slowest:.3f} ms; under {TARGET_MS:g} ms: {verdict}")
    return 0 if slowest < TARGET_MS else 1


if __name__ == "__main__":
    raise SystemExit(main())
