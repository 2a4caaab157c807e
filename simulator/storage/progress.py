"""The progress database: one row per finished attempt, in SQLite under the user data dir."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

_SCHEMA = """
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
"""


@dataclass(frozen=True)
class Attempt:
    scenario: str
    finished_at: str
    total: int
    components: dict[str, int]
    ending: str | None
    transcript: str | None = None


class Progress:
    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        with self._connect() as db:
            db.executescript(_SCHEMA)

    def _connect(self) -> sqlite3.Connection:
        return sqlite3.connect(self.path)

    def record(self, scenario: str, scores: dict[str, int], ending: str | None,
               transcript: str | None = None, finished_at: datetime | None = None) -> Attempt:
        when = (finished_at or datetime.now(UTC)).isoformat(timespec="seconds")
        components = {k: int(v) for k, v in scores.items() if k != "total"}
        attempt = Attempt(scenario, when, int(scores["total"]), components, ending, transcript)
        with self._connect() as db:
            db.execute(
                "INSERT INTO attempts (scenario, finished_at, total, components, ending, transcript)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                (scenario, when, attempt.total, json.dumps(components), ending, transcript),
            )
        return attempt

    def attempts(self, scenario: str) -> list[Attempt]:
        with self._connect() as db:
            rows = db.execute(
                "SELECT scenario, finished_at, total, components, ending, transcript FROM attempts"
                " WHERE scenario = ? ORDER BY id", (scenario,)).fetchall()
        return [Attempt(r[0], r[1], r[2], json.loads(r[3]), r[4], r[5]) for r in rows]

    def best(self) -> dict[str, tuple[int, int]]:
        """scenario -> (best total, number of attempts)."""
        with self._connect() as db:
            rows = db.execute("SELECT scenario, MAX(total), COUNT(*) FROM attempts GROUP BY scenario").fetchall()
        return {r[0]: (r[1], r[2]) for r in rows}
