"""The Jinja2 environment for classroom documents (handouts, class report).

The templates are ours, but the values they show come from packs and transcripts, which are
untrusted: rendering happens in jinja2's immutable sandbox, HTML templates autoescape every value,
and Markdown values go through `md` / `cell` filters so pack text cannot open HTML or break a table.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import Any

from jinja2 import FileSystemLoader, StrictUndefined, select_autoescape
from jinja2.sandbox import ImmutableSandboxedEnvironment

from simulator.content.inert import inert

TEMPLATES = Path(__file__).parent / "templates"

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>#|])")


def md(value: object) -> str:
    """Pack text as inert Markdown: markup characters escaped, so it reads exactly as written."""
    return _MD_SPECIAL.sub(r"\\\1", inert(str(value)))


def cell(value: object) -> str:
    """Pack text for a Markdown table cell: escaped and on one line."""
    return " ".join(md(value).split())


def _inert_value(value: object) -> object:
    """Every value a document prints, without control characters (defence in depth)."""
    return inert(value) if isinstance(value, str) else value


def percent(value: float) -> str:
    return f"{value:.0%}"


@cache
def environment() -> ImmutableSandboxedEnvironment:
    env = ImmutableSandboxedEnvironment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=select_autoescape(enabled_extensions=("html", "html.j2"), default=False),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        finalize=_inert_value,
    )
    env.filters.update(md=md, cell=cell, percent=percent)
    return env


def render(template: str, **context: Any) -> str:
    return environment().get_template(template).render(**context)
