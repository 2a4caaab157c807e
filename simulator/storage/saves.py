"""Autosaves: one JSON file per scenario under `<data dir>/saves`, written atomically.

A save that cannot be read is moved aside to `<name>.corrupt-<timestamp>` and reported, so one bad
file never crashes the app or touches the other saves.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

SAVE_VERSION = 1
"""The save file's own format; the engine state inside carries its `schema_version`."""


def atomic_write(target: Path, text: str) -> None:
    """Write `text` to `target` through a temporary file and `os.replace`: all or nothing."""
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}-", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


@dataclass(frozen=True)
class SavedGame:
    scenario: str
    """`pack/scenario`."""
    state_json: str
    """The engine's SessionState as JSON."""
    saved_at: str
    move_times: list[str]


class Saves:
    """The autosave folder. Every method reports problems in `self.problems` instead of raising."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.problems: list[str] = []

    def path(self, ref: str) -> Path:
        return self.root / (re.sub(r"[^A-Za-z0-9_]+", "__", ref) + ".json")

    def write(self, ref: str, state_json: str, move_times: list[str] | None = None) -> Path:
        target = self.path(ref)
        body = {
            "save_version": SAVE_VERSION,
            "scenario": ref,
            "saved_at": datetime.now(UTC).isoformat(timespec="seconds"),
            "state": json.loads(state_json),
            "move_times": move_times or [],
        }
        atomic_write(target, json.dumps(body, indent=1) + "\n")
        return target

    def read(self, ref: str) -> SavedGame | None:
        """The save for `ref`, or None when there is none or it was corrupt (then it is set aside)."""
        target = self.path(ref)
        if not target.is_file():
            return None
        try:
            body = json.loads(target.read_text(encoding="utf-8"))
            if not isinstance(body, dict) or body.get("scenario") != ref or not isinstance(body.get("state"), dict):
                raise ValueError("not a Yesable save for this scenario")
            if body.get("save_version") != SAVE_VERSION:
                raise ValueError(f"save format {body.get('save_version')!r}, this version reads {SAVE_VERSION}")
            times = body.get("move_times", [])
            return SavedGame(ref, json.dumps(body["state"]), str(body.get("saved_at", "")),
                             [str(t) for t in times] if isinstance(times, list) else [])
        except (OSError, ValueError, UnicodeDecodeError) as error:
            self.set_aside(ref, str(error))
            return None

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
