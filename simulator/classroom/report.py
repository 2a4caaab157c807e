"""`yesable report`: a class debrief as one self-contained HTML page, readable on a projector.

Charts are plain HTML and CSS (no scripts, no network). Players appear by alias unless the trainer
asks for names.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from simulator.classroom.render import render, write_text_atomic
from simulator.classroom.report_data import Group, build_group, group_transcripts
from simulator.classroom.transcript import Transcript
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

    groups = []
    for members in group_transcripts(transcripts):
        loaded = installed.get(members[0].scenario)
        group = build_group(members, loaded, names)
        if group.installed and loaded is not None:
            group.best_score = solver_summary(loaded)
        groups.append(group)
    return ClassReport(groups, list(skipped), datetime.now(UTC), names)


def render_report(report: ClassReport) -> str:
    from simulator import __version__

    return render("report.html.j2", report=report, version=__version__, all_styles=[str(s) for s in Style])


def write_report(report: ClassReport, out: Path) -> Path:
    write_text_atomic(out, render_report(report))
    return out
