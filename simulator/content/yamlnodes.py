r"""Read one YAML file into plain Python while remembering where every key and value starts.

Parsing uses PyYAML's C composer (`yaml.compose` with `CSafeLoader`): it resolves plain scalars
(YAML 1.1: `yes` is a boolean) and leaves nodes that carry line/column marks. Walking the nodes
ourselves, instead of letting PyYAML construct objects, is what lets us locate every value and
refuse what a safe pack must not contain:

- bytes that are not a YAML text: too large, binary (NUL bytes), not UTF-8, empty;
- YAML it would silently get wrong: duplicate keys (PyYAML keeps the last), merge keys;
- text a terminal would obey: C0 and C1 control characters other than newline and tab (they can
  only arrive through escapes such as "\e" in a double-quoted string);
- YAML that is unsafe or abusive: any tag beyond the plain core schema (`!!python/...`, `!foo`,
  `!!binary`), aliases (`*name`, the engine of "billion laughs"), nesting deep enough to exhaust
  the parser's stack.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field
from typing import Any

import yaml
from yaml.constructor import SafeConstructor

from simulator.content.inert import CONTROL
from simulator.content.problems import FileProblems, Loc

try:
    from yaml import CSafeLoader as _Loader
except ImportError:  # PyYAML built without libyaml: slower, same results
    from yaml import SafeLoader as _Loader

MAX_BYTES = 2_000_000
"""Largest pack file accepted."""
MAX_DEPTH = 64
"""Deepest nesting accepted; packs need about 15 levels."""
_STACK_GUARD = 400
"""Rough nesting above which the C composer is not even called (it recurses on the C stack)."""

_TAG = "tag:yaml.org,2002:"
_STR, _NULL, _BOOL = _TAG + "str", _TAG + "null", _TAG + "bool"
_MAP, _SEQ, _MERGE = _TAG + "map", _TAG + "seq", _TAG + "merge"
_CONVERTED = {_TAG + "int", _TAG + "float", _TAG + "timestamp"}
_BRACKETS = re.compile(r"[^\[\]{}]+")


@dataclass
class Document:
    """A parsed file: plain data plus where each value (and each mapping key) starts, 1-based."""

    data: Any
    values: dict[Loc, tuple[int, int]] = field(default_factory=dict)
    keys: dict[Loc, tuple[int, int]] = field(default_factory=dict)
    raw: dict[Loc, str] = field(default_factory=dict)
    """The source text of scalars that did not become strings (`yes`, `1.0`, `~`); a key's
    source text is under its path plus `"[key]"`."""

    def raw_text(self, loc: Loc) -> str | None:
        """How the author wrote the non-string scalar at `loc` (a key if `loc` ends in `[key]`)."""
        found = self.resolve(loc)
        if loc and loc[-1] == "[key]":
            return self.raw.get((*found, "[key]"))
        return self.raw.get(found)

    def resolve(self, loc: Loc) -> Loc:
        """The longest prefix of `loc` present in the data, skipping pydantic's union tags."""
        node: Any = self.data
        found: Loc = ()
        for seg in loc:
            in_list = isinstance(node, list) and isinstance(seg, int) and 0 <= seg < len(node)
            if in_list or (isinstance(node, dict) and seg in node):
                node = node[seg]
                found = (*found, seg)
        return found

    def locate(self, loc: Loc) -> tuple[int, int]:
        """Where the value at `loc` (or its nearest present parent) starts; `[key]` means the key."""
        found = self.resolve(loc)
        if loc and loc[-1] == "[key]" and found in self.keys:
            return self.keys[found]
        return self.values.get(found, (1, 1))

    def locate_key(self, loc: Loc) -> tuple[int, int]:
        """Where the key naming the entry at `loc` starts (for unknown or duplicate keys)."""
        found = self.resolve(loc)
        return self.keys.get(found, self.values.get(found, (1, 1)))


def decode(data: bytes, report: FileProblems) -> str | None:
    """The file's text, or None after reporting why these bytes are not a YAML text."""
    if len(data) > MAX_BYTES:
        report.at(1, 1, "file-too-large", f"file is {len(data):,} bytes; the limit is {MAX_BYTES:,}")
        return None
    nul = data.find(b"\x00")
    if nul >= 0:
        line, col = _byte_position(data, nul)
        report.at(line, col, "binary-file", "binary file (contains a NUL byte); expected YAML text")
        return None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line, col = _byte_position(data, exc.start)
        report.at(
            line,
            col,
            "not-utf8",
            f"not UTF-8: byte 0x{data[exc.start]:02x} at offset {exc.start} cannot be decoded",
            "save the file as UTF-8",
        )
        return None
    if not text.strip():
        report.at(1, 1, "empty-file", "file is empty; expected a YAML mapping")
        return None
    return text


