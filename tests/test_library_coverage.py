"""The bundled library covers the subject: functions, objectives, difficulty, multi-party meetings."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from simulator.analysis.coverage import library_markdown, row, shared_lines
from simulator.content.loaded import LoadedScenario
from simulator.content.loader import load_library
from simulator.content.vocabulary import (
    Difficulty,
    Function,
    Objective,
    PowerBase,
    Principle,
    Quadrant,
)

DOCS = Path(__file__).parents[1] / "docs"


@cache
def bundled() -> list[LoadedScenario]:
    return list(load_library(include_user=False).scenarios())


def test_at_least_twelve_scenarios_in_three_packs() -> None:
    scenarios = bundled()
    assert len(scenarios) >= 12
    assert len({s.pack.id for s in scenarios}) >= 3


def test_every_function_of_the_domain_sits_across_the_table() -> None:
    covered = {f for s in bundled() for f in row(s).functions}
    required = [
        {Function.ENGINEERING},
        {Function.UX},
        {Function.MARKETING},
        {Function.SALES},
        {Function.DISTRIBUTION, Function.OPERATIONS},
        {Function.SUPPORT},
        {Function.CUSTOMER_SUCCESS},
        {Function.FINANCE},
        {Function.HR, Function.OPERATIONS},
        {Function.EXECUTIVE},
    ]
    missing = [sorted(f.value for f in group) for group in required if not group & covered]
    assert not missing, f"no scenario casts: {missing}"


def test_every_learning_objective_is_trained() -> None:
    covered = {o for s in bundled() for o in s.scenario.objectives}
    assert set(Objective) <= covered, sorted(o.value for o in set(Objective) - covered)


def test_three_scenarios_at_each_difficulty() -> None:
    for level in Difficulty:
        assert sum(s.scenario.difficulty is level for s in bundled()) >= 3, level


def test_three_scenarios_meet_stakeholders_who_want_different_things() -> None:
    assert sum(row(s).multi_party for s in bundled()) >= 3


def test_no_two_scenarios_share_a_line_of_dialogue() -> None:
    assert shared_lines(bundled()) == {}


def test_library_page_matches_the_packs() -> None:
    expected = library_markdown(bundled())
    assert (DOCS / "library.md").read_text(encoding="utf-8") == expected, (
        "docs/library.md is stale: python -m simulator.analysis.coverage > docs/library.md"
    )


def test_a_copied_line_is_found() -> None:
    from dataclasses import replace

    first = bundled()[0]
    copy = replace(first, pack=replace(first.pack, id="copy"))
    assert shared_lines([first, copy]), "the same scenario in two packs shares every line"


def test_no_two_stakeholders_share_a_first_name_or_a_surname() -> None:
    library = load_library(include_user=False)
    names = [p.name.split() for p in library.personas.values()]
    for part, label in ((0, "first name"), (-1, "surname")):
        seen = [n[part] for n in names]
        assert len(seen) == len(set(seen)), f"a {label} is used twice: {sorted(seen)}"


def test_the_influence_maps_outliers_are_practised_with_hr_among_them() -> None:
    """HR sits across the table somewhere, and outliers (distant, independent) in two scenarios."""
    functions = {s.personas[m.persona].function for s in bundled() for m in s.scenario.cast}
    assert Function.HR in functions
    with_outlier = [
        s.ref for s in bundled() if any(s.personas[m.persona].quadrant is Quadrant.OUTLIER for m in s.scenario.cast)
    ]
    assert len(with_outlier) >= 2, with_outlier


def test_reward_power_is_used_well_and_badly_somewhere() -> None:
    rewards = [
        c for s in bundled() for scene in s.scenario.scenes for c in scene.choices if c.power is PowerBase.REWARD
    ]
    assert any(not c.violates for c in rewards), "no move uses reward power well"
    assert any(c.violates for c in rewards), "no move shows reward power misused"


def test_every_scenario_has_a_move_that_fixes_on_one_option_too_early() -> None:
    missing = [
        s.ref
        for s in bundled()
        if not any(Principle.OPTIONS in c.violates for scene in s.scenario.scenes for c in scene.choices)
    ]
    assert not missing, missing
