"""The installed scenarios, as the classroom commands look them up (by name or by transcript)."""

from __future__ import annotations

from functools import cache

from simulator.content.loaded import LoadedScenario
from simulator.content.loader import Library, load_library


@cache
def library() -> Library:
    """Bundled, user and `$YESABLE_PACKS` packs, loaded once per process."""
    return load_library()


def find_scenario(ref: str) -> LoadedScenario:
    """The scenario a user named (`pack/scenario` or a unique id); raises ScenarioNotFound."""
    from simulator.content.resolve import resolve_scenario

    return resolve_scenario(library(), ref)


def scenario_by_ref(ref: str) -> LoadedScenario | None:
    """The installed scenario with exactly this `pack/scenario` reference, if any."""
    for loaded in library().scenarios():
        if loaded.ref == ref:
            return loaded
    return None
