"""The SCENARIO argument of headless commands: a name typed by the user, turned into a scenario."""

from __future__ import annotations

from simulator.content.loaded import LoadedScenario


def load_scenario(ref: str) -> LoadedScenario:
    """The installed scenario named `ref` (`pack/scenario` or a unique id); UsageError otherwise.

    A scenario whose files have errors is not installed as far as play is concerned: the message
    points at `yesable check`, which locates every problem.
    """
    from simulator.classroom.installed import find_scenario, library
    from simulator.cli.errors import UsageError
    from simulator.content.resolve import ScenarioNotFound

    try:
        return find_scenario(ref)
    except ScenarioNotFound as exc:
        hint = "; some packs have problems (`yesable check` locates them)" if library().problems else ""
        raise UsageError(f"{exc}{hint}") from None
