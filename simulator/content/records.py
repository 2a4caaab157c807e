"""Records: the dataclasses of the pack format, session states and transcripts, and their plain data.

Records are plain dataclasses rather than pydantic models so that playing a scenario never imports
pydantic (about 10 MB and a slower start: see bench/bench_tui.py). Pydantic validates records from
their annotations wherever data comes in from outside: pack YAML (content.validation), a save
(engine.state), a transcript (classroom.transcript).

Data this program wrote from records it holds (autosaves, compiled scenarios, transcripts) goes
to JSON and back through `to_data` and `from_data`, without validation: `from_data` rebuilds
exactly what `to_data` wrote, following the records' annotations, and raises TypeError or
ValueError on anything else, so a reader can fall back to validating.
"""

from __future__ import annotations

import dataclasses
import enum
import types
import typing
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar

if TYPE_CHECKING:
    from pydantic import TypeAdapter

T = TypeVar("T")


def keyword_alias(name: str) -> str:
    """`if_` is written `if`: a trailing underscore only dodges a Python keyword."""
    return name.removesuffix("_")


RECORD_CONFIG: dict[str, Any] = {"extra": "forbid", "populate_by_name": True, "alias_generator": keyword_alias}
"""pydantic's configuration of every record: unknown keys are errors; `if` fills `if_`."""


class Record:
    """Base of our dataclass records: carries the configuration pydantic validates them with."""

    __pydantic_config__: ClassVar[dict[str, Any]] = RECORD_CONFIG


_ADAPTERS: dict[type[Any], Any] = {}


def adapter(record: type[T]) -> TypeAdapter[T]:
    """pydantic's validator for one of our records, built on first use (importing pydantic), then kept."""
    found: TypeAdapter[T] | None = _ADAPTERS.get(record)
    if found is None:
        from pydantic import TypeAdapter

        found = _ADAPTERS[record] = TypeAdapter(record)
    return found


def to_data(value: Any) -> Any:
    """`value` as JSON-ready data: records become mappings by field name, enums their values."""
    if isinstance(value, Record):
        return {f.name: to_data(getattr(value, f.name)) for f in dataclasses.fields(value)}  # type: ignore[arg-type]
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, (list, tuple)):
        return [to_data(v) for v in value]
    if isinstance(value, dict):
        return {to_data(k): to_data(v) for k, v in value.items()}
    if isinstance(value, datetime):
        return iso_time(value)
    return value


def iso_time(value: datetime) -> str:
    """ISO 8601 as pydantic writes it: UTC as `Z`."""
    text = value.isoformat()
    return text[:-6] + "Z" if text.endswith("+00:00") else text


def from_data(annotation: Any, value: Any) -> Any:
    """`value`, as `to_data` wrote it, rebuilt as `annotation`, without validation.

    Follows the shapes our records use: records, lists, dicts, enums, literals, datetimes, plain
    values, `X | None` and unions of a plain value with a list. Anything else raises TypeError
    (or ValueError, for a value outside an enum).
    """
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return from_data(typing.get_args(annotation)[0], value)
    if origin is typing.Union or origin is types.UnionType:
        return from_data(_member_for(annotation, value), value)
    if origin is list:
        (item,) = typing.get_args(annotation)
        return [from_data(item, v) for v in _expect(value, list)]
    if origin is dict:
        key, item = typing.get_args(annotation)
        return {from_data(key, k): from_data(item, v) for k, v in _expect(value, dict).items()}
    if origin is typing.Literal:
        if value not in typing.get_args(annotation):
            raise TypeError(f"{value!r} is not one of {typing.get_args(annotation)}")
        return value
    if isinstance(annotation, type):
        return _from_class(annotation, value)
    raise TypeError(f"cannot rebuild {annotation!r} from {value!r}")


def _from_class(annotation: type[Any], value: Any) -> Any:
    """`value` rebuilt as a plain class: a record, an enum, a datetime, a plain value or None."""
    if issubclass(annotation, Record):
        return _record(annotation, _expect(value, dict))
    if issubclass(annotation, enum.Enum):
        return annotation(value)
    if annotation is datetime:
        parsed = datetime.fromisoformat(_expect(value, str))
        return parsed if parsed.tzinfo is not None else parsed.replace(tzinfo=UTC)
    if annotation is float and isinstance(value, int) and not isinstance(value, bool):
        return float(value)
    if annotation in (str, int, float, bool):
        return _expect(value, annotation)
    if annotation is type(None) and value is None:
        return None
    raise TypeError(f"cannot rebuild {annotation!r} from {value!r}")


def _record(record: type[Any], data: dict[str, Any]) -> Any:
    fields = record_fields(record)
    unknown = data.keys() - fields.keys()
    if unknown:
        raise TypeError(f"{record.__name__} has no field(s) {sorted(unknown)}")
    return record(**{name: from_data(fields[name], v) for name, v in data.items()})


_FIELDS: dict[type[Any], dict[str, Any]] = {}


def record_fields(record: type[Any]) -> dict[str, Any]:
    """A record's field names and resolved annotations (with their constraints), in order."""
    found = _FIELDS.get(record)
    if found is None:
        hints = typing.get_type_hints(record, include_extras=True)
        found = _FIELDS[record] = {f.name: hints[f.name] for f in dataclasses.fields(record)}
    return found


def _member_for(union: Any, value: Any) -> Any:
    """The member of `union` that a JSON `value` was written from."""
    for member in typing.get_args(union):
        if _written_from(_bare(member), value):
            return member
    raise TypeError(f"{value!r} fits no member of {union!r}")


def _bare(annotation: Any) -> Any:
    """`annotation` without its `Annotated` constraints."""
    while typing.get_origin(annotation) is typing.Annotated:
        annotation = typing.get_args(annotation)[0]
    return annotation


def _written_from(bare: Any, value: Any) -> bool:
    """Whether `to_data` writes a value of the type `bare` (no `Annotated`) as JSON `value`."""
    if value is None:
        return bare is type(None)
    origin = typing.get_origin(bare) or bare
    if not isinstance(origin, type) or origin is type(None):
        return False
    if issubclass(origin, Record):
        return isinstance(value, dict)
    if issubclass(origin, enum.Enum) or origin is datetime:
        return isinstance(value, str)
    if origin is float:
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    if origin is int:
        return isinstance(value, int) and not isinstance(value, bool)
    return isinstance(value, origin)


def _expect(value: Any, kind: type[T]) -> T:
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        raise TypeError(f"expected {kind.__name__}, found {value!r}")
    return value
