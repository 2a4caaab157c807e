"""`yesable run SCENARIO --choose C1,C2,...`: play headless and print transcript and debrief."""

from __future__ import annotations

import argparse
import json
import random
import sys
import textwrap
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Sequence

    from simulator.content.loaded import LoadedScenario
    from simulator.engine import Session
    from simulator.scoring import Debrief, Lesson, MoveReview
    from simulator.scoring.prep import PrepSheet

WIDTH = 78

MAX_RANDOM_MOVES = 500


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("scenario", metavar="SCENARIO", help="`pack/scenario` or a unique scenario id")
    parser.add_argument(
        "--choose",
        metavar="C1,C2,...",
        default="",
        help="choices in order, each a choice id or a 1-based index among those available; "
        "`random` plays random available choices to an ending",
    )
    parser.add_argument(
        "--seed",
        type=int,
        default=0,
        help="seed for the choice order, lines and random play (default 0: unlike the app, "
        "which draws a fresh seed for each attempt, headless play is reproducible)",
    )
    parser.add_argument(
        "--json",
        action="store_true",
        help="print one JSON object instead of text (not a transcript: use --results for one)",
    )
    parser.add_argument(
        "--stdio",
        action="store_true",
        help="bot protocol: emit each step as a JSON line on stdout and read each move from stdin (docs/bots.md)",
    )
    parser.add_argument(
        "--grades",
        action="store_true",
        help="with --stdio: add each move's label, reason and note, and the graded moves at the end",
    )
    parser.add_argument(
        "--results",
        metavar="DIR",
        type=Path,
        help="also write the session's transcript into DIR, as the app does, for "
        "`yesable report`, `replay` and `export-xapi`",
    )
    parser.add_argument("--player", metavar="ALIAS", help="the alias the transcript and class report show")
    parser.add_argument("--round", metavar="ROUND_ID", help="the round id the transcript is tagged with")
    parser.add_argument(
        "--lang",
        metavar="LANG",
        help="play in this language where the pack is translated, line by line "
        "(`de`; default: the settings file's `language`, else English)",
    )
    parser.add_argument(
        "--prep",
        metavar="FILE",
        type=Path,
        help="a filled preparation sheet (YAML or JSON, docs/playing.md): "
        "graded in the debrief and kept in the transcript",
    )


def read_prep(loaded: LoadedScenario, path: Path | None) -> PrepSheet | None:
    """The preparation sheet in `path` (None: no --prep); UsageError naming what does not fit."""
    if path is None:
        return None
    from simulator.cli.errors import UsageError
    from simulator.content.problems import FileProblems
    from simulator.content.yamlnodes import decode, parse
    from simulator.scoring.prep import PrepSheetError, sheet_from_data

    report = FileProblems(str(path))
    try:
        text = decode(path.read_bytes(), report)
    except OSError as exc:
        raise UsageError(f"--prep {path}: cannot read: {exc.strerror or exc}") from None
    document = parse(text, report) if text is not None else None
    if document is None or report.problems:
        first = report.problems[0] if report.problems else None
        raise UsageError(f"--prep {path}: {first.message if first else 'not a preparation sheet'}")
    try:
        return sheet_from_data(loaded, document.data)
    except PrepSheetError as exc:
        raise UsageError(f"--prep {path}: {exc}") from None


def _tagging(args: argparse.Namespace) -> tuple[Path | None, str | None, str | None]:
    """`--results`, `--player` and `--round`, checked; UsageError when they do not go together."""
    from simulator.classroom.alias import alias_problem
    from simulator.cli.errors import UsageError

    if args.grades:
        raise UsageError("--grades goes with --stdio")
    results = getattr(args, "results", None)
    player = getattr(args, "player", None)
    round_id = getattr(args, "round", None)
    if results is None and (player is not None or round_id is not None):
        raise UsageError("--player and --round tag a transcript: add --results DIR to write one")
    if player is not None and (problem := alias_problem(player)) is not None:
        raise UsageError(f"--player {player!r}: {problem}")
    if results is not None and results.exists() and not results.is_dir():
        raise UsageError(f"--results {results}: is not a folder")
    return results, player, round_id


