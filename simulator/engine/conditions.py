"""Compile content conditions into plain Python predicates over a session state.

Conditions are validated data, never strings handed to `transitions` (which would resolve them as
import paths): each becomes a closure the state machine and the menu share.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from operator import attrgetter

from simulator.content.models import Condition, FactKind, MeterKind
from simulator.engine.state import SessionState

Predicate = Callable[[SessionState], bool]


def always(_state: SessionState) -> bool:
    return True


def compile_condition(condition: Condition | None) -> Predicate:
    """A predicate that holds exactly when every part of `condition` does."""
    if condition is None:
        return always
    tests: list[Predicate] = []
    c = condition
    for kind, ids, must_hold in c.facts():
        if ids:
            tests.append((_all_of if must_hold else _none_of)(_SETS[kind], frozenset(ids)))
    tests += [
        (_at_least if at_least else _below)(meter, persona, level) for meter, persona, level, at_least in c.bounds()
    ]
    tests += [_settled(i, o) for i, o in c.settled.items()]
    if c.unsettled:
        open_issues = tuple(c.unsettled)
        tests.append(lambda s: all(i not in s.settled for i in open_issues))
    if c.any:
        alternatives = [compile_condition(alt) for alt in c.any]
        tests.append(lambda s: any(alt(s) for alt in alternatives))
    if not tests:
        return always
    if len(tests) == 1:
        return tests[0]
    return lambda s: all(test(s) for test in tests)


_SETS: dict[FactKind, Callable[[SessionState], Collection[str]]] = {
    "flag": attrgetter("flags"),
    "revealed": attrgetter("revealed"),
    "chosen": attrgetter("chosen"),
    "visited": attrgetter("visited"),
}
"""Where a session state keeps each kind of fact a condition asks about."""


# Closure factories: each test binds its own values (a lambda in a loop would share them).


def _all_of(read: Callable[[SessionState], Collection[str]], wanted: frozenset[str]) -> Predicate:
    return lambda s: wanted.issubset(read(s))


def _none_of(read: Callable[[SessionState], Collection[str]], banned: frozenset[str]) -> Predicate:
    return lambda s: banned.isdisjoint(read(s))


def _at_least(meter: MeterKind, persona: str, level: int) -> Predicate:
    read = attrgetter(meter)
    return lambda s: bool(read(s.meters[persona]) >= level)


def _below(meter: MeterKind, persona: str, level: int) -> Predicate:
    read = attrgetter(meter)
    return lambda s: bool(read(s.meters[persona]) < level)


def _settled(issue: str, option: str) -> Predicate:
    return lambda s: s.settled.get(issue) == option
