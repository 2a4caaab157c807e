"""Replay a transcript on the installed pack and say whether it reproduces.

A transcript's scores belong to the content it was played on: when the installed pack's content
hash differs, the transcript is flagged (`Verdict.OTHER_VERSION`) and never re-scored. Otherwise the
moves are played again with the same seed and every move, the ending and the scores are compared.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from simulator.classroom.transcript import Transcript, timed_out_state
from simulator.content.loaded import LoadedScenario
from simulator.scoring.labels import LABELS


class Verdict(StrEnum):
    REPRODUCES = "reproduces"
    DIFFERS = "differs"
    OTHER_VERSION = "other-version"
    NOT_INSTALLED = "not-installed"


@dataclass
class ReplayResult:
    verdict: Verdict
    summary: str
    differences: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.verdict is Verdict.REPRODUCES


def version_note(t: Transcript, loaded: LoadedScenario) -> str | None:
    """Why `t` cannot be scored on `loaded`, or None when it was played on exactly this content."""
    if loaded.content_hash == t.pack.content_hash:
        return None
    return (f"played on pack {t.pack.id} {t.pack.version} (content {t.pack.content_hash[:12]}), "
            f"installed is {loaded.pack.version} (content {loaded.content_hash[:12]}); "
            "not re-scored")


def replay_transcript(t: Transcript, loaded: LoadedScenario | None) -> ReplayResult:
    from simulator.engine import EngineError, Session
    from simulator.scoring import score_session

    if loaded is None:
        return ReplayResult(Verdict.NOT_INSTALLED,
                            f"scenario {t.scenario} (pack {t.pack.id} {t.pack.version}) is not installed")
    note = version_note(t, loaded)
    if note is not None:
        return ReplayResult(Verdict.OTHER_VERSION, note)
    session = Session.start(loaded, seed=t.seed)
    differences: list[str] = []
    for recorded in t.moves:
        number = recorded.step + 1
        if session.ended:
            differences.append(f"move {number} ({recorded.choice}): the session had already ended")
            break
        if session.state.scene != recorded.scene:
            differences.append(f"move {number}: in scene {session.state.scene}, "
                               f"the transcript says {recorded.scene}")
            break
        try:
            result = session.choose(recorded.choice)
        except EngineError as exc:
            differences.append(f"move {number} ({recorded.choice}): {exc}")
            break
        if result.move.to != recorded.to:
            differences.append(f"move {number} ({recorded.choice}): led to {result.move.to}, "
                               f"the transcript says {recorded.to}")
            break
    else:
        state = session.state
        if t.timed_out and not state.ended:
            state = timed_out_state(loaded, state)
        debrief = score_session(loaded, state)
        if debrief.ending != t.ending:
            differences.append(f"ending {debrief.ending}, the transcript says {t.ending}")
        for name, value in debrief.scores.items():
            if t.scores.get(name) != value:
                differences.append(f"{name} score {value}, the transcript says {t.scores.get(name)}")
        recorded_qualities = [m.quality for m in t.moves]
        replayed_qualities = [round(g.grade.quality, 4) for g in debrief.moves]
        if recorded_qualities != replayed_qualities:
            differences.append(f"move qualities {replayed_qualities}, the transcript says {recorded_qualities}")
        recorded_grades = [m.grade for m in t.moves]
        replayed_grades = [g.grade.grade for g in debrief.moves]
        if all(g in LABELS for g in recorded_grades) and recorded_grades != replayed_grades:
            # (a transcript of Yesable 0.1 holds the old words, strong ... costly: qualities suffice)
            differences.append(f"grades {replayed_grades}, the transcript says {recorded_grades}")
    if differences:
        return ReplayResult(Verdict.DIFFERS, f"{t.scenario}: does not reproduce", differences)
    ending = (t.ending_title or "no ending") + (" when time ran out" if t.timed_out else "")
    return ReplayResult(Verdict.REPRODUCES,
                        f"{t.scenario}: reproduces ({len(t.moves)} moves, {ending}, total {t.scores.get('total')})")
