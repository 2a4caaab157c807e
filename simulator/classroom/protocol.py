"""The bot protocol: a session played over JSON lines (docs/bots.md).

The game sends one JSON object per line: a ``step`` whenever the player is to choose, an ``error``
when the answer could not be played (then it waits for another), and one ``end`` when the scenario
has ended. The other side answers each step with one line: ``{"choice": "<id>"}``, a bare choice id,
or a 1-based index among the offered choices. Every object carries ``"protocol": PROTOCOL``.

A step holds what a person sees in the app and nothing more: the scene, the lines spoken since the
last step (rendered, plain), the offered choices in offered order, and the meters of the
stakeholders present (the app's side panel). Grades, labels, notes and reveals come only with
``grades=True`` (``--grades``), as the app shows them only when not playing blind.

`play_over` drives one session through a `Channel`; `yesable run --stdio` gives it stdin/stdout,
`yesable tournament` a bot's pipes. The finished session's transcript is the one a person's session
gives (simulator.classroom.transcript.build_transcript), so `yesable replay` reproduces it.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from simulator.classroom.transcript import Transcript, build_transcript, now, write_transcript

if TYPE_CHECKING:
    from simulator.content.loaded import LoadedScenario
    from simulator.engine import Session, Utterance
    from simulator.scoring import MoveReview

PROTOCOL: Literal[1] = 1
"""Bumped when a field changes meaning or is removed; fields may be added within a version."""
MAX_LINE = 10_000
"""An answer longer than this (characters) is refused unread."""
MAX_MOVES = 500
"""A session stops (unfinished) after this many moves: no scenario needs that many."""


class Stop(StrEnum):
    """Why `play_over` returned."""

    END = "end"
    """The scenario reached an ending (the end message was sent)."""
    EOF = "eof"
    """The other side closed its output before the end."""
    INVALID = "invalid"
    """More invalid answers than allowed."""
    MOVES = "moves"
    """MAX_MOVES moves without an ending."""
    STUCK = "stuck"
    """The scenario offers no choice in a scene that is not an ending (a content error)."""


class Channel:
    """Where messages go and answers come from. `receive` returns one line, or None at end of input;
    it may raise (a tournament raises on a timeout) and the exception passes through `play_over`."""

    def __init__(self, send: Callable[[str], None], receive: Callable[[], str | None]) -> None:
        self.send_line = send
        self.receive = receive

    def send(self, message: dict[str, Any]) -> None:
        self.send_line(encode(message))


def encode(message: dict[str, Any]) -> str:
    """One message as one line of JSON (non-ASCII kept; no newline inside)."""
    return json.dumps(message, ensure_ascii=False, separators=(",", ":"))


@dataclass
class Outcome:
    stop: Stop
    moves: int
    invalid: int
    transcript: Transcript | None = None
    path: Path | None = None
    detail: str | None = None
    errors: list[str] = field(default_factory=list)


def _speech(loaded: LoadedScenario, lines: list[Utterance]) -> list[dict[str, Any]]:
    def name(who: str | None) -> str | None:
        persona = None if who is None else loaded.personas.get(who)
        return who if persona is None else persona.name

    return [{"speaker": u.speaker, "name": name(u.speaker), "text": u.text} for u in lines]


def step_message(
    session: Session, lines: list[Utterance], grades: bool, last: dict[str, Any] | None = None
) -> dict[str, Any]:
    """The step a player is offered now: `lines` are those spoken since the previous step."""
    loaded, state = session.loaded, session.state
    scene = session.scene
    assert scene is not None
    message: dict[str, Any] = {
        "type": "step",
        "protocol": PROTOCOL,
        "step": state.step,
        "scene": {"id": scene.id, "title": scene.title},
        "lines": _speech(loaded, lines),
        "choices": [
            {"index": i, "id": c.id, "text": session.choice_text(c)} for i, c in enumerate(session.available(), 1)
        ],
        "meters": [
            {
                "persona": who,
                "name": loaded.personas[who].name,
                "trust": state.meters[who].trust,
                "satisfaction": state.meters[who].satisfaction,
                "walked_out": state.meters[who].walked_out,
            }
            for who in scene.present
        ],
    }
    if grades and last is not None:
        message["last"] = last
    return message


def _graded(session: Session, choice_id: str, text: str) -> dict[str, Any]:
    """What the app's feedback line and side panel show about the move just played (not blind)."""
    from simulator.scoring import grade_move

    move = session.state.history[-1]
    grade = grade_move(session.scenario, move)
    choice = next(c for c in session.scenario.scene(move.scene).choices if c.id == choice_id)
    return {
        "choice": choice_id,
        "text": text,
        "style": str(move.style),
        "label": grade.grade,
        "reason": grade.reason,
        "note": choice.feedback,
        "trust": dict(move.trust),
        "satisfaction": dict(move.satisfaction),
        "revealed": list(move.revealed),
    }


