"""Player aliases for class rounds: short, readable on a projector, safe in a file name."""

from __future__ import annotations

import re

MAX_ALIAS = 32
_ALIAS = re.compile(r"[A-Za-z0-9][A-Za-z0-9 _.-]*")


def alias_problem(alias: str) -> str | None:
    """Why `alias` cannot be used (None when it can): 1-32 letters, digits, spaces, `_`, `.`, `-`."""
    alias = alias.strip()
    if not alias:
        return "an alias needs at least one letter or digit"
    if len(alias) > MAX_ALIAS:
        return f"an alias is at most {MAX_ALIAS} characters"
    if not _ALIAS.fullmatch(alias):
        return "use letters, digits, spaces, '_', '.' or '-', starting with a letter or digit"
    return None
