"""Read JSON that Yesable did not necessarily write itself (saves, caches, transcripts) so that no
file can hang, exhaust or crash a reader: regular files only, a size bound, and every way decoding
can fail (bad UTF-8, bad JSON, nesting deep enough to exhaust the parser's stack) turned into one
`UnreadableJson` error that says why.
"""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path
from typing import Any

from simulator.errors import StorageError

MAX_BYTES = 16_000_000
"""Default bound: larger than any file Yesable writes (a long transcript is ~100 KB)."""


class UnreadableJson(StorageError, ValueError):
    """A JSON file that cannot be read or decoded; the message says why, without the path.
    `where` is (line, column) when the text was read but is not valid JSON there."""

    def __init__(self, message: str, where: tuple[int, int] | None = None) -> None:
        super().__init__(message)
        self.where = where

    def located(self, source: str) -> str:
        """`source:line:col: message` (or `source: message`), as editors link to."""
        if self.where is None:
            return f"{source}: {self}"
        return f"{source}:{self.where[0]}:{self.where[1]}: {self}"


def read_json_file(path: Path, max_bytes: int = MAX_BYTES) -> Any:
    """The JSON value in `path`; raises UnreadableJson (never hangs on a device or FIFO)."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as error:
        raise UnreadableJson(f"cannot open it: {error.strerror or error}") from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise UnreadableJson("not a regular file")
        if info.st_size > max_bytes:
            raise UnreadableJson(f"larger than {max_bytes:,} bytes")
        with os.fdopen(fd, "rb", closefd=False) as stream:
            data = stream.read(max_bytes + 1)
    except OSError as error:
        raise UnreadableJson(f"cannot read it: {error.strerror or error}") from None
    finally:
        os.close(fd)
    if len(data) > max_bytes:
        raise UnreadableJson(f"larger than {max_bytes:,} bytes")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise UnreadableJson("not UTF-8 text") from None
    return parse_json(text)


def parse_json(text: str) -> Any:
    """The JSON value of `text`; raises UnreadableJson for anything json cannot decode."""
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise UnreadableJson(f"not valid JSON: {error.msg}", (error.lineno, error.colno)) from None
    except RecursionError:
        raise UnreadableJson("nested too deeply to be a Yesable file") from None
    except (ValueError, MemoryError) as error:
        raise UnreadableJson(f"not valid JSON: {error}") from None