class _Played:
    """A headless session as `run` plays it: the printed lines and each move's time."""

    def __init__(self, loaded: LoadedScenario, seed: int) -> None:
        from simulator.cli.debrief_text import utterance_text
        from simulator.engine import Session

        self.loaded = loaded
        self.session = Session.start(loaded, seed=seed)
        self.move_times: list[datetime | None] = []
        self.text: list[str | int] = [utterance_text(loaded, u) for u in self.session.opening()]
        """Lines to print; an int marks where move number N's label and note go, once known."""

    def play(self, token: str) -> None:
        from simulator.classroom.transcript import now
        from simulator.cli.debrief_text import utterance_text
        from simulator.i18n import _

        session = self.session
        choice = session.resolve(token)
        said = session.choice_text(choice)
        result = session.choose(choice.id)
        self.move_times.append(now())
        self.text.append("\n> " + _("You ({style}): {said}").format(style=_(str(choice.style)), said=said))
        self.text.append(len(session.state.history) - 1)
        self.text.extend(utterance_text(self.loaded, u) for u in result.lines)

    def random_walk(self, seed: int) -> bool:
        """Play at random to the end; False (said on stderr) when the scenario cannot go on."""
        from simulator.engine import EngineError

        rng = random.Random(seed)
        session = self.session
        try:
            while not session.ended and len(session.state.history) < MAX_RANDOM_MOVES:
                available = session.available()
                if not available:
                    raise EngineError(f"no choice is available in scene {session.state.scene!r}")
                self.play(rng.choice(available).id)
        except EngineError as exc:  # a problem in the scenario: show how play got there
            print("\n".join(t for t in self.text if isinstance(t, str)))
            print(f"yesable run: the scenario cannot go on: {exc}", file=sys.stderr)
            return False
        return True

    def listed(self, tokens: list[str]) -> None:
        """Play `tokens` in order; UsageError for one the scenario does not offer then."""
        from simulator.cli.errors import UsageError
        from simulator.engine import InvalidChoice

        session = self.session
        for number, token in enumerate(tokens, 1):
            if session.ended:
                raise UsageError(f"choice {number} ({token!r}): the scenario already ended after {number - 1} choices")
            try:
                self.play(token)
            except InvalidChoice as exc:
                raise UsageError(
                    f"choice {number} ({token!r}) is not available in scene "
                    f"{session.state.scene!r}; available: "
                    + ", ".join(f"{i}={cid}" for i, cid in enumerate(exc.available, 1))
                ) from None


def run(args: argparse.Namespace) -> int:
    from simulator.classroom.transcript import now
    from simulator.cli.debrief_text import debrief_text, move_verdict, session_json
    from simulator.cli.scenario_arg import chosen_language, load_scenario
    from simulator.scoring import score_session

    if args.stdio:
        return _stdio(args)
    results, player, round_id = _tagging(args)
    loaded = load_scenario(args.scenario, chosen_language(getattr(args, "lang", None)))
    prep = read_prep(loaded, getattr(args, "prep", None))
    started = now()
    played = _Played(loaded, args.seed)
    session = played.session
    tokens = [t.strip() for t in args.choose.split(",") if t.strip()]
    if tokens == ["random"]:
        if not played.random_walk(args.seed):
            return 1
    else:
        played.listed(tokens)

    debrief = score_session(loaded, session.state)
    reviews = _reviews(loaded, session)
    lesson = _lesson(loaded, session, debrief, reviews)
    if results is not None:
        _write_transcript(
            session,
            reviews,
            results,
            player=player,
            round_id=round_id,
            started=started,
            move_times=played.move_times,
            prep=prep,
        )
    if args.json:
        json.dump(session_json(loaded, session, debrief, lesson, prep), sys.stdout, indent=2)
        sys.stdout.write("\n")
        return 0

    def after_move(index: int) -> str:
        note = lesson.notes[index]
        line = f"  [{move_verdict(lesson, index)}]" + (f" {note}" if note else "")
        return textwrap.fill(line, WIDTH, subsequent_indent="    ")

    print("\n".join(after_move(t) if isinstance(t, int) else t for t in played.text))
    if not session.ended:
        print("\nChoices now:")
        for index, choice in enumerate(session.available(), 1):
            print(f"  {index}. [{choice.id}] {session.choice_text(choice)}")
    print(debrief_text(loaded, debrief, lesson, prep))
    return 0


