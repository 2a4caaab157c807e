"""Transcripts: one JSON file per finished session, the unit a class exchanges.

A transcript records what was played (pack id, version and content hash, scenario, seed, each
move with its time and grade), how it ended and how it scored, tagged with the player's alias and
the round. The schema is versioned (`TRANSCRIPT_VERSION`) and documented in docs/transcript.md;
`read_transcript` refuses anything it cannot trust with one clear sentence (`TranscriptError`).
"""

from __future__ import annotations

import copy
import json
import re
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Literal

from annotated_types import Ge, Interval

from simulator.content.constraints import Doc
from simulator.content.records import Record, adapter, to_data
from simulator.engine.state import SessionState
from simulator.errors import ContentError
from simulator.storage.files import atomic_write
from simulator.storage.jsonfile import UnreadableJson, parse_json, read_json_file

if TYPE_CHECKING:
    from simulator.content.loaded import LoadedScenario
    from simulator.engine import Session
    from simulator.scoring import MoveReview
    from simulator.scoring.prep import PrepSheet

TRANSCRIPT_VERSION: Literal[1] = 1
"""Bumped whenever a field changes meaning or a required field is added."""
KIND: Literal["yesable.transcript"] = "yesable.transcript"
FILE_MODE = 0o644
"""Transcripts are readable by the facilitator who collects the folder (not owner-only like saves)."""
Mode = Literal["app", "run", "paper"]
"""How a session was played: in the app, headless (`yesable run`), or on paper (`yesable record`)."""
MAX_BYTES = 5_000_000
"""Refuse bigger files: a real session is a few kilobytes."""


class TranscriptError(ContentError, ValueError):
    """A transcript file that cannot be read; the message names the file and what is wrong."""


@dataclass(kw_only=True)
class PackStamp(Record):
    """Which content the session was played on: replays and reports compare the hash."""

    id: str
    version: str
    content_hash: Annotated[str, Doc("SHA-256 over the pack's files, as the loader computes it.")]


@dataclass(kw_only=True)
class PlayerTag(Record):
    alias: Annotated[str | None, Doc("What the class report shows by default.")] = None
    name: Annotated[str | None, Doc("Shown only when the trainer asks for names.")] = None


@dataclass(kw_only=True)
class BetterMove(Record):
    """The move that kept the most of the best total where a costlier one was played."""

    choice: str
    text: Annotated[str, Doc("The choice's text, plain, as the player would have read it.")]
    gain: Annotated[
        float, Interval(ge=0, le=100), Doc("Points of the best reachable total it kept that the move played gave away.")
    ]


@dataclass(kw_only=True)
class TranscriptMove(Record):
    step: Annotated[int, Ge(0)]
    at: Annotated[datetime | None, Doc("When the move was made (UTC), if recorded.")] = None
    scene: str
    choice: str
    style: str
    principles: list[str] = field(default_factory=list)
    violates: list[str] = field(default_factory=list)
    power: str | None = None
    fits: bool
    grade: Annotated[
        str,
        Doc(
            "The label by the move's tags alone: good, inaccuracy, mistake or blunder "
            "(strong, sound, weak or costly in transcripts of Yesable 0.1)."
        ),
    ]
    quality: Annotated[float, Interval(ge=0, le=1)]
    reason: str
    note: Annotated[str | None, Doc("The author's note on the move (the choice's feedback).")] = None
    label: Annotated[
        str | None,
        Doc("best, good, inaccuracy, mistake or blunder: keyed to `regret` when it is set, else equal to `grade`."),
    ] = None
    regret: Annotated[
        Annotated[float, Interval(ge=0, le=100)] | None,
        Doc("Points of the best reachable total the move gave away, when the solver answered."),
    ] = None
    better: Annotated[BetterMove | None, Doc("For a move with regret: the better move there.")] = None
    trust: Annotated[dict[str, int], Doc("Trust change per stakeholder.")] = field(default_factory=dict)
    revealed: list[str] = field(default_factory=list)
    walked_out: list[str] = field(default_factory=list)
    refused_by: Annotated[
        list[str], Doc("Stakeholders who refused the agreement this move reached (below their BATNA).")
    ] = field(default_factory=list)
    to: str


