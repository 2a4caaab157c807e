"""Where packs and personas live: bundled with the program, in the user's data folder, or named.

- Bundled: an installed wheel carries `simulator/_bundled/scenarios` and `simulator/_bundled/personas`
  (pyproject force-includes them); a checkout has `scenarios/` and `personas/` at the repository root.
- User packs: `<user data dir>/packs`, where the data dir is `$YESABLE_HOME` when set, else the
  platform's (`platformdirs.user_data_dir("yesable")`).
- Extra pack folders: `$YESABLE_PACKS`, separated by `os.pathsep`; each is a pack or holds packs.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from simulator.storage.paths import Paths, data_home

_PACKAGE = Path(__file__).resolve().parents[1]

MANIFEST = "pack.yaml"


def bundled_root() -> Path:
    """The folder holding the bundled `scenarios/` and `personas/`."""
    inside = _PACKAGE / "_bundled"
    return inside if inside.is_dir() else _PACKAGE.parent


def bundled_scenarios() -> Path:
    return bundled_root() / "scenarios"


def bundled_personas() -> Path:
    return bundled_root() / "personas"


def user_data_dir() -> Path:
    """The data folder (simulator.storage.paths.data_home: `$YESABLE_HOME` or the platform's)."""
    return data_home()


def user_packs() -> Path:
    return Paths(data_home()).packs


def extra_pack_dirs() -> list[Path]:
    return [Path(part) for part in os.environ.get("YESABLE_PACKS", "").split(os.pathsep) if part]


def pack_dirs(root: Path) -> list[Path]:
    """`root` itself if it is a pack, else the packs directly inside it, sorted by name."""
    if (root / MANIFEST).is_file():
        return [root]
    try:
        return sorted(child for child in root.iterdir() if (child / MANIFEST).is_file())
    except OSError:  # missing or unreadable: no packs here
        return []


Stamp = list[list[Any]]
"""[path, size, mtime in ns] of each file, as JSON keeps it: equal stamps, unchanged files."""


def file_stamps(folders: list[Path]) -> Stamp:
    """The `Stamp` of every YAML file under `folders`, in path order."""
    stamp: Stamp = []
    for folder in folders:
        for path in sorted(folder.rglob("*.y*ml")):
            try:
                info = path.stat()
            except OSError:
                continue
            stamp.append([str(path), info.st_size, info.st_mtime_ns])
    return stamp


def default_pack_dirs(include_bundled: bool = True, include_user: bool = True) -> list[Path]:
    roots: list[Path] = []
    if include_bundled:
        roots.append(bundled_scenarios())
    if include_user:
        roots += [user_packs(), *extra_pack_dirs()]
    return [pack for root in roots for pack in pack_dirs(root)]
