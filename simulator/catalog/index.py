"""A light index of packs for the home screen: cached JSON, so the first frame needs no YAML or pydantic.

The cache is keyed by the path, size and mtime of every pack file; a change anywhere rebuilds it
from a full load (the catalog does it in a child process while the app shows the stale index,
or on first use).
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from simulator.content.locations import Stamp, default_pack_dirs, file_stamps
from simulator.storage.files import store_quietly
from simulator.storage.jsonfile import read_json_file

if TYPE_CHECKING:
    from simulator.content.loaded import LoadedScenario
    from simulator.content.loader import Library

INDEX_VERSION = 3


@dataclass(frozen=True)
class Entry:
    ref: str
    pack_title: str
    title: str
    summary: str
    difficulty: str
    minutes: int
    objectives: list[str]
    pack_dir: str = ""
    """The pack's folder: playing one scenario loads only its pack, not the whole library."""
    translated: dict[str, list[str]] = field(default_factory=dict)
    """language: [pack title, title, summary] in the languages the pack is translated into."""

    def in_language(self, lang: str | None) -> Entry:
        """This entry as home shows it in `lang` (for `de_AT` without its own, `de`)."""
        found = self.translated.get(lang or "") or self.translated.get((lang or "").split("_")[0])
        if not found:
            return self
        pack_title, title, summary = found
        return replace(self, pack_title=pack_title, title=title, summary=summary)


def current_fingerprint(pack_dirs: list[Path] | None = None) -> Stamp:
    """The fingerprint of `pack_dirs` (default: the packs the app shows) as they are now."""
    return file_stamps(pack_dirs if pack_dirs is not None else default_pack_dirs())


def read_index(cache: Path, pack_dirs: list[Path] | None = None) -> list[Entry] | None:
    """The cached entries if the cache matches the pack files now on disk, else None."""
    found = read_index_body(cache, pack_dirs)
    return found[0] if found is not None else None


def read_index_body(cache: Path, pack_dirs: list[Path] | None = None) -> tuple[list[Entry], int] | None:
    """The cached entries and the number of errors the full load found, if the cache is current."""
    found = read_any_index(cache)
    if found is None or found.fingerprint != current_fingerprint(pack_dirs):
        return None
    return found.entries, found.errors


@dataclass(frozen=True)
class Index:
    entries: list[Entry]
    errors: int
    fingerprint: Stamp
    """The pack files' fingerprint the entries were read from (compare with `current_fingerprint`)."""


def read_any_index(cache: Path) -> Index | None:
    """The cached index, current or not (a stale list to show while a new one is made), or None."""
    try:
        body = read_json_file(cache)
        if body.get("version") != INDEX_VERSION:
            return None
        entries = [Entry(**e) for e in body["entries"]]
        return Index(entries, int(body.get("errors", 0)), list(body["fingerprint"]))
    except (OSError, ValueError, TypeError, KeyError, AttributeError, RecursionError):
        return None


def entries_of(library: Library) -> list[Entry]:
    return [
        Entry(
            ref=loaded.ref,
            pack_title=loaded.pack.title,
            title=loaded.scenario.title,
            summary=loaded.scenario.summary,
            difficulty=str(loaded.scenario.difficulty),
            minutes=loaded.scenario.minutes,
            objectives=[str(o) for o in loaded.scenario.objectives],
            pack_dir=str(pack.path),
            translated=_translations(loaded, pack.path),
        )
        for pack in library.packs
        for loaded in pack.scenarios.values()
    ]


def _translations(loaded: LoadedScenario, pack_dir: Path) -> dict[str, list[str]]:
    """The pack title, title and summary of `loaded` in each language its pack is translated into."""
    from simulator.content.catalogue import catalogue_languages
    from simulator.content.translate import translate

    out: dict[str, list[str]] = {}
    for lang in catalogue_languages(pack_dir):
        other = translate(loaded, lang)
        out[lang] = [other.pack.title, other.scenario.title, other.scenario.summary]
    return out


def write_index(cache: Path, entries: list[Entry], stamp: Stamp, errors: int = 0) -> None:
    """Cache `entries`, loaded from pack files whose `current_fingerprint` was `stamp` before loading."""
    body = {
        "version": INDEX_VERSION,
        "fingerprint": stamp,
        "errors": errors,
        "entries": [asdict(e) for e in entries],
    }
    store_quietly(cache, json.dumps(body) + "\n")  # a read-only data dir only costs the fast start
