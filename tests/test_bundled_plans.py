"""Every test plan of every bundled pack passes (one test id per plan file), and what every bundled
scenario shares about style fit holds for each.

What a scenario teaches (which ending a path reaches, what gets settled, which interests come out,
what each costly path costs) lives in its pack as `tests/<scenario>.testplan.yaml`, run here with
every expectation, the solver's included (`yesable test` runs the same). Size, feedback on every
move, a principled solved best and the price of leaning on one style are in test_library_quality.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from simulator.analysis.testplan import run_plan
from simulator.content.loaded import LoadedScenario
from simulator.content.loader import load_library
from simulator.content.locations import bundled_scenarios
from simulator.content.testplan import plan_files, plan_scenario
from simulator.content.vocabulary import Style

LIBRARY = load_library(include_user=False)
SCENARIOS = {loaded.ref: loaded for loaded in LIBRARY.scenarios()}
PLANS = [
    (f"{pack.manifest.id}/{plan_scenario(path)}", path) for pack in LIBRARY.packs for path in plan_files(pack.path)
]


@pytest.mark.parametrize(("ref", "path"), PLANS, ids=[p.name for _, p in PLANS])
def test_the_plan_passes(ref: str, path: Path) -> None:
    assert ref in SCENARIOS, f"{path}: no scenario {ref!r} for this plan"
    run = run_plan(SCENARIOS[ref], path)
    assert run.tests, [p.format() for p in run.problems]
    assert run.passed, "\n".join(p.format() for p in run.problems)
    assert run.skipped == 0


def test_every_plan_file_is_found() -> None:
    """Plans are found wherever they sit in a pack, and every bundled plan names a scenario."""
    on_disk = sorted(bundled_scenarios().rglob("*.testplan.yaml"))
    assert sorted(path for _, path in PLANS) == on_disk
    assert len(PLANS) >= 4


@pytest.mark.parametrize("loaded", list(SCENARIOS.values()), ids=list(SCENARIOS))
def test_each_style_is_the_only_fit_somewhere(loaded: LoadedScenario) -> None:
    """Every style fits some scene; each style but integrating is the only fit of two scenes or
    more, and integrating the only fit of at most half of them: no style wins everywhere."""
    scenes = loaded.scenario.scenes
    assert {style for scene in scenes for style in scene.fits} == set(Style)
    alone = [scene.fits[0] for scene in scenes if len(scene.fits) == 1]
    for style in (Style.DOMINATING, Style.AVOIDING, Style.OBLIGING, Style.COMPROMISING):
        assert alone.count(style) >= 2, style
    assert alone.count(Style.INTEGRATING) <= len(scenes) / 2
