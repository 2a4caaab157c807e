"""The pricing_metric_change scenario teaches what it claims: orchestrate four functions, and spend
the scarce one-on-ones where they count.

Two one-on-one slots for four stakeholders: whoever is met arrives with more trust and has told you
the interest behind their position; whoever is skipped arrives guarded, and sales, skipped, blindsides
the meeting with the chief revenue officer's backing (her strong BATNA). Each costly path is played by
choice ids and must end somewhere worse for its own, asserted reason.
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
    play,
    random_playthroughs,
    scene_ids,
    total,
    walk,
)

from simulator.content.loaded import LoadedScenario
from simulator.content.vocabulary import EndingKind, Style
from simulator.engine import Session
from simulator.scoring import score_session

PRINCIPLED = [
    "map_the_activities",
    "book_one_on_ones",
    "meet_rosalind",
    "listen_to_rosalind",
    "meet_beatriz",
    "ask_about_her_alternative",
    "walk_the_map",
    "ask_felix_about_keynote",
    "propose_phased_rollout",
    "ask_oren_what_went_wrong",
    "offer_metering_service",
    "offer_support_tiers",
    "call_a_break",
    "offer_comp_bridge",
]
# The same care, but the two slots spent on the close allies (engineering and marketing).
MET_THE_ALLIES = [
    "map_the_activities",
    "book_one_on_ones",
    "meet_oren",
    "ask_about_last_time",
    "meet_felix",
    "ask_what_the_keynote_needs",
    "walk_the_map",
    "propose_phased_rollout",
]
DOMINATING = ["send_the_memo", "hold_the_line", "overrule_the_cro"]
OVER_THEIR_HEADS = [
    "map_the_activities",
    "everyone_together",
    "walk_the_map",
    "split_the_dates",
    "overrule_the_cro",
]
AVOIDING = ["wait_for_detail", "keep_waiting"]
YIELDING = ["hand_to_marketing", "let_felix_run_it", "grant_every_wish"]
HIDDEN = {
    "billing_architect.invoice_incident",
    "support_ops_manager.funded_by_premium",
    "pricing_marketer.analyst_briefing",
    "sales_ops_director.comp_plans_signed",
}
ONE_ON_ONES = {"one_on_one_oren", "one_on_one_rosalind", "one_on_one_felix", "one_on_one_beatriz"}


@pytest.fixture(scope="module")
def loaded() -> LoadedScenario:
    return load_bundled("leading_upward_and_across/pricing_metric_change")


def start(loaded: LoadedScenario, choices: list[str]) -> Session:
    """The session after `choices`, played with the seed of whole plays."""
    return walk(loaded, choices, seed=7)


def test_principled_path_orchestrates_the_launch_with_every_hidden_interest(
    loaded: LoadedScenario,
) -> None:
    session, debrief = play(loaded, PRINCIPLED)
    assert session.state.ending == "orchestrated_launch"
    assert_best_agreement(debrief, HIDDEN)
    assert not any(meter.walked_out for meter in session.state.meters.values())


def test_principled_path_clearly_outscores_every_costly_path(loaded: LoadedScenario) -> None:
    best = total(loaded, PRINCIPLED)
    for path in (DOMINATING, OVER_THEIR_HEADS, AVOIDING, YIELDING):
        assert total(loaded, path) <= best - 30, path


def test_there_are_two_slots_for_four_stakeholders(loaded: LoadedScenario) -> None:
    session = start(loaded, PRINCIPLED[:2])
    assert session.state.scene == "calendar"
    assert offered(session) == {"meet_oren", "meet_rosalind", "meet_felix", "meet_beatriz"}
    session = start(loaded, PRINCIPLED[:4])
    assert session.state.scene == "calendar"
    assert offered(session) == {"meet_oren", "meet_felix", "meet_beatriz"}
    session = start(loaded, PRINCIPLED[:6])
    assert session.state.scene == "steering_open"
    assert len(ONE_ON_ONES & set(session.state.visited)) == 2


def test_those_met_arrive_trusting_and_have_told_you_what_they_want(loaded: LoadedScenario) -> None:
    cast = {member.persona: member for member in loaded.scenario.cast}
    session = start(loaded, PRINCIPLED[:6])
    meters = session.state.meters
    for met, interest in (
        ("support_ops_manager", "funded_by_premium"),
        ("sales_ops_director", "comp_plans_signed"),
    ):
        assert meters[met].trust > cast[met].trust + 10
        assert f"{met}.{interest}" in session.state.revealed
    assert meters["billing_architect"].trust == cast["billing_architect"].trust  # not yet spoken to
    for skipped in ("billing_architect", "pricing_marketer"):
        assert not any(ref.startswith(skipped) for ref in session.state.revealed)


def test_skipping_sales_lets_her_blindside_the_meeting_with_her_batna(
    loaded: LoadedScenario,
) -> None:
    session = start(loaded, MET_THE_ALLIES)
    assert session.state.scene == "cro_card"
    assert "sales_ops_director.comp_plans_signed" not in session.state.revealed
    assert "support_ops_manager.funded_by_premium" not in session.state.revealed
    assert offered(session) == {"name_her_alternative", "accept_new_customers_only", "overrule_the_cro"}
    session.choose("name_her_alternative")
    session.choose("present_both_cases")
    debrief = score_session(loaded, session.state)
    assert session.state.ending == "executive_ruling"
    assert debrief.ending_kind == EndingKind.AGREEMENT
    assert debrief.scores["discovery"] == 50
    assert debrief.scores["total"] < total(loaded, PRINCIPLED) - 10


def test_the_guarded_interests_never_come_out_in_the_meeting(loaded: LoadedScenario) -> None:
    skipped = [
        "map_the_activities", "everyone_together", "walk_the_map", "ask_felix_about_keynote",
        "propose_phased_rollout", "accept_new_customers_only", "ask_oren_what_went_wrong",
        "offer_metering_service",
    ]
    session = start(loaded, skipped)
    assert session.state.scene == "support_room"
    assert "offer_support_tiers" not in offered(session)
    session.choose("support_share_of_usage")
    session.choose("call_a_break")
    assert "offer_comp_bridge" not in offered(session)
    assert set(session.state.revealed) == {
        "pricing_marketer.analyst_briefing",
        "billing_architect.invoice_incident",
    }


def test_lost_weeks_leave_one_slot_only(loaded: LoadedScenario) -> None:
    session = start(
        loaded,
        ["wait_for_detail", "start_now", "book_one_on_ones", "meet_beatriz", "ask_about_her_alternative"],
    )
    assert session.state.scene == "steering_open"
    assert len(ONE_ON_ONES & set(session.state.visited)) == 1


def test_dominating_ends_with_sales_walking_out(loaded: LoadedScenario) -> None:
    session, debrief = play(loaded, DOMINATING)
    assert session.state.ending == "meeting_breaks_up"
    assert debrief.ending_kind == EndingKind.WALKOUT
    sales = session.state.meters["sales_ops_director"]
    assert sales.walked_out and sales.trust < 20
    assert debrief.agreement == {} and not debrief.hidden_found


def test_going_over_their_heads_is_an_escalation(loaded: LoadedScenario) -> None:
    session, debrief = play(loaded, OVER_THEIR_HEADS)
    assert session.state.ending == "over_the_cro"
    assert_escalated_at_half_batna(loaded, debrief)


def test_joint_escalation_keeps_the_relationship_a_threat_burns(loaded: LoadedScenario) -> None:
    joint, debrief = play(loaded, [*OVER_THEIR_HEADS[:-1], "name_her_alternative", "present_both_cases"])
    threat, _ = play(loaded, OVER_THEIR_HEADS)
    assert joint.state.ending == "executive_ruling"
    assert debrief.ending_kind == EndingKind.AGREEMENT
    assert all(party.above_batna for party in debrief.parties)
    sales = "sales_ops_director"
    assert joint.state.meters[sales].trust > threat.state.meters[sales].trust + 30


def test_avoiding_keeps_seat_pricing_by_default(loaded: LoadedScenario) -> None:
    session, debrief = play(loaded, AVOIDING)
    assert session.state.ending == "seat_pricing_stays"
    assert_avoided_everything(session, debrief)


def test_yielding_gives_every_function_its_position_and_the_product_less_than_its_batna(
    loaded: LoadedScenario,
) -> None:
    session, debrief = play(loaded, YIELDING)
    assert session.state.ending == "everyones_pricing_but_yours"
    assert session.state.settled["rollout"] == "new_logos_next_year"
    assert below_own_batna(debrief.parties[0])


def test_conceding_positions_in_the_one_on_ones_costs_the_best_options(
    loaded: LoadedScenario,
) -> None:
    pitched = [
        "map_the_activities", "book_one_on_ones", "meet_rosalind", "promise_the_seat_rate",
        "meet_beatriz", "pitch_the_board_case", "walk_the_map",
    ]
    session = start(loaded, pitched)
    assert session.state.scene == "rollout_clash"
    assert not {"support_ops_manager.funded_by_premium", "sales_ops_director.comp_plans_signed"} & set(
        session.state.revealed
    )
    # met, so nobody blindsides: the rollout goes straight on to metering
    for choice in ["ask_felix_about_keynote", "propose_phased_rollout"]:
        session.choose(choice)
    assert session.state.scene == "metering_room"


def test_a_cooling_off_break_is_the_right_call_in_the_heated_moment(loaded: LoadedScenario) -> None:
    before = PRINCIPLED[: PRINCIPLED.index("call_a_break")]
    grades = {}
    for choice in ("call_a_break", "push_through"):
        session = start(loaded, [*before, choice])
        grades[choice] = session.state.history[-1]
    assert grades["call_a_break"].fits and not grades["push_through"].fits
    assert all(delta >= 0 for delta in grades["call_a_break"].trust.values())
    assert all(delta < 0 for delta in grades["push_through"].trust.values())


def test_style_fit_varies(loaded: LoadedScenario) -> None:
    assert {Style.OBLIGING, Style.COMPROMISING, Style.AVOIDING} <= fitting_styles(loaded)


def test_random_play_always_reaches_an_ending(loaded: LoadedScenario) -> None:
    endings, scenes = random_playthroughs(loaded, runs=400, max_moves=40)
    assert endings >= ending_ids(loaded) - {"orchestrated_launch"}  # the best one takes deliberate play
    assert scenes == scene_ids(loaded)
