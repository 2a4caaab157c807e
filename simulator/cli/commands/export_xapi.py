"""`yesable export-xapi TRANSCRIPT... [--out FILE] [--lrs URL]`: xAPI statements for a Learning Record Store.

Writes one JSON array (what an LRS accepts on `POST /statements`) to FILE or standard output, or
posts it to the LRS at URL in batches, through an outbox in the data folder that keeps whatever
could not be sent (simulator.classroom.lrs); `--lrs URL` without transcripts sends what waits there.
Credentials come from the environment (YESABLE_LRS_USER / YESABLE_LRS_PASSWORD, or
YESABLE_LRS_TOKEN), never from the command line. Malformed transcripts are named on stderr, one
line each, and the rest are exported (exit 1).
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path
from typing import Any

DEFAULT_BASE = "https://yesable.invalid/xapi/"
DEFAULT_HOME_PAGE = "https://yesable.invalid/players"
"""Placeholders (`.invalid` is nobody's domain); the same as simulator.classroom.xapi's, kept here
so building the parser imports nothing heavy."""
ENV_BASE = "YESABLE_XAPI_BASE_IRI"
ENV_HOME_PAGE = "YESABLE_XAPI_HOME_PAGE"
"""Environment defaults for --base-iri and --home-page (what `serve --lrs` uses too)."""


def _batch(text: str) -> int:
    try:
        n = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if not 1 <= n <= 1000:
        raise argparse.ArgumentTypeError(f"must be from 1 to 1000, not {n}")
    return n


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "transcripts",
        nargs="*",
        metavar="TRANSCRIPT",
        type=Path,
        help="transcript files, or folders of them (none with --lrs: send what waits in the outbox)",
    )
    parser.add_argument("--out", metavar="FILE", type=Path, help="write here instead of standard output")
    parser.add_argument(
        "--lrs",
        metavar="URL",
        help="post the statements to this LRS's xAPI endpoint, e.g. https://lrs.example.org/xAPI/ "
        "(credentials from YESABLE_LRS_USER and YESABLE_LRS_PASSWORD, or YESABLE_LRS_TOKEN)",
    )
    parser.add_argument(
        "--batch", metavar="N", type=_batch, default=50, help="with --lrs: statements per request (default %(default)s)"
    )
    parser.add_argument(
        "--base-iri",
        metavar="IRI",
        default=os.environ.get(ENV_BASE) or DEFAULT_BASE,
        help=f"base of activity ids, activity types and extensions: use your organisation's "
        f"(default: ${ENV_BASE}, else %(default)s)",
    )
    parser.add_argument(
        "--home-page",
        metavar="URL",
        default=os.environ.get(ENV_HOME_PAGE) or DEFAULT_HOME_PAGE,
        help=f"the actor account's homePage: your LMS (default: ${ENV_HOME_PAGE}, else %(default)s)",
    )
    parser.add_argument(
        "--names", action="store_true", help="include players' names where given (default: aliases only)"
    )


def check_addresses(base_iri: str, home_page: str, prog: str, warn: bool = True) -> None:
    """Refuse addresses that are not absolute http(s); warn on stderr about placeholders."""
    import sys
    from urllib.parse import urlsplit

    from simulator.cli.errors import UsageError

    for flag, value in (("--base-iri", base_iri), ("--home-page", home_page)):
        parts = urlsplit(value)
        if parts.scheme not in ("http", "https") or not parts.netloc or any(c.isspace() for c in value):
            raise UsageError(f"{flag} {value!r}: give an absolute http(s) address, e.g. https://lms.example.org/")
    placeholders = [
        flag
        for flag, value, env in (("--base-iri", base_iri, ENV_BASE), ("--home-page", home_page, ENV_HOME_PAGE))
        if (urlsplit(value).hostname or "").endswith(".invalid")
    ]
    if placeholders and warn:
        print(
            f"{prog}: warning: {' and '.join(placeholders)} {'is a' if len(placeholders) == 1 else 'are'} "
            f"placeholder address{'es' if len(placeholders) > 1 else ''} (yesable.invalid): an LMS cannot tell "
            f"these statements from another organisation's; set {ENV_BASE} and {ENV_HOME_PAGE} (or the flags) "
            "to addresses you control (docs/classroom.md)",
            file=sys.stderr,
        )


def run(args: argparse.Namespace) -> int:
    import json
    import sys

    from simulator.cli.errors import UsageError
    from simulator.storage.files import atomic_write

    if not args.transcripts and args.lrs is None:
        raise UsageError("give transcript files or folders (or --lrs URL alone to send what waits in the outbox)")
    lrs = _lrs(args.lrs) if args.lrs is not None else None
    check_addresses(args.base_iri, args.home_page, "yesable export-xapi", warn=bool(args.transcripts))
    out, failed, found = _statements(args) if args.transcripts else ([], False, 0)
    if args.out is not None or lrs is None:
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
            print(f"{len(out)} statements from {found} transcript(s): {args.out}", file=sys.stderr)
    if lrs is not None and not send(lrs, out, args.batch, "yesable export-xapi"):
        failed = True
    return 1 if failed else 0


def _lrs(url: str) -> Any:
    import sys

    from simulator.classroom.lrs import Lrs

    lrs = Lrs.from_env(url)
    if lrs.exposes_credentials:
        print(
            f"yesable export-xapi: warning: {lrs.url} is plain http: the credentials cross the network "
            "unencrypted; use the LRS's https address",
            file=sys.stderr,
        )
    return lrs


def _statements(args: argparse.Namespace) -> tuple[list[dict[str, Any]], bool, int]:
    """The statements of every readable transcript, whether any path failed, how many were read."""
    import sys

    from simulator.classroom.transcript import collect_transcripts
    from simulator.classroom.verify import verified_transcripts
    from simulator.classroom.xapi import statements
    from simulator.content.inert import inert_json

    found, errors = collect_transcripts(args.transcripts)
    for line in errors:
        print(f"yesable export-xapi: skipped {line}", file=sys.stderr)
    checked, notes = verified_transcripts(found)
    for line in notes:
        print(f"yesable export-xapi: {line}", file=sys.stderr)
    out = [
        inert_json(s)
        for t in checked
        for s in statements(t, base=args.base_iri, home_page=args.home_page, names=args.names)
    ]
    return out, bool(errors) or not found, len(found)


def send(lrs: Any, statements: list[dict[str, Any]], batch: int, prog: str) -> bool:
    """Queue `statements` for `lrs` and send all that waits; report on stderr. True when the outbox
    is empty and nothing was rejected."""
    import sys

    from simulator.classroom.lrs import Outbox
    from simulator.cli.errors import UsageError

    outbox = Outbox(lrs)
    try:
        outbox.add(statements, batch)
    except OSError as exc:
        raise UsageError(f"cannot write the outbox {outbox.folder}: {exc.strerror or exc}") from None
    result = outbox.flush()
    if result.sent or not statements:
        print(
            f"{prog}: {lrs.url}: {result.sent} statement(s) sent in {result.batches} batch(es)"
            + ("" if result.sent or result.waiting else ": nothing was waiting"),
            file=sys.stderr,
        )
    for line in result.rejected:
        print(f"{prog}: rejected by the LRS: {line}", file=sys.stderr)
    if result.waiting:
        print(
            f"{prog}: {result.problem or 'not sent'}; {result.waiting} statement(s) wait in {outbox.folder}: "
            f"run `yesable export-xapi --lrs {lrs.url}` to send them",
            file=sys.stderr,
        )
    return not result.waiting and not result.rejected
