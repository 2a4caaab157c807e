"""Every bundled scenario meets the library's quality bar, checked on the content itself.

Size (scenes, endings, hidden interests), feedback on every move, style fit that varies by scene, a
solved best play that is principled and reaches an agreement, and a price for leaning on one style:
always dominating, always avoiding or always yielding when the scene offers it ends well below the
best achievable total. (Checking packs clean, simulation and solving of each scenario are in
test_loader_bundled, test_analysis_simulate and test_analysis_solve.)
"""

from __future__ import annotations

import pytest

from simulator.analysis.solve import solve
from simulator.content.loaded import LoadedScenario
from simulator.content.loader import load_library
from simulator.content.vocabulary import EndingKind, Style
from simulator.engine import Session
from simulator.engine.reactions import hidden_interests
from simulator.scoring import score_session

SCENARIOS = list(load_library(include_user=False).scenarios())
IDS = [s.ref for s in SCENARIOS]
COSTLY = (Style.DOMINATING, Style.AVOIDING, Style.OBLIGING)
PRICE = 15
"""How far below the best achievable total a one-style play must end, at least."""


def best(loaded: LoadedScenario) -> Session:
    session = Session.start(loaded)
    for choice in solve(loaded).path:
        session.choose(choice)
    return session


def leaning_on(loaded: LoadedScenario, style: Style) -> Session:
    """Play `style` whenever the scene offers it, otherwise the first choice."""
    session = Session.start(loaded)
    while not session.ended and session.state.step < 200:
        offered = session.available()
        session.choose(next((c for c in offered if c.style is style), offered[0]).id)
    return session


@pytest.mark.parametrize("loaded", SCENARIOS, ids=IDS)
def test_size_of_a_full_scenario(loaded: LoadedScenario) -> None:
    scenario = loaded.scenario
    hidden = [i for m in scenario.cast for i in hidden_interests(scenario, loaded.personas, m.persona)]
    assert len(scenario.scenes) >= 12
    assert len(scenario.endings) >= 3
    assert {e.kind for e in scenario.endings} - {EndingKind.AGREEMENT}, "no way to fail"
    assert len(hidden) >= 2


@pytest.mark.parametrize("loaded", SCENARIOS, ids=IDS)
def test_every_move_explains_itself_and_fit_varies(loaded: LoadedScenario) -> None:
    scenes = loaded.scenario.scenes
    assert all(c.feedback for s in scenes for c in s.choices)
    assert any(Style.INTEGRATING not in s.fits or len(s.fits) > 1 for s in scenes)
    assert {f for s in scenes for f in s.fits} - {Style.INTEGRATING}, "integrating always fits alone"


@pytest.mark.parametrize("loaded", SCENARIOS, ids=IDS)
def test_the_best_play_is_principled_and_agrees(loaded: LoadedScenario) -> None:
    session = best(loaded)
    ending = session.ending
    assert ending is not None and ending.kind is EndingKind.AGREEMENT
    moves = session.state.history
    assert not any(m.violates for m in moves)
    assert sum(bool(m.principles) for m in moves) >= 0.8 * len(moves)
    debrief = score_session(loaded, session.state)
    assert all(p.above_batna for p in debrief.parties), "the best agreement leaves someone below their BATNA"


@pytest.mark.parametrize("style", COSTLY, ids=[str(s) for s in COSTLY])
@pytest.mark.parametrize("loaded", SCENARIOS, ids=IDS)
def test_leaning_on_one_style_costs(loaded: LoadedScenario, style: Style) -> None:
    ceiling = solve(loaded).score - PRICE
    session = leaning_on(loaded, style)
    total = score_session(loaded, session.state).total
    assert total <= ceiling, f"always {style} scores {total}, within {PRICE} of the best"
