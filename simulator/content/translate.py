"""Play a scenario in another language: each line replaced by its translation, line by line.

`translate(loaded, lang)` returns a copy of a loaded scenario (and of the personas it casts) in
which every player-visible line that has a usable translation in the pack's `locale/<lang>.po` is
replaced by it; every other line stays in the source language. The engine then plays the copy as
it plays any scenario: translated templates are rendered by the same sandbox under the same
budget, and nothing a rule depends on (ids, tags, numbers) is touched, so a session, its score and
its transcript's moves are the same in every language.

A translation is usable when it is reviewed (not fuzzy), made from the current source text (its
msgid), free of control characters, within the length a pack line may have, parses as a template
when it is one, and names the same template variables as its source. Anything else falls back to
the source line; `check` reports why (simulator.analysis.l10n).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import is_dataclass, replace
from pathlib import Path
from typing import Any

from jinja2 import TemplateSyntaxError, nodes

from simulator.content.catalogue import (
    SOURCE_LANGUAGE,
    CatalogueError,
    Translation,
    catalogue_path,
    file_lines,
    persona_file,
    read_catalogue,
)
from simulator.content.inert import CONTROL
from simulator.content.linetags import FileKind, SourceLine
from simulator.content.loaded import LoadedScenario
from simulator.content.locations import MANIFEST, bundled_personas
from simulator.content.models import Manifest, Persona, Scenario
from simulator.content.problems import Loc
from simulator.content.templates import parse_template

MAX_TEXT = 4000
"""Longest line a pack may hold (models.Text); a longer translation is not used."""


def template_names(text: str) -> frozenset[str] | None:
    """The variables a template reads, as dotted paths (`cast.sales_vp`, `mood`); None when it
    does not parse. Plain text reads none."""
    tree = parse_template(text)
    if tree is None:
        return frozenset()
    if isinstance(tree, TemplateSyntaxError):
        return None
    return frozenset(_names(tree))


def _names(node: nodes.Node) -> Iterator[str]:
    if isinstance(node, nodes.Getattr):
        path = _dotted(node)
        if path is not None:
            yield path
            return
    if isinstance(node, nodes.Name) and node.ctx == "load":
        yield node.name
        return
    for child in node.iter_child_nodes():
        yield from _names(child)


def _dotted(node: nodes.Node) -> str | None:
    if isinstance(node, nodes.Name):
        return node.name
    if isinstance(node, nodes.Getattr):
        head = _dotted(node.node)
        return f"{head}.{node.attr}" if head is not None else None
    return None


def why_unusable(source: str, translation: Translation) -> str | None:
    """Why `translation` may not replace `source` (a short phrase), or None when it may."""
    if translation.fuzzy or translation.source != source:
        return "stale"
    if CONTROL.search(translation.text):
        return "control_character"
    if len(translation.text) > MAX_TEXT:
        return "too_long"
    if "{" in source or "{" in translation.text:
        wanted, found = template_names(source), template_names(translation.text)
        if found is None:
            return "template_syntax"
        if wanted != found:
            return "placeholder_mismatch"
    return None


def pack_folder(loaded: LoadedScenario) -> Path:
    """The folder holding the scenario's pack.yaml (the scenario file's folder or one above it)."""
    for folder in (loaded.path.parent, *loaded.path.parents):
        if (folder / MANIFEST).is_file():
            return folder
    return loaded.path.parent


def load_translations(pack_dir: Path, lang: str) -> dict[str, Translation]:
    """The pack's catalogue for `lang` (for `pt_BR` without one, the `pt` catalogue); empty when it
    has none or it cannot be read."""
    path = catalogue_path(pack_dir, lang)
    if not path.is_file() and "_" in lang:
        path = catalogue_path(pack_dir, lang.split("_")[0])
    if lang == SOURCE_LANGUAGE or not path.is_file():
        return {}
    try:
        return read_catalogue(path)
    except CatalogueError:
        return {}


def translate(loaded: LoadedScenario, lang: str | None) -> LoadedScenario:
    """`loaded` with every line that has a usable `lang` translation replaced (see the module)."""
    if not lang or lang == SOURCE_LANGUAGE:
        return loaded
    pack_dir = pack_folder(loaded)
    translations = load_translations(pack_dir, lang)
    if not translations:
        return loaded
    scenario: Scenario = _translated(loaded.scenario, loaded.path, "scenario", translations)
    manifest: Manifest = _translated(loaded.pack, pack_dir / MANIFEST, "manifest", translations)
    personas: dict[str, Persona] = {}
    for pid, persona in loaded.personas.items():
        path = persona_file(pack_dir / "personas", pid) or persona_file(bundled_personas(), pid)
        personas[pid] = _translated(persona, path, "persona", translations) if path is not None else persona
    return replace(loaded, scenario=scenario, pack=manifest, personas=personas, language=lang)


def _translated(value: Any, path: Path, kind: FileKind, translations: dict[str, Translation]) -> Any:
    """`value` (a record read from `path`) with each translated line replaced, rebuilding only the
    records and lists on the way to a changed line."""
    from simulator.content.catalogue import TextFile

    for line in file_lines(TextFile(path, kind, False)):
        text = _replacement(value, line, translations)
        if text is not None:
            value = _with(value, line.loc, text)
    return value


def _replacement(value: Any, line: SourceLine, translations: dict[str, Translation]) -> str | None:
    if line.id is None or line.id not in translations:
        return None
    current = _get(value, line.loc)
    if not isinstance(current, str) or current != line.text:
        return None  # the file changed since the scenario was loaded
    translation = translations[line.id]
    return translation.text if why_unusable(current, translation) is None else None


def _step(value: Any, seg: str | int) -> Any:
    """One step down a YAML path in records: a field, a list item or a mapping's value."""
    if isinstance(value, list):
        return value[seg] if isinstance(seg, int) and 0 <= seg < len(value) else None
    if isinstance(value, dict):
        return value.get(seg)
    if is_dataclass(value) and isinstance(seg, str):
        return getattr(value, seg, None)
    return None


def _get(value: Any, loc: Loc) -> Any:
    for seg in loc:
        value = _step(value, seg)
    return value


def _with(value: Any, loc: Loc, text: str) -> Any:
    """`value` with `text` at `loc` (which `_get` found), the rest shared."""
    if not loc:
        return text
    head, rest = loc[0], loc[1:]
    inner = _with(_step(value, head), rest, text)
    if isinstance(value, list):
        copied = list(value)
        copied[int(head)] = inner
        return copied
    if isinstance(value, dict):
        return {**value, head: inner}
    return replace(value, **{str(head): inner})
