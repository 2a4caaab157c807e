"""The release_plan_drift scenario teaches what it claims: separate deploying from releasing, and
choose the style each moment calls for.

Principled play reaches the release-train agreement, finds all four hidden interests and beats
every party's BATNA, but not by always sounding collaborative: it takes the partner-heavy incident
review offline (avoiding), stops a risky deploy in the twelve minutes before media lock and refuses
flags that phone home from air-gapped installations (dominating), owns the unranked plan and lets
the two leads present their own agreement (obliging), and scopes a freeze when a freeze is about to
be voted (compromising). The pivotal mistake is the collaborative-sounding one: hearing everyone's
views while the deploy goes out. Each costly path ends somewhere worse for its own reason: taking
sides and threatening empties the room, going round the platform lead is an escalation, a joint
escalation made while everyone is still angry hands the decision to the executives, avoiding leaves
a freeze on paper, and yielding to distribution offers a frozen calendar below the player's and the
platform lead's BATNAs, which the platform lead refuses.
"""

from __future__ import annotations

import pytest
from scenario_kit import (
    assert_avoided_everything,
    assert_best_agreement,
    assert_escalated_at_half_batna,
    assert_near_solved_best,
    batnas,
    ending_ids,
    load_bundled,
    mean_value,
    offered,
    play,
    random_playthroughs,
    scene_ids,
    total,
    walk,
)

from simulator.analysis.solve import regrets
from simulator.content.loaded import LoadedScenario
from simulator.content.vocabulary import EndingKind, Principle, Style
from simulator.scoring import score_session

