"""Translation catalogues of a pack: gettext PO files written and read with polib.

A pack keeps its translations in `locale/<lang>.po` beside `pack.yaml`, one catalogue per language,
plus the template `locale/messages.pot`. One catalogue holds every player-visible line a scenario
of the pack shows: its manifest, scenario files and pack personas, and the lines of the shared
(bundled) personas its scenarios cast, so a translator has one file per language.

An entry is one line of the pack:

    #. scenes[3].choices[1].text
    #: supportability.yaml:212
    msgctxt "3fa9c2d1"
    msgid "Walk me through last quarter's failed filings."
    msgstr "Gehen Sie mit mir die fehlgeschlagenen Meldungen des letzten Quartals durch."

`msgctxt` is the line id (`simulator.content.linetags`), `msgid` the source text as it was when the
catalogue was last extracted. Using the source text as msgid gives gettext's own semantics for
"stale": when the source line changes, `yesable l10n extract` keeps the translation, sets the new
text as msgid, the old one as `#| msgid` and flags the entry `fuzzy`, exactly as `msgmerge` does,
so PO editors (Poedit, Lokalize, Weblate) show the change. A fuzzy entry, or one whose msgid is
not the current source text, is never played (the line falls back to the source language) and
`check` reports it (`l10n-stale`) until a translator reviews it and removes the flag.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from simulator.content.linetags import FileKind, SourceLine, new_id, read_lines, tag_text
from simulator.content.locations import MANIFEST, bundled_personas
from simulator.content.problems import Loc
from simulator.errors import ContentError
from simulator.storage.settings import LANGUAGE_CODE

LOCALE_DIR = "locale"
TEMPLATE = "messages.pot"
SOURCE_LANGUAGE = "en"
"""The language packs are written in (a pack's YAML is its source-language text)."""
LANGUAGE = LANGUAGE_CODE

try:
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover
    from yaml import SafeLoader as _Loader


class CatalogueError(ContentError):
    """A catalogue that cannot be read (not a PO file, not UTF-8)."""


@dataclass(frozen=True)
class TextFile:
    """A YAML file whose player-visible lines belong to a pack's catalogue."""

    path: Path
    kind: FileKind
    shared: bool
    """A bundled persona the pack casts: translated in the pack's catalogue, tagged in its own repo."""

    def reference(self, pack_dir: Path) -> str:
        """The file as PO occurrences name it: relative to the pack folder, with `/`; a shared
        persona as `bundled/personas/<file>`, wherever the program is installed."""
        if self.shared:
            return f"bundled/personas/{self.path.name}"
        return Path(os.path.relpath(self.path, pack_dir)).as_posix()


@dataclass(frozen=True)
class PackLine:
    file: TextFile
    line: SourceLine


@dataclass(frozen=True)
class Translation:
    """One entry of a catalogue, by line id."""

    source: str
    """The msgid: the source text the translation was made from."""
    text: str
    fuzzy: bool
    line: int
    """1-based line of the entry in the PO file (its msgctxt)."""


def catalogue_path(pack_dir: Path, lang: str) -> Path:
    return pack_dir / LOCALE_DIR / f"{lang}.po"


def catalogue_languages(pack_dir: Path) -> list[str]:
    """The languages a pack has catalogues for, sorted."""
    folder = pack_dir / LOCALE_DIR
    try:
        return sorted(p.stem for p in folder.glob("*.po") if LANGUAGE.match(p.stem))
    except OSError:
        return []


def _safe_yaml(path: Path) -> Any:
    try:
        return yaml.load(path.read_text(encoding="utf-8-sig"), Loader=_Loader)
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return None


def _inside(path: Path, root: Path) -> bool:
    return path.resolve().is_relative_to(root.resolve())


def _scenario_files(pack_dir: Path) -> list[Path]:
    manifest = _safe_yaml(pack_dir / MANIFEST)
    listed = manifest.get("scenarios") if isinstance(manifest, dict) else None
    if isinstance(listed, list):
        files = [pack_dir / name for name in listed if isinstance(name, str)]
    else:
        files = sorted(p for p in pack_dir.glob("*.yaml") if p.name != MANIFEST)
    return [f for f in files if f.is_file() and _inside(f, pack_dir)]


def persona_file(folder: Path, persona_id: str) -> Path | None:
    """The file in `folder` defining persona `persona_id` (tries `<id>.yaml` first)."""
    first = folder / f"{persona_id}.yaml"
    candidates = [first] + sorted(p for p in folder.glob("*.yaml") if p != first) if folder.is_dir() else []
    for path in candidates:
        data = _safe_yaml(path) if path.is_file() else None
        if isinstance(data, dict) and data.get("id") == persona_id:
            return path
    return None


def text_files(pack_dir: Path, shared: Path | None = None, cast: Iterable[str] | None = None) -> list[TextFile]:
    """The files whose lines the pack's catalogue holds, in a stable order. `cast`: the persona
    ids the pack's scenarios cast, when known (else they are read from the scenario files)."""
    shared = bundled_personas() if shared is None else shared
    files = [TextFile(pack_dir / MANIFEST, "manifest", False)]
    scenarios = _scenario_files(pack_dir)
    files += [TextFile(p, "scenario", False) for p in scenarios]
    local = pack_dir / "personas"
    local_files = sorted(p for p in local.glob("*.yaml") if _inside(p, pack_dir)) if local.is_dir() else []
    files += [TextFile(p, "persona", False) for p in local_files]
    local_ids = {d.get("id") for d in map(_safe_yaml, local_files) if isinstance(d, dict)}
    cast = set(cast) if cast is not None else _cast(scenarios)
    for pid in sorted(cast - local_ids):
        found = persona_file(shared, pid)
        if found is not None:
            files.append(TextFile(found, "persona", True))
    return files


def _cast(scenarios: list[Path]) -> set[str]:
    cast: set[str] = set()
    for path in scenarios:
        data = _safe_yaml(path)
        members = data.get("cast") if isinstance(data, dict) else None
        for member in members if isinstance(members, list) else []:
            pid = member.get("persona") if isinstance(member, dict) else None
            if isinstance(pid, str):
                cast.add(pid)
    return cast


def file_lines(file: TextFile) -> list[SourceLine]:
    """The visible lines of one file; none when it cannot be read (the loader reports why)."""
    try:
        return read_lines(file.path.read_text(encoding="utf-8-sig"), file.kind)
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return []


def pack_lines(pack_dir: Path, shared: Path | None = None, cast: Iterable[str] | None = None) -> Iterator[PackLine]:
    for file in text_files(pack_dir, shared, cast):
        for line in file_lines(file):
            yield PackLine(file, line)


Tagged = tuple[Path, int, "bytes | None"]
"""A file `tagged_pack` or `tagged_personas` would change: its path, the tags added (UNREADABLE:
none, the file could not be read) and its new bytes (None: nothing to write). The caller writes
them (simulator.analysis.l10n.tag_pack): the pack format writes no file."""


def tagged_pack(pack_dir: Path, shared: Path | None = None, make_id: Callable[[], str] = new_id) -> list[Tagged]:
    """Every untagged visible line of the pack's own files tagged (not shared personas, whose ids
    are only read, so they stay out of the pack's way), per file that changes or cannot be read.
    Ids stay unique across the catalogue's files."""
    files = text_files(pack_dir, shared)
    taken = {line.id for f in files if f.shared for line in file_lines(f) if line.id}
    changed: list[Tagged] = []
    for file in files:
        if file.shared:
            continue
        count, data = _tag_file(file.path, file.kind, taken, make_id)
        if count:
            changed.append((file.path, count, data))
    return changed


UNREADABLE = -1
"""The count `tag_pack` gives a file it could not tag (not UTF-8 or not YAML: `check` says why)."""


def _tag_file(path: Path, kind: FileKind, taken: set[str], make_id: Callable[[], str]) -> tuple[int, bytes | None]:
    """One file tagged, keeping its byte-order mark and line endings: the tags added (or
    UNREADABLE) and the file's new bytes (None when nothing changed)."""
    data = path.read_bytes()
    bom = b"\xef\xbb\xbf" if data.startswith(b"\xef\xbb\xbf") else b""
    try:
        tagged, count = tag_text(data[len(bom) :].decode("utf-8"), kind, taken, make_id)
    except (UnicodeDecodeError, yaml.YAMLError):
        return UNREADABLE, None
    return count, (bom + tagged.encode("utf-8")) if count else None


def tagged_personas(folder: Path, make_id: Callable[[], str] = new_id) -> list[Tagged]:
    """Every persona file of a folder of shared personas (the bundled `personas/`) tagged."""
    taken: set[str] = set()
    changed: list[Tagged] = []
    for path in sorted(folder.glob("*.yaml")):
        count, data = _tag_file(path, "persona", taken, make_id)
        if count:
            changed.append((path, count, data))
    return changed


def _location(loc: Loc) -> str:
    """`scenes[3].choices[1].text`: a YAML path as translators read it."""
    out = ""
    for seg in loc:
        out += f"[{seg}]" if isinstance(seg, int) else (f".{seg}" if out else str(seg))
    return out


def extracted(pack_dir: Path, languages: list[str], pack_id: str = "", shared: Path | None = None) -> dict[Path, str]:
    """The text of `locale/messages.pot` and of `locale/<lang>.po` for each language (created when
    missing), the pack's lines merged in; the caller writes them (simulator.analysis.l10n.extract).

    Merging keeps translations by line id: a line whose text changed keeps its translation,
    flagged fuzzy with the old text as `#| msgid`; lines no longer in the pack become obsolete
    entries (`#~`), so nothing a translator wrote is lost. Untagged lines are left out (tag first).
    """
    import polib

    lines = [pl for pl in pack_lines(pack_dir, shared) if pl.line.id is not None]
    folder = pack_dir / LOCALE_DIR
    template = _new_catalogue(pack_id, None)
    for pl in lines:
        template.append(_entry(pack_dir, pl, ""))
    written = {folder / TEMPLATE: str(template)}
    for lang in languages:
        path = catalogue_path(pack_dir, lang)
        old = polib.pofile(str(path), wrapwidth=0) if path.exists() else _new_catalogue(pack_id, lang)
        merged = _new_catalogue(pack_id, lang)
        merged.metadata = dict(old.metadata) or merged.metadata
        by_id = {e.msgctxt: e for e in old if e.msgctxt}
        by_id.update({e.msgctxt: e for e in old.obsolete_entries() if e.msgctxt and e.msgctxt not in by_id})
        for pl in lines:
            merged.append(_merged(pack_dir, pl, by_id.pop(str(pl.line.id), None)))
        for entry in by_id.values():
            if entry.msgstr:
                entry.obsolete = True
                merged.append(entry)
        written[path] = str(merged)
    return written


def _new_catalogue(pack_id: str, lang: str | None) -> Any:
    import polib

    po = polib.POFile(wrapwidth=0)
    po.metadata = {
        "Project-Id-Version": pack_id or "pack",
        "Language": lang or "",
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
        "X-Source-Language": SOURCE_LANGUAGE,
    }
    return po


def _entry(pack_dir: Path, pl: PackLine, msgstr: str) -> Any:
    import polib

    return polib.POEntry(
        msgctxt=pl.line.id,
        msgid=pl.line.text,
        msgstr=msgstr,
        comment=_location(pl.line.loc),
        occurrences=[(pl.file.reference(pack_dir), str(pl.line.line))],
    )


def _merged(pack_dir: Path, pl: PackLine, old: Any) -> Any:
    entry = _entry(pack_dir, pl, old.msgstr if old is not None else "")
    if old is None:
        return entry
    entry.tcomment = old.tcomment
    entry.flags = [f for f in old.flags if f != "fuzzy"]
    if old.msgid != pl.line.text and old.msgstr:
        entry.previous_msgid = old.msgid
        entry.flags.insert(0, "fuzzy")
    elif old.fuzzy:
        entry.flags.insert(0, "fuzzy")
        entry.previous_msgid = old.previous_msgid
    return entry


def read_catalogue(path: Path) -> dict[str, Translation]:
    """The translated entries of a PO file by line id (obsolete and empty ones left out); a file
    read before and unchanged since (same size and mtime) is not parsed again."""
    try:
        info = path.stat()
    except OSError as exc:
        raise CatalogueError(str(exc)) from exc
    key = (str(path.resolve()), info.st_size, info.st_mtime_ns)
    found = _READ.get(key)
    if found is None:
        found = _READ[key] = _parse_catalogue(path)
        while len(_READ) > 16:
            del _READ[next(iter(_READ))]
    return dict(found)


_READ: dict[tuple[str, int, int], dict[str, Translation]] = {}


def _parse_catalogue(path: Path) -> dict[str, Translation]:
    import polib

    try:
        po = polib.pofile(str(path), encoding="utf-8")
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise CatalogueError(str(exc)) from exc
    out: dict[str, Translation] = {}
    for entry in po:
        if entry.msgctxt and entry.msgstr and not entry.obsolete:
            out[entry.msgctxt] = Translation(entry.msgid, entry.msgstr, entry.fuzzy, entry.linenum or 1)
    return out
