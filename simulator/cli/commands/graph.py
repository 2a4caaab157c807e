"""`yesable graph SCENARIO [--format mermaid|dot]`: print a scenario's scene graph.

SCENARIO is an installed scenario (`pack/scenario` or a unique id) or the path of a scenario file
in a pack folder, so a pack can be drawn while it is being written. Mermaid is the default: GitHub,
GitLab and most Markdown previewers draw it; `--format dot` is for Graphviz (`| dot -Tsvg`).
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from simulator.content.loaded import LoadedScenario

FORMATS = ("mermaid", "dot")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "scenario", metavar="SCENARIO",
        help="`pack/scenario`, a unique scenario id, or the path of a scenario file",
    )
    parser.add_argument("--format", choices=FORMATS, default="mermaid",
                        help="mermaid (default) or dot (Graphviz)")


def run(args: argparse.Namespace) -> int:
    from simulator.analysis.graph import render

    loaded = scenario_from_arg(args.scenario)
    print(render(loaded.scenario, args.format), end="")
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
