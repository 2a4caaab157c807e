"""`python -m simulator.catalog.rebuild --cache DIR [--pack-dir P ...]`: remake the home index and the
compiled scenarios in a process of their own (the app starts it after a pack changed, so its own
process shows home without parsing YAML or importing pydantic). Prints the number of pack errors."""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from pathlib import Path


def main(argv: Sequence[str] | None = None) -> int:
    from simulator.catalog.catalog import Catalog
    from simulator.storage.paths import Paths

    parser = argparse.ArgumentParser(prog="python -m simulator.catalog.rebuild")
    parser.add_argument("--cache", type=Path, required=True)
    parser.add_argument("--pack-dir", type=Path, action="append", default=None)
    parser.add_argument("--no-packs", action="store_true")
    args = parser.parse_args(argv)
    pack_dirs = [] if args.no_packs else args.pack_dir
    errors: list[int] = []
    Catalog(Paths(args.cache), pack_dirs, on_errors=errors.append).library  # noqa: B018 (loads and caches)
    print(sum(errors))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
