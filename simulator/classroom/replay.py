"""Replay a transcript on the installed pack and say whether it reproduces.

A transcript's scores belong to the content it was played on: when the installed pack's content
hash differs, the transcript is flagged (`Verdict.OTHER_VERSION`) and never re-scored. Otherwise the
moves are played again with the same seed, the whole transcript is derived again, and every field
it got wrong is named (simulator.classroom.verify).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from simulator.classroom.transcript import Transcript
from simulator.content.loaded import LoadedScenario


class Verdict(StrEnum):
    REPRODUCES = "reproduces"
    DIFFERS = "differs"
    OTHER_VERSION = "other-version"
    NOT_INSTALLED = "not-installed"
    PAPER = "paper"
    """A paper session: nothing to replay; its outcome re-scores from its agreed options."""


@dataclass
class ReplayResult:
    verdict: Verdict
    summary: str
    differences: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.verdict in (Verdict.REPRODUCES, Verdict.PAPER)


def version_note(t: Transcript, loaded: LoadedScenario) -> str | None:
    """Why `t` cannot be scored on `loaded`, or None when it was played on exactly this content."""
    if loaded.content_hash == t.pack.content_hash:
        return None
    return (
        f"played on pack {t.pack.id} {t.pack.version} (content {t.pack.content_hash[:12]}), "
        f"installed is {loaded.pack.version} (content {loaded.content_hash[:12]}); "
        "not re-scored"
    )


def replay_transcript(t: Transcript, loaded: LoadedScenario | None) -> ReplayResult:
    """Whether `t` is exactly what its seed and moves give on `loaded`: every derived field is
    re-derived (simulator.classroom.verify) and each one the file got wrong is named."""
    from simulator.classroom.verify import verify

    paper = " (a paper session: nothing to replay)" if t.paper else ""
    if loaded is None:
        return ReplayResult(
            Verdict.NOT_INSTALLED, f"scenario {t.scenario} (pack {t.pack.id} {t.pack.version}) is not installed{paper}"
        )
    note = version_note(t, loaded)
    if note is not None:
        return ReplayResult(Verdict.OTHER_VERSION, note + paper)
    verified = verify(t, loaded)
    differences = verified.differences
    if differences:
        return ReplayResult(Verdict.DIFFERS, f"{t.scenario}: does not reproduce", differences)
    if t.paper:
        return ReplayResult(
            Verdict.PAPER,
            f"{t.scenario}: a paper session, nothing to replay (no moves); "
            f"{t.ending_title}, its outcome re-scores to {t.scores.get('outcome')}",
        )
    ending = (t.ending_title or "no ending") + (" when time ran out" if t.timed_out else "")
    return ReplayResult(
        Verdict.REPRODUCES, f"{t.scenario}: reproduces ({len(t.moves)} moves, {ending}, total {t.scores.get('total')})"
    )
