"""The off_plan_promises scenario teaches what it claims: align customer success, don't police it.

The principled path cools off on the forecast call, joins the customer call, turns the promise into
planned work for a whole segment, retires the side branch openly and agrees how promises get made.
Each costly path is played by choice ids and must end somewhere worse for its own, asserted reason.
"""

from __future__ import annotations

import pytest
from scenario_kit import (
    assert_avoided_everything,
    assert_best_agreement,
    assert_escalated_at_half_batna,
    assert_near_solved_best,
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

PRINCIPLED = [
    "take_it_offline",
    "ask_what_halvorsen_needs",
    "ask_rasmus_how",
    "stop_the_job",
    "grant_the_beta",
    "listen_for_the_need",
    "ask_why_the_side_route",
    "offer_sla_slice",
    "split_the_slice",
    "share_segment_insight",
    "propose_commitment_protocol",
    "hold_the_quarter",
]
DOMINATING = ["correct_publicly", "claim_the_roadmap", "beat_her_to_callum"]
OVER_HER_HEAD = ["take_it_offline", "claim_the_roadmap", "beat_her_to_callum"]
JOINT = ["take_it_offline", "claim_the_roadmap", "escalate_with_her", "lay_out_both_cases"]
AVOIDING = ["let_it_ride", "keep_out_of_it"]
AVOIDED_THEN_RECOVERED = [
    "let_it_ride",
    "own_it_late",
    *PRINCIPLED[1:7],
    "offer_manual_bridge",
    *PRINCIPLED[9:],
]
YIELDING = ["take_it_offline", "honour_the_promise", "keep_saying_yes"]
SPLIT_EARLY = [
    "take_it_offline",
    "quick_manual_report",
    "ask_rasmus_how",
    "stop_the_job",
    "grant_the_beta",
    "listen_for_the_need",
    "offer_manual_bridge",
    "share_segment_insight",
    "roadmap_only_rule",
    "hold_the_quarter",
]
BRAINSTORM_THE_LEAK = [*PRINCIPLED[:3], "convene_everyone"]
WORKING_GROUP = [*PRINCIPLED[:-1], "reporting_working_group"]
HIDDEN = {
    "cs_lead.renewal_champion",
    "cs_lead.promises_unheard",
    "integration_developer.side_branch_risk",
    "integration_developer.customer_contact",
}


@pytest.fixture(scope="module")
def loaded() -> LoadedScenario:
    return load_bundled("disruptors_and_accelerators/off_plan_promises")


def test_principled_path_keeps_the_renewal_on_plan_with_every_hidden_interest(
    loaded: LoadedScenario,
) -> None:
    session, debrief = play(loaded, PRINCIPLED)
    assert session.state.ending == "renewal_on_plan"
    assert_best_agreement(debrief, HIDDEN)


def test_principled_path_is_within_two_points_of_the_best_any_path_reaches(
    loaded: LoadedScenario,
) -> None:
    assert_near_solved_best(loaded, PRINCIPLED, slack=2)


def test_principled_path_clearly_outscores_every_costly_path(loaded: LoadedScenario) -> None:
    best = total(loaded, PRINCIPLED)
    for path in (DOMINATING, OVER_HER_HEAD, AVOIDING, YIELDING):
        assert total(loaded, path) <= best - 30, path
    for path in (JOINT, SPLIT_EARLY):
        assert total(loaded, path) <= best - 15, path
    assert total(loaded, AVOIDED_THEN_RECOVERED) < best


def test_dominating_exhausts_the_cs_leads_patience(loaded: LoadedScenario) -> None:
    session, debrief = play(loaded, DOMINATING)
    assert session.state.ending == "cs_goes_around"
    lead = session.state.meters["cs_lead"]
    assert lead.walked_out and lead.trust < 25
    assert debrief.agreement == {} and not debrief.hidden_found


def test_racing_her_to_the_cro_is_an_escalation(loaded: LoadedScenario) -> None:
    session, debrief = play(loaded, OVER_HER_HEAD)
    assert session.state.ending == "cro_overrules"
    assert_escalated_at_half_batna(loaded, debrief)


def test_joint_escalation_keeps_the_relationship_racing_her_burns(loaded: LoadedScenario) -> None:
    joint, joint_debrief = play(loaded, JOINT)
    alone, _ = play(loaded, OVER_HER_HEAD)
    assert joint.state.ending == "executive_ruling"
    assert joint_debrief.ending_kind == EndingKind.AGREEMENT
    assert joint_debrief.joint_value < joint_debrief.best_joint_value
    assert joint.state.meters["cs_lead"].trust > alone.state.meters["cs_lead"].trust + 30


def test_avoiding_lets_the_migration_break_the_promise(loaded: LoadedScenario) -> None:
    session, debrief = play(loaded, AVOIDING)
    assert session.state.ending == "schema_breaks"
    assert_avoided_everything(session, debrief)


def test_avoiding_costs_the_best_option_even_after_recovering(loaded: LoadedScenario) -> None:
    session = walk(loaded, AVOIDED_THEN_RECOVERED[:8])
    assert session.state.scene == "after_the_call"
    assert "offer_sla_slice" not in offered(session) and "offer_manual_bridge" in offered(session)
    for choice in AVOIDED_THEN_RECOVERED[8:]:
        session.choose(choice)
    assert session.state.ending == "renewal_with_cracks"


def test_yielding_settles_below_the_players_batna(loaded: LoadedScenario) -> None:
    session, debrief = play(loaded, YIELDING)
    assert session.state.ending == "promises_run_the_roadmap"
    assert session.state.settled["side_branch"] == "ship_it"
    player, *others = debrief.parties
    assert below_own_batna(player)
    assert all(party.above_batna for party in others)


def test_splitting_early_settles_on_a_stopgap(loaded: LoadedScenario) -> None:
    session, debrief = play(loaded, SPLIT_EARLY)
    assert session.state.ending == "renewal_with_cracks"
    assert session.state.settled["halvorsen_need"] == "manual_bridge"
    assert debrief.joint_value < debrief.best_joint_value
    assert "cs_lead.promises_unheard" in debrief.hidden_missed


def test_hidden_interests_open_the_better_options(loaded: LoadedScenario) -> None:
    session = walk(loaded, PRINCIPLED[:6])
    assert session.state.scene == "after_the_call"
    session.choose("ask_why_the_side_route")
    assert {"cs_lead.promises_unheard", "integration_developer.customer_contact"} <= set(
        session.state.revealed
    )
    assert "offer_sla_slice" in offered(session)


def test_reporting_the_developer_costs_his_reveal_and_the_best_option(
    loaded: LoadedScenario,
) -> None:
    session = walk(
        loaded,
        [
            "take_it_offline",
            "ask_what_halvorsen_needs",
            "report_to_petra",
            "stop_the_job",
            "grant_the_beta",
            "listen_for_the_need",
            "ask_why_the_side_route",
        ],
    )
    assert "integration_developer.side_branch_risk" not in session.state.revealed
    assert "offer_sla_slice" not in offered(session)


def test_the_cheap_concession_fits_and_the_bargain_does_not(loaded: LoadedScenario) -> None:
    granted = walk(loaded, [*PRINCIPLED[:4], "grant_the_beta"])
    traded = walk(loaded, [*PRINCIPLED[:4], "trade_the_beta"])
    assert granted.state.history[-1].style is Style.OBLIGING and granted.state.history[-1].fits
    assert not traded.state.history[-1].fits
    assert granted.state.meters["cs_lead"].trust > traded.state.meters["cs_lead"].trust


def test_style_fit_varies(loaded: LoadedScenario) -> None:
    assert set(Style) <= fitting_styles(loaded)
    only = [s.fits[0] for s in loaded.scenario.scenes if len(s.fits) == 1]
    for style in (Style.DOMINATING, Style.AVOIDING, Style.OBLIGING, Style.COMPROMISING):
        assert only.count(style) >= 2, style
    assert only.count(Style.INTEGRATING) <= len(loaded.scenario.scenes) / 2


def test_brainstorming_a_live_data_leak_is_the_pivotal_mistake(loaded: LoadedScenario) -> None:
    scene = loaded.scenario.scene("live_job")
    convene = next(c for c in scene.choices if c.id == "convene_everyone")
    assert convene.style is Style.INTEGRATING and Style.INTEGRATING not in scene.fits
    assert convene.violates and convene.feedback
    session, debrief = play(loaded, BRAINSTORM_THE_LEAK)
    assert session.state.ending == "data_incident"
    assert debrief.ending_kind == EndingKind.ESCALATION
    assert total(loaded, BRAINSTORM_THE_LEAK) <= total(loaded, PRINCIPLED) - 40
    stopped = walk(loaded, [*PRINCIPLED[:3], "stop_the_job"])
    assert stopped.state.history[-1].fits and stopped.state.history[-1].style is Style.DOMINATING
    assert stopped.state.scene == "small_favour"


def test_a_working_group_reopens_the_quarter(loaded: LoadedScenario) -> None:
    session, _ = play(loaded, WORKING_GROUP)
    assert session.state.ending == "quarter_reopened"
    assert total(loaded, WORKING_GROUP) <= total(loaded, PRINCIPLED) - 20


def test_compromise_leaning_sits_between_principled_and_one_style_play(
    loaded: LoadedScenario,
) -> None:
    split = total(loaded, SPLIT_EARLY)
    assert (
        total(loaded, PRINCIPLED) > split > max(total(loaded, YIELDING), total(loaded, DOMINATING))
    )


def test_random_play_always_reaches_an_ending(loaded: LoadedScenario) -> None:
    endings, scenes = random_playthroughs(loaded, runs=400, max_moves=60)
    # The leak scene ends most random plays early; the late endings need deliberate play.
    assert endings >= ending_ids(loaded) - {
        "renewal_on_plan",
        "renewal_with_cracks",
        "quarter_reopened",
    }
    principled, _ = play(loaded, PRINCIPLED)
    assert scenes | set(principled.state.visited) == scene_ids(loaded)
