"""`yesable list [--json]`: the bundled and user packs with their scenarios.

Problems met while loading go to stderr (run `yesable check` for the full story); the listing
shows every scenario that loaded.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping, Sequence

    from simulator.content.loaded import LoadedPack, LoadedScenario
    from simulator.content.problems import Problem


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="print one JSON object instead of a table")


def run(args: argparse.Namespace) -> int:
    import json
    import sys

    from simulator.catalog.catalog import Catalog
    from simulator.storage.paths import Paths
    from simulator.storage.progress import ProgressError

    catalog = Catalog(Paths.default())
    library = catalog.library  # also refreshes the home index and compiled scenarios
    try:
        best = catalog.best()
    except ProgressError as error:
        print(f"yesable list: no best scores: {error}", file=sys.stderr)
        best = {}
    for problem in library.problems:
        print(problem.format(), file=sys.stderr)
    if library.problems:
        print("yesable list: some packs have problems; `yesable check` explains them", file=sys.stderr)
    if args.json:
        packs = [pack_json(pack, best, catalog.in_progress) for pack in library.packs]
        json.dump({"packs": packs}, sys.stdout, indent=2)
        sys.stdout.write("\n")
        return 0
    if not library.packs:
        print("No packs found.")
    for pack in library.packs:
        print(table(pack, problems_in(library.problems, pack)))
    return 0


def problems_in(problems: Sequence[Problem], pack: LoadedPack) -> int:
    """How many of `problems` (errors and warnings) are in `pack`'s files."""
    root = pack.path.resolve()
    count = 0
    for problem in problems:
        try:
            Path(problem.path).resolve().relative_to(root)
        except (ValueError, OSError):
            continue
        count += 1
    return count


def pack_json(
    pack: LoadedPack,
    best: Mapping[str, tuple[int, int]] | None = None,
    in_progress: Callable[[str], bool] = lambda ref: False,
) -> dict[str, Any]:
    """`pack` for `list --json`; each scenario with the player's `best` (total, attempts) and
    whether a game of it is `in_progress` (saved)."""
    return {
        "id": pack.manifest.id,
        "title": pack.manifest.title,
        "version": pack.manifest.version,
        "scenarios": [
            scenario_json(loaded, (best or {}).get(loaded.ref), in_progress(loaded.ref))
            for loaded in pack.scenarios.values()
        ],
    }


def scenario_json(
    loaded: LoadedScenario, best: tuple[int, int] | None = None, in_progress: bool = False
) -> dict[str, Any]:
    scenario = loaded.scenario
    return {
        "id": scenario.id,
        "title": scenario.title,
        "summary": scenario.summary,
        "difficulty": scenario.difficulty.value,
        "minutes": scenario.minutes,
        "objectives": [objective.value for objective in scenario.objectives],
        "functions": list(dict.fromkeys(loaded.personas[m.persona].function.value for m in scenario.cast)),
        "ref": loaded.ref,
        "best": None if best is None else {"total": best[0], "attempts": best[1]},
        "in_progress": in_progress,
    }


def table(pack: LoadedPack, problems: int = 0) -> str:
    """One pack as a heading and a row per scenario: ref, title, difficulty, minutes, objectives;
    a pack without scenarios says how many `problems` its files have and how to see them."""
    rows = [
        (
            loaded.ref,
            loaded.scenario.title,
            loaded.scenario.difficulty.value,
            f"{loaded.scenario.minutes} min",
            " ".join(o.value for o in loaded.scenario.objectives),
        )
        for loaded in pack.scenarios.values()
    ]
    heading = f"{pack.manifest.title} ({pack.manifest.id} {pack.manifest.version})"
    if not rows:
        why = (
            f"{problems} problem{'' if problems == 1 else 's'} kept them out; run `yesable check {pack.path}`"
            if problems
            else "the pack has no scenario files"
        )
        return f"{heading}\n  (no scenarios: {why})\n"
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]) - 1)]
    lines = [heading]
    for row in rows:
        cells = [cell.ljust(width) for cell, width in zip(row, widths, strict=False)]
        lines.append("  " + "  ".join([*cells, row[-1]]))
    return "\n".join(lines) + "\n"
