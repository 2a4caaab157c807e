"""The bundled library passes its own pedagogy audit (`yesable audit`): no scenario can be won by
picking lines by their form or by always using one conflict style, every style is right
somewhere, and no agreement leaves a stakeholder below their BATNA."""

from __future__ import annotations

import pytest
from analysis_kit import bundled

from simulator.analysis.audit import (
    LIMITS,
    ScenarioAudit,
    audit_scenario,
    library_findings,
    library_style_fit,
)
from simulator.content.loaded import LoadedScenario

SCENARIOS = bundled()
IDS = [loaded.scenario.id for loaded in SCENARIOS]


_AUDITS: dict[str, ScenarioAudit] = {}


def audited(loaded: LoadedScenario) -> ScenarioAudit:
    """The scenario's audit, made once per test session (each costs a solve and a worst-solve)."""
    if loaded.ref not in _AUDITS:
        _AUDITS[loaded.ref] = audit_scenario(loaded, seeds=12, games=400)
    return _AUDITS[loaded.ref]


@pytest.mark.parametrize("loaded", SCENARIOS, ids=IDS)
def test_no_naive_strategy_wins_the_scenario(loaded: LoadedScenario) -> None:
    audit = audited(loaded)
    assert audit.measured
    over = {r.name: round(r.share, 2) for r in audit.strategies if r.share > r.limit}
    assert not over, f"{loaded.ref}: {over}"
    assert audit.length_correlation <= LIMITS.length_correlation
    assert not audit.findings, [f.message for f in audit.findings]


def test_across_the_library_form_and_one_style_stay_far_from_the_best() -> None:
    audits = [audited(loaded) for loaded in SCENARIOS]
    assert not library_findings(audits), [f.message for f in library_findings(audits)]


def test_every_style_is_the_right_move_somewhere() -> None:
    spread = library_style_fit([audited(loaded) for loaded in SCENARIOS])
    assert all(share >= LIMITS.style_fit for share in spread.values()), spread
    assert spread["integrating"] <= 0.6, "integrating still fits most scenes"
