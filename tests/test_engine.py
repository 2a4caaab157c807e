"""The engine's behaviour on a small fixture scenario: flow, reactions, reveals, walkouts, saves."""

from __future__ import annotations

from dataclasses import replace

import pytest
from engine_kit import mini_deal

from simulator.engine import InvalidChoice, Session, SessionState, StateMismatch


def test_opening_renders_narration_and_lines() -> None:
    session = Session.start(mini_deal())
    lines = session.opening()
    assert lines[0].speaker is None and lines[0].text == "Rae Okafor is waiting."
    assert [u.text for u in lines[1:]] == ["I need it by Friday."]


def test_choices_by_id_or_index_and_invalid_choice_names_the_available_ones() -> None:
    session = Session.start(mini_deal())
    offered = [c.id for c in session.available()]
    assert sorted(offered) == ["ask", "give", "push"]
    assert session.resolve("2").id == offered[1]
    assert session.resolve("ask").id == "ask"
    with pytest.raises(InvalidChoice) as exc:
        session.choose("fly")
    assert exc.value.available == offered
    assert f"1={offered[0]}" in str(exc.value)


def test_conditions_gate_choices_and_lines() -> None:
    session = Session.start(mini_deal())
    session.choose("push")  # sets the flag `pushed` and comes back to the same scene
    assert "And I mean it." in [u.text for u in session.opening()]
    session = Session.start(mini_deal())
    session.choose("ask")
    assert "secret" not in [c.id for c in session.available()]  # needs rae.bonus revealed


def test_dominating_with_coercion_costs_trust_and_patience_runs_out() -> None:
    session = Session.start(mini_deal())
    first = session.choose("push")
    assert first.move.trust["rae"] < -10
    assert session.state.meters["rae"].strikes == 1 and not session.ended
    second = session.choose("push")
    assert session.ended and session.state.ending == "escalated"
    assert second.move.walked_out == ["rae"]
    assert second.lines[0].text == "I'm taking this to the CEO."


def test_probing_reveals_a_hidden_interest_only_once_trust_allows() -> None:
    session = Session.start(mini_deal())
    result = session.choose("ask")  # rae's trust 50 -> 59: renewal (40) comes out, bonus (55) waits
    assert result.move.revealed == ["rae.renewal"]
    result = session.choose("data")  # a second probe at higher trust finds the next one
    assert "rae.bonus" in result.move.revealed


def test_probing_at_low_trust_reveals_nothing() -> None:
    session = Session.start(mini_deal())
    session.choose("push")  # trust falls to 30
    result = session.choose("ask")
    assert result.move.revealed == []


def test_branches_route_on_conditions_after_effects() -> None:
    session = Session.start(mini_deal())
    session.choose("ask")
    session.choose("data")
    assert session.state.ending == "deal_done"
    assert session.state.settled == {"feature": "config"}


def test_state_round_trips_and_restore_continues_identically() -> None:
    loaded = mini_deal()
    one = Session.start(loaded, seed=7)
    one.choose("ask")
    saved = one.state.to_json()
    two = Session.restore(loaded, SessionState.from_json(saved))
    a, b = one.choose("data"), two.choose("data")
    assert a.lines == b.lines and one.state == two.state


def test_restore_refuses_a_state_from_another_scenario_version() -> None:
    loaded = mini_deal()
    state = replace(Session.start(loaded).state, scene="gone")
    with pytest.raises(StateMismatch):
        Session.restore(loaded, state)


def test_no_choices_after_an_ending() -> None:
    session = Session.start(mini_deal())
    session.choose("give")
    assert session.ended and session.available() == []
    with pytest.raises(InvalidChoice):
        session.choose("1")
