"""`yesable handouts SCENARIO --out DIR`: printable role briefs and a facilitator guide."""

from __future__ import annotations

import argparse
from pathlib import Path


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("scenario", metavar="SCENARIO", help="`pack/scenario` or a unique scenario id")
    parser.add_argument(
        "--out",
        metavar="DIR",
        required=True,
        type=Path,
        help="folder to write the Markdown and HTML files into (created if needed)",
    )
    parser.add_argument(
        "--round",
        metavar="ROUND_ID",
        help="the round's id: orders the statements on the preparation sheet (default: one fixed order)",
    )


def run(args: argparse.Namespace) -> int:
    from simulator.classroom.handouts import write_handouts
    from simulator.cli.errors import UsageError
    from simulator.cli.scenario_arg import load_scenario

    loaded = load_scenario(args.scenario)
    out: Path = args.out
    if out.exists() and not out.is_dir():
        raise UsageError(f"--out {out}: exists and is not a folder")
    try:
        written = write_handouts(loaded, out, getattr(args, "round", None))
    except OSError as exc:
        raise UsageError(f"--out {out}: cannot write: {exc.strerror or exc}") from None
    print(f"Handouts for {loaded.ref} ({loaded.scenario.title}) in {out}:")
    for item in written:
        print(f"  {item.label}: " + ", ".join(p.name for p in item.paths))
    return 0
