"""Validate a parsed document against a pack model; turn pydantic's errors into located Problems.

Each error is placed at the exact key or value it concerns and says what was expected in an
author's words: an unknown key gets the nearest valid key, a YAML boolean in a text field is told
to be quoted, a union (`next: scene id | list of branches`) reports the branch the author meant
rather than every branch pydantic tried.
"""

from __future__ import annotations

import dataclasses
import re
import types
from datetime import date
from typing import Annotated, Any, TypeVar, Union, get_args, get_origin

from pydantic import ValidationError

from simulator.content.problems import FileProblems, Loc, did_you_mean
from simulator.content.records import adapter, keyword_alias, record_fields
from simulator.content.yamlnodes import Document

M = TypeVar("M")

_PATTERNS = {
    r"^[a-z][a-z0-9_]*$": "an id (lower-case letters, digits and _, starting with a letter)",
    r"^[a-z][a-z0-9_]*\.[a-z][a-z0-9_]*$": "an interest reference `persona_id.interest_id`",
    r"^\d+\.\d+(\.\d+)?([-+][0-9A-Za-z.-]+)?$": "a version such as 1.0.0",
    r"^[^/\\][^\\]*\.ya?ml$": "a relative path to a .yaml file, with / between folders",
}
_QUOTED = re.compile(r"'([^']*)'")


def validate(model: type[M], doc: Document, report: FileProblems) -> M | None:
    """The model built from `doc`, or None after reporting every validation error, located."""
    if not isinstance(doc.data, dict):
        report.error((), "not-a-mapping", f"expected a mapping of keys to values at the top, got {_describe(doc.data)}")
        return None
    try:
        return adapter(model).validate_python(doc.data)
    except ValidationError as exc:
        for loc, error in _pick_union_branches(doc, exc.errors(include_url=False)):
            _report(model, doc, report, loc, error)
        return None


def _pick_union_branches(doc: Document, errors: list[Any]) -> list[tuple[Loc, Any]]:
    """Drop the errors of union branches the author clearly did not mean.

    pydantic reports one error per branch, tagged (`next.constrained-str`, `next.list[Branch]`).
    Keep the errors of the branch whose shape matches the input: a branch failing deeper inside
    the data, or failing on a value rather than a type; if every branch failed on the type alone,
    keep one combined error.
    """
    groups: dict[Loc, list[tuple[int, bool, Loc, Any]]] = {}
    plain: list[tuple[Loc, Any]] = []
    for error in errors:
        loc: Loc = tuple(error["loc"])
        found = doc.resolve(loc)
        union_at = _first_tag(loc, found, error["type"])
        if union_at is None:
            plain.append((loc, error))
            continue
        depth = len(found) - union_at
        type_only = error["type"].endswith("_type") and depth == 0
        groups.setdefault(loc[:union_at], []).append((depth, type_only, loc, error))
    for prefix, members in groups.items():
        if all(type_only for _, type_only, _, _ in members):
            text = [e for _, _, _, e in members if e["type"] == "string_type"]
            if text and isinstance(text[0].get("input"), bool):
                plain.append((prefix, text[0]))  # a YAML boolean where an id was meant
                continue
            names = ", ".join(dict.fromkeys(_expected(e) for _, _, _, e in members))
            merged = dict(members[0][3], type="union_type", msg=f"expected one of: {names}")
            plain.append((prefix, merged))
            continue
        best = max(depth for depth, type_only, _, _ in members if not type_only)
        plain.extend((loc, e) for depth, type_only, loc, e in members if not type_only and depth == best)
    return plain


def _first_tag(loc: Loc, found: Loc, kind: str) -> int | None:
    """Index in `loc` of the first segment that is not in the data (a union tag), if any.

    The last segment of a `missing` or `extra_forbidden` error names a key, not a tag.
    """
    last_is_key = kind in _MISSING + _UNKNOWN
    matched = 0
    for index, seg in enumerate(loc):
        if matched < len(found) and found[matched] == seg:
            matched += 1
        elif isinstance(seg, str) and seg != "[key]" and (index < len(loc) - 1 or not last_is_key):
            return index
    return None


def _expected(error: Any) -> str:
    kind: str = error["type"]
    return {
        "string_type": "text",
        "list_type": "a list",
        "dict_type": "a mapping",
        "model_type": "a mapping",
        "model_attributes_type": "a mapping",
        "dataclass_type": "a mapping",
        "dataclass_args_type": "a mapping",
        "int_type": "a whole number",
        "bool_type": "true or false",
    }.get(kind, kind.removesuffix("_type"))


_MISSING = ("missing", "missing_argument", "missing_keyword_only_argument")
_UNKNOWN = ("extra_forbidden", "unexpected_keyword_argument")


