"""The bundled packs and personas check clean, with the same checks `yesable check` runs."""

from __future__ import annotations

from simulator.cli.commands.check import scenario_checks
from simulator.content.loader import Checks, load_library
from simulator.content.templates import check_persona_templates


def test_bundled_packs_check_clean() -> None:
    checks = Checks(scenario=scenario_checks(), persona=[check_persona_templates])
    library = load_library(include_user=False, checks=checks)
    assert [p.format() for p in library.problems] == []
    assert library.packs, "no bundled packs found"
    assert list(library.scenarios()), "no bundled scenario loaded"
    for loaded in library.scenarios():
        assert set(loaded.personas) == {m.persona for m in loaded.scenario.cast}
