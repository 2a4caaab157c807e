"""`yesable schema [--out DIR]`: write the JSON Schemas of pack files for editors.

Writes manifest.schema.json, persona.schema.json, scenario.schema.json and testplan.schema.json into DIR (default
`schemas/` in the current folder, created if needed; existing schema files there are replaced,
nothing else is touched) and prints each path. `--out -` prints the four schemas as one JSON
object on stdout instead.
"""

from __future__ import annotations

import argparse


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--out",
        metavar="DIR",
        default="schemas",
        help="folder to write the schema files to (default: ./schemas); `-` prints them instead",
    )


def run(args: argparse.Namespace) -> int:
    import json
    from pathlib import Path

    from simulator.cli.errors import UsageError
    from simulator.content.schema import dump, schemas

    generated = schemas()
    if args.out == "-":
        print(json.dumps(generated, indent=2, ensure_ascii=False))
        return 0
    folder = Path(args.out)
    try:
        from simulator.storage.files import SHARED, atomic_write

        folder.mkdir(parents=True, exist_ok=True)
        for name, value in generated.items():
            atomic_write(folder / name, dump(value), mode=SHARED)
            print(folder / name)
    except OSError as exc:
        raise UsageError(f"cannot write to {folder}: {exc.strerror or exc}") from None
    return 0
