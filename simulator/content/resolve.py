"""Find a scenario by the name a user types: `pack/scenario`, or a scenario id no other pack uses."""

from __future__ import annotations

import difflib

from simulator.content.loaded import LoadedScenario
from simulator.content.loader import Library
from simulator.errors import ContentError


class ScenarioNotFound(ContentError, LookupError):
    """No scenario, or more than one, answers to the name; the message says which ones might."""


def resolve_scenario(library: Library, ref: str) -> LoadedScenario:
    """The scenario named `ref`; raises ScenarioNotFound naming close matches or the candidates."""
    scenarios = list(library.scenarios())
    by_ref = {loaded.ref: loaded for loaded in scenarios}
    if ref in by_ref:
        return by_ref[ref]
    matches = [loaded for loaded in scenarios if loaded.scenario.id == ref]
    if len(matches) == 1:
        return matches[0]
    if matches:
        refs = ", ".join(sorted(loaded.ref for loaded in matches))
        raise ScenarioNotFound(f"scenario {ref!r} is in several packs; name one of: {refs}")
    names = sorted(by_ref) + sorted({loaded.scenario.id for loaded in scenarios})
    close = difflib.get_close_matches(ref, names, n=3, cutoff=0.5)
    if close:
        raise ScenarioNotFound(f"no scenario {ref!r}; did you mean {' or '.join(repr(c) for c in close)}?")
    if not scenarios:
        raise ScenarioNotFound(f"no scenario {ref!r}: no packs are installed")
    raise ScenarioNotFound(f"no scenario {ref!r}; `yesable list` shows the scenarios available")
