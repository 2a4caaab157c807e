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
    tests += [_trust_at_least(p, v) for p, v in c.trust_at_least.items()]
    tests += [_trust_below(p, v) for p, v in c.trust_below.items()]
    tests += [_satisfaction_at_least(p, v) for p, v in c.satisfaction_at_least.items()]
    tests += [_satisfaction_below(p, v) for p, v in c.satisfaction_below.items()]
    if c.chosen:
        made = frozenset(c.chosen)
        tests.append(lambda s: made.issubset(s.chosen))
    if c.not_chosen:
        unmade = frozenset(c.not_chosen)
        tests.append(lambda s: unmade.isdisjoint(s.chosen))
    if c.visited:
        seen = frozenset(c.visited)
        tests.append(lambda s: seen.issubset(s.visited))
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


# One closure per persona or issue: each binds its own values (a lambda in a loop would share them).


def _trust_at_least(persona: str, level: int) -> Predicate:
    return lambda s: s.meters[persona].trust >= level


def _trust_below(persona: str, level: int) -> Predicate:
    return lambda s: s.meters[persona].trust < level


def _satisfaction_at_least(persona: str, level: int) -> Predicate:
    return lambda s: s.meters[persona].satisfaction >= level


def _satisfaction_below(persona: str, level: int) -> Predicate:
    return lambda s: s.meters[persona].satisfaction < level


def _settled(issue: str, option: str) -> Predicate:
    return lambda s: s.settled.get(issue) == option
