"""Line ids for translation, written into pack YAML as Yarn Spinner writes `#line:` tags.

Every player-visible string of a pack (a scene's lines, choices, replies, narration, endings, the
brief, the personas' voice lines …; `TEXT_PATHS` lists them) is given a stable id by
`yesable l10n tag`, written as a YAML comment at the end of the line where the string ends:

    text: "We ship on the 14th, with or without you."  #line:3fa9c2d1
    summary: >-  #line:0b77e1a4
      Release 7.2 went out last Thursday …

A comment keeps the pack loadable by any YAML reader (the loader still uses safe load and never
sees it), keeps the schema unchanged, and survives editors and round-trip tools that preserve
comments. Ids are random, generated once and never recomputed from the text, so editing a line
keeps its id (its translation becomes stale, not lost) and editing other lines changes nothing.
Tagging inserts text at the end of lines only: the author's comments, quoting, folding and
indentation stay as written. A string that shares its last line with other YAML (inside a flow
collection such as `[a, b]`) cannot carry a tag and is reported by `check` (`l10n-untaggable`).
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Literal

import yaml

from simulator.content.problems import Loc

try:
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - PyYAML built without libyaml
    from yaml import SafeLoader as _Loader

FileKind = Literal["scenario", "persona", "manifest"]

TEXT_PATHS: dict[FileKind, tuple[tuple[str, ...], ...]] = {
    "scenario": (
        ("title",),
        ("summary",),
        ("player", "role"),
        ("player", "goals", "*"),
        ("player", "interests", "*"),
        ("player", "batna"),
        ("player", "constraints", "*"),
        ("cast", "*", "position"),
        ("cast", "*", "batna"),
        ("cast", "*", "refusal"),
        ("cast", "*", "interests", "*", "text"),
        ("cast", "*", "interests", "*", "reveal_line"),
        ("issues", "*", "title"),
        ("issues", "*", "options", "*", "title"),
        ("scenes", "*", "title"),
        ("scenes", "*", "narration"),
        ("scenes", "*", "lines", "*", "text"),
        ("scenes", "*", "choices", "*", "text"),
        ("scenes", "*", "choices", "*", "reply", "*"),
        ("scenes", "*", "choices", "*", "feedback"),
        ("endings", "*", "title"),
        ("endings", "*", "text"),
    ),
    "persona": (
        ("title",),
        ("kpis", "*"),
        ("interests", "*", "text"),
        ("interests", "*", "reveal_line"),
        ("voice", "*", "*"),
    ),
    "manifest": (("title",), ("description",)),
}
"""Where player-visible text lives in each kind of file; `*` is any list index or mapping key.
Ids, names of people, numbers and the pack's licence and authors are not translated."""

TAG = re.compile(r"(?:^|\s)#line:([A-Za-z0-9_]+)")
"""A line tag inside a YAML comment: `#line:` and the id."""
_TAIL = re.compile(r"[ \t]*(#.*)?\r?\n?$")
_BLOCK_HEADER = re.compile(r"[|>][-+1-9]*")


@dataclass(frozen=True)
class SourceLine:
    """One player-visible string of a file and its line tag."""

    loc: Loc
    text: str
    line: int
    """1-based line where the string starts (where `check` points)."""
    col: int
    tag_line: int
    """1-based line where its tag is (or would go): where the string ends, or a block header."""
    id: str | None
    taggable: bool


def file_kind(name: str, in_personas: bool) -> FileKind:
    if name == "pack.yaml":
        return "manifest"
    return "persona" if in_personas else "scenario"


def read_lines(text: str, kind: FileKind) -> list[SourceLine]:
    """The player-visible strings of a YAML text with their tags, in document order.

    Raises yaml.YAMLError when the text is not YAML (callers have the loader's report for that).
    """
    root = yaml.compose(text, Loader=_Loader)
    if not isinstance(root, yaml.MappingNode):
        return []
    lines = text.splitlines(keepends=True)
    found = [_source_line(node, loc, lines) for loc, node in _text_nodes(root, (), kind)]
    return sorted(found, key=lambda s: (s.line, s.col))


Trie = dict[str | None, "Trie"]
"""Text paths as a tree: a key (or `*`) leads on; the key None marks the end of a path."""


def _trie(patterns: tuple[tuple[str, ...], ...]) -> Trie:
    root: Trie = {}
    for pattern in patterns:
        node = root
        for seg in pattern:
            node = node.setdefault(seg, {})
        node[None] = {}
    return root


_TRIES: dict[FileKind, Trie] = {kind: _trie(patterns) for kind, patterns in TEXT_PATHS.items()}


def _text_nodes(node: yaml.Node, loc: Loc, kind: FileKind) -> Iterator[tuple[Loc, yaml.ScalarNode]]:
    return _walk(node, loc, [_TRIES[kind]])


def _walk(node: yaml.Node, loc: Loc, tries: list[Trie]) -> Iterator[tuple[Loc, yaml.ScalarNode]]:
    if isinstance(node, yaml.ScalarNode):
        if node.tag.endswith(":str") and any(None in t for t in tries):
            yield loc, node
    elif isinstance(node, yaml.SequenceNode):
        inner = [t["*"] for t in tries if "*" in t]
        if inner:
            for i, item in enumerate(node.value):
                yield from _walk(item, (*loc, i), inner)
    elif isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            if isinstance(key, yaml.ScalarNode):
                inner = [t[k] for t in tries for k in (key.value, "*") if k in t]
                if inner:
                    yield from _walk(value, (*loc, key.value), inner)


def _source_line(node: yaml.ScalarNode, loc: Loc, lines: list[str]) -> SourceLine:
    if node.style in ("|", ">"):
        row = node.start_mark.line
        header = _BLOCK_HEADER.match(lines[row], node.start_mark.column)
        start = header.end() if header else node.start_mark.column
    else:
        row, start = node.end_mark.line, node.end_mark.column
    tail = _TAIL.match(lines[row], start) if row < len(lines) else None
    comment = tail.group(1) if tail else None
    tag = TAG.search(comment) if comment else None
    return SourceLine(
        loc,
        node.value,
        node.start_mark.line + 1,
        node.start_mark.column + 1,
        row + 1,
        tag.group(1) if tag else None,
        tail is not None,
    )


def new_id() -> str:
    """A fresh random line id: 8 hex digits (Yarn Spinner's tags are similar)."""
    return secrets.token_hex(4)


def tag_text(text: str, kind: FileKind, taken: set[str], make_id: Callable[[], str] = new_id) -> tuple[str, int]:
    """`text` with a tag on every taggable visible string, and how many tags were added or renewed.

    Existing ids are kept. An id already in `taken` (a line copied with its tag, here or in another
    file of the pack) is replaced on its second appearance; `taken` gains every id of the file.
    Nothing else changes: tagging tagged text returns it unchanged.
    """
    lines = text.splitlines(keepends=True)
    changed = 0
    for source in read_lines(text, kind):
        if not source.taggable:
            continue
        if source.id is not None and source.id not in taken:
            taken.add(source.id)
            continue
        fresh = make_id()
        while fresh in taken:
            fresh = make_id()
        taken.add(fresh)
        lines[source.tag_line - 1] = _with_tag(lines[source.tag_line - 1], source.id, fresh)
        changed += 1
    return "".join(lines), changed


def _with_tag(line: str, old: str | None, fresh: str) -> str:
    if old is not None:
        return line.replace(f"#line:{old}", f"#line:{fresh}", 1)
    body = line.rstrip("\r\n")
    ending = line[len(body) :]
    return f"{body.rstrip()}  #line:{fresh}{ending}"
