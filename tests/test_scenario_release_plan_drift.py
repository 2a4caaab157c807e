"""The release_plan_drift scenario teaches what it claims: separate deploying from releasing.

Principled play (a blameless timeline, both sides' interests, agreed criteria, flags for SaaS and
fixed trains from trunk for on-premise) reaches the release-train agreement, finds all four hidden
interests and beats every party's BATNA. Each costly path ends somewhere worse for its own reason:
taking sides and threatening empties the room (and a second push after cooling off exhausts the
platform lead's patience), going round him is an escalation, avoiding leaves a freeze on paper,
and yielding to distribution freezes the calendar below the player's and the platform lead's
BATNAs.
"""

from __future__ import annotations

import pytest
from scenario_kit import (
    assert_avoided_everything,
    assert_best_agreement,
    assert_escalated_at_half_batna,
    batnas,
    ending_ids,
    fitting_styles,
    load_bundled,
    mean_value,
    offered,
    play,
    random_playthroughs,
    scene_ids,
    total,
    walk,
)

from simulator.content.loaded import LoadedScenario
from simulator.content.vocabulary import EndingKind, Style

PRINCIPLED = [
    "blameless_timeline",
    "ask_what_continuous_buys",
    "ask_what_a_change_costs",
    "agree_cadence_criteria",
    "own_the_plan_gap",
    "flags_for_saas",
    "ask_about_branches",
    "trains_from_trunk",
    "ask_about_portal",
    "decoupled_criteria",
    "present_as_three",
]
DOMINATING = ["side_with_release", "threaten_access"]
ROUND_HIM = ["blameless_timeline", "order_back_to_plan", "go_to_the_cto"]
JOINT = ["blameless_timeline", "order_back_to_plan", "escalate_together", "present_both_cases"]
AVOIDING = ["let_it_pass", "wait_for_the_train"]
YIELDING = [
    "blameless_timeline",
    "ask_what_continuous_buys",
    "promise_full_freeze",
    "keep_the_promise",
]
EARLY_SPLIT = [
    "blameless_timeline",
    "ask_what_continuous_buys",
    "ask_what_a_change_costs",
    "split_weekly_now",
    "split_the_sprints",
    "weekly_wednesdays",
    "keep_quarterly",
    "plain_criteria",
    "present_as_three",
]
HIDDEN = {
    "platform_lead.dora_promise",
    "platform_lead.backport_burden",
    "release_manager.partner_penalties",
    "release_manager.entitlement_coupling",
}
BEST = {
    "saas_cadence": "continuous_flagged",
    "onprem_train": "trains_from_trunk",
    "ride_criteria": "decoupled_criteria",
    "plan_capacity": "themes_capacity",
}


@pytest.fixture(scope="module")
def loaded() -> LoadedScenario:
    return load_bundled("critical_supporters/release_plan_drift")


def test_principled_path_reaches_the_release_train_with_every_hidden_interest(
    loaded: LoadedScenario,
) -> None:
    session, debrief = play(loaded, PRINCIPLED)
    assert session.state.ending == "release_train"
    assert session.state.settled == BEST
    assert_best_agreement(debrief, HIDDEN)


def test_the_release_train_beats_every_batna_and_splitting_everything_does_not(
    loaded: LoadedScenario,
) -> None:
    batna = batnas(loaded)
    split = {
        "saas_cadence": "weekly_batch",
        "onprem_train": "monthly_drops",
        "ride_criteria": "none",
        "plan_capacity": "half_half",
    }
    assert all(mean_value(loaded, party, BEST) > value + 25 for party, value in batna.items())
    assert [p for p, value in batna.items() if mean_value(loaded, p, split) < value] == [
        "player",
        "release_manager",
    ]


def test_principled_path_clearly_outscores_every_costly_path(loaded: LoadedScenario) -> None:
    best = total(loaded, PRINCIPLED)
    for path in (DOMINATING, ROUND_HIM, AVOIDING, YIELDING):
        assert total(loaded, path) <= best - 40, path
    for path in (JOINT, EARLY_SPLIT):
        assert total(loaded, path) <= best - 15, path


def test_dominating_empties_the_room_before_anyone_says_what_drives_them(
    loaded: LoadedScenario,
) -> None:
    session, debrief = play(loaded, DOMINATING)
    assert session.state.ending == "room_empties"
    assert debrief.ending_kind == EndingKind.WALKOUT
    assert session.state.meters["platform_lead"].trust < 20
    # siding publicly skips the one-on-ones where hidden interests come out
    assert "platform_one_on_one" not in session.state.visited
    assert debrief.agreement == {} and not debrief.hidden_found