@dataclass(kw_only=True)
class PartyResult(Record):
    party: str
    name: str
    value: Annotated[float, Interval(ge=0, le=100)] | None
    batna_value: Annotated[int, Interval(ge=0, le=100)]
    above_batna: bool


@dataclass(kw_only=True)
class Practice(Record):
    """How a practice game differs from a real attempt: it is kept, but never counted as a result."""

    taken_back: Annotated[int, Ge(0), Doc("Moves the player took back (the moves listed are those kept).")] = 0
    start: Annotated[
        SessionState | None,
        Doc("The state the game began in (`play --from SCENE`): replays start from it."),
    ] = None

    def describe(self) -> str:
        """`started at scene X, 2 moves taken back`: why this is practice."""
        parts = [f"started at scene {self.start.scene}"] if self.start is not None else []
        if self.taken_back:
            parts.append(f"{self.taken_back} move{'s' if self.taken_back != 1 else ''} taken back")
        return ", ".join(parts) or "practice"


@dataclass(kw_only=True)
class PrepRead(Record):
    """The learner's read of one stakeholder on the preparation sheet."""

    quadrant: Annotated[str | None, Doc("Where they placed them on the influence map.")] = None
    interests: Annotated[list[str], Doc("Keys of the statements ticked as their interests.")] = field(
        default_factory=list
    )
    power: Annotated[list[str], Doc("The power bases ticked as strong for them.")] = field(default_factory=list)


@dataclass(kw_only=True)
class PrepLine(Record):
    """One graded item of the preparation sheet (simulator.scoring.prep)."""

    who: Annotated[str | None, Doc("The cast member it is about; null for the learner's.")] = None
    topic: Annotated[str, Doc("quadrant, interests, power, batna, reservation or meet_first.")]
    credit: Annotated[float, Interval(ge=0, le=1)]
    answer: Annotated[str, Doc("What the learner said, in words.")]
    truth: Annotated[str, Doc("The pack's truth, in words.")]


@dataclass(kw_only=True)
class PrepRecord(Record):
    """The preparation sheet the learner filled before playing, and its grade."""

    reads: Annotated[dict[str, PrepRead], Doc("Cast member: the learner's read of them.")] = field(default_factory=dict)
    batna_value: Annotated[int, Interval(ge=0, le=100)] | None = None
    reservation_value: Annotated[int, Interval(ge=0, le=100)] | None = None
    meet_first: str | None = None
    items: list[PrepLine] = field(default_factory=list)
    score: Annotated[int, Interval(ge=0, le=100), Doc("The mean credit as a percentage.")] = 0


