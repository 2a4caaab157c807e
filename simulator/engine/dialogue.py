"""Render pack templates safely: jinja2's immutable sandbox, strict undefined, capped output.

Pack text is untrusted. Templates can read the context they are given and nothing else; output is
capped (the sandbox limits attribute access, not CPU or memory) and control characters are removed,
so what a pack says is always shown as plain text.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any, ClassVar

from jinja2 import StrictUndefined, Template, TemplateError
from jinja2.exceptions import SecurityError
from jinja2.sandbox import ImmutableSandboxedEnvironment

MAX_RENDERED = 8_000
"""Longest text a template may produce; the rest is cut."""

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def plain_text(text: str) -> str:
    """`text` without terminal control characters (escape sequences become inert)."""
    return _CONTROL.sub("", text)


class _CappedSandbox(ImmutableSandboxedEnvironment):
    """The immutable sandbox, refusing the arithmetic that builds huge values (`'x' * 10**8`)."""

    intercepted_binops = frozenset({"*", "**"})

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        if operator == "**" and isinstance(right, int) and abs(right) > 64:
            raise SecurityError("exponent too large in a template")
        if operator == "*":
            for seq, times in ((left, right), (right, left)):
                if (isinstance(seq, (str, list, tuple)) and isinstance(times, int)
                        and len(seq) * times > MAX_RENDERED):
                    raise SecurityError("template output too large")
        return super().call_binop(context, operator, left, right)


CACHE_SIZE = 4096
"""Compiled templates kept (shared by all sessions); the oldest are dropped beyond this."""


class Dialogue:
    """Compiles each template once, on first use, and renders it in the sandbox.

    The compiled-template cache is shared by every `Dialogue`: sessions of the same scenario
    (replays, simulations) compile each line once per process.
    """

    _env = _CappedSandbox(undefined=StrictUndefined, autoescape=False)
    _compiled: ClassVar[dict[str, Template | None]] = {}
    """Compiled templates by source, shared by every session (None: does not compile)."""

    def render(self, source: str, context: Mapping[str, Any]) -> str:
        """The rendered text; a template that fails is shown as written (check reports it)."""
        if "{" not in source:
            return plain_text(source)
        if source in self._compiled:
            template = self._compiled[source]
        else:
            try:
                template = self._env.from_string(source)
            except TemplateError:
                template = None
            if len(self._compiled) >= CACHE_SIZE:
                del self._compiled[next(iter(self._compiled))]
            self._compiled[source] = template
        if template is None:
            return plain_text(source)
        try:
            text = template.render(context)
        except (TemplateError, SecurityError, ArithmeticError, TypeError, ValueError, OverflowError, MemoryError):
            return plain_text(source)
        return plain_text(text[:MAX_RENDERED])


TEMPLATE_VARIABLES: tuple[str, ...] = (
    "player",
    "name",
    "title",
    "mood",
    "trust",
    "satisfaction",
    "flags",
    "revealed",
    "settled",
    "cast",
)
"""Every name a pack template may use (lint checks templates against this list)."""
