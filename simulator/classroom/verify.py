"""Transcripts are re-derived, not trusted.

A transcript file is whatever arrives in the results folder: a player can edit their score, the
ending's title, the BATNA verdicts or the reasons before handing it in. Everything in it except
who played and when is a function of the pack's content, the seed and the moves, so `replay`,
`report` and `export-xapi` rebuild it from those three (`rederive`) and name every field the file
got wrong (`differences`). Only transcripts of an installed pack at the same content can be
re-derived; the others are reported as unverified.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from simulator.classroom.transcript import Transcript
from simulator.content.loaded import LoadedScenario
from simulator.content.records import to_data
from simulator.errors import ContentError

PROVENANCE = frozenset(
    {"id", "yesable_version", "player", "round", "started_at", "finished_at", "time_box_minutes", "timed_out"}
)
"""`mode` is not here: a session marked paper is re-scored as one (from its agreed options), any
other is replayed from its moves, and either way the mode is kept and compared."""
"""Transcript fields that record who played and when: taken from the file, not derived."""
MOVE_PROVENANCE = frozenset({"at"})
REVIEW_FIELDS = frozenset({"label", "regret", "better"})
"""Per-move fields the solver adds; compared only when the file has them."""
OLD_GRADES = frozenset({"strong", "sound", "weak", "costly"})
"""Yesable 0.1 wrote these words as a move's grade; its qualities are still compared."""


class NotReplayable(ContentError, ValueError):
    """The moves cannot be played on the installed content (the message says where they fail)."""


@dataclass
class Verified:
    """A transcript as re-derived from its pack, seed and moves, with what the file got wrong."""

    transcript: Transcript
    differences: list[str] = field(default_factory=list)

    @property
    def faithful(self) -> bool:
        return not self.differences


def rederive(t: Transcript, loaded: LoadedScenario) -> Transcript:
    """The transcript the engine builds from `t`'s seed and moves on `loaded` (same content as
    `t.pack`), with `t`'s provenance; raises NotReplayable when a move cannot be played."""
    from simulator.classroom.transcript import build_transcript
    from simulator.content.loaded import translated
    from simulator.engine import EngineError

    loaded = translated(loaded, t.language)  # its texts (notes, better moves) are in that language
    if t.paper:
        return _rederive_paper(t, loaded)
    session = _first_session(t, loaded)
    for recorded in t.moves:
        number = recorded.step + 1
        if session.ended:
            raise NotReplayable(f"move {number} ({recorded.choice}): the session had already ended")
        if session.state.scene != recorded.scene:
            raise NotReplayable(f"move {number}: in scene {session.state.scene}, the transcript says {recorded.scene}")
        try:
            session.choose(recorded.choice)
        except EngineError as exc:
            raise NotReplayable(f"move {number} ({recorded.choice}): {exc}") from None
    reviews = _reviews(t, loaded, session) if any(m.regret is not None for m in t.moves) else None
    fresh = build_transcript(
        session,
        reviews,
        player=t.player.alias,
        name=t.player.name,
        round_id=t.round,
        started_at=t.started_at,
        finished_at=t.finished_at,
        move_times=[m.at for m in t.moves],
        time_box_minutes=t.time_box_minutes,
        timed_out=t.timed_out,
        mode=t.mode,
        practice=t.practice,
        prep=_prep_sheet(t, loaded),
    )
    return replace(fresh, id=t.id, yesable_version=t.yesable_version)


def _prep_sheet(t: Transcript, loaded: LoadedScenario) -> Any:
    """The prep sheet the file records, graded again by `build_transcript` (None: no sheet)."""
    from simulator.classroom.transcript import TranscriptError, prep_sheet

    if t.prep is None:
        return None
    try:
        return prep_sheet(loaded, t.prep)
    except TranscriptError as exc:
        raise NotReplayable(str(exc)) from None


def _first_session(t: Transcript, loaded: LoadedScenario) -> Any:
    """The session the moves were played from: the scenario's start, or a practice game's state."""
    from simulator.engine import EngineError, Session

    start = t.practice.start if t.practice is not None else None
    if start is None:
        return Session.start(loaded, seed=t.seed)
    if start.seed != t.seed or start.history:
        raise NotReplayable("the practice game's starting state does not fit its seed and moves")
    try:
        return Session.restore(loaded, start)
    except EngineError as exc:
        raise NotReplayable(f"the practice game's starting state: {exc}") from None