@dataclass(kw_only=True)
class Transcript(Record):
    """One played session, as written to `<results>/<file>.json`."""

    kind: Literal["yesable.transcript"] = KIND
    schema_version: Literal[1] = TRANSCRIPT_VERSION
    id: Annotated[str, Doc("Unique per session.")] = field(default_factory=lambda: uuid.uuid4().hex)
    yesable_version: str
    pack: PackStamp
    scenario: Annotated[str, Doc("`pack/scenario` reference.")]
    scenario_title: str
    player: PlayerTag = field(default_factory=PlayerTag)
    round: Annotated[str | None, Doc("Round id a trainer gave with --round.")] = None
    mode: Annotated[
        Mode,
        Doc(
            "app, run (headless `yesable run`) or paper (a round played from handouts, "
            "entered with `yesable record`: no moves). Optional: older transcripts are app."
        ),
    ] = "app"
    seed: int
    started_at: datetime
    finished_at: datetime
    time_box_minutes: Annotated[int | None, Doc("The round's time box, if any.")] = None
    timed_out: Annotated[bool, Doc("The time box ran out before an ending.")] = False
    practice: Annotated[
        Practice | None,
        Doc(
            "Set for a practice game (moves taken back, or begun mid-scenario with `play --from`): "
            "not a result; progress and the class report leave it out."
        ),
    ] = None
    moves: list[TranscriptMove]
    ended: bool
    ending: str | None
    ending_title: str | None
    ending_kind: Annotated[str | None, Doc("agreement, impasse, escalation or walkout.")]
    scores: Annotated[
        dict[str, Annotated[int, Interval(ge=0, le=100)]], Doc("total, outcome, relationship, discovery, process.")
    ]
    styles: Annotated[
        dict[str, Annotated[float, Interval(ge=0, le=1)]], Doc("Share of moves per conflict style, 0..1.")
    ]
    agreement: Annotated[dict[str, str], Doc("issue id: option id")] = field(default_factory=dict)
    parties: list[PartyResult] = field(default_factory=list)
    hidden_found: list[str] = field(default_factory=list)
    hidden_missed: list[str] = field(default_factory=list)
    final_trust: dict[str, int] = field(default_factory=dict)
    language: Annotated[
        str | None,
        Doc(
            "The language the session was played in (`de`) when the pack was "
            "translated; absent: as the pack is written."
        ),
    ] = None
    prep: Annotated[
        PrepRecord | None,
        Doc(
            "The preparation sheet filled before play, graded against the pack (optional: "
            "absent when the learner did not prepare, and in transcripts of older versions)."
        ),
    ] = None

    @property
    def label(self) -> str:
        """Who played, as the class report shows them by default (alias, never the name)."""
        return self.player.alias or f"anonymous-{self.id[:6]}"

    @property
    def paper(self) -> bool:
        """A round played on paper: its outcome is scored from the agreed options, nothing else is measured."""
        return self.mode == "paper"

    @property
    def duration_seconds(self) -> float:
        return max(0.0, (self.finished_at - self.started_at).total_seconds())


def now() -> datetime:
    return datetime.now(UTC)


def build_transcript(
    session: Session,
    reviews: Sequence[MoveReview] | None = None,
    *,
    player: str | None = None,
    name: str | None = None,
    round_id: str | None = None,
    started_at: datetime | None = None,
    finished_at: datetime | None = None,
    move_times: Sequence[datetime | None] = (),
    time_box_minutes: int | None = None,
    timed_out: bool = False,
    mode: Mode = "app",
    practice: Practice | None = None,
    prep: PrepSheet | None = None,
) -> Transcript:
    """The transcript of `session` as it stands (normally once it has ended).

    `move_times[i]` is when move i was made; the TUI records them as the player chooses.
    `timed_out` marks a round whose time box ran out before an ending: the session is closed at the
    scenario's impasse ending (`timed_out_state`) and scored as such. `reviews` (the solver's
    regret and better move for each move) key each move's `label` to its regret.
    """
    from simulator import __version__
    from simulator.scoring import build_lesson, score_session

    loaded, state = session.loaded, session.state
    timed_out = timed_out and not state.ended
    if timed_out:
        state = timed_out_state(loaded, state)
    debrief = score_session(loaded, state)
    finished = finished_at or now()
    lesson = build_lesson(loaded, debrief, reviews, session.choice_text)
    moves = []
    for index, graded in enumerate(debrief.moves):
        move, grade = graded.move, graded.grade
        at = move_times[index] if index < len(move_times) else None
        better = lesson.better(index)
        moves.append(
            TranscriptMove(
                step=move.step,
                at=at,
                scene=move.scene,
                choice=move.choice,
                style=str(move.style),
                principles=[str(p) for p in move.principles],
                violates=[str(p) for p in move.violates],
                power=None if move.power is None else str(move.power),
                fits=move.fits,
                grade=grade.grade,
                quality=round(grade.quality, 4),
                reason=grade.reason,
                note=lesson.notes[index],
                label=lesson.labels[index],
                regret=None if (r := lesson.regret(index)) is None else round(r, 2),
                better=None
                if better is None
                else BetterMove(choice=better.choice, text=better.text, gain=round(better.gain, 2)),
                trust=dict(move.trust),
                revealed=list(move.revealed),
                walked_out=list(move.walked_out),
                refused_by=list(move.refused_by),
                to=move.to,
            )
        )
    ending = loaded.scenario.ending(state.ending) if state.ending else None
    return Transcript(
        yesable_version=__version__,
        pack=PackStamp(id=loaded.pack.id, version=loaded.pack.version, content_hash=loaded.content_hash),
        scenario=loaded.ref,
        scenario_title=loaded.scenario.title,
        player=PlayerTag(alias=player, name=name),
        round=round_id,
        mode=mode,
        seed=state.seed,
        started_at=started_at or finished,
        finished_at=finished,
        time_box_minutes=time_box_minutes,
        timed_out=timed_out,
        practice=practice,
        moves=moves,
        ended=state.ended,
        ending=state.ending,
        ending_title=ending.title if ending else None,
        ending_kind=str(ending.kind) if ending else None,
        scores=dict(debrief.scores),
        styles=dict(debrief.styles),
        agreement=dict(debrief.agreement),
        parties=[
            PartyResult(party=p.party, name=p.name, value=p.value, batna_value=p.batna_value, above_batna=p.above_batna)
            for p in debrief.parties
        ],
        hidden_found=list(debrief.hidden_found),
        hidden_missed=list(debrief.hidden_missed),
        final_trust={pid: m.trust for pid, m in state.meters.items()},
        language=loaded.language,
        prep=None if prep is None else prep_record(loaded, prep),
    )


