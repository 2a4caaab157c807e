"""`yesable report TRANSCRIPT... --out FILE.html`: a class debrief from a round's transcripts.

Accepts files and folders; a file read twice (same session id) counts once. Each malformed file is
named on stderr with what is wrong, and the report covers the rest: exit 1 then, else 0.
"""

from __future__ import annotations

import argparse
from pathlib import Path


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "transcripts",
        nargs="+",
        metavar="TRANSCRIPT",
        type=Path,
        help="transcript files, or folders of them (searched recursively)",
    )
    parser.add_argument("--out", metavar="FILE", type=Path, help="the HTML file to write")
    parser.add_argument(
        "--csv", metavar="FILE", type=Path, help="also (or instead) write one row per session as CSV, for a gradebook"
    )
    parser.add_argument("--round", metavar="ROUND_ID", help="only transcripts tagged with this round")
    parser.add_argument("--names", action="store_true", help="show players' names where given (default: aliases only)")


def run(args: argparse.Namespace) -> int:
    import sys

    from simulator.classroom.installed import scenario_by_ref
    from simulator.classroom.report import build_report, render_report, report_csv
    from simulator.classroom.transcript import collect_transcripts
    from simulator.classroom.verify import verified_transcripts
    from simulator.cli.errors import UsageError
    from simulator.storage.files import atomic_write

    targets = [(flag, path) for flag, path in (("--out", args.out), ("--csv", args.csv)) if path]
    if not targets:
        raise UsageError("name the report to write with --out FILE.html (and/or --csv FILE.csv)")
    for flag, path in targets:
        if path.is_dir():
            raise UsageError(f"{flag} {path}: is a folder; name the file to write")
    found, errors = collect_transcripts(args.transcripts)
    for line in errors:
        print(f"yesable report: skipped {line}", file=sys.stderr)
    checked, notes = verified_transcripts(found)
    for line in notes:
        print(f"yesable report: {line}", file=sys.stderr)
    transcripts = [t for t in checked if args.round is None or t.round == args.round]
    installed = {t.scenario: scenario_by_ref(t.scenario) for t in transcripts}
    report = build_report(transcripts, installed, skipped=errors, names=args.names)
    for flag, path in targets:
        try:
            atomic_write(path, render_report(report) if flag == "--out" else report_csv(report))
        except OSError as exc:
            raise UsageError(f"{flag} {path}: cannot write: {exc.strerror or exc}") from None
    scenarios = len(report.groups)
    written = ", ".join(str(path) for _, path in targets)
    print(f"Class report on {len(transcripts)} session(s), {scenarios} scenario group(s): {written}")
    if not transcripts:
        print("yesable report: no transcripts to report on", file=sys.stderr)
        return 1
    return 1 if errors else 0
