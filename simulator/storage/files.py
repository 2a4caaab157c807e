"""The one way Yesable writes a file: through a temporary file and `os.replace`, all or nothing.

Every file Yesable writes (saves, settings, caches, transcripts, exports, reports, scaffolded
packs) goes through `atomic_write`, so a crash, a full disk or a second process never leaves a
half-written file where a whole one was; `write_new_tree` makes a folder that must not exist yet.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

PRIVATE = 0o600
"""The default permission bits (as `mkstemp` makes the file): the player's own data."""
SHARED = 0o644
"""For a file someone else must read (a transcript a facilitator collects, an export)."""


def atomic_write(target: Path, data: str | bytes, mode: int | None = None) -> None:
    """Write `data` (text as UTF-8) to `target` through a temporary file and `os.replace`.

    The file is owner-only (0600) unless `mode` gives its permission bits, e.g. `SHARED`.
    Missing parent folders are made. Raises OSError; the target is then unchanged.
    """
    import tempfile  # not at import time: the app's first frame does not write

    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}-", suffix=".tmp", dir=target.parent)
    try:
        if mode is not None:
            os.chmod(tmp, mode)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data.encode("utf-8") if isinstance(data, str) else data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_new_tree(folder: Path, files: Mapping[Path, str], mode: int = SHARED) -> list[Path]:
    """Create `folder` (it must not exist: FileExistsError) holding `files` (relative path -> text).

    Each file is written atomically and readable by others (`mode`); returns the paths written.
    """
    folder.mkdir(parents=True, exist_ok=False)
    written = []
    for relative, text in files.items():
        path = folder / relative
        atomic_write(path, text, mode=mode)
        written.append(path)
    return written


def store_quietly(target: Path, data: str | bytes) -> bool:
    """`atomic_write` for a cache: a read-only or full data folder only costs speed (False)."""
    try:
        atomic_write(target, data)
    except OSError:
        return False
    return True
