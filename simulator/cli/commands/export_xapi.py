"""`yesable export-xapi TRANSCRIPT... [--out FILE]`: xAPI statements for a Learning Record Store.

Writes one JSON array (what an LRS accepts on `POST /statements`) to FILE or standard output.
Malformed transcripts are named on stderr, one line each, and the rest are exported (exit 1).
"""

from __future__ import annotations

import argparse
from pathlib import Path

DEFAULT_BASE = "https://yesable.invalid/xapi/"
DEFAULT_HOME_PAGE = "https://yesable.invalid/players"
"""Placeholders (`.invalid` is nobody's domain); the same as simulator.classroom.xapi's, kept here
so building the parser imports nothing heavy."""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("transcripts", nargs="+", metavar="TRANSCRIPT", type=Path,
                        help="transcript files, or folders of them")
    parser.add_argument("--out", metavar="FILE", type=Path, help="write here instead of standard output")
    parser.add_argument("--base-iri", metavar="IRI", default=DEFAULT_BASE,
                        help="base of activity ids, activity types and extensions: use your "
                        "organisation's (default: %(default)s, a placeholder)")
    parser.add_argument("--home-page", metavar="URL", default=DEFAULT_HOME_PAGE,
                        help="the actor account's homePage: your LMS (default: %(default)s)")
    parser.add_argument("--names", action="store_true",
                        help="include players' names where given (default: aliases only)")


def run(args: argparse.Namespace) -> int:
    import json
    import sys
    from urllib.parse import urlsplit

    from simulator.classroom.transcript import collect_transcripts
    from simulator.classroom.verify import verified_transcripts
    from simulator.classroom.xapi import statements
    from simulator.cli.errors import UsageError
    from simulator.content.inert import inert_json
    from simulator.storage.files import atomic_write

    for flag, value in (("--base-iri", args.base_iri), ("--home-page", args.home_page)):
        parts = urlsplit(value)
        if parts.scheme not in ("http", "https") or not parts.netloc or any(c.isspace() for c in value):
            raise UsageError(f"{flag} {value!r}: give an absolute http(s) address, e.g. https://lms.example.org/")
    found, errors = collect_transcripts(args.transcripts)
    for line in errors:
        print(f"yesable export-xapi: skipped {line}", file=sys.stderr)
    checked, notes = verified_transcripts(found)
    for line in notes:
        print(f"yesable export-xapi: {line}", file=sys.stderr)
    out = [inert_json(s) for t in checked
           for s in statements(t, base=args.base_iri, home_page=args.home_page, names=args.names)]
    try:
        text = json.dumps(out, indent=2, ensure_ascii=False, allow_nan=False) + "\n"  # strict JSON for every LRS
    except ValueError as exc:
        raise UsageError(f"a statement holds a value JSON cannot carry: {exc}") from None
    if args.out is None:
        sys.stdout.write(text)
    else:
        try:
            atomic_write(args.out, text)
        except OSError as exc:
            raise UsageError(f"--out {args.out}: cannot write: {exc.strerror or exc}") from None
        print(f"{len(out)} statements from {len(found)} transcript(s): {args.out}", file=sys.stderr)
    return 1 if errors or not found else 0