def prep_record(loaded: LoadedScenario, sheet: PrepSheet) -> PrepRecord:
    """`sheet` with its grade against `loaded`, as a transcript keeps it."""
    from simulator.scoring.prep import grade_prep

    grade = grade_prep(loaded, sheet)
    return PrepRecord(
        reads={
            who: PrepRead(
                quadrant=None if read.quadrant is None else str(read.quadrant),
                interests=sorted(read.interests),
                power=sorted(str(b) for b in read.power),
            )
            for who, read in sheet.reads.items()
        },
        batna_value=sheet.batna_value,
        reservation_value=sheet.reservation_value,
        meet_first=sheet.meet_first,
        items=[
            PrepLine(who=i.who, topic=i.topic, credit=round(i.credit, 4), answer=i.answer, truth=i.truth)
            for i in grade.items
        ],
        score=grade.score,
    )


def prep_sheet(loaded: LoadedScenario, record: PrepRecord) -> PrepSheet:
    """The sheet a transcript's `prep` records, to grade again on `loaded`; raises TranscriptError
    when it names what the scenario does not have."""
    from simulator.scoring.prep import PrepSheetError, sheet_from_data

    data = {
        "reads": {who: to_data(read) for who, read in record.reads.items()},
        "batna_value": record.batna_value,
        "reservation_value": record.reservation_value,
        "meet_first": record.meet_first,
    }
    try:
        return sheet_from_data(loaded, data)
    except PrepSheetError as error:
        raise TranscriptError(f"prep: {error}") from None


def with_reviews(t: Transcript, labels: Sequence[str], reviews: Sequence[MoveReview]) -> Transcript:
    """`t` with each move's regret-keyed `label`, `regret` and `better` move (the app writes a
    transcript when the session ends and adds these once its solver, run in the background, answers)."""
    if len(reviews) != len(t.moves) or len(labels) != len(t.moves):
        return t
    moves = [
        replace(
            m,
            label=label,
            regret=round(r.regret, 2),
            better=None
            if r.better is None
            else BetterMove(choice=r.better.choice, text=r.better.text, gain=round(r.better.gain, 2)),
        )
        for m, label, r in zip(t.moves, labels, reviews, strict=True)
    ]
    return replace(t, moves=moves)


def timed_out_state(loaded: LoadedScenario, state: SessionState) -> SessionState:
    """A copy of `state` closed at the scenario's impasse ending: how a round's time box ends it.

    The impasse is the first ending of kind `impasse` (else the scenario's walkout ending); the
    moves are kept, so the debrief grades what was played and scores the outcome as no agreement.
    """
    from simulator.content.vocabulary import EndingKind

    scenario = loaded.scenario
    ending = next((e for e in scenario.endings if e.kind is EndingKind.IMPASSE), scenario.walkout_ending)
    return replace(copy.deepcopy(state), scene=None, ending=ending.id)


