"""The compiled transition table plays exactly as the engine does (Session, through `transitions`)."""

from __future__ import annotations

import pytest
from analysis_kit import every_scenario
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from simulator.analysis.table import table_for
from simulator.content.loaded import LoadedScenario
from simulator.engine import Session
from simulator.scoring import score_session

SCENARIOS = every_scenario()


@pytest.mark.parametrize("loaded", SCENARIOS, ids=[s.ref for s in SCENARIOS])
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(picks=st.lists(st.integers(0, 1_000), max_size=40))
def test_table_agrees_with_the_engine_move_by_move(loaded: LoadedScenario, picks: list[int]) -> None:
    table = table_for(loaded)
    session = Session.start(loaded)
    state, quality = table.start, 0
    assert table.compact(session.state) == state
    for pick in picks:
        available = table.offered(state, session.state.seed)
        assert [e.choice for e in available] == [c.id for c in session.available()]
        assert sorted(e.choice for e in table.available(state)) == sorted(e.choice for e in available)
        if not available:
            break
        edge = available[pick % len(available)]
        session.choose(edge.choice)
        state, quality = table.step(state, edge), quality + edge.quality
        assert table.compact(session.state) == state
        assert table.is_ending(state) == session.ended
        if session.ended:
            break
    moves = len(session.state.history)
    expected = score_session(loaded, session.state).total
    assert table.total(table.final_part(state), moves, quality) == expected
