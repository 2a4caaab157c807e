"""`yesable`: the command-line entry point.

Each sub-command lives in its own module under :mod:`simulator.cli.commands` with two functions,
``add_arguments(parser)`` and ``run(args) -> int``. Command modules import only argparse at the top:
heavy imports (the engine, Textual) happen inside ``run`` so every command starts fast and headless
commands never load the TUI.

Exit codes (simulator.errors): 0 success, 1 content errors, a failed check or a file that cannot
be used, 2 usage errors, 130 interrupted. Every error meant for the user is a `YesableError`,
printed on one line by `main`.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence
from contextlib import redirect_stderr, redirect_stdout
from typing import TextIO

from simulator import __version__
from simulator.cli.commands import COMMANDS, PLANNED
from simulator.content.inert import inert
from simulator.errors import EXIT_OK, YesableError, exit_code


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: error: {message}\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="yesable",
        description="Practise leading without authority. Without a command, opens the app.",
    )
    parser.add_argument("--version", action="version", version=f"yesable {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for name, summary in COMMANDS.items():
        module = importlib.import_module(f"simulator.cli.commands.{name.replace('-', '_')}")
        cmd = sub.add_parser(name, help=summary, description=summary)
        module.add_arguments(cmd)
        cmd.set_defaults(_module=module)
    for name, summary in PLANNED.items():
        cmd = sub.add_parser(name, help=f"{summary} (not built yet)", description=summary)
        cmd.add_argument("rest", nargs=argparse.REMAINDER)
        cmd.set_defaults(_planned=name)
    return parser


TERMINAL_COMMANDS = frozenset({"play", "serve"})
"""Commands that drive a terminal UI (besides no command at all, the app): they write escape
sequences on purpose, so their output is not filtered."""


class InertStream:
    """A text stream that drops control characters other than tab and newline before writing:
    whatever a headless command prints (pack text, transcript fields) cannot drive the terminal."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        self._stream.write(inert(text))
        return len(text)

    def __getattr__(self, name: str) -> object:
        return getattr(self._stream, name)


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is not None and args.command not in TERMINAL_COMMANDS:
        with redirect_stdout(InertStream(sys.stdout)), redirect_stderr(InertStream(sys.stderr)):  # type: ignore[type-var]
            return _dispatch(args)
    return _dispatch(args)


def _dispatch(args: argparse.Namespace) -> int:
    if getattr(args, "_planned", None):
        print(f"yesable {args._planned}: this command is not built yet.", file=sys.stderr)
        return 2
    if args.command is None:
        module = importlib.import_module("simulator.cli.commands.home")
        return int(module.run(args))
    try:
        return int(args._module.run(args))
    except YesableError as exc:  # every error meant for the user: one line, its exit code
        print(f"yesable {args.command}: error: {exc}", file=sys.stderr)
        return exit_code(exc)
    except KeyboardInterrupt as exc:
        return exit_code(exc)
    except BrokenPipeError:
        return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
