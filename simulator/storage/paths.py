"""Where every file Yesable writes lives: one data folder, and named places inside it.

The data folder is `$YESABLE_HOME` when set, else the platform's user data folder
(`platformdirs.user_data_dir("yesable")`: `~/.local/share/yesable` on Linux). Inside it:

```
packs/              the user's own packs (read, never written by the app)
saves/              one autosave per scenario in progress
progress.sqlite3    every finished attempt (storage.progress)
transcripts/        one JSON transcript per finished attempt
exports/            transcripts the player exported from the debrief
settings.json       theme, blind play, key map
index.json          cache: the home screen's list of scenarios
compiled/           cache: validated scenarios as JSON (content.compiled)
served/players/     `yesable serve`: a folder per player alias (a data folder of its own)
```

`yesable serve` sets `$YESABLE_PLAYER_HOMES` for the app processes it starts: each player's
saves, progress, transcripts and settings then live in `<that folder>/<alias>`, while the caches
stay in the shared data folder (`Paths.for_player`).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, replace
from pathlib import Path

HOME_VARIABLE = "YESABLE_HOME"
PLAYER_HOMES_VARIABLE = "YESABLE_PLAYER_HOMES"
BEFORE_ALIAS = "_before-alias"
"""A served player's folder until they give their alias (nobody's)."""


def data_home() -> Path:
    """The data folder: `$YESABLE_HOME`, else the platform's user data folder for yesable."""
    home = os.environ.get(HOME_VARIABLE)
    if home:
        return Path(home)
    import platformdirs

    return Path(platformdirs.user_data_dir("yesable"))


def player_homes() -> Path | None:
    """`$YESABLE_PLAYER_HOMES` (set by `yesable serve` for its sessions), else None."""
    homes = os.environ.get(PLAYER_HOMES_VARIABLE)
    return Path(homes) if homes else None


def file_name(text: str) -> str:
    """`text` as a file name, one name per text and one text per name: letters, digits and `-`
    stand for themselves; any other character, `_` included, is `_`, its hex code and `_`."""
    return "".join(ch if ch.isascii() and (ch.isalnum() or ch == "-") else f"_{ord(ch):02x}_" for ch in text)


@dataclass(frozen=True)
class Paths:
    """The files of one player (`root`) and the machine's caches (`cache_root`, default `root`)."""

    root: Path
    cache_root: Path | None = None

    @classmethod
    def default(cls) -> Paths:
        """The data folder of this user (`data_home`)."""
        return cls(data_home())

    def for_player(self, homes: Path, alias: str) -> Paths:
        """Served play: `alias`'s own folder below `homes`, keeping this one's caches."""
        return replace(self, root=homes / file_name(alias.strip().lower()), cache_root=self.cache)

    @property
    def cache(self) -> Path:
        return self.cache_root if self.cache_root is not None else self.root

    @property
    def packs(self) -> Path:
        return self.root / "packs"

    @property
    def saves(self) -> Path:
        return self.root / "saves"

    @property
    def progress(self) -> Path:
        return self.root / "progress.sqlite3"

    @property
    def transcripts(self) -> Path:
        return self.root / "transcripts"

    @property
    def exports(self) -> Path:
        return self.root / "exports"

    @property
    def settings(self) -> Path:
        return self.root / "settings.json"

    @property
    def index(self) -> Path:
        return self.cache / "index.json"

    @property
    def compiled(self) -> Path:
        return self.cache / "compiled"

    @property
    def served(self) -> Path:
        """`yesable serve`'s default results folder (players' folders go in `served/players`)."""
        return self.root / "served"