def parse(text: str, report: FileProblems) -> Document | None:
    """The document in `text`, or None after reporting why it cannot be used."""
    if _too_deep(text, report):
        return None
    try:
        root = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        message = exc.problem or exc.context or "cannot parse"
        if exc.context and exc.problem and exc.problem.startswith("but "):
            message = f"{exc.context} {exc.problem}"  # PyYAML's "expected X" / "but found Y"
        elif exc.context and exc.problem and exc.context_mark:
            message += f" ({exc.context} at line {exc.context_mark.line + 1})"
        report.at(line, col, "yaml-syntax", f"YAML syntax error: {message}", _syntax_hint(text, exc))
        return None
    except yaml.YAMLError as exc:  # ReaderError: a character YAML does not allow
        line, col = _char_position(text, getattr(exc, "position", 0))
        report.at(line, col, "yaml-syntax", f"YAML syntax error: {str(exc).splitlines()[0]}")
        return None
    except RecursionError:  # pure-Python fallback loader on deep nesting
        report.at(1, 1, "too-deep", f"nesting deeper than {MAX_DEPTH} levels")
        return None
    if root is None:
        report.at(1, 1, "empty-file", "file has no content (only comments); expected a YAML mapping")
        return None
    walker = _Walker(report, track_aliases="&" in text)
    data = walker.value(root, (), 0)
    if walker.aliased:
        _report_aliases(text, report)
    if walker.refused:
        return None
    return Document(data, walker.values, walker.keys, walker.raw)


class _Walker:
    """Turns nodes into dicts, lists and scalars, recording positions and refusing unsafe YAML."""

    def __init__(self, report: FileProblems, track_aliases: bool) -> None:
        self.report = report
        self.values: dict[Loc, tuple[int, int]] = {}
        self.keys: dict[Loc, tuple[int, int]] = {}
        self.raw: dict[Loc, str] = {}
        self.seen: set[int] | None = set() if track_aliases else None
        self.aliased = False
        self.refused = False
        self._constructor = SafeConstructor()

    def refuse(self, node: yaml.Node, code: str, message: str, hint: str | None = None) -> None:
        self.refused = True
        self.report.at(node.start_mark.line + 1, node.start_mark.column + 1, code, message, hint)

    def value(self, node: yaml.Node, loc: Loc, depth: int) -> Any:
        self.values[loc] = (node.start_mark.line + 1, node.start_mark.column + 1)
        if self.seen is not None:
            if id(node) in self.seen:
                self.aliased = self.refused = True
                return None
            self.seen.add(id(node))
        if depth > MAX_DEPTH:
            self.refuse(node, "too-deep", f"nesting deeper than {MAX_DEPTH} levels")
            return None
        if isinstance(node, yaml.ScalarNode):
            if node.tag != _STR:
                self.raw[loc] = node.value
            return self.scalar(node)
        if isinstance(node, yaml.SequenceNode):
            if node.tag != _SEQ:
                return self.unsafe_tag(node)
            return [self.value(item, (*loc, i), depth + 1) for i, item in enumerate(node.value)]
        if isinstance(node, yaml.MappingNode):
            if node.tag != _MAP:
                return self.unsafe_tag(node)
            return self.mapping(node, loc, depth)
        return self.unsafe_tag(node)

    def mapping(self, node: yaml.MappingNode, loc: Loc, depth: int) -> dict[Any, Any]:
        result: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            if key_node.tag == _MERGE:
                self.refuse(key_node, "merge-key", "merge keys (<<) are not supported", "write the keys out")
                continue
            if not isinstance(key_node, yaml.ScalarNode):
                self.refuse(
                    key_node,
                    "complex-key",
                    "a key must be plain text, not a list or mapping",
                    "quote text that starts with {{: unquoted, YAML reads { as a mapping"
                    if isinstance(key_node, yaml.MappingNode)
                    else None,
                )
                continue
            key = self.scalar(key_node)
            if key_node.tag != _STR:
                self.raw[(*loc, key, "[key]")] = key_node.value
            position = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            if key in result:
                first = self.keys[(*loc, key)]
                self.report.at(
                    *position,
                    "duplicate-key",
                    f"duplicate key {key_node.value!r} (first at line {first[0]}); "
                    "YAML would silently keep only the last one",
                )
                continue
            self.keys[(*loc, key)] = position
            result[key] = self.value(value_node, (*loc, key), depth + 1)
        return result

    def scalar(self, node: yaml.ScalarNode) -> Any:
        tag = node.tag
        if tag == _STR:
            control = CONTROL.search(node.value)
            if control is not None:
                self.refuse(
                    node,
                    "control-character",
                    f"text holds the control character U+{ord(control.group()):04X}, which a terminal "
                    "would obey (an escape sequence can clear the screen or rename the window)",
                    "remove it: text may hold newlines and tabs, no other control characters",
                )
                return ""
            return node.value
        if tag == _NULL:
            return None
        if tag == _BOOL:
            return SafeConstructor.bool_values[node.value.lower()]
        if tag in _CONVERTED:
            try:
                value: int | float | datetime.date = self._constructor.construct_object(node)
            except (ValueError, OverflowError, yaml.YAMLError):
                self.refuse(
                    node, "yaml-syntax", f"cannot read {node.value!r} as {tag[len(_TAG) :]}", "quote it if it is text"
                )
                return None
            return value
        return self.unsafe_tag(node)

    def unsafe_tag(self, node: yaml.Node) -> None:
        tag = node.tag.replace(_TAG, "!!")
        self.refuse(
            node,
            "unsafe-tag",
            f"tag {tag} is not allowed in a pack",
            "packs use plain YAML only: text, numbers, true/false, lists and mappings",
        )


