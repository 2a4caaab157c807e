"""Render pack templates safely: jinja2's immutable sandbox, strict undefined, capped output.

Pack text is untrusted. Templates can read the context they are given and nothing else; output is
capped (the sandbox limits attribute access, not CPU or memory) and control characters are removed,
so what a pack says is always shown as plain text.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterable, Iterator, Mapping
from contextvars import ContextVar
from typing import Any, ClassVar

from jinja2 import StrictUndefined, Template, TemplateError, nodes
from jinja2.exceptions import SecurityError
from jinja2.sandbox import ImmutableSandboxedEnvironment

from simulator.content.inert import inert

MAX_RENDERED = 8_000
"""Longest text a template may produce, and longest value it may build; beyond, the line shows
as written."""
MAX_STEPS = 10_000
"""Loop iterations one rendering may take, over all its loops together."""
MAX_SECONDS = 0.05
"""Time one rendering may take."""

_BIG_NUMBER = re.compile(r"\d{5,}")
"""A run of digits long enough to be a width that builds a huge string (`{:>100000000}`, `%99999s`)."""


plain_text = inert
"""`text` without terminal control characters (escape sequences become inert)."""


class OverBudget(SecurityError):
    """A template tried to loop, build or take longer than a rendering may."""


class _Budget:
    __slots__ = ("deadline", "steps")

    def __init__(self) -> None:
        self.steps = 0
        self.deadline = time.perf_counter() + MAX_SECONDS

    def spend(self, steps: int) -> None:
        self.steps += steps
        if self.steps > MAX_STEPS:
            raise OverBudget("a template looped too often")
        if time.perf_counter() > self.deadline:
            raise OverBudget("a template took too long")


_BUDGET: ContextVar[_Budget] = ContextVar("template_budget")


def _budgeted(iterable: Iterable[Any]) -> Iterator[Any]:
    """Every `{% for %}` loops over this: each item spends a step of the rendering's budget."""
    budget = _BUDGET.get()
    for item in iterable:
        budget.spend(1)
        yield item


def _concat(parts: list[Any]) -> str:
    """`a ~ b ~ c`, refused when the result would be longer than a line may be."""
    texts = [str(p) for p in parts]
    if sum(map(len, texts)) > MAX_RENDERED:
        raise OverBudget("template text too large")
    _BUDGET.get().spend(1)
    return "".join(texts)


def _sized(value: Any) -> int:
    return len(value) if isinstance(value, (str, list, tuple, dict)) else 0


def _check_arguments(args: Iterable[Any]) -> None:
    """Refuse arguments that build huge values: a width of 10**8, a format string asking for one."""
    for arg in args:
        if isinstance(arg, int) and not isinstance(arg, bool) and abs(arg) > MAX_RENDERED:
            raise OverBudget("a number too large in a template")
        if isinstance(arg, str) and any(int(n) > MAX_RENDERED for n in _BIG_NUMBER.findall(arg)):
            raise OverBudget("a width too large in a template")


def _guarded_filter(function: Any) -> Any:
    def guarded(*args: Any, **kwargs: Any) -> Any:
        _check_arguments(args)
        _check_arguments(kwargs.values())
        return function(*args, **kwargs)

    for attribute in ("jinja_pass_arg",):  # keep jinja's pass_context / pass_environment markers
        if hasattr(function, attribute):
            setattr(guarded, attribute, getattr(function, attribute))
    return guarded


class _CappedSandbox(ImmutableSandboxedEnvironment):
    """The immutable sandbox with a budget: no value larger than a line, no call with a huge width."""

    intercepted_binops = frozenset({"*", "**", "+", "%"})

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        for name in ("namespace", "lipsum", "cycler", "joiner"):  # mutable state or bulk text
            self.globals.pop(name, None)
        self.globals["range"] = _range
        self.filters = {name: _guarded_filter(f) for name, f in self.filters.items()}
        self.filters["_budgeted"] = _budgeted
        self.filters["_concat"] = _concat

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        if operator == "**" and isinstance(right, int) and abs(right) > 64:
            raise OverBudget("exponent too large in a template")
        if operator == "*":
            for seq, times in ((left, right), (right, left)):
                if isinstance(seq, (str, list, tuple)) and isinstance(times, int) and len(seq) * times > MAX_RENDERED:
                    raise OverBudget("template output too large")
        elif operator == "+" and _sized(left) + _sized(right) > MAX_RENDERED:
            raise OverBudget("template output too large")
        elif operator == "%" and isinstance(left, str):
            _check_arguments([left])
        return super().call_binop(context, operator, left, right)

    def wrap_str_format(self, value: Any) -> Any:
        """`'{:>9}'.format(...)`: the sandbox's safe formatter, refusing huge widths first."""
        wrapped = super().wrap_str_format(value)
        if wrapped is None:
            return None
        _check_arguments([value.__self__])
        return wrapped

    def call(self, context: Any, obj: Any, /, *args: Any, **kwargs: Any) -> Any:
        _check_arguments(args)
        _check_arguments(kwargs.values())
        if isinstance(getattr(obj, "__self__", None), str):  # 'x'.ljust(...)
            _check_arguments([obj.__self__])
        return super().call(context, obj, *args, **kwargs)