def parse_answer(line: str) -> tuple[str | None, str | None]:
    """(choice token, None) from one answer line, or (None, why it is not an answer)."""
    text = line.strip()
    if not text:
        return None, 'empty line: send {"choice": "<id>"}, a choice id or a 1-based index'
    if len(text) > MAX_LINE:
        return None, f"line longer than {MAX_LINE} characters"
    if text[0] in '{["':
        try:
            data = json.loads(text)
        except (ValueError, RecursionError):
            return None, "not valid JSON"
        if isinstance(data, str):
            return data, None
        if not isinstance(data, dict) or "choice" not in data:
            return None, 'a JSON answer must be an object with a "choice" field'
        token = data["choice"]
        if isinstance(token, bool) or not isinstance(token, str | int):
            return None, '"choice" must be a choice id (string) or a 1-based index (integer)'
        return str(token), None
    return text, None


def end_message(
    session: Session, transcript: Transcript, path: Path | None, lines: list[Utterance], grades: bool
) -> dict[str, Any]:
    """The last message: the ending, the debrief summary and where the transcript went."""
    ending = session.ending
    message: dict[str, Any] = {
        "type": "end",
        "protocol": PROTOCOL,
        "moves": len(transcript.moves),
        "lines": _speech(session.loaded, lines),
        "ending": None if ending is None else {"id": ending.id, "title": ending.title, "kind": str(ending.kind)},
        "debrief": {
            "scores": dict(transcript.scores),
            "styles": dict(transcript.styles),
            "agreement": dict(transcript.agreement),
            "parties": [
                {
                    "party": p.party,
                    "name": p.name,
                    "value": p.value,
                    "batna_value": p.batna_value,
                    "above_batna": p.above_batna,
                }
                for p in transcript.parties
            ],
            "hidden_found": list(transcript.hidden_found),
            "hidden_missed": list(transcript.hidden_missed),
        },
        "transcript": None if path is None else str(path),
        "transcript_id": transcript.id,
    }
    if grades:
        message["debrief"]["moves"] = [
            {
                "step": m.step,
                "scene": m.scene,
                "choice": m.choice,
                "style": m.style,
                "label": m.label,
                "grade": m.grade,
                "regret": m.regret,
                "reason": m.reason,
                "note": m.note,
                "better": None
                if m.better is None
                else {"choice": m.better.choice, "text": m.better.text, "gain": m.better.gain},
            }
            for m in transcript.moves
        ]
    return message


def _reviews(session: Session) -> list[MoveReview] | None:
    """The solver's regret per move, as `yesable run` labels moves; None when it cannot answer."""
    from simulator.analysis.review import review
    from simulator.analysis.solve import SolveError
    from simulator.analysis.table import DeadEnd

    try:
        return review(session.loaded, session.state.history, session.state.seed)
    except (SolveError, DeadEnd, ValueError, RecursionError):
        return None


def play_over(
    loaded: LoadedScenario,
    channel: Channel,
    *,
    seed: int = 0,
    grades: bool = False,
    player: str | None = None,
    round_id: str | None = None,
    results: Path | None = None,
    max_invalid: int | None = None,
) -> Outcome:
    """Play one session of `loaded` through `channel` until it ends, the input ends, or the answers
    stay invalid more than `max_invalid` times in one session (None: never give up)."""
    from simulator.engine import EngineError, InvalidChoice, Session

    session = Session.start(loaded, seed=seed)
    started = now()
    move_times: list[datetime] = []
    lines = session.opening()
    last: dict[str, Any] | None = None
    invalid = 0
    errors: list[str] = []
    while not session.ended:
        if len(session.state.history) >= MAX_MOVES:
            return Outcome(Stop.MOVES, len(move_times), invalid, errors=errors)
        if not session.available():
            channel.send(
                {
                    "type": "error",
                    "protocol": PROTOCOL,
                    "error": "stuck",
                    "message": f"scene {session.state.scene!r} offers no choice (a content error)",
                }
            )
            return Outcome(Stop.STUCK, len(move_times), invalid, detail=session.state.scene, errors=errors)
        channel.send(step_message(session, lines, grades, last))
        while True:
            line = channel.receive()
            if line is None:
                return Outcome(Stop.EOF, len(move_times), invalid, errors=errors)
            token, problem = parse_answer(line)
            kind = "bad-answer"
            if token is not None:
                try:
                    choice = session.resolve(token)
                except InvalidChoice:
                    kind, problem = "unknown-choice", f"no choice {token[:80]!r} is offered here"
                else:
                    break
            invalid += 1
            errors.append(f"step {session.state.step}: {problem}")
            channel.send(
                {
                    "type": "error",
                    "protocol": PROTOCOL,
                    "error": kind,
                    "message": problem,
                    "choices": [c.id for c in session.available()],
                }
            )
            if max_invalid is not None and invalid > max_invalid:
                return Outcome(Stop.INVALID, len(move_times), invalid, errors=errors)
        said = session.choice_text(choice)
        try:
            result = session.choose(choice.id)
        except EngineError as exc:
            channel.send({"type": "error", "protocol": PROTOCOL, "error": "stuck", "message": str(exc)})
            return Outcome(Stop.STUCK, len(move_times), invalid, detail=str(exc), errors=errors)
        move_times.append(now())
        lines = result.lines
        last = _graded(session, choice.id, said) if grades else None
    transcript = build_transcript(
        session, _reviews(session), player=player, round_id=round_id, started_at=started, move_times=move_times
    )
    path = write_transcript(transcript, results) if results is not None else None
    channel.send(end_message(session, transcript, path, lines, grades))
    return Outcome(Stop.END, len(move_times), invalid, transcript, path, errors=errors)
