"""Every check `yesable check` runs beyond loading, in one place, so `play --watch` runs the same."""

from __future__ import annotations

from simulator.content.loader import Checks, PersonaCheck, ScenarioCheck


def scenario_checks() -> list[ScenarioCheck]:
    """Checks run on every scenario that loads, beyond the loader's own: add new ones here.

    Template syntax, then the graph lint (`simulator.analysis.lint`: unreachable scenes,
    conditions that never hold, dead ends, loops with no exit, unknown template names, ...).
    """
    from simulator.analysis.lint import lint_scenario
    from simulator.content.templates import check_scenario_templates

    return [check_scenario_templates, lint_scenario]


def persona_checks() -> list[PersonaCheck]:
    """Checks run on every persona file that loads: template syntax and template names."""
    from simulator.analysis.lint import lint_persona
    from simulator.content.templates import check_persona_templates

    return [check_persona_templates, lint_persona]


def pack_checks() -> Checks:
    """The full set: scenario checks plus persona checks."""
    return Checks(scenario=scenario_checks(), persona=persona_checks())
