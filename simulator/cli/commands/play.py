"""`yesable play SCENARIO [--seed N]`: open the app straight into a scenario's brief (or its save).

`yesable serve --scenario` runs this for each browser tab, passing --round, --results and --minutes.
"""

from __future__ import annotations

import argparse
from pathlib import Path


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("scenario", metavar="SCENARIO", help="`pack/scenario` or a unique scenario id")
    parser.add_argument("--seed", type=int, default=None, help="seed for the choice order and the stakeholders' lines "
                        "(default: a fresh seed for each attempt, recorded in the save and transcript)")
    parser.add_argument("--player", metavar="ALIAS",
                        help="your alias in the transcript and the class report (a round asks when it is missing)")
    parser.add_argument("--watch", action="store_true",
                        help="reload the pack when its files change and restart the scenario (for authors)")
    parser.add_argument("--round", metavar="ROUND_ID", help="tag the transcript with this class round")
    parser.add_argument("--results", metavar="DIR", type=Path,
                        help="also write the finished session's transcript into DIR")
    parser.add_argument("--lang", metavar="LANG",
                        help="play in this language where the pack is translated, line by line, with the "
                        "app's own strings in it too (`de`; default: the settings file's `language`)")
    parser.add_argument("--minutes", metavar="N", type=int,
                        help="time box: after N minutes the session closes at the scenario's impasse")


def run(args: argparse.Namespace) -> int:
    from simulator.classroom.alias import alias_problem
    from simulator.cli.errors import UsageError
    from simulator.cli.scenario_arg import load_scenario
    from simulator.storage.settings import LANGUAGE_CODE

    if args.lang is not None and not LANGUAGE_CODE.match(args.lang):
        raise UsageError(f"--lang {args.lang!r}: expected a language code such as de, es or pt_BR")
    if args.minutes is not None and args.minutes < 1:
        raise UsageError("--minutes must be at least 1")
    if args.player is not None and (problem := alias_problem(args.player)) is not None:
        raise UsageError(f"--player {args.player!r}: {problem}")
    ref = load_scenario(args.scenario).ref
    from simulator.tui.app import make_app

    app = make_app(scenario_ref=ref, seed=args.seed)
    app.config.round_id = args.round
    app.config.results_dir = args.results
    app.config.minutes = args.minutes
    app.config.player = args.player.strip() if args.player else None
    app.config.watch = args.watch
    app.config.language = args.lang
    result = app.run()
    return app.return_code or result or 0  # non-zero when the app stopped on an error
