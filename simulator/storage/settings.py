"""The player's preferences: `<data dir>/settings.json`, written atomically.

    {"version": 1, "theme": "textual-light", "blind": false, "keymap": {"app.help": "f2"}, "language": "de"}

`theme` is a Textual theme name (None: the default), `blind` hides each move's label, note, meter
changes and reveals until the debrief (the app's `g`), and `keymap` maps binding ids to the keys that
replace theirs (Textual's `App.set_keymap`; docs/playing.md lists the ids), and `language` is the
language scenarios and the app are shown in (None: English; `play --lang` and `run --lang` override
it; a line without a translation shows in English). A file that cannot be read
gives the defaults and a problem line to show, never an exception; fields that do not fit are
dropped one by one, so one bad value does not cost the others.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from simulator.storage.jsonfile import UnreadableJson, read_json_file

SETTINGS_VERSION = 1
SETTINGS_FILE = "settings.json"
LANGUAGE_CODE = re.compile(r"^[a-z]{2,3}(_[A-Z]{2})?$")
"""A language code as gettext names catalogues: `de`, `es`, `pt_BR`."""


@dataclass(frozen=True)
class Settings:
    theme: str | None = None
    blind: bool = False
    keymap: dict[str, str] = field(default_factory=dict)
    """binding id -> keys, comma-separated (e.g. `"app.help": "f2,question_mark"`)."""
    language: str | None = None
    """A language code (`de`, `pt_BR`): packs and the app's strings are shown in it where translated."""

    def to_json(self) -> str:
        body = {
            "version": SETTINGS_VERSION,
            "theme": self.theme,
            "blind": self.blind,
            "keymap": self.keymap,
            "language": self.language,
        }
        return json.dumps(body, indent=1, sort_keys=False) + "\n"


def settings_path(data_dir: Path) -> Path:
    return data_dir / SETTINGS_FILE


def read_settings(path: Path) -> tuple[Settings, list[str]]:
    """The settings in `path` (defaults when it does not exist) and a problem line per thing that
    could not be used; never raises."""
    if not path.exists() and not path.is_symlink():
        return Settings(), []
    try:
        body = read_json_file(path, max_bytes=1_000_000)
    except UnreadableJson as error:
        return Settings(), [f"{path.name} could not be read ({error}); using the default settings."]
    if not isinstance(body, dict):
        return Settings(), [f"{path.name} is not a JSON object; using the default settings."]
    problems: list[str] = []
    version = body.get("version", SETTINGS_VERSION)
    if version != SETTINGS_VERSION:
        problems.append(
            f"{path.name}: settings version {version!r}, this Yesable reads {SETTINGS_VERSION}; "
            "using what it understands."
        )
    theme = body.get("theme")
    if theme is not None and not isinstance(theme, str):
        problems.append(f"{path.name}: `theme` must be a theme name; ignored.")
        theme = None
    blind = body.get("blind", False)
    if not isinstance(blind, bool):
        problems.append(f"{path.name}: `blind` must be true or false; ignored.")
        blind = False
    keymap: dict[str, str] = {}
    raw = body.get("keymap", {})
    if not isinstance(raw, dict):
        problems.append(f"{path.name}: `keymap` must map binding ids to keys; ignored.")
        raw = {}
    for binding_id, keys in raw.items():
        if isinstance(keys, str) and keys.strip():
            keymap[str(binding_id)] = keys.strip()
        else:
            problems.append(f'{path.name}: keymap {binding_id!r} must be keys such as "f2" or "ctrl+h,f2"; ignored.')
    language = body.get("language")
    if language is not None and not (isinstance(language, str) and LANGUAGE_CODE.match(language)):
        problems.append(f'{path.name}: `language` must be a language code such as "de"; ignored.')
        language = None
    return Settings(theme, blind, keymap, language), problems


def write_settings(path: Path, settings: Settings) -> None:
    """Write `settings` to `path` atomically; raises OSError."""
    from simulator.storage.files import atomic_write

    atomic_write(path, settings.to_json())
