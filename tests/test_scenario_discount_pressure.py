"""The discount_pressure scenario teaches what it claims: principled mediation wins, the rest costs.

An account executive wants a deep quarter-end discount; the finance controller guards margin and
pricing integrity; the product manager mediates. Each costly path is played by choice ids and must
end somewhere worse for its own, asserted reason: taking sides by force escalates over the
player's head, staying out leaves the price to a midnight exception, and yielding gives away price,
term and packaging below the player's BATNA.
"""

from __future__ import annotations

import pytest
from scenario_kit import (
    assert_avoided_everything,
    assert_best_agreement,
    assert_escalated_at_half_batna,
    below_own_batna,
    ending_ids,
    fitting_styles,
    load_bundled,
    offered,
    party,
    play,
    random_playthroughs,
    scene_ids,
    total,
    walk,
)

from simulator.content.loaded import LoadedScenario
from simulator.content.vocabulary import Style

PRINCIPLED = [
    "ask_whats_behind_45",
    "ask_what_worries_her",
    "agree_the_yardsticks",
    "call_a_break",
    "ask_about_her_plan",
    "propose_ramp",
    "policy_band_20",
    "ingrid_rules_on_it",
    "quarterly_review",
    "ingrid_presents",
]
DOMINATING = ["lecture_on_discounting", "hold_the_line"]
AVOIDING = ["stay_out_of_it", "no_view"]
YIELDING = ["back_her_fully", "write_strategic_logo", "throw_it_in_too"]
JOINT_ESCALATION = ["lecture_on_discounting", "escalate_jointly", "present_both_columns"]
SPLIT_THE_DIFFERENCE = [
    "ask_whats_behind_45",
    "ask_what_worries_her",
    "split_the_difference",
    "one_year_deal",
    "meet_at_30",
    "module_first_year",
    "quarterly_review",
    "present_together",
]
HIDDEN = {
    "account_exec.budget_cap",
    "account_exec.multi_year_kicker",
    "finance_controller.audit_finding",
    "finance_controller.partner_reputation",
}


@pytest.fixture(scope="module")
def loaded() -> LoadedScenario:
    return load_bundled("disruptors_and_accelerators/discount_pressure")


def test_principled_mediation_reaches_the_value_deal_with_every_hidden_interest(
    loaded: LoadedScenario,
) -> None:
    session, debrief = play(loaded, PRINCIPLED)
    assert session.state.ending == "value_deal"
    assert session.state.settled["discount"] == "policy_20"
    assert_best_agreement(debrief, HIDDEN)


def test_principled_path_clearly_outscores_every_costly_path(loaded: LoadedScenario) -> None:
    best = total(loaded, PRINCIPLED)
    for path in (DOMINATING, AVOIDING, YIELDING, JOINT_ESCALATION):
        assert total(loaded, path) <= best - 30, path
    assert total(loaded, SPLIT_THE_DIFFERENCE) <= best - 10


def test_both_stakeholders_share_the_room_with_conflicting_positions(
    loaded: LoadedScenario,
) -> None:
    both = {"account_exec", "finance_controller"}
    shared = [s for s in loaded.scenario.scenes if both <= set(s.present)]
    assert len(shared) >= 3
    discount = next(i for i in loaded.scenario.issues if i.id == "discount")
    favourite = {
        who: max(discount.options, key=lambda o: o.values[who]).id for who in sorted(both)
    }
    assert favourite["account_exec"] != favourite["finance_controller"]


def test_dominating_escalates_over_the_players_head(loaded: LoadedScenario) -> None:
    session, debrief = play(loaded, DOMINATING)
    assert session.state.ending == "escalated_over_price"
    assert session.state.meters["account_exec"].trust < 35
    assert_escalated_at_half_batna(loaded, debrief)
    assert not debrief.hidden_found


def test_avoiding_leaves_the_price_to_a_midnight_exception(loaded: LoadedScenario) -> None:
    session, debrief = play(loaded, AVOIDING)
    assert session.state.ending == "midnight_exception"
    assert_avoided_everything(session, debrief)


def test_yielding_gives_away_price_term_and_packaging(loaded: LoadedScenario) -> None:
    session, debrief = play(loaded, YIELDING)
    assert session.state.ending == "margin_gone"
    assert session.state.settled["discount"] == "deep_45"
    assert session.state.settled["concessions"] == "free_module"
    assert below_own_batna(party(debrief, "player"))
    assert not party(debrief, "finance_controller").above_batna
    assert party(debrief, "account_exec").above_batna


def test_joint_escalation_keeps_the_account_exec_but_splits_the_difference(
    loaded: LoadedScenario,
) -> None:
    joint, _ = play(loaded, JOINT_ESCALATION)
    alone, _ = play(loaded, DOMINATING)
    assert joint.state.ending == "leaders_split_it"
    assert joint.state.settled["discount"] == "split_30"
    assert joint.state.meters["account_exec"].trust > alone.state.meters["account_exec"].trust


def test_pushing_through_the_flashpoint_misses_the_commission_kicker(
    loaded: LoadedScenario,
) -> None:
    session = walk(loaded, [*PRINCIPLED[:3], "push_through", "propose_ramp"])
    assert session.state.scene == "headline_number"
    assert "account_exec.multi_year_kicker" not in session.state.revealed
    assert "policy_band_20" not in offered(session) and "meet_at_30" in offered(session)


def test_the_audit_finding_opens_the_clean_concession(loaded: LoadedScenario) -> None:
    session = walk(loaded, ["ask_whats_behind_45", "ask_her_to_bend", *PRINCIPLED[2:7]])
    assert session.state.scene == "concessions"
    assert "finance_controller.audit_finding" not in session.state.revealed
    assert "ingrid_rules_on_it" not in offered(session) and "module_first_year" in offered(session)


def test_style_fit_varies(loaded: LoadedScenario) -> None:
    assert {Style.OBLIGING, Style.COMPROMISING, Style.AVOIDING} <= fitting_styles(loaded)


def test_random_play_always_reaches_an_ending(loaded: LoadedScenario) -> None:
    endings, scenes = random_playthroughs(loaded, runs=400, max_moves=60)
    assert endings >= ending_ids(loaded) - {"value_deal"}
    assert scenes == scene_ids(loaded)
