"""Validated scenarios kept as plain JSON, so that playing one needs neither YAML nor pydantic.

Loading a scenario from its pack parses YAML and validates it with pydantic: most of a load's time,
and importing pydantic and building its validators costs about 10 MB that the player never gets
back. The catalog (simulator.catalog) therefore caches each scenario it loads from YAML, as
validated and encoded here (`encode_compiled`), in `<data dir>/compiled/<pack>/<scenario>.json`,
stamped with the path, size and mtime of every file it came from (the pack's files and the bundled
personas). Reading one rebuilds the very same
records (simulator.content.records.from_data) without validating them again.

Only files this version wrote are trusted: a stamp that no longer matches the files on disk, a
different version of the records (a digest of their source), or a body whose checksum does not
match (a partial or hand-edited file) all read as "no compiled form", and the caller loads the
YAML again. Callers take the stamp *before* loading the YAML, so a file edited during the load
makes the copy stale instead of being taken for what was loaded.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Mapping
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from simulator.content.loaded import LoadedScenario
from simulator.content.locations import Stamp, bundled_personas, file_stamps
from simulator.content.models import Manifest, Persona, Scenario
from simulator.content.records import from_data, to_data
from simulator.content.vocabulary import SCHEMA_VERSION
from simulator.storage.jsonfile import parse_json

if TYPE_CHECKING:
    from simulator.content.loader import Library

COMPILED_VERSION = 1
"""Version of the compiled form; bump it when its layout changes."""


def compiled_path(folder: Path, ref: str) -> Path:
    """Where the compiled form of scenario `pack/scenario` lives under `folder`."""
    return folder / compiled_name(ref)


def stamp(pack_dir: Path) -> Stamp:
    """Path, size and mtime of every file a scenario of `pack_dir` can be made from."""
    return file_stamps([pack_dir, bundled_personas()])


def compiled_name(ref: str) -> str:
    """The compiled form's file name of scenario `pack/scenario`, relative to the cache folder."""
    pack, scenario = ref.split("/", 1)
    return f"{pack}/{scenario}.json"


def encode_compiled(loaded: LoadedScenario, files: Stamp) -> str:
    """The compiled form of `loaded` (validated), made from `files` (its pack's `stamp` taken
    before loading it): the text the cache stores (simulator.catalog writes it; content writes nothing)."""
    body = {
        "pack": to_data(loaded.pack),
        "scenario": to_data(loaded.scenario),
        "personas": {pid: to_data(p) for pid, p in loaded.personas.items()},
        "path": str(loaded.path),
        "content_hash": loaded.content_hash,
    }
    text = json.dumps(body, ensure_ascii=False, sort_keys=True)
    head = {"version": _version(), "stamp": files, "sha256": hashlib.sha256(text.encode()).hexdigest()}
    return json.dumps(head) + "\n" + text + "\n"


def compile_library(library: Library, stamps: Mapping[Path, Stamp]) -> dict[str, str]:
    """`compiled_name` -> `encode_compiled` text of every scenario of `library`.

    `stamps` are the `stamp`s of the pack folders taken before the library was loaded; a pack
    without one is not compiled.
    """
    out: dict[str, str] = {}
    for pack in library.packs:
        files = stamps.get(pack.path)
        if files is None:
            continue
        for loaded in pack.scenarios.values():
            out[compiled_name(loaded.ref)] = encode_compiled(loaded, files)
    return out


_ESCAPED_CONTROL = re.compile(r"(?<!\\)(?:\\\\)*\\(?:u00(?:0[0-8bcefBCEF]|1[0-9a-fA-F]|7[fF]|[89][0-9a-fA-F])|[bfr])")
"""A control character other than tab and newline, as JSON escapes it: a copy holding one did not
come from a pack that loaded, so it is not used (text a terminal would obey never reaches play)."""


def read_compiled(folder: Path, ref: str, files: Stamp) -> LoadedScenario | None:
    """The scenario cached as `encode_compiled` made it if it is intact and made from `files` (its
    pack's `stamp` now), else None."""
    try:
        whole = compiled_path(folder, ref).read_text(encoding="utf-8")
    except (OSError, ValueError):
        return None
    return decode_compiled(whole, ref, files)


def decode_compiled(whole: str, ref: str, files: Stamp) -> LoadedScenario | None:
    """The scenario in `whole` (`encode_compiled`'s text) if intact, for `ref` and made from `files`."""
    try:
        head_line, text = whole.split("\n", 1)
        head = parse_json(head_line)
        text = text.rstrip("\n")
        if head.get("version") != _version() or head.get("stamp") != files:
            return None
        if head.get("sha256") != hashlib.sha256(text.encode()).hexdigest():
            return None
        if _ESCAPED_CONTROL.search(text):  # pack text never holds them (the loader refuses them)
            return None
        body = parse_json(text)
        loaded = LoadedScenario(
            pack=from_data(Manifest, body["pack"]),
            scenario=from_data(Scenario, body["scenario"]),
            personas={pid: from_data(Persona, p) for pid, p in body["personas"].items()},
            path=Path(body["path"]),
            content_hash=body["content_hash"],
        )
    except (OSError, ValueError, TypeError, KeyError, AttributeError, RecursionError):
        return None
    return loaded if loaded.ref == ref else None


@cache
def _version() -> list[Any]:
    """This form's version and a digest of the modules that define the models' shape."""
    from simulator.content import models, vocabulary

    shape = hashlib.sha256()
    for module in (models, vocabulary):
        shape.update(Path(str(module.__file__)).read_bytes())
    return [COMPILED_VERSION, SCHEMA_VERSION, shape.hexdigest()]
