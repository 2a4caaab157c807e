"""Every check `yesable check` runs beyond loading, in one place, so `play --watch` runs the same."""

from __future__ import annotations

from simulator.content.loader import Checks, ScenarioCheck


def scenario_checks() -> list[ScenarioCheck]:
    """Checks run on every scenario that loads, beyond the loader's own: add new ones here."""
    from simulator.content.templates import check_scenario_templates

    return [check_scenario_templates]


def pack_checks() -> Checks:
    """The full set: scenario checks plus persona template checks."""
    from simulator.content.templates import check_persona_templates

    return Checks(scenario=scenario_checks(), persona=[check_persona_templates])
