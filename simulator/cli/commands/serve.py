"""`yesable serve [--host 127.0.0.1] [--port 8000]`: the app in a browser, through textual-serve.

Each browser tab gets its own `yesable` process (about 35 MB), so size a class accordingly.
textual-serve has no authentication and no connection cap: keep the default loopback host, or
bind to a classroom network you trust. textual-serve is imported only here, inside `run`.
"""

from __future__ import annotations

import argparse
from pathlib import Path

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
    parser.add_argument("--host", default="127.0.0.1",
                        help="address to listen on (default %(default)s: this machine only)")
    parser.add_argument("--port", type=_port, default=8000, help="port (default %(default)s)")
    parser.add_argument("--scenario", metavar="SCENARIO",
                        help="open every browser straight into this scenario (`yesable play`)")
    parser.add_argument("--round", metavar="ROUND_ID", help="with --scenario: tag transcripts with this round")
    parser.add_argument("--results", metavar="DIR", type=Path,
                        help="with --scenario: write each session's transcript into DIR")
    parser.add_argument("--minutes", metavar="N", type=int, help="with --scenario: time box per session")


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
    import shlex
    import sys

    from simulator.cli.errors import UsageError

    command = shlex.join(app_command(args))
    try:
        from textual_serve.server import Server
    except ImportError:
        raise UsageError("textual-serve is not installed: pip install textual-serve") from None
    if args.host not in LOOPBACK:
        print(f"yesable serve: listening on {args.host}: anyone who can reach it can play "
              "(textual-serve has no login); each tab runs its own process.", file=sys.stderr)
    Server(command, host=args.host, port=args.port, title="Yesable").serve()
    return 0
