"""Compile content conditions into plain Python predicates over a session state.

Conditions are validated data, never strings handed to `transitions` (which would resolve them as
import paths): each becomes a closure the state machine and the menu share.
"""

from __future__ import annotations

from collections.abc import Callable

from simulator.content.models import Condition
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
    if c.flags:
        need = frozenset(c.flags)
        tests.append(lambda s: need.issubset(s.flags))
    if c.not_flags:
        banned = frozenset(c.not_flags)
        tests.append(lambda s: banned.isdisjoint(s.flags))
    if c.revealed:
        known = frozenset(c.revealed)
        tests.append(lambda s: known.issubset(s.revealed))
    if c.not_revealed:
        unknown = frozenset(c.not_revealed)
        tests.append(lambda s: unknown.isdisjoint(s.revealed))
    for persona, level in c.trust_at_least.items():
        tests.append(lambda s, p=persona, v=level: s.meters[p].trust >= v)
    for persona, level in c.trust_below.items():
        tests.append(lambda s, p=persona, v=level: s.meters[p].trust < v)
    for persona, level in c.satisfaction_at_least.items():
        tests.append(lambda s, p=persona, v=level: s.meters[p].satisfaction >= v)
    for persona, level in c.satisfaction_below.items():
        tests.append(lambda s, p=persona, v=level: s.meters[p].satisfaction < v)
    if c.chosen:
        made = frozenset(c.chosen)
        tests.append(lambda s: made.issubset(s.chosen))
    if c.not_chosen:
        unmade = frozenset(c.not_chosen)
        tests.append(lambda s: unmade.isdisjoint(s.chosen))
    if c.visited:
        seen = frozenset(c.visited)
        tests.append(lambda s: seen.issubset(s.visited))
    for issue, option in c.settled.items():
        tests.append(lambda s, i=issue, o=option: s.settled.get(i) == o)
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
