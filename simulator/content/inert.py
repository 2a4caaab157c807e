"""Pack text made inert for any output: C0 and C1 control characters other than tab and newline
removed, so an escape sequence in a pack, a save or a transcript cannot reach a terminal.

The loader already refuses such characters in pack files (`control-character`); every output
boundary (the CLI's stdout, dialogue, classroom documents, CSV, graphs, xAPI statements) strips
them again, as defence in depth against text that arrives some other way (a tampered cache, save
or transcript), and a compiled copy holding one is never played.
"""

from __future__ import annotations

import re
from typing import Any

CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
"""Control characters other than tab (0x09) and newline (0x0a)."""


def inert(text: str) -> str:
    """`text` without control characters other than tab and newline."""
    return CONTROL.sub("", text)


def inert_json(value: Any) -> Any:
    """`value` (decoded JSON: dicts, lists, scalars) with every string made inert, keys included."""
    if isinstance(value, str):
        return inert(value)
    if isinstance(value, dict):
        return {inert_json(k): inert_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [inert_json(v) for v in value]
    return value
