"""The progress database: one row per finished attempt, in SQLite under the user data dir.

The database carries its schema version in SQLite's `user_version`; opening it runs the
migrations from whatever version it has up to `SCHEMA_VERSION`, and a database from a newer
Yesable is refused rather than changed. Every failure (a corrupt, locked or unreadable file, a
newer schema) is a `ProgressError`, so callers can go on without progress instead of crashing.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TypeVar

from simulator.errors import StorageError

T = TypeVar("T")

SCHEMA_VERSION = 1
"""The schema this Yesable writes (SQLite `PRAGMA user_version`)."""

MIGRATIONS: dict[int, str] = {
    # to version 1: the attempts table (databases made before versioning already have it)
    1: """
CREATE TABLE IF NOT EXISTS attempts (
    id INTEGER PRIMARY KEY,
    scenario TEXT NOT NULL,
    finished_at TEXT NOT NULL,
    total INTEGER NOT NULL,
    components TEXT NOT NULL,
    ending TEXT,
    transcript TEXT
);
CREATE INDEX IF NOT EXISTS attempts_scenario ON attempts (scenario);
""",
}
"""version -> the SQL that brings a database from the version before it up to that version."""

BUSY_TIMEOUT = 2.0
"""Seconds to wait for another process's lock before giving up with a ProgressError."""


class ProgressError(StorageError):
    """The progress database cannot be used now (corrupt, locked, unreadable, or newer)."""


@dataclass(frozen=True)
class Attempt:
    scenario: str
    finished_at: str
    total: int
    components: dict[str, int]
    ending: str | None
    transcript: str | None = None


class Progress:
    """The database at `path`, opened (and migrated) on first use, so a broken file costs nothing
    until someone needs progress, and then costs a ProgressError, not a crash."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._ready = False

    def _connect(self) -> sqlite3.Connection:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        db = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT)
        if not self._ready:
            try:
                migrate(db)
            except BaseException:
                db.close()
                raise
            self._ready = True
        return db

    def _use(self, work: Callable[[sqlite3.Connection], T]) -> T:
        try:
            db = self._connect()
            try:
                with db:
                    return work(db)
            finally:
                db.close()
        except (sqlite3.Error, OSError, ValueError, TypeError) as error:
            raise ProgressError(f"{self.path.name}: {error}") from None

    def record(
        self,
        scenario: str,
        scores: dict[str, int],
        ending: str | None,
        transcript: str | None = None,
        finished_at: datetime | None = None,
    ) -> Attempt:
        when = (finished_at or datetime.now(UTC)).isoformat(timespec="seconds")
        components = {k: int(v) for k, v in scores.items() if k != "total"}
        attempt = Attempt(scenario, when, int(scores["total"]), components, ending, transcript)
        self._use(
            lambda db: db.execute(
                "INSERT INTO attempts (scenario, finished_at, total, components, ending, transcript)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                (scenario, when, attempt.total, json.dumps(components), ending, transcript),
            )
        )
        return attempt

    def attempts(self, scenario: str) -> list[Attempt]:
        rows: list[Any] = self._use(
            lambda db: db.execute(
                "SELECT scenario, finished_at, total, components, ending, transcript FROM attempts"
                " WHERE scenario = ? ORDER BY id",
                (scenario,),
            ).fetchall()
        )
        return [Attempt(r[0], r[1], r[2], _components(r[3]), r[4], r[5]) for r in rows]

    def best(self) -> dict[str, tuple[int, int]]:
        """scenario -> (best total, number of attempts)."""
        rows: list[Any] = self._use(
            lambda db: db.execute("SELECT scenario, MAX(total), COUNT(*) FROM attempts GROUP BY scenario").fetchall()
        )
        return {r[0]: (r[1], r[2]) for r in rows}


def migrate(db: sqlite3.Connection) -> None:
    """Bring `db` up to SCHEMA_VERSION; raises ProgressError for a database from a newer Yesable."""
    version = int(db.execute("PRAGMA user_version").fetchone()[0])
    if version > SCHEMA_VERSION:
        raise ProgressError(f"made by a newer Yesable (schema {version}; this one knows {SCHEMA_VERSION})")
    for target in range(version + 1, SCHEMA_VERSION + 1):
        with db:
            db.executescript(MIGRATIONS[target])
            db.execute(f"PRAGMA user_version = {target}")


def _components(text: str) -> dict[str, int]:
    try:
        value = json.loads(text)
    except (ValueError, RecursionError):
        return {}
    return {str(k): int(v) for k, v in value.items() if isinstance(v, int)} if isinstance(value, dict) else {}
