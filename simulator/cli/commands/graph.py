"""`yesable graph SCENARIO [--format mermaid|dot|html] [--out FILE] [--runs N]`: a scenario's scene graph.

SCENARIO is an installed scenario (`pack/scenario` or a unique id) or the path of a scenario file
in a pack folder, so a pack can be drawn while it is being written. Mermaid is the default: GitHub,
GitLab and most Markdown previewers draw it; `--format dot` is for Graphviz (`| dot -Tsvg`).
`--format html` writes a story map: one self-contained page (no network) with the graph laid out,
the coverage of `--runs` random games (as `simulate` plays them), hidden-interest reveals marked,
and each scene, ending and choice clickable to show its `file:line` (simulator.analysis.storymap).
It goes to `--out` (default `SCENARIO-ID.html` in the working directory); the other formats print
unless `--out` is given.
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from simulator.content.loaded import LoadedScenario

FORMATS = ("mermaid", "dot", "html")
DEFAULT_RUNS = 2000


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "scenario",
        metavar="SCENARIO",
        help="`pack/scenario`, a unique scenario id, or the path of a scenario file",
    )
    parser.add_argument(
        "--format",
        choices=FORMATS,
        default="mermaid",
        help="mermaid (default), dot (Graphviz) or html (a self-contained story map)",
    )
    parser.add_argument(
        "--out", metavar="FILE", help="write to FILE (html default: SCENARIO-ID.html; others print by default)"
    )
    parser.add_argument(
        "--runs",
        type=int,
        default=DEFAULT_RUNS,
        metavar="N",
        help=f"html: random games for the coverage shown (default {DEFAULT_RUNS})",
    )


def run(args: argparse.Namespace) -> int:
    from pathlib import Path

    from simulator.analysis.graph import render
    from simulator.cli.commands.simulate import MAX_RUNS
    from simulator.cli.errors import UsageError

    if args.format == "html" and not 1 <= args.runs <= MAX_RUNS:
        raise UsageError(f"--runs must be from 1 to {MAX_RUNS:,}, not {args.runs:,}")
    loaded = scenario_from_arg(args.scenario)
    if args.format != "html":
        text = render(loaded.scenario, args.format)
        if args.out is None:
            print(text, end="")
            return 0
    else:
        from simulator.analysis.locate import locations
        from simulator.analysis.simulate import simulate
        from simulator.analysis.storymap import to_html

        text = to_html(loaded, simulate(loaded, args.runs), locations(loaded))
    out = Path(args.out if args.out is not None else f"{loaded.scenario.id}.html")
    try:
        from simulator.storage.files import SHARED, atomic_write

        atomic_write(out, text, mode=SHARED)
    except OSError as exc:
        raise UsageError(f"cannot write {out}: {exc.strerror or exc}") from exc
    print(f"wrote {out}")
    return 0


def scenario_from_arg(arg: str) -> LoadedScenario:
    """An installed scenario by name, or the scenario in a file of a pack; UsageError otherwise."""
    from pathlib import Path

    from simulator.cli.errors import UsageError
    from simulator.cli.scenario_arg import load_scenario

    path = Path(arg)
    if not (arg.endswith((".yaml", ".yml")) or path.is_file()):
        return load_scenario(arg)
    from simulator.cli.commands.check import pack_root
    from simulator.content.loader import load_pack

    if not path.is_file():
        raise UsageError(f"{arg}: no such file")
    pack, problems = load_pack(pack_root(path))
    for loaded in pack.scenarios.values() if pack else ():
        if loaded.path.resolve() == path.resolve():
            return loaded
    hint = "; `yesable check` locates its problems" if problems else ""
    raise UsageError(f"{arg}: not a scenario that loads{hint}")
