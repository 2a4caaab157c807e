"""Parse-check every template of a scenario or persona, reporting syntax errors at their field.

Only `yesable check` runs this: compiling every template costs more than parsing a pack's YAML,
so play compiles lazily instead (simulator.engine.dialogue). Parsing uses the same immutable
sandbox the engine renders in.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import fields
from functools import lru_cache

from jinja2 import TemplateSyntaxError, nodes
from jinja2.sandbox import ImmutableSandboxedEnvironment

from simulator.content.loaded import LoadedScenario
from simulator.content.models import Interest, Persona
from simulator.content.problems import FileProblems, Loc

_ENV = ImmutableSandboxedEnvironment()


def check_scenario_templates(loaded: LoadedScenario, report: FileProblems) -> None:
    for loc, text in scenario_templates(loaded):
        _parse(loc, text, report)


def check_persona_templates(persona: Persona, report: FileProblems) -> None:
    for loc, text in persona_templates(persona):
        _parse(loc, text, report)


def scenario_templates(loaded: LoadedScenario) -> Iterator[tuple[Loc, str]]:
    """Every template field of a scenario with its YAML path."""
    scenario = loaded.scenario
    for i, member in enumerate(scenario.cast):
        yield from _interest_lines(("cast", i), member.interests)
        if member.refusal is not None:
            yield ("cast", i, "refusal"), member.refusal
    for i, scene in enumerate(scenario.scenes):
        if scene.narration is not None:
            yield ("scenes", i, "narration"), scene.narration
        for j, line in enumerate(scene.lines):
            yield ("scenes", i, "lines", j, "text"), line.text
        for j, choice in enumerate(scene.choices):
            yield ("scenes", i, "choices", j, "text"), choice.text
            for who, reply in choice.reply.items():
                yield ("scenes", i, "choices", j, "reply", who), reply
    for i, ending in enumerate(scenario.endings):
        yield ("endings", i, "text"), ending.text


def persona_templates(persona: Persona) -> Iterator[tuple[Loc, str]]:
    yield from _interest_lines((), persona.interests)
    for mood in fields(persona.voice):
        for i, text in enumerate(getattr(persona.voice, mood.name)):
            yield ("voice", mood.name, i), text


def _interest_lines(loc: Loc, interests: list[Interest]) -> Iterator[tuple[Loc, str]]:
    for i, interest in enumerate(interests):
        if interest.reveal_line is not None:
            yield (*loc, "interests", i, "reveal_line"), interest.reveal_line


@lru_cache(maxsize=8192)
def parse_template(text: str) -> nodes.Template | TemplateSyntaxError | None:
    """The template's syntax tree, the syntax error, or None for plain text (cached: `check` and
    its graph lint both read every template, and personas recur across scenarios)."""
    if "{" not in text:
        return None
    try:
        return _ENV.parse(text)
    except TemplateSyntaxError as exc:
        return exc


def _parse(loc: Loc, text: str, report: FileProblems) -> None:
    exc = parse_template(text)
    if isinstance(exc, TemplateSyntaxError):
        where = f" (line {exc.lineno} of the template)" if "\n" in text.strip() else ""
        report.error(loc, "template-syntax", f"template syntax error{where}: {exc.message}")
