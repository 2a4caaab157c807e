"""How well the class read the room: the preparation sheets of a group of transcripts, aggregated.

Only transcripts with a sheet count (a learner who did not prepare is not a wrong read). Per
stakeholder: the share of sheets that placed them right on the influence map and the mean credit
of the interests and power reads; then how many got their BATNA and reservation value right and
named whom to meet first, and the sheets' mean score. Credits come from the transcripts, which
`report` re-derives where the pack is installed (classroom.verify).
"""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from dataclasses import dataclass

from simulator.classroom.transcript import PrepLine, Transcript
from simulator.content.loaded import LoadedScenario


@dataclass(frozen=True)
class StakeholderRead:
    """The class's read of one stakeholder."""

    who: str
    name: str
    truth: str
    """Where they really sit on the influence map."""
    placed_right: int
    """Sheets that placed them in that quadrant."""
    interests: float
    """Mean credit of the interests read, 0..1."""
    power: float
    """Mean credit of the power read, 0..1."""


@dataclass(frozen=True)
class ClassPrep:
    sheets: int
    """Transcripts with a preparation sheet."""
    stakeholders: list[StakeholderRead]
    batna_right: int
    reservation_right: int
    meet_first_right: int
    mean_score: float
    scores: list[int]


def _items(t: Transcript, who: str | None, topic: str) -> list[PrepLine]:
    return [i for i in t.prep.items if i.who == who and i.topic == topic] if t.prep else []


def _mean(values: Sequence[float]) -> float:
    return statistics.fmean(values) if values else 0.0


def _stakeholder(sheets: Sequence[Transcript], who: str, name: str) -> StakeholderRead:
    placed = [i for t in sheets for i in _items(t, who, "quadrant")]
    return StakeholderRead(
        who,
        name,
        placed[0].truth.replace("_", " ") if placed else "",
        sum(i.credit == 1 for i in placed),
        _mean([i.credit for t in sheets for i in _items(t, who, "interests")]),
        _mean([i.credit for t in sheets for i in _items(t, who, "power")]),
    )


def class_prep(transcripts: Sequence[Transcript], loaded: LoadedScenario | None) -> ClassPrep | None:
    """The class's preparation, from the transcripts that carry a sheet; None when none does.
    `loaded` (the installed scenario, if any) gives the stakeholders' names."""
    sheets = [t for t in transcripts if t.prep is not None]
    if not sheets:
        return None
    who = list(dict.fromkeys(i.who for t in sheets if t.prep for i in t.prep.items if i.who is not None))
    names = {p: loaded.personas[p].name for p in who if loaded is not None and p in loaded.personas}

    def right(topic: str) -> int:
        return sum(i.credit == 1 for t in sheets for i in _items(t, None, topic))

    scores = [t.prep.score for t in sheets if t.prep is not None]
    return ClassPrep(
        sheets=len(sheets),
        stakeholders=[_stakeholder(sheets, p, names.get(p, p)) for p in who],
        batna_right=right("batna"),
        reservation_right=right("reservation"),
        meet_first_right=right("meet_first"),
        mean_score=_mean(scores),
        scores=scores,
    )