def _rederive_paper(t: Transcript, loaded: LoadedScenario) -> Transcript:
    """A paper session has no moves to play: its outcome is re-scored from the agreed options."""
    from simulator.classroom.paper import build_paper_transcript

    if t.moves:
        raise NotReplayable(f"a paper session has no moves, this one has {len(t.moves)}")
    agreement = dict(t.agreement) if t.ending_kind == "agreement" else None
    try:
        fresh = build_paper_transcript(
            loaded,
            agreement,
            group=t.player.alias or "",
            round_id=t.round,
            name=t.player.name,
            started_at=t.started_at,
            finished_at=t.finished_at,
        )
    except ValueError as exc:
        raise NotReplayable(str(exc)) from None
    return replace(
        fresh,
        id=t.id,
        yesable_version=t.yesable_version,
        player=t.player,
        time_box_minutes=t.time_box_minutes,
        timed_out=t.timed_out,
    )


def _reviews(t: Transcript, loaded: LoadedScenario, session: Any) -> Sequence[Any] | None:
    from simulator.analysis.review import review
    from simulator.analysis.solve import SolveError

    try:
        return review(loaded, session.state.history, seed=t.seed)
    except (SolveError, ValueError):
        return None


def differences(recorded: Transcript, fresh: Transcript) -> list[str]:
    """Every derived field where `recorded` differs from `fresh`, named by its path."""
    old, new = to_data(recorded), to_data(fresh)
    out: list[str] = []
    for key in sorted(set(old) | set(new)):
        if key in PROVENANCE:
            continue
        if key == "moves":
            out += _move_differences(old.get("moves", []), new.get("moves", []))
        else:
            out += [_say(path, a, b) for path, a, b in _diff(key, old.get(key), new.get(key))]
    return out


def _move_differences(old: list[Any], new: list[Any]) -> list[str]:
    if len(old) != len(new):
        return [f"moves: {len(new)} replayed, the transcript has {len(old)}"]
    out: list[str] = []
    for i, (a, b) in enumerate(zip(old, new, strict=True)):
        for key in sorted(set(a) | set(b)):
            if key in MOVE_PROVENANCE or (key in REVIEW_FIELDS and a.get(key) is None):
                continue
            if key == "grade" and a.get(key) in OLD_GRADES:
                continue
            out += [_say(path, x, y) for path, x, y in _diff(f"moves[{i}].{key}", a.get(key), b.get(key))]
    return out


def _diff(path: str, a: Any, b: Any) -> Iterator[tuple[str, Any, Any]]:
    if isinstance(a, dict) and isinstance(b, dict):
        for key in sorted(set(a) | set(b), key=str):
            yield from _diff(f"{path}.{key}", a.get(key), b.get(key))
    elif isinstance(a, list) and isinstance(b, list) and len(a) == len(b) and any(isinstance(x, dict) for x in a):
        for i, (x, y) in enumerate(zip(a, b, strict=True)):
            yield from _diff(f"{path}[{i}]", x, y)
    elif a != b and not (isinstance(a, float) and isinstance(b, float) and abs(a - b) < 1e-6):
        yield path, a, b


def _say(path: str, recorded: Any, replayed: Any) -> str:
    return f"{path}: {_short(replayed)} replayed, the transcript says {_short(recorded)}"


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def verify(t: Transcript, loaded: LoadedScenario) -> Verified:
    """`t` re-derived on `loaded` (which must hold the same content) and what it got wrong."""
    try:
        fresh = rederive(t, loaded)
    except NotReplayable as exc:
        return Verified(t, [str(exc)])
    return Verified(fresh, differences(t, fresh))


def verified_transcripts(found: Sequence[tuple[Any, Transcript]]) -> tuple[list[Transcript], list[str]]:
    """Each transcript re-derived where its pack is installed at the same content, with one line
    per transcript that needed it: fields it got wrong (the re-derived values are used), moves that
    cannot be played (left out), or no pack to check it against (kept, marked unverified)."""
    from simulator.classroom.installed import scenario_by_ref

    out: list[Transcript] = []
    lines: list[str] = []
    for path, t in found:
        loaded = scenario_by_ref(t.scenario)
        if loaded is None or loaded.content_hash != t.pack.content_hash:
            why = "its scenario is not installed" if loaded is None else "it was played on another pack version"
            lines.append(f"{path}: not verified ({why}); shown as recorded")
            out.append(t)
            continue
        try:
            fresh = rederive(t, loaded)
        except NotReplayable as exc:
            lines.append(f"{path}: left out: its moves do not play on the installed pack ({exc})")
            continue
        wrong = differences(t, fresh)
        if wrong:
            shown = "; ".join(wrong[:4]) + (f"; and {len(wrong) - 4} more" if len(wrong) > 4 else "")
            lines.append(
                f"{path}: {len(wrong)} field(s) differ from what its moves give, re-derived values used: {shown}"
            )
        out.append(fresh)
    return out, lines