def _write_transcript(
    session: Session,
    reviews: Sequence[MoveReview] | None,
    results: Path,
    *,
    player: str | None,
    round_id: str | None,
    started: datetime,
    move_times: Sequence[datetime | None],
    prep: PrepSheet | None = None,
) -> None:
    """The same transcript the app writes (marked `mode: "run"`), into `results`; its path on stderr."""
    from simulator.classroom.transcript import build_transcript, write_transcript
    from simulator.cli.errors import UsageError

    transcript = build_transcript(
        session,
        reviews,
        player=player,
        round_id=round_id,
        started_at=started,
        move_times=move_times,
        mode="run",
        prep=prep,
    )
    try:
        path = write_transcript(transcript, results)
    except OSError as exc:
        raise UsageError(f"--results {results}: cannot write: {exc.strerror or exc}") from None
    print(f"yesable run: transcript written to {path}", file=sys.stderr)


def _reviews(loaded: LoadedScenario, session: Session) -> Sequence[MoveReview] | None:
    """The solver's review of each move, or None when it cannot solve the scenario."""
    from simulator.analysis.review import review
    from simulator.analysis.solve import SolveError
    from simulator.analysis.table import DeadEnd

    try:
        return review(loaded, session.state.history, session.state.seed)
    except (SolveError, DeadEnd):  # the session still plays and gets its debrief, labelled by tags
        return None


def _lesson(loaded: LoadedScenario, session: Session, debrief: Debrief, reviews: Sequence[MoveReview] | None) -> Lesson:
    """Labels, notes, better moves (from the solver, when it can solve the scenario), hints,
    ZOPA and the next scenario from the installed library (progress is not consulted: the same
    command prints the same debrief on any machine)."""
    from simulator.classroom.installed import library
    from simulator.cli.debrief_text import candidates_of
    from simulator.scoring import build_lesson

    return build_lesson(loaded, debrief, reviews, session.choice_text, candidates_of(library()))


def _stdio(args: argparse.Namespace) -> int:
    """The bot protocol on stdin/stdout: 0 at an ending or at end of input, 1 when the scenario is stuck."""
    from simulator.classroom.alias import alias_problem
    from simulator.classroom.protocol import MAX_LINE, Channel, Stop, play_over
    from simulator.cli.errors import UsageError
    from simulator.cli.scenario_arg import chosen_language, load_scenario

    if args.choose:
        raise UsageError("--stdio reads the moves from stdin: leave out --choose")
    if args.json:
        raise UsageError("--stdio always speaks JSON: leave out --json")
    if args.player is not None and (problem := alias_problem(args.player)) is not None:
        raise UsageError(f"--player {args.player!r}: {problem}")
    loaded = load_scenario(args.scenario, chosen_language(getattr(args, "lang", None)))
    out = sys.stdout

    def send(line: str) -> None:
        out.write(line + "\n")
        out.flush()

    stdin = sys.stdin
    if hasattr(stdin, "reconfigure"):
        stdin.reconfigure(errors="replace")  # bytes that are not UTF-8 make an invalid answer, not a crash

    def receive() -> str | None:
        line = stdin.readline(MAX_LINE + 1)
        if len(line) > MAX_LINE and not line.endswith("\n"):  # skip the rest of an overlong line
            while (rest := stdin.readline(MAX_LINE)) and not rest.endswith("\n"):
                pass
        return line if line else None

    try:
        outcome = play_over(
            loaded,
            Channel(send, receive),
            seed=args.seed,
            grades=args.grades,
            player=args.player.strip() if args.player else None,
            round_id=args.round,
            results=args.results,
        )
    except BrokenPipeError:  # the reader went away: nothing more can be said, and nothing went wrong here
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), out.fileno())  # no flush error at exit
        return 0
    return 1 if outcome.stop in (Stop.STUCK, Stop.MOVES) else 0
