"""The supportability scenario teaches what it claims: support as an accelerator, not a complaint desk.

The principled path shadows support, asks what sits behind the asks, settles priorities on ticket
data, gives support a voice in planning, training before releases and written alert criteria. Each
costly path is played by choice ids and must end somewhere worse for its own, asserted reason.
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
from simulator.scoring import score_session

PRINCIPLED = [
    "own_the_miss",
    "ask_tomasz_workarounds",
    "close_the_login",
    "ask_why_now",
    "agree_tagging_criteria",
    "cool_off",
    "probe_brightwater",
    "offer_template_pack",
    "offer_standing_share",
    "ask_tomasz_release",
    "offer_champion_training",
    "meet_in_the_middle",
    "let_her_present",
]
DOMINATING = ["point_to_release_notes", "repair_and_reset", "read_the_volume", "go_to_the_cpo"]
OVER_HER_HEAD = ["point_to_release_notes", "go_to_the_cpo"]
JOINT = [*PRINCIPLED[:3], "cite_the_roadmap", "escalate_together", "present_both_views"]
AVOIDING = ["send_a_survey", "keep_waiting"]
DEFERRING = [
    *PRINCIPLED[:6],
    "queue_it_with_data",
    "model_capacity_together",
    "offer_notes_and_faq",
    "use_your_judgement",
]
SPLIT_EARLY = [
    *PRINCIPLED[:3],
    "split_the_epic",
    "agree_tagging_criteria",
    "cool_off",
    "queue_it_with_data",
    "admin_tool_only",
    "offer_notes_and_faq",
    "meet_in_the_middle",
    "let_her_present",
]
YIELDING = [*PRINCIPLED[:3], "promise_the_epic", "keep_yielding"]
WORKSHOP_THE_LOGIN = [*PRINCIPLED[:2], "design_access_together"]
HIDDEN = {
    "support_head.bonus_clock",
    "support_head.brightwater_pressure",
    "support_engineer.borrowed_access",
    "support_engineer.product_path",
}


@pytest.fixture(scope="module")
def loaded() -> LoadedScenario:
    return load_bundled("disruptors_and_accelerators/supportability")


def test_principled_path_puts_support_at_the_table_with_every_hidden_interest(
    loaded: LoadedScenario,
) -> None:
    session, debrief = play(loaded, PRINCIPLED)
    assert session.state.ending == "supported_release"
    assert_best_agreement(debrief, HIDDEN)


def test_principled_path_is_within_two_points_of_the_best_any_path_reaches(
    loaded: LoadedScenario,
) -> None:
    assert_near_solved_best(loaded, PRINCIPLED, slack=2)


def test_principled_path_clearly_outscores_every_costly_path(loaded: LoadedScenario) -> None:
    best = total(loaded, PRINCIPLED)
    for path in (DOMINATING, OVER_HER_HEAD, AVOIDING, YIELDING):
        assert total(loaded, path) <= best - 30, path
    for path in (JOINT, DEFERRING):
        assert total(loaded, path) <= best - 15, path


def test_dominating_exhausts_the_support_heads_patience(loaded: LoadedScenario) -> None:
    session, debrief = play(loaded, DOMINATING)
    assert session.state.ending == "support_goes_around"
    head = session.state.meters["support_head"]
    assert head.walked_out and head.trust < 20
    assert debrief.agreement == {} and not debrief.hidden_found


def test_racing_her_to_the_cpo_is_an_escalation(loaded: LoadedScenario) -> None:
    session, debrief = play(loaded, OVER_HER_HEAD)
    assert session.state.ending == "over_her_head"
    assert_escalated_at_half_batna(loaded, debrief)


def test_joint_escalation_keeps_the_relationship_racing_her_burns(loaded: LoadedScenario) -> None:
    joint, joint_debrief = play(loaded, JOINT)
    alone, _ = play(loaded, OVER_HER_HEAD)
    assert joint.state.ending == "vp_ruling"
    assert joint_debrief.ending_kind == EndingKind.AGREEMENT
    assert joint_debrief.joint_value < joint_debrief.best_joint_value
    assert joint.state.meters["support_head"].trust > alone.state.meters["support_head"].trust + 30


def test_avoiding_lets_the_queue_burn(loaded: LoadedScenario) -> None:
    session, debrief = play(loaded, AVOIDING)
    assert session.state.ending == "queue_keeps_burning"
    assert_avoided_everything(session, debrief)


def test_deferring_supportability_again_loses_the_support_head(loaded: LoadedScenario) -> None:
    session, debrief = play(loaded, DEFERRING)
    assert session.state.ending == "support_goes_around"
    assert session.state.settled["supportability"] == "stays_backlog"
    assert session.state.meters["support_head"].walked_out
    assert "support_head.brightwater_pressure" in debrief.hidden_missed


def test_compromise_leaning_sits_between_principled_and_one_style_play(
    loaded: LoadedScenario,
) -> None:
    session, _ = play(loaded, SPLIT_EARLY)
    assert session.state.ending == "partial_fix"
    split = total(loaded, SPLIT_EARLY)
    assert total(loaded, PRINCIPLED) > split > total(loaded, YIELDING) > total(loaded, DOMINATING)


def test_workshopping_a_live_production_login_is_the_pivotal_mistake(
    loaded: LoadedScenario,
) -> None:
    scene = loaded.scenario.scene("borrowed_login")
    workshop = next(c for c in scene.choices if c.id == "design_access_together")
    assert workshop.style is Style.INTEGRATING and Style.INTEGRATING not in scene.fits
    assert workshop.violates and workshop.feedback
    session, debrief = play(loaded, WORKSHOP_THE_LOGIN)
    assert session.state.ending == "double_filing"
    assert debrief.ending_kind == EndingKind.ESCALATION
    assert total(loaded, WORKSHOP_THE_LOGIN) <= total(loaded, PRINCIPLED) - 40
    closed = walk(loaded, PRINCIPLED[:3])
    assert closed.state.history[-1].style is Style.DOMINATING and closed.state.history[-1].fits
    assert closed.state.scene == "supportability_case"


def test_yielding_settles_below_the_players_batna(loaded: LoadedScenario) -> None:
    session, debrief = play(loaded, YIELDING)
    assert session.state.ending == "yielded_roadmap"
    assert session.state.settled["customer_ask"] == "build_custom"
    player, *others = debrief.parties
    assert below_own_batna(player)
    assert all(party.above_batna for party in others)


def test_hidden_interests_open_the_better_options(loaded: LoadedScenario) -> None:
    session = walk(loaded, PRINCIPLED[:6])
    assert session.state.scene == "loud_customer"
    before = offered(session)
    assert "queue_it_with_data" in before and "offer_template_pack" not in before
    session.choose("probe_brightwater")
    assert "support_head.brightwater_pressure" in session.state.revealed
    assert "offer_template_pack" in offered(session)


def test_avoiding_costs_the_template_option_even_after_recovering(loaded: LoadedScenario) -> None:
    session = walk(loaded, ["send_a_survey", "face_it_now", *PRINCIPLED[1:7]])
    assert session.state.scene == "loud_customer"
    assert "support_head.brightwater_pressure" in session.state.revealed
    assert "offer_template_pack" not in offered(session) and "queue_it_with_data" in offered(
        session
    )
    for choice in [
        "queue_it_with_data",
        "offer_standing_share",
        "offer_champion_training",
        "meet_in_the_middle",
        "let_her_present",
    ]:
        session.choose(choice)
    assert session.state.ending == "partial_fix"
    assert score_session(loaded, session.state).scores["total"] < total(loaded, PRINCIPLED)


def test_skipping_the_shadowing_keeps_the_scripts_hidden(loaded: LoadedScenario) -> None:
    session = walk(loaded, ["own_the_miss", "answer_emails"])
    assert "support_engineer.borrowed_access" not in session.state.revealed


def test_the_cooling_off_pause_scores_and_arguing_on_the_spot_does_not(
    loaded: LoadedScenario,
) -> None:
    cooled = walk(loaded, [*PRINCIPLED[:5], "cool_off"])
    hot = walk(loaded, [*PRINCIPLED[:5], "dig_in_now"])
    assert cooled.state.history[-1].fits and not hot.state.history[-1].fits
    assert cooled.state.history[-1].style is Style.AVOIDING


def test_style_fit_varies(loaded: LoadedScenario) -> None:
    assert set(Style) <= fitting_styles(loaded)
    only = [s.fits[0] for s in loaded.scenario.scenes if len(s.fits) == 1]
    for style in (Style.DOMINATING, Style.AVOIDING, Style.OBLIGING, Style.COMPROMISING):
        assert only.count(style) >= 2, style
    assert only.count(Style.INTEGRATING) <= len(loaded.scenario.scenes) / 2


def test_random_play_always_reaches_an_ending(loaded: LoadedScenario) -> None:
    endings, scenes = random_playthroughs(loaded, runs=400, max_moves=60)
    # The login scene ends most random plays early; the late endings need deliberate play.
    assert endings >= ending_ids(loaded) - {"supported_release", "partial_fix", "vp_ruling"}
    principled, _ = play(loaded, PRINCIPLED)
    assert scenes | set(principled.state.visited) == scene_ids(loaded)