def _report(model: type[Any], doc: Document, report: FileProblems, loc: Loc, error: Any) -> None:
    kind: str = error["type"]
    value = error.get("input")
    raw = doc.raw_text(loc)
    got = _describe(value, raw)
    ctx = error.get("ctx") or {}
    if kind in _UNKNOWN:
        fields = _field_names(model, loc[:-1])
        line, col = doc.locate_key(loc)
        hint = did_you_mean(loc[-1], fields) or (f"expected one of: {', '.join(fields)}" if fields else None)
        report.at(line, col, "unknown-key", f"unknown key {loc[-1]!r}", hint)
        return
    if kind == "invalid_key":
        shown = doc.raw_text((*loc, "[key]")) or str(value)
        report.at(
            *doc.locate_key(loc),
            "yaml-boolean" if isinstance(value, bool) else "wrong-type",
            f"key '{shown}' is read as {'a boolean' if isinstance(value, bool) else type(value).__name__}, "
            f'not text — quote it: "{shown}"',
        )
        return
    if kind in _MISSING:
        report.error(loc, "missing-key", f"missing required key {loc[-1]!r}")
        return
    if kind in ("string_type", "string_sub_type") and isinstance(value, (bool, int, float, date)):
        what = "boolean" if isinstance(value, bool) else "date" if isinstance(value, date) else "number"
        shown = raw if raw is not None else str(value)
        report.error(
            loc,
            "yaml-boolean" if what == "boolean" else "wrong-type",
            f"expected text, got {what} '{shown}' — quote it: \"{shown}\"",
        )
        return
    if kind in ("enum", "literal_error"):
        choices = _QUOTED.findall(str(ctx.get("expected", "")))
        report.error(
            loc, "invalid-value", f"expected one of: {', '.join(choices)}; got {got}", did_you_mean(value, choices)
        )
        return
    if kind == "string_pattern_mismatch":
        wanted = _PATTERNS.get(str(ctx.get("pattern")), f"text matching {ctx.get('pattern')}")
        report.error(loc, "invalid-value", f"expected {wanted}, got {got}")
        return
    if kind == "union_type" or kind.endswith(("_type", "_parsing")):
        expected = error["msg"] if kind == "union_type" else f"expected {_expected_for(kind)}"
        report.error(loc, "wrong-type", f"{expected}, got {got}")
        return
    message = str(error["msg"])
    report.error(loc, "invalid-value", f"{message[:1].lower()}{message[1:]}, got {got}")


def _expected_for(kind: str) -> str:
    base = kind.removesuffix("_parsing").removesuffix("_type").removesuffix("_from_float")
    return {
        "string": "text",
        "int": "a whole number",
        "float": "a number",
        "bool": "true or false",
        "list": "a list",
        "dict": "a mapping (key: value)",
        "model": "a mapping (key: value)",
        "model_attributes": "a mapping (key: value)",
        "dataclass": "a mapping (key: value)",
        "dataclass_args": "a mapping (key: value)",
    }.get(base, base)


def _describe(value: Any, raw: str | None = None) -> str:
    if value is None:
        return "nothing (null)" if raw is None else f"null '{raw}'"
    if isinstance(value, bool):
        return f"boolean '{raw if raw is not None else value}'"
    if isinstance(value, (int, float)):
        return f"number {raw if raw is not None else value}"
    if isinstance(value, str):
        shown = value if len(value) <= 60 else value[:57] + "..."
        return repr(shown)
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return f"{type(value).__name__} '{raw if raw is not None else value}'"


def _field_names(model: type[Any], loc: Loc) -> list[str]:
    """The keys a mapping at `loc` accepts (aliases as authors write them), for suggestions."""
    current: list[Any] = [model]
    for seg in loc:
        stepped = [t for kind in current for t in _step(kind, seg)]
        current = stepped or current  # a union tag: stay where we are
    names: list[str] = []
    for kind in current:
        for candidate in _flatten(kind):
            if _is_record(candidate):
                names += [keyword_alias(name) for name in record_fields(candidate)]
    return list(dict.fromkeys(names))


def _flatten(kind: Any) -> list[Any]:
    origin = get_origin(kind)
    if origin is Annotated:
        return _flatten(get_args(kind)[0])
    if origin in (Union, types.UnionType):
        return [t for arg in get_args(kind) for t in _flatten(arg)]
    return [kind]


def _step(kind: Any, seg: str | int) -> list[Any]:
    out: list[Any] = []
    for candidate in _flatten(kind):
        origin = get_origin(candidate)
        if _is_record(candidate) and isinstance(seg, str):
            for name, annotation in record_fields(candidate).items():
                if seg in (name, keyword_alias(name)):
                    out.append(annotation)
        elif origin is list and isinstance(seg, int):
            out.append(get_args(candidate)[0])
        elif origin is dict and seg != "[key]":
            out.append(get_args(candidate)[1])
    return out


def _is_record(candidate: Any) -> bool:
    return isinstance(candidate, type) and dataclasses.is_dataclass(candidate)
