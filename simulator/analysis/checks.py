"""Every check `yesable check` runs beyond loading, in one place, so `play --watch` runs the same."""

from __future__ import annotations

from simulator.content.loader import Checks, PersonaCheck, ScenarioCheck


def scenario_checks(audit: bool = False) -> list[ScenarioCheck]:
    """Checks run on every scenario that loads, beyond the loader's own: add new ones here.

    Template syntax, then the graph lint (`simulator.analysis.lint`: unreachable scenes,
    conditions that never hold, dead ends, loops with no exit, unknown template names, ...), the
    scenario's test plans (`simulator.analysis.testplan`: a failing plan is an error; the
    expectations that need the solver only with `audit`), and
    with `audit` the pedagogy audit (`simulator.analysis.audit`), whose findings are warnings.
    """
    from simulator.analysis.lint import lint_scenario
    from simulator.analysis.offer_checks import check_offer_tables
    from simulator.analysis.testplan import full_plan_check, plan_check
    from simulator.content.templates import check_scenario_templates

    checks: list[ScenarioCheck] = [check_scenario_templates, lint_scenario, check_offer_tables]
    checks.append(full_plan_check if audit else plan_check)
    if audit:
        from simulator.analysis.audit import audit_check

        checks.append(audit_check)
    return checks


def persona_checks() -> list[PersonaCheck]:
    """Checks run on every persona file that loads: template syntax and template names."""
    from simulator.analysis.lint import lint_persona
    from simulator.content.templates import check_persona_templates

    return [check_persona_templates, lint_persona]


def pack_checks(audit: bool = False) -> Checks:
    """The full set: scenario checks plus persona checks (`check --strict` adds the audit)."""
    return Checks(scenario=scenario_checks(audit), persona=persona_checks())
