"""A live round's results into an LRS: each finished session's statements, as transcripts arrive.

`yesable serve --lrs URL` runs `LiveExport.poll` every few seconds beside the server: it reads the
transcripts the players' app processes have written since the last look, queues their statements
in the outbox and sends what waits (simulator.classroom.lrs). A transcript is taken once the app
has added the solver's review to it (each move's regret and label), or once it has not changed for
`settle` seconds (a scenario the solver cannot review), so the LRS receives the final statements.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from simulator.classroom.lrs import BATCH_SIZE, Outbox
from simulator.classroom.transcript import Transcript, TranscriptError, read_transcript

SETTLE = 60.0
INTERVAL = 5.0


def _final(t: Transcript, age: float, settle: float) -> bool:
    """The transcript will not change any more: reviewed, a paper session, or quiet for `settle` s."""
    return not t.moves or any(m.regret is not None for m in t.moves) or age >= settle


@dataclass
class LiveExport:
    outbox: Outbox
    folder: Path
    pattern: str
    """Glob under `folder` for the transcripts to watch, e.g. `*/transcripts/*.json`."""
    base: str
    home_page: str
    names: bool = False
    settle: float = SETTLE
    batch_size: int = BATCH_SIZE
    clock: Callable[[], float] = time.time
    seen: dict[Path, int] = field(default_factory=dict)
    """Each transcript file taken, with its modification time then: a file rewritten is taken again."""
    problem: str | None = None
    """The last reason sending stopped (said once, not at every poll)."""

    def poll(self) -> list[str]:
        """Queue the statements of transcripts that arrived, send what waits; lines to report."""
        from simulator.classroom.verify import verified_transcripts
        from simulator.classroom.xapi import statements
        from simulator.content.inert import inert_json

        lines: list[str] = []
        arrived: list[tuple[Path, Transcript]] = []
        for path, mtime in self._changed():
            try:
                t = read_transcript(path)
            except TranscriptError as error:
                self.seen[path] = mtime
                lines.append(f"skipped {error}")
                continue
            if _final(t, self.clock() - mtime / 1e9, self.settle):
                self.seen[path] = mtime
                arrived.append((path, t))
        checked, notes = verified_transcripts(arrived)
        lines += notes
        queued = [
            inert_json(s)
            for t in checked
            for s in statements(t, base=self.base, home_page=self.home_page, names=self.names)
        ]
        if queued:
            self.outbox.add(queued, self.batch_size)
        if not self.outbox.pending():
            return lines
        result = self.outbox.flush()
        if result.sent:
            lines.append(f"{result.sent} statement(s) from {len(checked)} session(s) sent to {self.outbox.lrs.url}")
        lines += [f"rejected by the LRS: {line}" for line in result.rejected]
        if result.problem and result.problem != self.problem:
            lines.append(
                f"{result.problem}; {result.waiting} statement(s) wait in {self.outbox.folder} and go with the next try"
            )
        elif self.problem and not result.problem:
            lines.append(f"the LRS answers again: the outbox is {'empty' if not result.waiting else 'sending'}")
        self.problem = result.problem
        return lines

    def _changed(self) -> list[tuple[Path, int]]:
        out = []
        for path in sorted(self.folder.glob(self.pattern)):
            if path.name.startswith("."):
                continue
            try:
                mtime = path.stat().st_mtime_ns
            except OSError:
                continue
            if self.seen.get(path) != mtime:
                out.append((path, mtime))
        return out

    def run(self, stop: threading.Event, report: Callable[[str], None], interval: float = INTERVAL) -> None:
        """Poll every `interval` seconds until `stop` is set, then once more."""
        while True:
            stopping = stop.wait(interval)
            try:
                lines = self.poll()
            except OSError as error:
                lines = [f"cannot read or queue results: {error}"]
            for line in lines:
                report(line)
            if stopping:
                return
