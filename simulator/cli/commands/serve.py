"""`yesable serve [--host 127.0.0.1] [--port 8000]`: the app in a browser, through textual-serve.

Each browser tab gets its own `yesable` process (about 35 MB), so size a class accordingly
(`--max-sessions`). serve prints an access code that a browser must bring to get the page and
open a session, refuses websockets from other sites' pages, and gives every player their own data
folder, named by the alias each tab asks for, so nobody sees or continues another's game
(`simulator.cli.class_server`; the trust boundary is in docs/classroom.md). textual-serve is
imported only here, inside `run`.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path

from simulator.storage.paths import PLAYER_HOMES_VARIABLE

LOOPBACK = ("127.0.0.1", "localhost", "::1")


def _port(text: str) -> int:
    try:
        port = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a port number: {text!r}") from None
    if not 1 <= port <= 65535:
        raise argparse.ArgumentTypeError(f"port {port} is outside 1-65535")
    return port


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--host", default="127.0.0.1", help="address to listen on (default %(default)s: this machine only)"
    )
    parser.add_argument("--port", type=_port, default=8000, help="port (default %(default)s)")
    parser.add_argument(
        "--scenario", metavar="SCENARIO", help="open every browser straight into this scenario (`yesable play`)"
    )
    parser.add_argument("--round", metavar="ROUND_ID", help="with --scenario: tag transcripts with this round")
    parser.add_argument(
        "--results", metavar="DIR", type=Path, help="with --scenario: write each session's transcript into DIR"
    )
    parser.add_argument("--minutes", metavar="N", type=int, help="with --scenario: time box per session")
    parser.add_argument(
        "--public-url",
        metavar="URL",
        help="the address browsers use to reach this server (when binding 0.0.0.0 or "
        "behind a proxy), e.g. http://192.0.2.10:8000",
    )
    parser.add_argument(
        "--max-sessions",
        metavar="N",
        type=_sessions,
        default=40,
        help="sessions open at once, at most (default %(default)s; each is a process of ~35 MB)",
    )
    parser.add_argument("--code", metavar="CODE", help="the access code (default: a new random one)")
    parser.add_argument(
        "--lrs",
        metavar="URL",
        help="send each finished session's xAPI statements to this LRS as the round goes "
        "(credentials from YESABLE_LRS_USER and YESABLE_LRS_PASSWORD, or YESABLE_LRS_TOKEN; "
        "addresses from YESABLE_XAPI_BASE_IRI and YESABLE_XAPI_HOME_PAGE)",
    )


def _sessions(text: str) -> int:
    try:
        n = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if not 1 <= n <= 500:
        raise argparse.ArgumentTypeError(f"must be from 1 to 500, not {n}")
    return n


PLAYER_HOMES = PLAYER_HOMES_VARIABLE
"""Set by serve for the app processes it starts: each player's data folder is made below this
folder and named by their alias (simulator.tui.app), instead of the shared data folder."""


def player_homes(args: argparse.Namespace) -> Path:
    """Where served players' data folders go: the round's results folder, else the data folder."""
    from simulator.storage.paths import Paths

    root = args.results if args.results is not None else Paths.default().served
    return (root / "players").resolve()


def warm_catalog(scenario: str | None) -> None:
    """Load the packs once, here, so every player's session starts from a current index and compiled
    scenarios (simulator.catalog) instead of parsing YAML; an unknown --scenario is a usage error."""
    from simulator.catalog.catalog import Catalog
    from simulator.cli.errors import UsageError
    from simulator.content.resolve import ScenarioNotFound
    from simulator.storage.paths import Paths

    catalog = Catalog(Paths.default())
    catalog.library  # noqa: B018 (loads the packs and writes the caches)
    if scenario is not None:
        try:
            catalog.scenario(scenario)
        except ScenarioNotFound as error:
            raise UsageError(f"--scenario: {error}") from None


def app_command(args: argparse.Namespace) -> list[str]:
    """The command each browser connection runs: this Python, this package."""
    import sys

    from simulator.cli.errors import UsageError

    command = [sys.executable, "-m", "simulator"]
    extras = {"--round": args.round, "--results": args.results, "--minutes": args.minutes}
    if args.scenario is None:
        given = [flag for flag, value in extras.items() if value is not None]
        if given:
            raise UsageError(f"{', '.join(given)} need --scenario")
        return command
    command += ["play", args.scenario]
    for flag, value in extras.items():
        if value is not None:
            command += [flag, str(value.resolve() if isinstance(value, Path) else value)]
    return command


def run(args: argparse.Namespace) -> int:
    import os
    import secrets
    import shlex
    import socket
    import sys

    from simulator.cli.errors import UsageError

    command = shlex.join(app_command(args))
    if args.lrs is not None:  # a bad address or half the credentials: say so before serving anything
        from simulator.classroom.lrs import Lrs

        Lrs.from_env(args.lrs)
    if args.public_url is not None and not args.public_url.startswith(("http://", "https://")):
        raise UsageError(f"--public-url {args.public_url!r}: give the full address, e.g. http://192.0.2.10:8000")
    code = args.code or secrets.token_hex(3)
    if not code.isalnum() or len(code) > 64:
        raise UsageError("--code: use letters and digits only")
    try:
        infos = socket.getaddrinfo(args.host, args.port, type=socket.SOCK_STREAM)
        with socket.socket(infos[0][0], socket.SOCK_STREAM) as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            probe.bind(infos[0][4])
    except OSError as error:
        raise UsageError(f"cannot listen on {args.host}:{args.port}: {error.strerror or error}") from None
    try:
        from simulator.cli.class_server import ClassServer
    except ImportError:
        raise UsageError("textual-serve is not installed: pip install textual-serve") from None
    warm_catalog(args.scenario)
    homes = player_homes(args)
    homes.mkdir(parents=True, exist_ok=True)
    os.environ[PLAYER_HOMES] = str(homes)
    server = ClassServer(
        command,
        code=code,
        max_sessions=args.max_sessions,
        host=args.host,
        port=args.port,
        title="Yesable",
        public_url=args.public_url.rstrip("/") if args.public_url else None,
    )
    print(
        f"yesable serve: open {server.public_url}/?code={code} (access code {code}); "
        f"at most {args.max_sessions} sessions; players' folders in {homes}",
        file=sys.stderr,
    )
    if args.host not in LOOPBACK:
        print(
            f"yesable serve: listening on {args.host}: anyone who can reach it and has the code can play; "
            "each tab runs its own process.",
            file=sys.stderr,
        )
    stop_export = _live_export(args.lrs, homes) if args.lrs is not None else None
    try:
        server.serve()
    except OSError as error:
        raise UsageError(f"cannot listen on {args.host}:{args.port}: {error.strerror or error}") from None
    finally:
        if stop_export is not None:
            stop_export()
    return 0


def _live_export(url: str, homes: Path) -> Callable[[], None]:
    """Start sending finished sessions to the LRS at `url` beside the server; returns what stops it
    (after one last look, so a session that just ended is queued)."""
    import os
    import sys
    import threading

    from simulator.classroom.lrs import ENV_PASSWORD, ENV_TOKEN, ENV_USER, Lrs, Outbox
    from simulator.classroom.lrs_live import LiveExport
    from simulator.cli.commands.export_xapi import (
        DEFAULT_BASE,
        DEFAULT_HOME_PAGE,
        ENV_BASE,
        ENV_HOME_PAGE,
        check_addresses,
    )

    lrs = Lrs.from_env(url)
    for name in (ENV_USER, ENV_PASSWORD, ENV_TOKEN):  # the players' app processes need none of them
        os.environ.pop(name, None)
    base = os.environ.get(ENV_BASE) or DEFAULT_BASE
    home_page = os.environ.get(ENV_HOME_PAGE) or DEFAULT_HOME_PAGE
    check_addresses(base, home_page, "yesable serve")
    if lrs.exposes_credentials:
        print(
            f"yesable serve: warning: {lrs.url} is plain http: the credentials cross the network unencrypted",
            file=sys.stderr,
        )
    live = LiveExport(Outbox(lrs), homes, "*/transcripts/*.json", base, home_page)
    stop = threading.Event()

    def report(line: str) -> None:
        print(f"yesable serve: LRS: {line}", file=sys.stderr, flush=True)

    thread = threading.Thread(target=live.run, args=(stop, report), name="lrs-export", daemon=True)
    thread.start()
    print(f"yesable serve: sending finished sessions to {lrs.url} (outbox {live.outbox.folder})", file=sys.stderr)

    def stop_export() -> None:
        stop.set()
        thread.join(timeout=30)

    return stop_export
