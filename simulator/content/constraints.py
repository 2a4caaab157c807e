"""Field constraints that pydantic enforces and JSON Schema shows, declared without importing pydantic.

Lengths and bounds are `annotated_types` (`MinLen`, `MaxLen`, `Interval`), which pydantic honours.
`Pattern` and `Doc` add what those lack, a regex and a description, through pydantic's schema
hooks; the hooks run only when a validator or a JSON Schema is built, so declaring them is free.
"""

from __future__ import annotations

from typing import Any


class Pattern:
    """A string must match `pattern` (pydantic: `string_pattern_mismatch`; JSON Schema: `pattern`)."""

    def __init__(self, pattern: str) -> None:
        self.pattern = pattern

    def __get_pydantic_core_schema__(self, source: Any, handler: Any) -> Any:
        schema = handler(source)
        if schema.get("type") != "str":
            raise TypeError(f"Pattern applies to text, not {schema.get('type')}")
        schema["pattern"] = self.pattern
        return schema

    def __repr__(self) -> str:
        return f"Pattern({self.pattern!r})"


class Doc:
    """What a field or type means, shown in the JSON Schema (editors show it on hover)."""

    def __init__(self, text: str) -> None:
        self.text = text

    def __get_pydantic_json_schema__(self, core_schema: Any, handler: Any) -> Any:
        schema = handler(core_schema)
        schema["description"] = self.text
        return schema

    def __repr__(self) -> str:
        return f"Doc({self.text!r})"