def transcript_filename(t: Transcript) -> str:
    """`<round>-<alias>-<scenario>-<UTC time>-<id>.json`, safe on every file system."""
    stamp = t.finished_at.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
    parts = [t.round or "solo", t.player.alias or "anonymous", t.scenario.replace("/", "_"), stamp, t.id[:8]]
    return "-".join(_safe(p) for p in parts) + ".json"


def _safe(part: str) -> str:
    return re.sub(r"[^A-Za-z0-9_.]+", "_", part).strip("._")[:40] or "x"


def dump_transcript(t: Transcript) -> str:
    return json.dumps(to_data(t), indent=2, ensure_ascii=False) + "\n"


def write_transcript(t: Transcript, directory: Path) -> Path:
    """Write `t` into `directory` (created if needed) atomically; returns the file's path."""
    target = directory / transcript_filename(t)
    atomic_write(target, dump_transcript(t), mode=FILE_MODE)
    return target


def parse_transcript(text: str, source: str = "<transcript>") -> Transcript:
    """A transcript from JSON text; raises TranscriptError naming `source` and the problem."""
    try:
        data = parse_json(text)
    except UnreadableJson as exc:
        raise TranscriptError(exc.located(source)) from None
    return parse_transcript_data(data, source)


def parse_transcript_data(data: object, source: str = "<transcript>") -> Transcript:
    """A transcript from decoded JSON; raises TranscriptError naming `source` and the problem."""
    if isinstance(data, dict) and "kind" not in data and {"label_basis", "moves", "seed"} <= data.keys():
        raise TranscriptError(
            f"{source}: this is `yesable run --json` output, not a transcript; "
            "write one with `yesable run SCENARIO --choose ... --results DIR`"
        )
    if not isinstance(data, dict) or data.get("kind") != KIND:
        raise TranscriptError(f'{source}: not a Yesable transcript (no "kind": "{KIND}")')
    version = data.get("schema_version")
    if version != TRANSCRIPT_VERSION:
        newer = isinstance(version, int) and version > TRANSCRIPT_VERSION
        hint = "; upgrade yesable to read it" if newer else ""
        raise TranscriptError(
            f"{source}: transcript schema_version {version!r} is not supported "
            f"(this yesable reads {TRANSCRIPT_VERSION}){hint}"
        )
    from pydantic import ValidationError

    try:
        return adapter(Transcript).validate_python(data)
    except RecursionError:
        raise TranscriptError(f"{source}: nested too deeply to be a transcript") from None
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"]) or "(top level)"
        more = f" (and {exc.error_count() - 1} more)" if exc.error_count() > 1 else ""
        raise TranscriptError(f"{source}: field {where}: {first['msg']}{more}") from None


def read_transcript(path: Path) -> Transcript:
    """Read one transcript file; raises TranscriptError for unreadable or malformed files."""
    try:
        data = read_json_file(path, MAX_BYTES)
    except UnreadableJson as exc:
        raise TranscriptError(exc.located(str(path))) from None
    return parse_transcript_data(data, str(path))


def collect_transcripts(paths: Sequence[Path]) -> tuple[list[tuple[Path, Transcript]], list[str]]:
    """Transcripts from files and folders (`*.json` inside), duplicates (same id) read once.

    Returns the good ones in path order and one error line per file that could not be read, so a
    class report can go ahead with the rest.
    """
    files: list[Path] = []
    errors: list[str] = []
    for path in paths:
        if path.is_dir():
            files += sorted(p for p in path.rglob("*.json") if not p.name.startswith("."))
        elif path.exists():
            files.append(path)
        else:
            errors.append(f"{path}: no such file or folder")
    seen: set[str] = set()
    good: list[tuple[Path, Transcript]] = []
    for file in dict.fromkeys(files):
        try:
            transcript = read_transcript(file)
        except TranscriptError as exc:
            errors.append(str(exc))
            continue
        if transcript.id not in seen:
            seen.add(transcript.id)
            good.append((file, transcript))
    return good, errors
