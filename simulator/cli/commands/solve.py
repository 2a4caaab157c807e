"""`yesable solve SCENARIO [--json]`: the best achievable score of a scenario and a path to it.

The path is a list of choice ids that `yesable run SCENARIO --choose ...` replays to that score.
Exit 1 when the scenario's state space is larger than the search's bound (`--max-states`) or
a choice leads nowhere; 2 for usage errors (an unknown scenario).
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from simulator.content.loaded import LoadedScenario
    from simulator.engine.state import Move


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, not {value}")
    return value


def add_arguments(parser: argparse.ArgumentParser) -> None:
    from simulator.analysis import DEFAULT_MAX_STATES

    parser.add_argument("scenario", metavar="SCENARIO", help="`pack/scenario` or a unique scenario id")
    parser.add_argument("--json", action="store_true", help="print one JSON object instead of text")
    parser.add_argument(
        "--max-states",
        type=_positive,
        default=DEFAULT_MAX_STATES,
        metavar="N",
        help=f"give up after expanding N states (default {DEFAULT_MAX_STATES:,})",
    )
    parser.add_argument(
        "--regrets",
        metavar="C1,C2,...",
        help="also give each move's regret along this path (choice ids or 1-based indices, as run's --choose) "
        "and, where a move cost points, the better move there",
    )


def run(args: argparse.Namespace) -> int:
    import json
    import sys

    from simulator.analysis.review import review
    from simulator.analysis.solve import SolveError, solve
    from simulator.analysis.table import DeadEnd
    from simulator.cli.scenario_arg import load_scenario

    loaded = load_scenario(args.scenario)
    history = _played(loaded, args.regrets) if args.regrets is not None else None
    try:
        solution = solve(loaded, max_states=args.max_states)
        reviews = review(loaded, history, max_states=args.max_states) if history is not None else None
        costs = [r.regret for r in reviews] if reviews is not None else None
    except (SolveError, DeadEnd) as exc:
        if args.json:
            json.dump({"scenario": loaded.ref, "solved": False, "error": str(exc)}, sys.stdout, indent=2)
            sys.stdout.write("\n")
        print(f"yesable solve: {exc}", file=sys.stderr)
        return 1
    replay = f"yesable run {loaded.ref} --choose {','.join(solution.path)}"
    if args.json:
        json.dump(
            {
                "scenario": loaded.ref,
                "content_hash": loaded.content_hash,
                "solved": True,
                "score": solution.score,
                "scores": solution.scores,
                "path": solution.path,
                "ending": solution.ending,
                "states": solution.states,
                "seconds": round(solution.seconds, 3),
                "replay": replay,
                **({"regrets": costs} if costs is not None else {}),
                **(
                    {"better": [r.better.to_json() if r.better else None for r in reviews]}
                    if reviews is not None
                    else {}
                ),
            },
            sys.stdout,
            indent=2,
        )
        sys.stdout.write("\n")
        return 0
    scenario = loaded.scenario
    scores = solution.scores
    parts = ", ".join(f"{k} {v}" for k, v in scores.items() if k != "total")
    print(f"{scenario.title} ({loaded.ref})")
    print(f"Best achievable total: {solution.score}/100 ({parts})")
    if solution.ending is not None:
        ending = scenario.ending(solution.ending)
        print(f"Ending: {ending.title} ({ending.kind})")
    print(f"Path ({len(solution.path)} moves):")
    for number, choice in enumerate(solution.path, 1):
        print(f"  {number:>2}. {choice}")
    print(f"Replay it: {replay}")
    if history is not None and costs is not None:
        print(f"Regret along the given path ({sum(costs):.0f} points in all):")
        for number, (move, cost) in enumerate(zip(history, costs, strict=True), 1):
            print(f"  {number:>2}. {move.choice}: {cost:.0f}")
    print(f"Searched {solution.states:,} states in {solution.seconds:.1f} s.")
    return 0


def _played(loaded: LoadedScenario, choices: str) -> list[Move]:
    """The moves of a path given as run's --choose is; UsageError for a choice that is not available."""
    from simulator.cli.errors import UsageError
    from simulator.engine import InvalidChoice, Session

    session = Session.start(loaded)
    for number, token in enumerate((t.strip() for t in choices.split(",") if t.strip()), 1):
        try:
            if session.ended:
                raise InvalidChoice(token, [])
            session.choose(token)
        except InvalidChoice as exc:
            raise UsageError(
                f"--regrets: choice {number} ({token!r}) is not available in scene "
                f"{session.state.scene!r}; available: {', '.join(exc.available) or 'none'}"
            ) from None
    return list(session.state.history)
