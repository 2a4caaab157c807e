"""Rounds at an open table (simulator.engine.offer_round): opening, proposing, accepting the
counter, running out of rounds, and the state's JSON round trip; on the three-party test pack."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from simulator.content.loader import load_pack
from simulator.content.models import Scenario, Table
from simulator.content.records import from_data, to_data
from simulator.engine import offer_round, packages
from simulator.engine.agreement import default_refusal, refusers
from simulator.engine.offer_round import TableState

PACK = Path(__file__).resolve().parent / "data" / "offers"


def launch(**table: object) -> Scenario:
    pack, problems = load_pack(PACK)
    assert pack is not None, [p.format() for p in problems]
    scenario = pack.scenarios["launch_table"].scenario
    if not table:
        return scenario
    scene = scenario.scene("table")
    changed = dataclasses.replace(scene, table=dataclasses.replace(scene.table or Table(agreed="x"), **table))
    return dataclasses.replace(scenario, scenes=[changed])


def test_the_player_opens_and_the_best_package_is_agreed_and_honoured_at_the_ending() -> None:
    scenario = launch()
    opened = offer_round.open_table(scenario, scenario.scene("table"), 7, {}, {})
    assert opened.outcome == "rejected" and opened.state.counter is None and opened.state.anchor is None
    board = offer_round.board_for(scenario, opened.state, {}, {})
    best = packages.best_packages(board, "player").packages[0]
    done = offer_round.propose(scenario, opened.state, {}, {}, board.terms(best))
    assert (done.outcome, done.goes_to) == ("agreed", "launched")
    assert done.response is not None and done.response.accepted
    # settled as agreed, nobody refuses the agreement ending (the BATNA rule of engine.agreement)
    assert refusers(scenario, done.terms) == []
    assert done.state.anchor == done.terms and done.state.proposals == 1


def test_a_stakeholder_who_opens_anchors_with_an_offer_the_player_may_accept() -> None:
    scenario = launch(opens="ot_dev")
    opened = offer_round.open_table(scenario, scenario.scene("table"), 7, {}, {})
    assert opened.outcome == "countered" and opened.state.counter_by == "ot_dev"
    assert opened.state.anchor == opened.state.counter == opened.terms
    board = offer_round.board_for(scenario, opened.state, {}, {})
    dev = board.party("ot_dev")
    assert board.value(board.package(opened.terms), "ot_dev") >= dev.reservation
    taken = offer_round.accept_counter(scenario, opened.state, {}, {})
    assert taken.response is not None
    dev_answer = next(r for r in taken.response.responses if r.party == "ot_dev")
    assert dev_answer.verdict == "accept"
    assert taken.state.anchor == opened.state.anchor  # the first offer stays the anchor


def test_running_out_of_rounds_closes_the_table_where_a_refused_agreement_would_go() -> None:
    scenario = launch(rounds=2, no_deal=None)
    state = offer_round.open_table(scenario, scenario.scene("table"), 7, {}, {}).state
    hopeless = {"scope": "full", "date": "march", "budget": "small"}
    first = offer_round.propose(scenario, state, {}, {}, hopeless)
    assert first.outcome == "countered" and first.goes_to is None
    second = offer_round.propose(scenario, first.state, {}, {}, hopeless)
    assert second.outcome == "countered"  # the last round: its counter may still be accepted
    with pytest.raises(ValueError, match="rounds are used"):
        offer_round.propose(scenario, second.state, {}, {}, hopeless)
    last = offer_round.accept_counter(scenario, second.state, {}, {})
    # dev's counter suits dev, but sales and marketing block it: past the last round, no deal
    assert last.response is not None and last.response.blockers == ("ot_sales", "ot_mkt")
    assert (last.outcome, last.goes_to) == ("no_deal", default_refusal(scenario).id)
    with pytest.raises(ValueError, match="no counter"):
        offer_round.accept_counter(scenario, last.state, {}, {})


def test_a_counter_everyone_accepts_closes_the_last_round_in_agreement() -> None:
    scenario = launch(rounds=1)
    state = offer_round.open_table(scenario, scenario.scene("table"), 7, {}, {}).state
    empty = offer_round.propose(scenario, state, {}, {}, {})  # everything open: worth 0 to all
    assert empty.response is not None and set(empty.response.blockers) == {
        "ot_sales",
        "ot_dev",
        "ot_mkt",
    }
    assert empty.outcome == "countered" and empty.response.counter_blocked_by == ()
    agreed = offer_round.accept_counter(scenario, empty.state, {}, {})
    assert (agreed.outcome, agreed.goes_to, agreed.terms) == (
        "agreed",
        "launched",
        empty.state.counter,
    )


def test_no_deal_goes_to_the_tables_no_deal() -> None:
    table = launch().scene("table").table
    assert table is not None and offer_round.no_deal_target(launch(), table) == "no_launch"
    scenario = launch(no_deal=None)
    bare = dataclasses.replace(table, no_deal=None)
    assert offer_round.no_deal_target(scenario, bare) == default_refusal(scenario).id


@settings(max_examples=40, deadline=None)
@given(
    st.integers(0, 10_000),
    st.lists(
        st.tuples(
            st.sampled_from(["full", "core", "phased"]),
            st.sampled_from(["march", "may", None]),
            st.sampled_from(["small", "large", None]),
        ),
        min_size=1,
        max_size=3,
    ),
)
def test_every_round_is_plain_data_and_an_agreement_is_never_below_a_batna(
    seed: int, proposals: list[tuple[str, str | None, str | None]]
) -> None:
    scenario = launch()
    result = offer_round.open_table(scenario, scenario.scene("table"), seed, {}, {})
    for scope, date, budget in proposals:
        state = result.state
        assert from_data(TableState, json.loads(json.dumps(to_data(state)))) == state
        result = offer_round.propose(scenario, state, {}, {}, {"scope": scope, "date": date, "budget": budget})
        if result.outcome == "agreed":
            assert refusers(scenario, result.terms) == []
            break
        if result.outcome == "no_deal":
            break
    assert set(result.state.strategies) == {"ot_sales", "ot_dev", "ot_mkt"}
    assert result.state.strategies["ot_sales"] in ("competitive", "deceptive")
