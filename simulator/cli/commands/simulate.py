"""`yesable simulate SCENARIO --runs N [--seed S] [--json]`: many random playthroughs of a scenario.

Reports which scenes and choices the runs reached (and which never), which lines of text they
showed (each of a scene's `lines`, conditional or not, and each choice's written `reply`; the
never-shown ones with their `file:line`), where they ended, how they scored and any run the engine
could not finish, with the seed that replays it:
`yesable run SCENARIO --choose random --seed SEED`. Exit 1 when some run crashed.
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Callable

    from simulator.analysis.simulate import Simulation
    from simulator.content.loaded import LoadedScenario

PROGRESS_FROM = 2_000
"""Runs from which a progress bar is drawn (on a terminal only)."""


MAX_RUNS = 10_000_000
"""More games than this would take hours and keep every score in memory: an error, not a hang."""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("scenario", metavar="SCENARIO", help="`pack/scenario` or a unique scenario id")
    parser.add_argument(
        "--runs", type=int, default=1000, metavar="N", help=f"playthroughs (default 1000, at most {MAX_RUNS:,})"
    )
    parser.add_argument(
        "--seed",
        type=int,
        default=0,
        metavar="S",
        help="run i plays with seed S+i, as `run --choose random --seed S+i` does (default 0)",
    )
    parser.add_argument("--json", action="store_true", help="print one JSON object instead of text")


def run(args: argparse.Namespace) -> int:
    import json
    import sys

    from simulator.analysis.simulate import simulate
    from simulator.cli.errors import UsageError
    from simulator.cli.scenario_arg import load_scenario

    if not 1 <= args.runs <= MAX_RUNS:
        raise UsageError(f"--runs must be from 1 to {MAX_RUNS:,}, not {args.runs:,}")
    loaded = load_scenario(args.scenario)
    bar = _ProgressBar(sys.stderr) if args.runs >= PROGRESS_FROM and sys.stderr.isatty() else None
    try:
        result = simulate(loaded, args.runs, args.seed, progress=bar)
    finally:
        if bar is not None:
            bar.close()
    if args.json:
        json.dump(simulation_json(result, loaded), sys.stdout, indent=2)
        sys.stdout.write("\n")
    else:
        print(simulation_text(loaded, result))
    return 1 if result.crashes else 0


class _ProgressBar:
    WIDTH = 30

    def __init__(self, stream: Any) -> None:
        self.stream = stream

    def __call__(self, done: int, total: int) -> None:
        filled = self.WIDTH * done // total
        self.stream.write(f"\r[{'#' * filled}{'.' * (self.WIDTH - filled)}] {done:,}/{total:,} runs")
        self.stream.flush()

    def close(self) -> None:
        self.stream.write("\r" + " " * (self.WIDTH + 40) + "\r")
        self.stream.flush()


def simulation_json(result: Simulation, loaded: LoadedScenario | None = None) -> dict[str, Any]:
    """The report as JSON; with `loaded`, lines and replies carry `at`, their `file:line`."""
    where = _where(loaded)
    return {
        "scenario": result.ref,
        "runs": result.runs,
        "seed": result.seed,
        "steps": result.steps,
        "mean_moves": round(result.mean_length, 3),
        "scenes": result.scene_runs,
        "unreached_scenes": result.unreached_scenes,
        "choices": [
            {"scene": scene, "choice": choice, "chosen": n} for (scene, choice), n in result.choice_counts.items()
        ],
        "unchosen": [{"scene": scene, "choice": choice} for scene, choice in result.unchosen],
        "lines": [
            {"scene": scene, "line": index, "shown": n, "at": where(("scenes", scene, "lines", index))}
            for (scene, index), n in result.line_shown.items()
        ],
        "unshown_lines": [
            {"scene": scene, "line": index, "at": where(("scenes", scene, "lines", index))}
            for scene, index in result.unshown_lines
        ],
        "replies": [
            {
                "scene": scene,
                "choice": choice,
                "persona": who,
                "shown": n,
                "at": where(("scenes", scene, "choices", choice, "reply", who)),
            }
            for (scene, choice, who), n in result.reply_shown.items()
        ],
        "unshown_replies": [
            {
                "scene": scene,
                "choice": choice,
                "persona": who,
                "at": where(("scenes", scene, "choices", choice, "reply", who)),
            }
            for scene, choice, who in result.unshown_replies
        ],
        "endings": result.endings,
        "refusals": result.refusals,
        "scores": result.score_summary(),
        "crashes": [
            {
                "run": c.run,
                "seed": c.seed,
                "scene": c.scene,
                "moves": c.moves,
                "error": c.error,
                "replay": f"yesable run {result.ref} --choose random --seed {c.seed}",
            }
            for c in result.crashes
        ],
    }


def simulation_text(loaded: LoadedScenario, result: Simulation) -> str:
    from simulator.analysis.graph import summarise
    from simulator.analysis.simulate import UNFINISHED

    scenario = loaded.scenario
    runs = result.runs
    out = [f"{scenario.title} ({loaded.ref}): {runs:,} random runs, seeds {result.seed}..{result.seed + runs - 1}"]
    reached = len(result.scene_runs) - len(result.unreached_scenes)
    chosen = len(result.choice_counts) - len(result.unchosen)
    out.append(
        f"Scenes reached: {reached} of {len(result.scene_runs)}; choices made: {chosen} of {len(result.choice_counts)}"
    )
    if result.unreached_scenes:
        out.append("  never reached: " + ", ".join(result.unreached_scenes))
    if result.unchosen:
        out.append("  never chosen: " + ", ".join(f"{s}/{c}" for s, c in result.unchosen))
    where = _where(loaded)
    lines_shown = len(result.line_shown) - len(result.unshown_lines)
    replies_shown = len(result.reply_shown) - len(result.unshown_replies)
    out.append(
        f"Lines shown: {lines_shown} of {len(result.line_shown)}; "
        f"replies shown: {replies_shown} of {len(result.reply_shown)}"
    )
    for scene_id, index in result.unshown_lines:
        line = scenario.scene(scene_id).lines[index]
        condition = f" (if {summarise(line.if_)})" if line.if_ is not None else ""
        out.append(
            f"  never shown: {where(('scenes', scene_id, 'lines', index))}: "
            f"{scene_id} line {index + 1}, {line.speaker}{condition}"
        )
    for scene_id, choice, who in result.unshown_replies:
        out.append(
            f"  never shown: {where(('scenes', scene_id, 'choices', choice, 'reply', who))}: "
            f"{scene_id}/{choice} reply of {who}"
        )
    out.append("Endings:")
    titles = {e.id: f"{e.title} ({e.kind})" for e in scenario.endings}
    for ending, count in sorted(result.endings.items(), key=lambda kv: (-kv[1], kv[0])):
        label = titles.get(ending, "did not end within the move limit" if ending == UNFINISHED else ending)
        out.append(f"  {count:>7,} {count / runs:6.1%}  {ending}: {label}")
    refused = {e: n for e, n in result.refusals.items() if n}
    if refused:
        out.append("Agreements refused (a stakeholder below their BATNA):")
        for ending, count in sorted(refused.items(), key=lambda kv: (-kv[1], kv[0])):
            out.append(f"  {count:>7,}  {ending}: {titles.get(ending, ending)}")
    summary = result.score_summary()
    if summary is not None:
        out.append("Scores: " + "  ".join(f"{k} {v:g}" for k, v in summary.items()))
    out.append(f"Average length: {result.mean_length:.1f} moves")
    if result.crashes:
        out.append(f"Crashes: {len(result.crashes)} runs could not finish")
        for crash in result.crashes[:10]:
            out.append(f"  run {crash.run} (seed {crash.seed}) in scene {crash.scene}: {crash.error}")
            out.append(f"    replay: yesable run {result.ref} --choose random --seed {crash.seed}")
        if len(result.crashes) > 10:
            out.append(f"  ... and {len(result.crashes) - 10} more (--json lists them all)")
    else:
        out.append("Crashes: none")
    return "\n".join(out)


def _where(loaded: LoadedScenario | None) -> Callable[[tuple[Any, ...]], str | None]:
    """`where(loc)`: the `file:line` of a place named by ids, ("scenes", scene id, ...); None
    without a scenario. Scenes and choices are named by id and found by index in the document."""
    if loaded is None:
        return lambda _loc: None
    from simulator.analysis.locate import locations

    located = locations(loaded)
    scenario = loaded.scenario
    scene_index = {s.id: i for i, s in enumerate(scenario.scenes)}
    choice_index = {(s.id, c.id): j for s in scenario.scenes for j, c in enumerate(s.choices)}

    def where(loc: tuple[Any, ...]) -> str | None:
        _scenes, scene, *rest = loc
        path: list[Any] = ["scenes", scene_index[scene]]
        if rest and rest[0] == "choices":
            path += ["choices", choice_index[(scene, rest[1])], *rest[2:]]
        else:
            path += rest
        return located.at(tuple(path))

    return where
