"""Every error Yesable reports to a user, in one small hierarchy mapped to exit codes in one place.

Each layer raises its own kind (a pack problem, a move the engine cannot play, a file that cannot
be read or written, a command line that asks for the impossible); the command line catches
`YesableError` once (simulator.cli.main) and prints its message on one line with `exit_code`.
This module imports nothing of ours, so every layer can use it.
"""

from __future__ import annotations

EXIT_OK = 0
EXIT_FAILED = 1
"""Content errors, a failed check, a game the engine cannot play, a file that cannot be used."""
EXIT_USAGE = 2
"""The command line asked for something that cannot be done (unknown scenario, bad flag value)."""
EXIT_INTERRUPTED = 130


class YesableError(Exception):
    """Any error meant for the user: its message is one line that says what and where."""

    exit_code = EXIT_FAILED


class ContentError(YesableError):
    """A pack, scenario, transcript or other content that cannot be used as it is."""


class EngineError(YesableError):
    """The engine cannot play what it was asked to (a choice not offered, a state that does not fit)."""


class StorageError(YesableError):
    """A file Yesable reads or writes (saves, progress, caches) cannot be used."""


class UsageError(YesableError):
    """The command line asked for something that cannot be done."""

    exit_code = EXIT_USAGE


def exit_code(error: BaseException) -> int:
    """The exit status for `error` (1 for anything not ours)."""
    if isinstance(error, YesableError):
        return error.exit_code
    if isinstance(error, KeyboardInterrupt):
        return EXIT_INTERRUPTED
    return EXIT_FAILED
