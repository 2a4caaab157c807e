"""`yesable new PACK [--dir DIR]`: scaffold a pack folder to start writing from.

Creates DIR/PACK (DIR defaults to the current folder) with a commented manifest, one persona, a
small scenario that passes `yesable check --strict`, and the JSON Schemas its yaml-language-server
lines point at. Never overwrites: an existing PACK folder is a usage error (exit 2).
"""

from __future__ import annotations

import argparse


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "pack", metavar="PACK", help="the new pack's id (lower-case letters, digits, underscores), also its folder"
    )
    parser.add_argument(
        "--dir", metavar="DIR", default=".", help="where to create the pack folder (default: the current folder)"
    )


def run(args: argparse.Namespace) -> int:
    from pathlib import Path

    from simulator.cli.errors import UsageError
    from simulator.content.scaffold import ID, SCENARIO_FILE, scaffold
    from simulator.storage.files import write_new_tree

    pack: str = args.pack
    if not ID.match(pack) or len(pack) > 64:
        raise UsageError(
            f"{pack!r} is not a pack id: use lower-case letters, digits and "
            "underscores, starting with a letter (at most 64), e.g. my_pack"
        )
    folder = Path(args.dir) / pack
    if folder.exists() or folder.is_symlink():
        raise UsageError(f"{folder} already exists; choose another name or --dir (nothing was written)")
    try:
        written = write_new_tree(folder, scaffold(pack))
    except OSError as exc:
        raise UsageError(f"cannot create {folder}: {exc.strerror or exc}") from None
    for path in written:
        print(path)
    print(f"\nNext: yesable check --strict {folder}    then edit {folder / SCENARIO_FILE}.")
    print(f"To play it: YESABLE_PACKS={folder} yesable run {pack}/first_meeting --choose 1,1")
    return 0
