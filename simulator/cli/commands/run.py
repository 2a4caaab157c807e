"""`yesable run SCENARIO --choose C1,C2,...`: play headless and print transcript and debrief."""

from __future__ import annotations

import argparse
import json
import random
import sys
import textwrap
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from simulator.content.loaded import LoadedScenario
    from simulator.engine import Session
    from simulator.scoring import Debrief, Lesson

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
    parser.add_argument("--seed", type=int, default=0,
                        help="seed for the choice order, lines and random play (default 0: unlike the app, "
                        "which draws a fresh seed for each attempt, headless play is reproducible)")
    parser.add_argument("--json", action="store_true", help="print one JSON object instead of text")


def run(args: argparse.Namespace) -> int:
    from simulator.cli.debrief_text import debrief_text, move_verdict, session_json, utterance_text
    from simulator.cli.errors import UsageError
    from simulator.cli.scenario_arg import load_scenario
    from simulator.engine import EngineError, InvalidChoice, Session
    from simulator.scoring import score_session

    loaded = load_scenario(args.scenario)
    session = Session.start(loaded, seed=args.seed)
    text: list[str | int] = [utterance_text(loaded, u) for u in session.opening()]
    """Lines to print; an int marks where move number N's label and note go, once known."""

    def play(token: str) -> None:
        choice = session.resolve(token)
        said = session.choice_text(choice)
        result = session.choose(choice.id)
        text.append(f"\n> You ({choice.style}): {said}")
        text.append(len(session.state.history) - 1)
        text.extend(utterance_text(loaded, u) for u in result.lines)

    tokens = [t.strip() for t in args.choose.split(",") if t.strip()]
    if tokens == ["random"]:
        rng = random.Random(args.seed)
        try:
            while not session.ended and len(session.state.history) < MAX_RANDOM_MOVES:
                available = session.available()
                if not available:
                    raise EngineError(f"no choice is available in scene {session.state.scene!r}")
                play(rng.choice(available).id)
        except EngineError as exc:  # a problem in the scenario: show how play got there
            print("\n".join(t for t in text if isinstance(t, str)))
            print(f"yesable run: the scenario cannot go on: {exc}", file=sys.stderr)
            return 1
    else:
        for number, token in enumerate(tokens, 1):
            if session.ended:
                raise UsageError(
                    f"choice {number} ({token!r}): the scenario already ended after "
                    f"{number - 1} choices"
                )
            try:
                play(token)
            except InvalidChoice as exc:
                raise UsageError(
                    f"choice {number} ({token!r}) is not available in scene "
                    f"{session.state.scene!r}; available: "
                    + ", ".join(f"{i}={cid}" for i, cid in enumerate(exc.available, 1))
                ) from None

    debrief = score_session(loaded, session.state)
    lesson = _lesson(loaded, session, debrief)
    if args.json:
        json.dump(session_json(loaded, session, debrief, lesson), sys.stdout, indent=2)
        sys.stdout.write("\n")
        return 0

    def after_move(index: int) -> str:
        note = lesson.notes[index]
        line = f"  [{move_verdict(lesson, index)}]" + (f" {note}" if note else "")
        return textwrap.fill(line, WIDTH, subsequent_indent="    ")

    print("\n".join(after_move(t) if isinstance(t, int) else t for t in text))
    if not session.ended:
        print("\nChoices now:")
        for index, choice in enumerate(session.available(), 1):
            print(f"  {index}. [{choice.id}] {session.choice_text(choice)}")
    print(debrief_text(loaded, debrief, lesson))
    return 0


def _lesson(loaded: LoadedScenario, session: Session, debrief: Debrief) -> Lesson:
    """Labels, notes, better moves (from the solver, when it can solve the scenario), hints,
    ZOPA and the next scenario from the installed library (progress is not consulted: the same
    command prints the same debrief on any machine)."""
    from simulator.analysis.review import review
    from simulator.analysis.solve import SolveError
    from simulator.analysis.table import DeadEnd
    from simulator.classroom.installed import library
    from simulator.cli.debrief_text import candidates_of
    from simulator.scoring import build_lesson

    try:
        reviews = review(loaded, session.state.history, session.state.seed)
    except (SolveError, DeadEnd):  # the session still plays and gets its debrief, labelled by tags
        reviews = None
    return build_lesson(loaded, debrief, reviews, session.choice_text, candidates_of(library()))
