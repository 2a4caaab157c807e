"""`yesable play SCENARIO [--seed N]`: open the app straight into a scenario's brief (or its save).

`yesable serve --scenario` runs this for each browser tab, passing --round, --results and --minutes.
For authors: `--watch` reloads the pack on every save and replays the moves made so far; `--from
SCENE` (with `--set PERSONA.METER=N`, `--flag`, `--reveal`, `--settle`) begins at a scene in a chosen
state, as practice (docs/playing.md).
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from simulator.content.loaded import LoadedScenario
    from simulator.engine.start import StartPoint


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("scenario", metavar="SCENARIO", help="`pack/scenario` or a unique scenario id")
    parser.add_argument(
        "--seed",
        type=int,
        default=None,
        help="seed for the choice order and the stakeholders' lines "
        "(default: a fresh seed for each attempt, recorded in the save and transcript)",
    )
    parser.add_argument(
        "--player",
        metavar="ALIAS",
        help="your alias in the transcript and the class report (a round asks when it is missing)",
    )
    parser.add_argument(
        "--watch",
        action="store_true",
        help="reload the pack when its files change and replay the moves made so far, as far "
        "as the path still goes (for authors)",
    )
    start = parser.add_argument_group(
        "practice from a scene (for authors; the game is practice: not saved and not counted)"
    )
    start.add_argument(
        "--from", dest="from_scene", metavar="SCENE", help="begin at this scene instead of the scenario's start"
    )
    start.add_argument(
        "--set",
        dest="meters",
        metavar="PERSONA.METER=N",
        action="append",
        default=[],
        help="with --from: a stakeholder's trust, satisfaction or strikes (repeatable), e.g. --set vp_sales.trust=70",
    )
    start.add_argument(
        "--flag",
        dest="flags",
        metavar="FLAG",
        action="append",
        default=[],
        help="with --from: a flag already set (repeatable)",
    )
    start.add_argument(
        "--reveal",
        metavar="PERSONA.INTEREST",
        action="append",
        default=[],
        help="with --from: an interest already revealed (repeatable)",
    )
    start.add_argument(
        "--settle",
        metavar="ISSUE=OPTION",
        action="append",
        default=[],
        help="with --from: an issue already settled (repeatable)",
    )
    parser.add_argument("--round", metavar="ROUND_ID", help="tag the transcript with this class round")
    parser.add_argument(
        "--results", metavar="DIR", type=Path, help="also write the finished session's transcript into DIR"
    )
    parser.add_argument(
        "--lang",
        metavar="LANG",
        help="play in this language where the pack is translated, line by line, with the "
        "app's own strings in it too (`de`; default: the settings file's `language`)",
    )
    parser.add_argument(
        "--minutes",
        metavar="N",
        type=int,
        help="time box: after N minutes the session closes at the scenario's impasse",
    )


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
    loaded = load_scenario(args.scenario)
    ref = loaded.ref
    start = start_point(args, loaded)
    from simulator.tui.app import make_app

    app = make_app(scenario_ref=ref, seed=args.seed)
    app.config.round_id = args.round
    app.config.results_dir = args.results
    app.config.minutes = args.minutes
    app.config.player = args.player.strip() if args.player else None
    app.config.watch = args.watch
    app.config.start_from = start
    app.config.language = args.lang
    result = app.run()
    return app.return_code or result or 0  # non-zero when the app stopped on an error


def start_point(args: argparse.Namespace, loaded: LoadedScenario) -> StartPoint | None:
    """The `--from` starting point, checked against the scenario; UsageError when it does not fit."""
    from simulator.cli.errors import UsageError
    from simulator.engine.start import StartError, StartPoint, state_at

    extras = args.meters or args.flags or args.reveal or args.settle
    if args.from_scene is None:
        if extras:
            raise UsageError("--set, --flag, --reveal and --settle choose the state --from SCENE begins in")
        return None
    meters: dict[str, int] = {}
    for item in args.meters:
        key, _, value = item.partition("=")
        if not value.strip().lstrip("-").isdigit() or "." not in key:
            raise UsageError(f"--set {item!r}: write PERSONA.METER=N, e.g. vp_sales.trust=70")
        meters[key.strip()] = int(value)
    settled: dict[str, str] = {}
    for item in args.settle:
        issue, _, option = item.partition("=")
        if not option:
            raise UsageError(f"--settle {item!r}: write ISSUE=OPTION")
        settled[issue.strip()] = option.strip()
    start = StartPoint(args.from_scene, meters, tuple(args.flags), tuple(args.reveal), settled)
    try:
        state_at(loaded, start)
    except StartError as error:
        raise UsageError(f"--from {args.from_scene}: {error}") from None
    return start
