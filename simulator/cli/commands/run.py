"""`yesable run SCENARIO --choose C1,C2,...`: play headless and print transcript and debrief."""

from __future__ import annotations

import argparse
import json
import random
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from simulator.content.loaded import LoadedScenario
    from simulator.engine import Session

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
    parser.add_argument("--seed", type=int, default=0, help="seed for lines and random play (default 0)")
    parser.add_argument("--json", action="store_true", help="print one JSON object instead of text")


def run(args: argparse.Namespace) -> int:
    from simulator.cli.debrief_text import debrief_text, session_json, utterance_text
    from simulator.cli.errors import UsageError
    from simulator.cli.scenario_arg import load_scenario
    from simulator.engine import EngineError, InvalidChoice, Session
    from simulator.scoring import score_session

    loaded = load_scenario(args.scenario)
    session = Session.start(loaded, seed=args.seed)
    text: list[str] = [utterance_text(loaded, u) for u in session.opening()]

    def play(token: str) -> None:
        choice = session.resolve(token)
        said = session.choice_text(choice)
        result = session.choose(choice.id)
        text.append(f"\n> You ({choice.style}): {said}")
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
            print("\n".join(text))
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
    regrets = _regrets(loaded, session)
    if args.json:
        json.dump(session_json(loaded, session, debrief, regrets), sys.stdout, indent=2)
        sys.stdout.write("\n")
        return 0
    print("\n".join(text))
    if not session.ended:
        print("\nChoices now:")
        for index, choice in enumerate(session.available(), 1):
            print(f"  {index}. [{choice.id}] {session.choice_text(choice)}")
    print(debrief_text(loaded, debrief, regrets))
    return 0


def _regrets(loaded: LoadedScenario, session: Session) -> list[float] | None:
    """Per-move regret from the solver; None when the scenario is too large to solve or dead-ends."""
    from simulator.analysis.solve import SolveError, regrets
    from simulator.analysis.table import DeadEnd

    try:
        return list(regrets(loaded, session.state.history))
    except (SolveError, DeadEnd):  # the session still plays and gets its debrief
        return None
