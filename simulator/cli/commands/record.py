"""`yesable record SHEET.csv --results DIR`: a paper round's results sheets, as transcripts.

Each row of the CSV is one group's results sheet (docs/classroom.md, "Paper rounds"): its alias,
the scenario, the option agreed on each issue or `no deal`, optional times. Every row is checked
before anything is written: one bad row writes nothing and names the row (exit 1), so a corrected
sheet can be entered again without duplicates. `--template SCENARIO` prints the header to fill in.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from simulator.content.loaded import LoadedScenario


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "sheet", nargs="?", metavar="SHEET.csv", type=Path, help="the results-sheet CSV (`-` reads standard input)"
    )
    parser.add_argument(
        "--results",
        metavar="DIR",
        type=Path,
        help="the folder to write one transcript per row into (the round's results folder)",
    )
    parser.add_argument("--round", metavar="ROUND_ID", help="the round id for rows without a `round` cell")
    parser.add_argument(
        "--scenario",
        metavar="SCENARIO",
        help="the scenario for rows without a `scenario` cell (`pack/scenario` or a unique id)",
    )
    parser.add_argument(
        "--template", metavar="SCENARIO", help="print a CSV header (with two example rows) for this scenario and exit"
    )


def run(args: argparse.Namespace) -> int:
    import sys

    from simulator.classroom.installed import find_scenario
    from simulator.classroom.paper import csv_template, read_results_csv
    from simulator.classroom.transcript import write_transcript
    from simulator.cli.errors import UsageError
    from simulator.content.resolve import ScenarioNotFound

    if args.template:
        sys.stdout.write(csv_template(find_scenario(args.template)))
        return 0
    if args.sheet is None or args.results is None:
        raise UsageError(
            "name the results sheet and where to write: yesable record SHEET.csv --results DIR "
            "(yesable record --template SCENARIO prints a sheet to fill in)"
        )
    if args.results.exists() and not args.results.is_dir():
        raise UsageError(f"--results {args.results}: is not a folder")
    if args.scenario:
        find_scenario(args.scenario)  # a wrong name is a usage error, said once

    def find(ref: str) -> LoadedScenario | None:
        try:
            return find_scenario(ref)
        except ScenarioNotFound:
            return None

    try:
        text = sys.stdin.read() if str(args.sheet) == "-" else args.sheet.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise UsageError(f"{args.sheet}: cannot read: {getattr(exc, 'strerror', None) or exc}") from None
    rows, errors = read_results_csv(text, find, args.scenario)
    for line in errors:
        print(f"yesable record: {args.sheet}: {line}", file=sys.stderr)
    if errors:
        print("yesable record: nothing written; correct the sheet and run again", file=sys.stderr)
        return 1
    if not rows:
        print(f"yesable record: {args.sheet}: no rows to record", file=sys.stderr)
        return 1
    for row in rows:
        t = row.transcript(args.round)
        path = write_transcript(t, args.results)
        print(f"{path}: {t.label}, {t.scenario}, {t.ending_title}, outcome {t.scores['outcome']}")
    print(f"Recorded {len(rows)} paper session(s) into {args.results}")
    return 0