def _range(*args: int) -> range:
    numbers = range(*args)
    if len(numbers) > MAX_STEPS:
        raise OverBudget("range too large in a template")
    return numbers


UNSUPPORTED: dict[type[nodes.Node], str] = {
    nodes.Macro: "macros",
    nodes.CallBlock: "call blocks",
    nodes.Include: "includes",
    nodes.Import: "imports",
    nodes.FromImport: "imports",
    nodes.Extends: "template inheritance",
}
"""Template constructs a dialogue line may not use (recursion, other templates); such a line
shows as written, and `check` reports it (code `template-budget`)."""


def unsupported(ast: nodes.Template) -> str | None:
    """What the template uses that dialogue does not allow, or None."""
    for node in ast.find_all(tuple(UNSUPPORTED)):
        return UNSUPPORTED[type(node)]
    for loop in ast.find_all(nodes.For):
        if loop.recursive:
            return "recursive loops"
    return None


def _with_budget(ast: nodes.Template) -> nodes.Template:
    """The template's tree with every loop and every `~` going through the budget's filters."""
    for loop in ast.find_all(nodes.For):
        loop.iter = nodes.Filter(loop.iter, "_budgeted", [], [], None, None, lineno=loop.lineno)
    for parent in ast.find_all(nodes.Node):
        for field in parent.fields:
            value = getattr(parent, field, None)
            if isinstance(value, nodes.Concat):
                setattr(parent, field, _as_filter(value))
            elif isinstance(value, list):
                setattr(parent, field, [_as_filter(v) if isinstance(v, nodes.Concat) else v for v in value])
    return ast


def _as_filter(concat: nodes.Concat) -> nodes.Filter:
    return nodes.Filter(
        nodes.List(concat.nodes, lineno=concat.lineno), "_concat", [], [], None, None, lineno=concat.lineno
    )


CACHE_SIZE = 4096
"""Compiled templates kept (shared by all sessions); the oldest are dropped beyond this."""


class Dialogue:
    """Compiles each template once, on first use, and renders it in the sandbox, under a budget.

    The compiled-template cache is shared by every `Dialogue`: sessions of the same scenario
    (replays, simulations) compile each line once per process. A template that does not compile,
    uses what dialogue does not allow, or goes over its budget (MAX_STEPS loop iterations,
    MAX_RENDERED characters, MAX_SECONDS) while rendering shows as written.
    """

    _env = _CappedSandbox(undefined=StrictUndefined, autoescape=False)
    _compiled: ClassVar[dict[str, Template | None]] = {}
    """Compiled templates by source, shared by every session (None: does not compile)."""

    @classmethod
    def globals(cls) -> Mapping[str, Any]:
        """The names every template can use besides its context (`range`, `dict`, ...)."""
        return cls._env.globals

    @classmethod
    def compile(cls, source: str) -> Template | None:
        """The budgeted template for `source`, or None when it cannot or may not be rendered."""
        if source in cls._compiled:
            return cls._compiled[source]
        template: Template | None
        try:
            ast = cls._env.parse(source)
            if unsupported(ast) is not None:
                template = None
            else:
                code = cls._env.compile(_with_budget(ast))
                template = cls._env.template_class.from_code(cls._env, code, cls._env.make_globals(None), None)
        except (TemplateError, RecursionError, MemoryError):
            template = None
        if len(cls._compiled) >= CACHE_SIZE:
            del cls._compiled[next(iter(cls._compiled))]
        cls._compiled[source] = template
        return template

    def render(self, source: str, context: Mapping[str, Any]) -> str:
        """The rendered text; a template that fails or goes over budget is shown as written."""
        if "{" not in source:
            return plain_text(source)
        template = self.compile(source)
        if template is None:
            return plain_text(source)
        token = _BUDGET.set(_Budget())
        try:
            chunks: list[str] = []
            size = 0
            for chunk in template.generate(context):
                size += len(chunk)
                if size > MAX_RENDERED:
                    return plain_text(source)
                chunks.append(chunk)
            return plain_text("".join(chunks))
        except (
            TemplateError,
            SecurityError,
            ArithmeticError,
            TypeError,
            ValueError,
            OverflowError,
            MemoryError,
            RecursionError,
            LookupError,
            AttributeError,
        ):
            return plain_text(source)
        finally:
            _BUDGET.reset(token)


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
