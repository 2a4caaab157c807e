"""`yesable replay TRANSCRIPT...`: re-run transcripts on the installed packs; say whether they reproduce.

Exit 0 when every transcript reproduces; 1 when one differs, was played on another pack version
(flagged, never re-scored), names a scenario that is not installed, or cannot be read.
"""

from __future__ import annotations

import argparse
from pathlib import Path


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "transcripts", nargs="+", metavar="TRANSCRIPT", type=Path, help="transcript files, or folders of them"
    )


def run(args: argparse.Namespace) -> int:
    from simulator.classroom.installed import scenario_by_ref
    from simulator.classroom.replay import replay_transcript
    from simulator.classroom.transcript import collect_transcripts

    found, errors = collect_transcripts(args.transcripts)
    for line in errors:
        print(f"error: {line}")
    failed = bool(errors)
    for path, transcript in found:
        result = replay_transcript(transcript, scenario_by_ref(transcript.scenario))
        print(f"{path}: {result.verdict}: {result.summary}")
        for difference in result.differences:
            print(f"  - {difference}")
        failed = failed or not result.ok
    if not found and not errors:
        print("no transcripts found")
        return 1
    return 1 if failed else 0