_TEMPLATE_START = re.compile(r"(^|:|-)\s+[{][{%]")


def _syntax_hint(text: str, exc: yaml.MarkedYAMLError) -> str | None:
    """The usual cause of a syntax error in a pack, when it is recognisable."""
    lines = text.split("\n")
    marks = [m for m in (exc.problem_mark, exc.context_mark) if m is not None]
    nearby = [lines[m.line] for m in marks if m.line < len(lines)]
    if any(_TEMPLATE_START.search(line) for line in nearby):
        return "quote text that starts with {{ or {%: unquoted, YAML reads { as the start of a mapping"
    problem = exc.problem or ""
    mark = exc.problem_mark
    char = text[mark.index] if mark is not None and 0 <= mark.index < len(text) else ""
    if "cannot start any token" in problem and char == "\t":
        return "indent with spaces: YAML does not allow tabs for indentation"
    if "cannot start any token" in problem and char in "@`":
        return f"quote text that starts with {char}"
    if "mapping values are not allowed" in problem:
        return 'quote text that contains ": " (e.g. text: "Look: this")'
    if "quoted scalar" in (exc.context or ""):
        return "a quote is opened but never closed"
    return None


def _report_aliases(text: str, report: FileProblems) -> None:
    """Locate the first alias (`*name`): aliases are refused because expanding them can explode."""
    aliases = [e for e in yaml.parse(text, Loader=_Loader) if isinstance(e, yaml.AliasEvent)]
    if aliases:
        first = aliases[0]
        mark = first.start_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        more = f" (and {len(aliases) - 1} more aliases)" if len(aliases) > 1 else ""
        report.at(line, col, "alias", f"alias *{first.anchor} is not allowed in a pack{more}", "write the value out")


def _too_deep(text: str, report: FileProblems) -> bool:
    """Refuse text nested so deeply that the C composer could overflow its stack.

    A cheap upper bound: flow nesting is at most the running depth of brackets (quotes ignored),
    block nesting at most a line's indentation plus its `- `, `? ` and `: ` indicators.
    """
    brackets = _BRACKETS.sub("", text)
    if len(brackets) > _STACK_GUARD:
        depth = 0
        for index, char in enumerate(brackets):
            depth += 1 if char in "[{" else -1
            if depth > _STACK_GUARD:
                offset = _nth_bracket(text, index)
                line, col = _char_position(text, offset)
                report.at(line, col, "too-deep", f"nesting deeper than {MAX_DEPTH} levels")
                return True
    if len(text) > _STACK_GUARD:
        for number, line_text in enumerate(text.split("\n"), 1):
            if len(line_text) > _STACK_GUARD:
                bound = (
                    len(line_text)
                    - len(line_text.lstrip())
                    + sum(line_text.count(indicator) for indicator in ("- ", "? ", ": "))
                )
                if bound > _STACK_GUARD:
                    report.at(number, 1, "too-deep", f"nesting deeper than {MAX_DEPTH} levels")
                    return True
    return False


def _nth_bracket(text: str, n: int) -> int:
    seen = -1
    for offset, char in enumerate(text):
        if char in "[]{}":
            seen += 1
            if seen == n:
                return offset
    return 0


def _char_position(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def _byte_position(data: bytes, offset: int) -> tuple[int, int]:
    line = data.count(b"\n", 0, offset) + 1
    return line, offset - (data.rfind(b"\n", 0, offset) + 1) + 1
