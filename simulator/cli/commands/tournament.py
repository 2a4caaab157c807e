"""`yesable tournament --bot NAME=COMMAND ...`: play bots across scenarios and seeds; report them.

A bot is a shell command that speaks the bot protocol (docs/bots.md) on its stdin and stdout. A bot
that crashes, times out or keeps answering with moves that are not offered is reported beside the
others; it never stops the tournament. Exit 0 once the report is written; 2 for usage errors.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from simulator.classroom.tournament import Bot
    from simulator.classroom.transcript import Transcript
    from simulator.content.loaded import LoadedScenario


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--bot",
        action="append",
        metavar="NAME=COMMAND",
        default=[],
        required=True,
        help="a bot: its name (used as the alias in its transcripts) and the shell command "
        "that runs it; repeat for each bot",
    )
    parser.add_argument(
        "--scenario",
        action="append",
        metavar="SCENARIO",
        default=[],
        help="`pack/scenario` or a unique scenario id; repeat (default: every installed scenario)",
    )
    parser.add_argument(
        "--seeds", type=int, default=3, metavar="N", help="play seeds 0..N-1 of each scenario (default 3)"
    )
    parser.add_argument(
        "--class",
        dest="class_dir",
        action="append",
        metavar="DIR",
        type=Path,
        default=[],
        help="transcripts of a human class (files or folders): their figures beside the bots'",
    )
    parser.add_argument("--results", metavar="DIR", type=Path, help="write each finished game's transcript into DIR")
    parser.add_argument(
        "--move-timeout",
        type=float,
        default=10.0,
        metavar="SECONDS",
        help="time a bot has to answer one step (default 10)",
    )
    parser.add_argument(
        "--game-timeout",
        type=float,
        default=120.0,
        metavar="SECONDS",
        help="time a bot has for a whole game (default 120)",
    )
    parser.add_argument(
        "--max-invalid",
        type=int,
        default=3,
        metavar="N",
        help="invalid answers a bot may give in one game before it is stopped (default 3)",
    )
    parser.add_argument("--out", metavar="FILE", type=Path, help="write the report to FILE instead of stdout")
    parser.add_argument("--json", action="store_true", help="the report as one JSON object")


def run(args: argparse.Namespace) -> int:
    from simulator.classroom.tournament import (
        Game,
        run_tournament,
        tournament_json,
        tournament_text,
    )

    bots = _bots(args.bot)
    _check_limits(args)
    scenarios = _scenarios(args.scenario)
    humans = _humans(args.class_dir)

    def progress(game: Game) -> None:
        how = game.status + (f" ({game.detail})" if game.detail and not game.ok else "")
        total = "" if game.transcript is None else f", total {game.transcript.scores.get('total')}"
        print(f"{game.bot} / {game.scenario} / seed {game.seed}: {how}{total}", file=sys.stderr)

    result = run_tournament(
        bots,
        scenarios,
        range(args.seeds),
        move_timeout=args.move_timeout,
        game_timeout=args.game_timeout,
        max_invalid=args.max_invalid,
        results=args.results,
        humans=humans,
        progress=progress,
    )
    text = (
        json.dumps(tournament_json(result), indent=2, ensure_ascii=False) + "\n"
        if args.json
        else tournament_text(result)
    )
    if args.out is not None:
        return _write_report(text, args.out)
    sys.stdout.write(text)
    return 0


def _bots(specs: list[str]) -> list[Bot]:
    """The bots of the `--bot NAME=COMMAND` options; UsageError for a malformed or repeated one."""
    from simulator.classroom.alias import alias_problem
    from simulator.classroom.tournament import Bot
    from simulator.cli.errors import UsageError

    bots: list[Bot] = []
    for spec in specs:
        name, sep, command = spec.partition("=")
        name, command = name.strip(), command.strip()
        if not sep or not command:
            raise UsageError(f"--bot {spec!r}: write NAME=COMMAND, e.g. --bot first='python3 first_bot.py'")
        if (problem := alias_problem(name)) is not None:
            raise UsageError(f"--bot {spec!r}: the name {name!r}: {problem}")
        if any(b.name == name for b in bots):
            raise UsageError(f"--bot {spec!r}: two bots are named {name!r}")
        bots.append(Bot(name, command))
    return bots


def _check_limits(args: argparse.Namespace) -> None:
    """UsageError unless the seed count, time limits and invalid-answer allowance make sense."""
    from simulator.cli.errors import UsageError

    if args.seeds < 1:
        raise UsageError("--seeds must be at least 1")
    if args.move_timeout <= 0 or args.game_timeout <= 0:
        raise UsageError("--move-timeout and --game-timeout must be positive")
    if args.max_invalid < 0:
        raise UsageError("--max-invalid must be 0 or more")


def _scenarios(refs: list[str]) -> list[LoadedScenario]:
    """The scenarios named by `--scenario` (each once), or every installed one."""
    if refs:
        from simulator.cli.scenario_arg import load_scenario

        return list({s.ref: s for s in map(load_scenario, refs)}.values())
    from simulator.classroom.installed import library

    return list(library().scenarios())


def _humans(class_dirs: list[Path]) -> list[Transcript]:
    """The transcripts of a human class under `--class` (warning about files that are not)."""
    if not class_dirs:
        return []
    from simulator.classroom.transcript import collect_transcripts

    found, errors = collect_transcripts(class_dirs)
    for line in errors:
        print(f"warning: {line}", file=sys.stderr)
    return [t for _, t in found]


def _write_report(text: str, out: Path) -> int:
    """Write the report to `out`: 0, or 1 (said on stderr) when the file cannot be written."""
    try:
        from simulator.storage.files import SHARED, atomic_write

        atomic_write(out, text, mode=SHARED)
    except OSError as exc:
        print(f"yesable tournament: cannot write {out}: {exc.strerror or exc}", file=sys.stderr)
        return 1
    print(f"report written to {out}", file=sys.stderr)
    return 0
