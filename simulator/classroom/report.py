"""`yesable report`: a class debrief as one self-contained HTML page, readable on a projector.

Charts are plain HTML and CSS (no scripts, no network). Players appear by alias unless the trainer
asks for names.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from simulator.classroom.render import render
from simulator.classroom.report_data import Group, build_group, group_transcripts
from simulator.classroom.transcript import Transcript
from simulator.content.inert import inert
from simulator.content.loaded import LoadedScenario
from simulator.content.vocabulary import Style


@dataclass
class ClassReport:
    groups: list[Group]
    skipped: list[str]
    generated: datetime
    names: bool

    @property
    def size(self) -> int:
        return sum(g.size for g in self.groups)


def build_report(
    transcripts: Sequence[Transcript],
    installed: dict[str, LoadedScenario | None],
    *,
    skipped: Sequence[str] = (),
    names: bool = False,
) -> ClassReport:
    """`installed` maps each transcript's scenario ref to the installed scenario (or None)."""
    from simulator.classroom.handout_data import solver_summary
    from simulator.classroom.report_prep import class_prep

    practice = [t for t in transcripts if t.practice is not None]
    skipped = [
        *skipped,
        *(
            f"{t.player.alias or t.id}, {t.scenario}: a practice game ({t.practice.describe()}), not a result"
            for t in practice
            if t.practice
        ),
    ]
    groups = []
    for members in group_transcripts([t for t in transcripts if t.practice is None]):
        loaded = installed.get(members[0].scenario)
        group = build_group(members, loaded, names)
        if group.installed and loaded is not None:
            group.best_score = solver_summary(loaded)
        group.prep = class_prep(members, loaded if group.installed else None)  # prep sheets
        groups.append(group)
    return ClassReport(groups, list(skipped), datetime.now(UTC), names)


def render_report(report: ClassReport) -> str:
    from simulator import __version__

    return render("report.html.j2", report=report, version=__version__, all_styles=[str(s) for s in Style])


CSV_COLUMNS = (
    "player",
    "round",
    "scenario",
    "pack_version",
    "ending",
    "ending_kind",
    "timed_out",
    "total",
    "outcome",
    "relationship",
    "discovery",
    "process",
    "moves",
    "minutes",
    "main_style",
    "above_batna",
)


def report_csv(report: ClassReport) -> str:
    """One row per session, for a spreadsheet or gradebook (aliases unless the report has names)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for group in report.groups:
        version = group.pack.rsplit(" ", 1)[-1]
        for p in group.players:
            writer.writerow(
                [
                    _cell(p.label),
                    _cell(p.round or ""),
                    _cell(group.scenario),
                    _cell(version),
                    _cell(p.ending),
                    _cell(p.ending_kind),
                    p.ending.endswith("(time ran out)"),
                    *(p.score(k) for k in CSV_COLUMNS[7:12]),
                    "paper" if p.paper else p.moves,
                    round(p.minutes, 1),
                    p.style,
                    "" if p.above_batna is None else p.above_batna,
                ]
            )
    return buffer.getvalue()


def _cell(text: str) -> str:
    """Text a spreadsheet will not run as a formula (CSV injection), without control characters."""
    text = inert(text)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text
