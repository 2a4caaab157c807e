"""The bundled packs and personas check clean, with the same checks `yesable check` runs."""

from __future__ import annotations

from simulator.analysis.checks import pack_checks
from simulator.analysis.lint import ADVISORY
from simulator.content.loader import load_library


def test_bundled_packs_check_clean() -> None:
    library = load_library(include_user=False, checks=pack_checks())
    # advisory codes (agreements a stakeholder refuses below their BATNA) describe play, not defects
    assert [p.format() for p in library.problems if p.code not in ADVISORY] == []
    assert library.packs, "no bundled packs found"
    assert list(library.scenarios()), "no bundled scenario loaded"
    for loaded in library.scenarios():
        assert set(loaded.personas) == {m.persona for m in loaded.scenario.cast}
