"""The preparation sheet: a perfect read scores 100, guessing everything does not, and each right
tick helps while each wrong one hurts; the pack's answer key overrides the default for "meet first"."""

from __future__ import annotations

from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from simulator.classroom.installed import find_scenario
from simulator.content.loaded import LoadedScenario
from simulator.content.models import Prep
from simulator.content.vocabulary import PowerBase, Quadrant
from simulator.scoring.prep import (
    PrepSheet,
    StakeholderRead,
    f1,
    grade_prep,
    interest_keys,
    meet_first,
    statements,
    strong_power,
)

REFS = [
    "critical_supporters/release_scope",
    "disruptors_and_accelerators/rhino_deal",
    "leading_upward_and_across/pricing_metric_change",
]


@pytest.fixture(scope="module", params=REFS)
def loaded(request: pytest.FixtureRequest) -> LoadedScenario:
    return find_scenario(request.param)


def perfect(loaded: LoadedScenario) -> PrepSheet:
    reads = {
        m.persona: StakeholderRead(
            loaded.personas[m.persona].quadrant,
            frozenset(interest_keys(loaded, m.persona)),
            strong_power(loaded, m.persona),
        )
        for m in loaded.scenario.cast
    }
    batna = loaded.scenario.player.batna_value
    return PrepSheet(reads, batna, batna, min(meet_first(loaded)[0]))


def test_a_perfect_read_scores_100_and_a_blank_sheet_scores_nothing(loaded: LoadedScenario) -> None:
    assert grade_prep(loaded, perfect(loaded)).score == 100
    blank = grade_prep(loaded, PrepSheet())
    assert blank.score == 0 and all(item.answer.startswith("(") for item in blank.items)


def test_ticking_every_statement_is_not_a_good_read(loaded: LoadedScenario) -> None:
    for member in loaded.scenario.cast:
        offered = statements(loaded, member.persona)
        kinds = {s.kind for s in offered}
        assert {"interest", "position", "player"} <= kinds  # a position is offered, and is not an interest
        everything = PrepSheet({member.persona: StakeholderRead(interests=frozenset(s.key for s in offered))})
        item = next(
            i for i in grade_prep(loaded, everything).items if i.who == member.persona and i.topic == "interests"
        )
        assert item.credit < 0.9


def test_the_statements_do_not_give_the_answer_away_by_their_order(loaded: LoadedScenario) -> None:
    who = loaded.scenario.cast[0].persona
    orders = {tuple(s.key for s in statements(loaded, who, seed)) for seed in range(8)}
    assert len(orders) > 1
    assert {s.key for s in statements(loaded, who, 1)} == {s.key for s in statements(loaded, who, 2)}


@settings(max_examples=60, deadline=None)
@given(data=st.data())
def test_each_right_tick_helps_and_each_wrong_tick_hurts(data: st.DataObject) -> None:
    loaded = find_scenario(data.draw(st.sampled_from(REFS)))
    who = data.draw(st.sampled_from([m.persona for m in loaded.scenario.cast]))
    offered = [s.key for s in statements(loaded, who)]
    truth = frozenset(interest_keys(loaded, who))
    picked = frozenset(data.draw(st.sets(st.sampled_from(offered))))
    base = f1(picked, truth)
    extra = data.draw(st.sampled_from(offered))
    if extra in picked:
        return
    after = f1(picked | {extra}, truth)
    assert (after > base) if extra in truth else (after <= base)


@settings(max_examples=40, deadline=None)
@given(
    quadrant=st.sampled_from(list(Quadrant)),
    power=st.sets(st.sampled_from(list(PowerBase))),
    batna=st.integers(0, 100),
    reserve=st.integers(0, 100),
)
def test_a_sheet_scores_between_blank_and_perfect(
    quadrant: Quadrant, power: set[PowerBase], batna: int, reserve: int
) -> None:
    loaded = find_scenario(REFS[0])
    reads = {m.persona: StakeholderRead(quadrant, power=frozenset(power)) for m in loaded.scenario.cast}
    grade = grade_prep(loaded, PrepSheet(reads, batna, reserve))
    assert 0 <= grade.score <= 100
    true_batna = loaded.scenario.player.batna_value
    reservation = next(i for i in grade.items if i.topic == "reservation")
    assert reservation.credit == (1.0 if true_batna <= reserve <= true_batna + 10 else 0.0)


def test_meet_first_defaults_to_those_who_can_block_and_the_pack_can_say_otherwise() -> None:
    mixed = [find_scenario(ref) for ref in REFS]
    loaded = next(x for x in mixed if len({x.personas[m.persona].quadrant for m in x.scenario.cast}) > 1)
    first, why = meet_first(loaded)
    quadrants = {loaded.personas[w].quadrant for w in first}
    assert len(quadrants) == 1 and "block" in why
    order = [Quadrant.POTENTIAL_DISRUPTOR, Quadrant.EXECUTIVE, Quadrant.CRITICAL_SUPPORTER]
    present = {loaded.personas[m.persona].quadrant for m in loaded.scenario.cast}
    assert quadrants == {next(q for q in order if q in present)}
    other = next(m.persona for m in loaded.scenario.cast if m.persona not in first)
    keyed = replace(loaded, scenario=replace(loaded.scenario, prep=Prep(meet_first=[other], why="She owns it")))
    assert meet_first(keyed) == (frozenset({other}), "She owns it")
    sheet = PrepSheet(meet_first=other)
    item = next(i for i in grade_prep(keyed, sheet).items if i.topic == "meet_first")
    assert item.credit == 1.0 and "She owns it" in item.truth