PRINCIPLED = [
    "take_it_offline",
    "ask_what_continuous_buys",
    "ask_what_a_change_costs",
    "agree_cadence_criteria",
    "hold_the_build",
    "own_the_plan_gap",
    "flags_for_saas",
    "no_phone_home",
    "ask_about_branches",
    "trains_from_trunk",
    "ask_about_portal",
    "decoupled_criteria",
    "their_agreement",
]
DOMINATING = ["side_with_release", "threaten_access"]
ROUND_HIM = ["take_it_offline", "order_back_to_plan", "go_to_the_cto"]
JOINT = ["take_it_offline", "order_back_to_plan", "escalate_together"]
AVOIDING = ["let_it_pass", "let_the_freeze_stand"]
YIELDING = [
    "take_it_offline",
    "ask_what_continuous_buys",
    "promise_full_freeze",
    "keep_the_promise",
]
# Compromise-leaning: splits wherever a split is offered, but holds the deploy and the air gap.
EARLY_SPLIT = [
    "take_it_offline",
    "ask_what_continuous_buys",
    "ask_what_a_change_costs",
    "split_weekly_now",
    "hold_the_build",
    "split_the_sprints",
    "weekly_wednesdays",
    "no_phone_home",
    "keep_quarterly",
    "plain_criteria",
    "their_agreement",
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
# Where the best path takes each style other than integrating, and why it fits there.
STYLE_MOMENTS = {
    "take_it_offline": Style.AVOIDING,  # heat, and a partner listening: the wrong venue
    "hold_the_build": Style.DOMINATING,  # twelve minutes to an irreversible deploy
    "own_the_plan_gap": Style.OBLIGING,  # he was right: the plan had no order
    "no_phone_home": Style.DOMINATING,  # air-gapped banks and hospital contracts
    "their_agreement": Style.OBLIGING,  # their credit matters more to them; it costs nothing
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
    assert_near_solved_best(loaded, PRINCIPLED, slack=0)


def test_the_best_path_uses_every_style_where_the_scene_calls_for_it(loaded: LoadedScenario) -> None:
    session, _ = play(loaded, PRINCIPLED)
    by_choice = {move.choice: move for move in session.state.history}
    for choice, style in STYLE_MOMENTS.items():
        move = by_choice[choice]
        assert move.style is style and move.fits, choice
        assert loaded.scenario.scene(move.scene).fits == [style], move.scene
    assert not any(move.violates for move in session.state.history)


def test_every_style_is_the_only_fit_somewhere_and_integrating_is_not_everywhere(
    loaded: LoadedScenario,
) -> None:
    scenes = loaded.scenario.scenes
    only = [scene.fits[0] for scene in scenes if len(scene.fits) == 1]
    for style in (Style.DOMINATING, Style.AVOIDING, Style.OBLIGING, Style.COMPROMISING):
        assert only.count(style) >= (3 if len(scenes) >= 16 else 2), style
    assert only.count(Style.INTEGRATING) <= len(scenes) / 2


def test_hearing_both_views_while_the_deploy_goes_out_is_the_pivotal_mistake(
    loaded: LoadedScenario,
) -> None:
    before = PRINCIPLED[: PRINCIPLED.index("hold_the_build")]
    session = walk(loaded, [*before, "hear_both_views"])
    move = session.state.history[-1]
    assert move.style is Style.INTEGRATING and not move.fits
    choice = next(c for c in loaded.scenario.scene("red_deploy").choices if c.id == "hear_both_views")
    assert choice.feedback and "pivotal" in choice.feedback
    assert session.state.scene == "freeze_threat" and "second_tuesday" in session.state.flags
    # after a second Tuesday, nobody takes a scoped freeze or a night's pause: the repair is gone
    assert "scoped_freeze" not in offered(session)
    assert regrets(loaded, session.state.history)[-1] >= 25
    best = total(loaded, PRINCIPLED)
    for rest in (["reopen_both_sides"], ["let_the_freeze_stand"], ["fight_the_freeze"],
                 ["back_the_freeze", "keep_the_promise"],
                 ["back_the_freeze", "withdraw_everything", "escalate_together"]):
        after = walk(loaded, [*before, "hear_both_views", *rest[:-1]])
        after.choose(rest[-1])
        assert after.ended, rest
        assert score_session(loaded, after.state).total <= best - 30, rest


def test_other_mistimed_collaboration_costs_points(loaded: LoadedScenario) -> None:
    best = total(loaded, PRINCIPLED)
    for right, wrong in [
        ("no_phone_home", "ask_the_customers"),
        ("their_agreement", "product_frames_it"),
    ]:
        path = [wrong if choice == right else choice for choice in PRINCIPLED]
        session, debrief = play(loaded, path)
        assert session.state.ending == "patched_cadence", wrong
        assert debrief.scores["total"] < best, wrong
    session, debrief = play(loaded, ["design_it_now", "escalate_together"])
    assert session.state.history[0].style is Style.INTEGRATING and not session.state.history[0].fits
    assert debrief.ending_kind == EndingKind.ESCALATION
    assert debrief.scores["total"] <= best - 40


def test_splits_the_feedback_calls_premature_are_tagged_as_such(loaded: LoadedScenario) -> None:
    choices = {c.id: c for scene in loaded.scenario.scenes for c in scene.choices}
    scene_of = {c.id: scene for scene in loaded.scenario.scenes for c in scene.choices}
    for split in ("split_weekly_now", "split_the_sprints", "weekly_wednesdays", "split_everything"):
        assert Principle.INTERESTS in choices[split].violates, split
        assert Style.COMPROMISING not in scene_of[split].fits, split


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


def test_principled_beats_compromising_beats_yielding_and_dominating(loaded: LoadedScenario) -> None:
    best = total(loaded, PRINCIPLED)
    session, debrief = play(loaded, EARLY_SPLIT)
    assert session.state.ending == "patched_cadence"
    assert all(party.above_batna for party in debrief.parties)
    compromising = debrief.scores["total"]
    assert best >= compromising + 15
    for path in (DOMINATING, ROUND_HIM, JOINT, AVOIDING, YIELDING):
        assert total(loaded, path) < compromising, path
        assert total(loaded, path) <= best - 40, path


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


def test_going_round_him_escalates_and_a_joint_escalation_keeps_both(
    loaded: LoadedScenario,
) -> None:
    alone, alone_debrief = play(loaded, ROUND_HIM)
    assert alone.state.ending == "overruled"
    assert_escalated_at_half_batna(loaded, alone_debrief)
    joint, joint_debrief = play(loaded, JOINT)
    assert joint.state.ending == "executive_ruling"
    # escalating while both are still angry hands the decision up: no agreement of your own
    assert_escalated_at_half_batna(loaded, joint_debrief)
    joint_trust = joint.state.meters["platform_lead"].trust
    assert joint_trust > alone.state.meters["platform_lead"].trust + 25
    assert joint_debrief.scores["total"] > alone_debrief.scores["total"]


def test_avoiding_leaves_a_freeze_on_paper(loaded: LoadedScenario) -> None:
    session, debrief = play(loaded, AVOIDING)
    assert session.state.ending == "release_chaos"
    assert_avoided_everything(session, debrief)


def test_yielding_to_distribution_leaves_product_and_platform_below_their_batnas(
    loaded: LoadedScenario,
) -> None:
    session = walk(loaded, YIELDING[:-1])
    result = session.choose(YIELDING[-1])
    settled = dict(session.state.settled)
    assert settled["saas_cadence"] == "quarterly_only"
    below = {p for p, batna in batnas(loaded).items() if mean_value(loaded, p, settled) < batna}
    assert below == {"player", "platform_lead"}
    # The platform lead honours his BATNA: he refuses the frozen calendar in his own words and
    # keeps deploying, so nothing is agreed and the freeze stays on paper.
    assert result.move.refused_by == ["platform_lead"]
    tobias = loaded.scenario.cast_member("platform_lead")
    assert tobias.refusal is not None
    spoken = {(u.speaker, " ".join(u.text.split())) for u in result.lines}
    assert ("platform_lead", " ".join(str(tobias.refusal).split())) in spoken
    assert session.state.ending == "release_chaos"
    debrief = score_session(loaded, session.state)
    assert debrief.ending_kind == EndingKind.IMPASSE and debrief.agreement == {}
    assert debrief.scores["total"] < total(loaded, EARLY_SPLIT) < total(loaded, PRINCIPLED)


def test_splitting_early_costs_the_flag_option_and_two_hidden_interests(
    loaded: LoadedScenario,
) -> None:
    session, debrief = play(loaded, EARLY_SPLIT)
    assert session.state.settled["saas_cadence"] == "weekly_batch"
    assert "platform_lead.backport_burden" in debrief.hidden_missed
    assert "release_manager.entitlement_coupling" in debrief.hidden_missed


def test_hidden_interests_open_the_better_train_and_criteria(loaded: LoadedScenario) -> None:
    session = walk(loaded, PRINCIPLED[:8])
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
    for scene_id in ("saas_cadence", "flag_service", "onprem_trains", "ride_rules", "red_deploy"):
        assert set(scenes[scene_id].present) == {"platform_lead", "release_manager"}


def test_random_play_reaches_every_ending_but_the_best(loaded: LoadedScenario) -> None:
    endings, scenes = random_playthroughs(loaded, runs=600, max_moves=40)
    # The frozen calendar is always refused by the platform lead, so no play ends there.
    assert ending_ids(loaded) - {"release_train", "frozen_calendar"} <= endings
    assert "frozen_calendar" not in endings
    assert scenes == scene_ids(loaded)
