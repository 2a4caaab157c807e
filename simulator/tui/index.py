"""A light index of packs for the home screen: cached JSON, so the first frame needs no YAML or pydantic.

The cache is keyed by the path, size and mtime of every pack file; a change anywhere rebuilds it
from a full load (which the app does after its first frame, or on first use).
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from simulator.content.locations import default_pack_dirs

if TYPE_CHECKING:
    from simulator.content.loader import Library

INDEX_VERSION = 1


@dataclass(frozen=True)
class Entry:
    ref: str
    pack_title: str
    title: str
    summary: str
    difficulty: str
    minutes: int
    objectives: list[str]


def fingerprint(pack_dirs: list[Path]) -> list[list[Any]]:
    stamp: list[list[Any]] = []
    for folder in pack_dirs:
        for path in sorted(folder.rglob("*.y*ml")):
            try:
                info = path.stat()
            except OSError:
                continue
            stamp.append([str(path), info.st_size, info.st_mtime_ns])
    return stamp


def read_index(cache: Path, pack_dirs: list[Path] | None = None) -> list[Entry] | None:
    """The cached entries if the cache matches the pack files now on disk, else None."""
    try:
        body = json.loads(cache.read_text(encoding="utf-8"))
        if body.get("version") != INDEX_VERSION:
            return None
        if body.get("fingerprint") != fingerprint(pack_dirs if pack_dirs is not None else default_pack_dirs()):
            return None
        return [Entry(**e) for e in body["entries"]]
    except (OSError, ValueError, TypeError, KeyError, AttributeError):
        return None


def entries_of(library: Library) -> list[Entry]:
    return [
        Entry(ref=loaded.ref, pack_title=loaded.pack.title, title=loaded.scenario.title,
              summary=loaded.scenario.summary, difficulty=str(loaded.scenario.difficulty),
              minutes=loaded.scenario.minutes, objectives=[str(o) for o in loaded.scenario.objectives])
        for loaded in library.scenarios()
    ]


def write_index(cache: Path, entries: list[Entry], pack_dirs: list[Path] | None = None) -> None:
    from simulator.storage.saves import atomic_write

    body = {"version": INDEX_VERSION,
            "fingerprint": fingerprint(pack_dirs if pack_dirs is not None else default_pack_dirs()),
            "entries": [asdict(e) for e in entries]}
    try:
        atomic_write(cache, json.dumps(body) + "\n")
    except OSError:  # a read-only data dir only costs the fast start
        pass
