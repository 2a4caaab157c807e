"""Autosaves: one JSON file per scenario under `<data dir>/saves`, written atomically.

A save that cannot be read is moved aside to `<name>.corrupt-<timestamp>` and reported, so one bad
file never crashes the app or touches the other saves.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from simulator.errors import StorageError
from simulator.storage.files import atomic_write
from simulator.storage.jsonfile import read_json_file
from simulator.storage.paths import file_name

__all__ = [
    "SAVE_VERSION",
    "SaveConflict",
    "SaveSummary",
    "SavedGame",
    "Saves",
    "atomic_write",
    "file_name",
    "save_name",
]
"""`atomic_write` and `file_name` are re-exported for callers written before storage.files and storage.paths."""

SAVE_VERSION = 1
"""The save file's own format; the engine state inside carries its `schema_version`. Optional
fields added later (`prep`) leave it at 1: an older save simply has none."""


@dataclass(frozen=True)
class SavedGame:
    scenario: str
    """`pack/scenario`."""
    state_json: str
    """The engine's SessionState as JSON."""
    saved_at: str
    move_times: list[str]
    prep: dict[str, object] | None = None
    """The prep sheet filled before play, as `simulator.scoring.prep.sheet_data` writes it."""

    @property
    def moves(self) -> int:
        """How many moves the saved game has played."""
        return _moves(json.loads(self.state_json), self.move_times)


@dataclass(frozen=True)
class SaveSummary:
    """What the home screen says of a game in progress: when it was saved, and how far it got."""

    saved_at: str
    moves: int


def _moves(state: object, move_times: object) -> int:
    history = state.get("history") if isinstance(state, dict) else None
    if isinstance(history, list):
        return len(history)
    return len(move_times) if isinstance(move_times, list) else 0


class SaveConflict(StorageError, OSError):
    """The save changed on disk since this process last read or wrote it: another Yesable is
    playing the same game. Nothing is overwritten."""


def save_name(ref: str) -> str:
    """The file name of `ref`'s save (`file_name`, so two scenarios never share a save)."""
    return file_name(ref) + ".json"


def _legacy_name(ref: str) -> str:
    """The name saves had before names were injective (`a/b__c` and `a__b/c` shared one)."""
    return re.sub(r"[^A-Za-z0-9_]+", "__", ref) + ".json"


class Saves:
    """The autosave folder. Every method reports problems in `self.problems` instead of raising,
    except `write`, which raises OSError (SaveConflict when another process changed the save)."""

    def __init__(self, root: Path, state_version: int | None = None) -> None:
        self.root = root
        self.state_version = state_version
        """The engine state version this program plays; a save holding another is set aside."""
        self.problems: list[str] = []
        self._seen: dict[str, tuple[int, int] | None] = {}
        """ref -> (mtime_ns, size) of the save as this process last read or wrote it (None: absent)."""

    def path(self, ref: str) -> Path:
        target = self.root / save_name(ref)
        legacy = self.root / _legacy_name(ref)
        if not target.exists() and legacy.is_file():
            try:
                os.replace(legacy, target)  # a save from before injective names: read it under its new name
            except OSError:
                return legacy
        return target

    def _stamp(self, target: Path) -> tuple[int, int] | None:
        try:
            info = target.stat()
        except OSError:
            return None
        return (info.st_mtime_ns, info.st_size)

    def write(
        self, ref: str, state_json: str, move_times: list[str] | None = None, prep: dict[str, object] | None = None
    ) -> Path:
        target = self.path(ref)
        now_on_disk = self._stamp(target)
        if ref in self._seen and now_on_disk is not None and now_on_disk != self._seen[ref]:
            raise SaveConflict(
                f"this game of {ref} was saved by another Yesable since this one last saved it; "
                "nothing was overwritten (finish it there, or open it again here)"
            )
        body = {
            "save_version": SAVE_VERSION,
            "scenario": ref,
            "saved_at": datetime.now(UTC).isoformat(timespec="seconds"),
            "state": json.loads(state_json),
            "move_times": move_times or [],
        }
        if prep is not None:
            body["prep"] = prep
        atomic_write(target, json.dumps(body, indent=1) + "\n")
        self._seen[ref] = self._stamp(target)
        return target

    def read(self, ref: str) -> SavedGame | None:
        """The save for `ref`, or None when there is none or it was corrupt (then it is set aside)."""
        target = self.path(ref)
        if not target.is_file():
            self._seen[ref] = None
            return None
        self._seen[ref] = self._stamp(target)
        try:
            body = read_json_file(target)
            if not isinstance(body, dict) or body.get("scenario") != ref or not isinstance(body.get("state"), dict):
                raise ValueError("not a Yesable save for this scenario")
            if body.get("save_version") != SAVE_VERSION:
                raise ValueError(f"save format {body.get('save_version')!r}, this version reads {SAVE_VERSION}")
            found, wanted = body["state"].get("schema_version"), self.state_version
            if wanted is not None and found is not None and found != wanted:
                newer = isinstance(found, int) and found > wanted
                raise ValueError(
                    f"game state version {found!r}"
                    + (" from a newer Yesable" if newer else "")
                    + f"; this one reads {wanted}"
                )
            times = body.get("move_times", [])
            prep = body.get("prep")
            return SavedGame(
                ref,
                json.dumps(body["state"]),
                str(body.get("saved_at", "")),
                [str(t) for t in times] if isinstance(times, list) else [],
                prep if isinstance(prep, dict) else None,
            )
        except (OSError, ValueError, UnicodeDecodeError, RecursionError) as error:
            self.set_aside(ref, str(error))
            return None

    def peek(self, ref: str) -> SaveSummary | None:
        """When `ref`'s save was written and how many moves it holds, or None when there is none.

        A glance for listings: it neither sets a bad save aside nor remembers the file (`read`, when
        the player opens the game, does both), so a save that turns out unreadable shows as None."""
        target = self.root / save_name(ref)
        if not target.is_file():
            target = self.root / _legacy_name(ref)
            if not target.is_file():
                return None
        try:
            body = read_json_file(target)
        except ValueError:
            return None
        if not isinstance(body, dict) or body.get("scenario") != ref or not isinstance(body.get("state"), dict):
            return None
        return SaveSummary(str(body.get("saved_at", "")), _moves(body["state"], body.get("move_times")))

    def set_aside(self, ref: str, why: str) -> Path | None:
        """Move a bad save out of the way as `*.corrupt-<timestamp>` and record a problem line."""
        target = self.path(ref)
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S")
        aside = target.with_name(f"{target.name}.corrupt-{stamp}")
        try:
            os.replace(target, aside)
        except OSError as error:
            self.problems.append(f"The save for {ref} could not be read ({why}) nor moved aside ({error}).")
            return None
        self.problems.append(f"The save for {ref} could not be read ({why}); it was moved aside as {aside.name}.")
        return aside

    def delete(self, ref: str) -> None:
        self.path(ref).unlink(missing_ok=True)
        self._seen[ref] = None