def test_a_second_push_after_the_cooling_off_exhausts_his_patience(
    loaded: LoadedScenario,
) -> None:
    path = [
        "take_it_offline",
        "order_back_to_plan",
        "cool_down",
        "restart_from_data",
        "assign_the_tickets",
        "go_to_the_cto",
    ]
    session, debrief = play(loaded, path)
    lead = session.state.meters["platform_lead"]
    assert lead.walked_out and lead.strikes == 3
    assert session.state.ending == "room_empties"  # he leaves before the escalation lands
    assert debrief.agreement == {}


def test_going_round_him_escalates_and_a_joint_escalation_keeps_both(
    loaded: LoadedScenario,
) -> None:
    alone, alone_debrief = play(loaded, ROUND_HIM)
    assert alone.state.ending == "overruled"
    assert_escalated_at_half_batna(loaded, alone_debrief)
    joint, joint_debrief = play(loaded, JOINT)
    assert joint.state.ending == "executive_ruling"
    assert joint_debrief.ending_kind == EndingKind.AGREEMENT
    assert all(party.above_batna for party in joint_debrief.parties)
    # the executives split the SaaS question and kept the branches: value left on the table
    assert joint.state.settled["saas_cadence"] == "weekly_batch"
    assert joint_debrief.joint_value < joint_debrief.best_joint_value
    joint_trust = joint.state.meters["platform_lead"].trust
    assert joint_trust > alone.state.meters["platform_lead"].trust + 25


def test_avoiding_leaves_a_freeze_on_paper(loaded: LoadedScenario) -> None:
    session, debrief = play(loaded, AVOIDING)
    assert session.state.ending == "release_chaos"
    assert_avoided_everything(session, debrief)


def test_yielding_to_distribution_leaves_product_and_platform_below_their_batnas(
    loaded: LoadedScenario,
) -> None:
    session, debrief = play(loaded, YIELDING)
    assert session.state.ending == "frozen_calendar"
    assert session.state.settled["saas_cadence"] == "quarterly_only"
    below = {party.party for party in debrief.parties if not party.above_batna}
    assert below == {"player", "platform_lead"}


def test_splitting_early_costs_the_flag_option_and_two_hidden_interests(
    loaded: LoadedScenario,
) -> None:
    session, debrief = play(loaded, EARLY_SPLIT)
    assert session.state.ending == "patched_cadence"
    assert session.state.settled["saas_cadence"] == "weekly_batch"
    assert "platform_lead.backport_burden" in debrief.hidden_missed
    assert "release_manager.entitlement_coupling" in debrief.hidden_missed


def test_hidden_interests_open_the_better_train_and_criteria(loaded: LoadedScenario) -> None:
    session = walk(loaded, PRINCIPLED[:6])
    assert session.state.scene == "onprem_trains"
    assert "trains_from_trunk" not in offered(session)
    session.choose("ask_about_branches")
    assert "platform_lead.backport_burden" in session.state.revealed
    assert "trains_from_trunk" in offered(session)
    session.choose("trains_from_trunk")
    assert "decoupled_criteria" not in offered(session)
    session.choose("ask_about_portal")
    assert "release_manager.entitlement_coupling" in session.state.revealed
    assert "decoupled_criteria" in offered(session)


def test_both_stakeholders_share_the_room_where_their_interests_collide(
    loaded: LoadedScenario,
) -> None:
    scenes = {scene.id: scene for scene in loaded.scenario.scenes}
    for scene_id in ("saas_cadence", "onprem_trains", "ride_rules"):
        assert set(scenes[scene_id].present) == {"platform_lead", "release_manager"}


def test_style_fit_varies_and_the_best_path_obliges_once(loaded: LoadedScenario) -> None:
    fitting = fitting_styles(loaded)
    assert {Style.OBLIGING, Style.COMPROMISING, Style.AVOIDING, Style.INTEGRATING} <= fitting
    principled_styles = {move.style for move in play(loaded, PRINCIPLED)[0].state.history}
    assert Style.OBLIGING in principled_styles  # owning the plan's gap is part of the best path


def test_random_play_reaches_every_ending_but_the_best(loaded: LoadedScenario) -> None:
    endings, scenes = random_playthroughs(loaded, runs=600, max_moves=40)
    assert ending_ids(loaded) - {"release_train"} <= endings
    assert scenes == scene_ids(loaded)
