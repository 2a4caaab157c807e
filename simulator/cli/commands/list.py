"""`yesable list [--json]`: the bundled and user packs with their scenarios.

Problems met while loading go to stderr (run `yesable check` for the full story); the listing
shows every scenario that loaded.
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from simulator.content.loaded import LoadedPack, LoadedScenario


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="print one JSON object instead of a table")


def run(args: argparse.Namespace) -> int:
    import json
    import sys

    from simulator.content.loader import load_library

    library = load_library()
    for problem in library.problems:
        print(problem.format(), file=sys.stderr)
    if library.problems:
        print("yesable list: some packs have problems; `yesable check` explains them", file=sys.stderr)
    if args.json:
        json.dump({"packs": [pack_json(pack) for pack in library.packs]}, sys.stdout, indent=2)
        sys.stdout.write("\n")
        return 0
    if not library.packs:
        print("No packs found.")
    for pack in library.packs:
        print(table(pack))
    return 0


def pack_json(pack: LoadedPack) -> dict[str, Any]:
    return {
        "id": pack.manifest.id,
        "title": pack.manifest.title,
        "version": pack.manifest.version,
        "scenarios": [scenario_json(loaded) for loaded in pack.scenarios.values()],
    }


def scenario_json(loaded: LoadedScenario) -> dict[str, Any]:
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
    }


def table(pack: LoadedPack) -> str:
    """One pack as a heading and a row per scenario: ref, title, difficulty, minutes, objectives."""
    rows = [
        (loaded.ref, loaded.scenario.title, loaded.scenario.difficulty.value,
         f"{loaded.scenario.minutes} min", " ".join(o.value for o in loaded.scenario.objectives))
        for loaded in pack.scenarios.values()
    ]
    heading = f"{pack.manifest.title} ({pack.manifest.id} {pack.manifest.version})"
    if not rows:
        return f"{heading}\n  (no scenarios)\n"
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]) - 1)]
    lines = [heading]
    for row in rows:
        cells = [cell.ljust(width) for cell, width in zip(row, widths)]
        lines.append("  " + "  ".join([*cells, row[-1]]))
    return "\n".join(lines) + "\n"
