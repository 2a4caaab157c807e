"""The rhino_deal scenario teaches what it claims: judging each moment wins, leaning on one style costs.

A RHINO deal with the VP of Sales and a solutions engineer. The principled path is not "always
integrate": it asks about interests where the deal is still open, makes the roadmap call that is
the product manager's own, refuses another customer's data outright, waits a night for the
estimate, lets the solutions engineer own her integration, splits a small fee at cost, trades a
clause, and says no on the live call because it knows its walk-away. Each costly path is played by
choice ids and must end somewhere worse for its own, asserted reason.
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
    party,
    play,
    random_playthroughs,
    scene_ids,
    total,
    walk,
)

from simulator.content.loaded import LoadedScenario
from simulator.content.models import Choice
from simulator.content.vocabulary import EndingKind, Principle, Style

PRINCIPLED = [
    "ask_about_the_deal",
    "ask_what_they_said",
    "hold_offline_date",
    "acknowledge_the_pressure",
    "name_both_batnas",
    "offer_configurable",
    "wait_for_estimate",
    "tamsin_leads_bridge",
    "split_at_cost",
    "roadmap_letter",
    "refuse_the_data",
    "his_meeting",
    "take_it_offline",
    "brief_together",
    "no_date_on_the_call",
]
DOMINATING = ["roadmap_is_fixed", "pull_rank"]
AVOIDING = ["after_the_release", "stay_out_of_it"]
YIELDING = ["commit_on_the_spot", "keep_yielding", "accept_penalties"]
JOINT_ESCALATION = ["roadmap_is_fixed", "escalate_together", "present_both_views"]
# Finds the interests, then splits wherever a term is set: the feature, the date, the contract.
COMPROMISING = [
    "ask_about_the_deal",
    "ask_what_they_said",
    "hold_offline_date",
    "acknowledge_the_pressure",
    "name_both_batnas",
    "offer_slimmed",
    "split_the_dates",
    "tamsin_leads_bridge",
    "split_at_cost",
    "paid_pilot",
    "refuse_the_data",
    "his_meeting",
    "take_it_offline",
    "brief_together",
    "mid_april_compromise",
]
# Avoiding at first, then owning it and following the principled path up to the terms.
AVOIDED_TO_TERMS = [
    "after_the_release",
    "face_it_now",
    "ask_what_they_said",
    "hold_offline_date",
    "acknowledge_the_pressure",
    "name_both_batnas",
    "offer_configurable",
    "wait_for_estimate",
    "tamsin_leads_bridge",
    "split_at_cost",
]
HIDDEN = {
    "vp_sales.quarter_accelerator",
    "vp_sales.forecast_credibility",
    "solutions_engineer.regulator_deadline",
}
BEST_SETTLEMENT = {
    "feature": "configurable_rules",
    "bridge": "services_integration",
    "commercial": "roadmap_letter",
    "process": "impact_review",
}


@pytest.fixture(scope="module")
def loaded() -> LoadedScenario:
    return load_bundled("disruptors_and_accelerators/rhino_deal")


def choice(loaded: LoadedScenario, scene_id: str, choice_id: str) -> Choice:
    return next(c for c in loaded.scenario.scene(scene_id).choices if c.id == choice_id)


def replaced(path: list[str], old: str, new: str) -> list[str]:
    return [new if step == old else step for step in path]


def test_principled_path_reaches_the_design_partner_deal_with_every_hidden_interest(
    loaded: LoadedScenario,
) -> None:
    session, debrief = play(loaded, PRINCIPLED)
    assert session.state.ending == "design_partner_deal"
    assert session.state.settled == BEST_SETTLEMENT
    assert_best_agreement(debrief, HIDDEN)
    assert_near_solved_best(loaded, PRINCIPLED, slack=0)
    assert not any(m.violates for m in session.state.history)


def test_the_principled_path_uses_every_style_where_it_fits(loaded: LoadedScenario) -> None:
    session = walk(loaded, PRINCIPLED[:-1])
    session.choose(PRINCIPLED[-1])
    moves = session.state.history
    assert all(m.fits for m in moves)
    assert {m.style for m in moves} == set(Style)


def test_each_style_is_the_only_fit_of_three_scenes(loaded: LoadedScenario) -> None:
    scenes = loaded.scenario.scenes
    only = {style: sum(1 for s in scenes if list(s.fits) == [style]) for style in Style}
    for style in (Style.DOMINATING, Style.AVOIDING, Style.OBLIGING, Style.COMPROMISING):
        assert only[style] >= 3, style
    assert only[Style.INTEGRATING] <= len(scenes) / 2


def test_knowing_the_walk_away_is_the_right_move_more_than_once(loaded: LoadedScenario) -> None:
    session = walk(loaded, PRINCIPLED[:-1])
    session.choose(PRINCIPLED[-1])
    batna_moves = {m.choice for m in session.state.history if Principle.BATNA in m.principles}
    assert batna_moves >= {"hold_offline_date", "name_both_batnas", "no_date_on_the_call"}


def test_the_pivotal_scene_punishes_problem_solving_a_legal_line(loaded: LoadedScenario) -> None:
    scene = loaded.scenario.scene("data_request")
    share = choice(loaded, "data_request", "find_a_way_to_share")
    assert scene.fits == [Style.DOMINATING]
    assert share.style is Style.INTEGRATING and Principle.CRITERIA in share.violates
    assert share.feedback and "pivotal" in share.feedback
    session, debrief = play(loaded, replaced(PRINCIPLED, "refuse_the_data", "find_a_way_to_share"))
    assert session.state.ending == "data_breach"
    assert debrief.ending_kind == EndingKind.ESCALATION
    assert debrief.scores["total"] <= total(loaded, PRINCIPLED) - 30


@pytest.mark.parametrize(
    ("scene_id", "wrong"),
    [
        ("opportunity_cost", "everything_on_the_table"),
        ("estimate_tonight", "guess_together"),
        ("bridge", "design_it_together"),
        ("terms", "ask_procurement_why"),
        ("close", "brainstorm_live"),
    ],
)
def test_collaboration_at_the_wrong_moment_costs_points(
    loaded: LoadedScenario, scene_id: str, wrong: str
) -> None:
    assert Style.INTEGRATING not in loaded.scenario.scene(scene_id).fits
    right = next(step for step in PRINCIPLED if any(c.id == step for c in loaded.scenario.scene(scene_id).choices))
    path = replaced(PRINCIPLED, right, wrong)
    session = walk(loaded, path[: path.index(wrong) + 1])
    while not session.ended:  # finish on the principled moves still offered, or the first offered
        ids = offered(session)
        session.choose(next((step for step in PRINCIPLED if step in ids), min(ids)))
    assert session.state.ending != "design_partner_deal"


def test_a_reasonable_sounding_cap_still_goes_below_the_players_walk_away(loaded: LoadedScenario) -> None:
    cap = choice(loaded, "terms", "cap_the_credits")
    assert cap.style is Style.COMPROMISING and Principle.BATNA in cap.violates
    issue = next(i for i in loaded.scenario.issues if i.id == "commercial")
    contracted = next(o for o in issue.options if o.id == "commit_in_contract")
    assert contracted.values["player"] < loaded.scenario.player.batna_value
    path = replaced(PRINCIPLED, "roadmap_letter", "cap_the_credits")
    session, debrief = play(loaded, path)
    assert session.state.settled["commercial"] == "commit_in_contract"
    assert session.state.ending == "patched_deal"
    assert debrief.scores["total"] <= total(loaded, PRINCIPLED) - 4


def test_a_premature_split_fixes_on_one_option(loaded: LoadedScenario) -> None:
    slim = choice(loaded, "the_ask", "slim_it_now")
    assert Principle.OPTIONS in slim.violates
    session = walk(loaded, ["slim_it_now", "ask_what_they_said", "hold_offline_date",
                            "acknowledge_the_pressure", "name_both_batnas"])
    assert session.state.scene == "options"
    assert session.state.settled["feature"] == "slimmed_custom"
    assert "offer_configurable" not in offered(session)


def test_principled_path_clearly_outscores_every_costly_path(loaded: LoadedScenario) -> None:
    best = total(loaded, PRINCIPLED)
    for path in (DOMINATING, AVOIDING, YIELDING, JOINT_ESCALATION):
        assert total(loaded, path) <= best - 30, path


def test_splitting_every_term_signs_a_weaker_deal_that_still_beats_yielding(
    loaded: LoadedScenario,
) -> None:
    session, debrief = play(loaded, COMPROMISING)
    assert session.state.ending == "patched_deal"
    assert all(p.above_batna for p in debrief.parties)
    split = debrief.scores["total"]
    assert split <= total(loaded, PRINCIPLED) - 10
    assert split >= max(total(loaded, YIELDING), total(loaded, DOMINATING)) + 30


def test_dominating_sends_the_vp_to_the_ceo_over_your_head(loaded: LoadedScenario) -> None:
    session, debrief = play(loaded, DOMINATING)
    assert session.state.ending == "escalated_to_ceo"
    assert session.state.meters["vp_sales"].trust < 35
    assert_escalated_at_half_batna(loaded, debrief)
    assert not debrief.hidden_found


def test_running_out_the_vps_patience_is_the_same_escalation(loaded: LoadedScenario) -> None:
    assert loaded.scenario.walkout_ending.id == "escalated_to_ceo"
    session = walk(loaded, ["ask_about_the_deal", "haggle_the_spec", "rhino_lecture"], seed=3)
    assert session.state.scene == "vp_digs_in"
    assert session.state.meters["vp_sales"].strikes >= 1


def test_avoiding_lets_the_deal_be_signed_on_a_promise_you_never_made(
    loaded: LoadedScenario,
) -> None:
    session, debrief = play(loaded, AVOIDING)
    assert session.state.ending == "signed_on_a_promise"
    assert_avoided_everything(session, debrief)


def test_yielding_ends_with_a_statement_of_work_nobody_will_sign(loaded: LoadedScenario) -> None:
    session, debrief = play(loaded, YIELDING)
    assert session.state.ending == "unsigned_sow"
    assert debrief.ending_kind == EndingKind.IMPASSE
    settled = dict(session.state.settled)
    assert settled["feature"] == "custom_build" and settled["commercial"] == "commit_in_contract"
    walk_aways = batnas(loaded)
    # Every term was given away: the deal is below the player's own BATNA, and below the
    # solutions engineer's, who takes her walk-away and will not sign.
    assert mean_value(loaded, "player", settled) < walk_aways["player"]
    assert mean_value(loaded, "solutions_engineer", settled) < walk_aways["solutions_engineer"]
    assert debrief.scores["outcome"] == round(walk_aways["player"] / 2)


def test_joint_escalation_keeps_the_vp_but_settles_for_a_slimmed_one_off(
    loaded: LoadedScenario,
) -> None:
    joint, debrief = play(loaded, JOINT_ESCALATION)
    alone, _ = play(loaded, DOMINATING)
    assert joint.state.ending == "ceo_ruling"
    assert debrief.ending_kind == EndingKind.AGREEMENT
    assert joint.state.settled["feature"] == "slimmed_custom"
    assert all(p.above_batna for p in debrief.parties if p.party != "player")
    assert not party(debrief, "player").above_batna
    assert joint.state.meters["vp_sales"].trust > alone.state.meters["vp_sales"].trust


def test_the_regulator_deadline_opens_the_general_capability(loaded: LoadedScenario) -> None:
    session = walk(loaded, ["ask_about_the_deal", "why_this_spec", "hold_offline_date",
                            "acknowledge_the_pressure", "name_both_batnas"])
    assert session.state.scene == "options"
    assert "solutions_engineer.regulator_deadline" not in session.state.revealed
    assert "offer_configurable" not in offered(session)


def test_a_guessed_date_closes_the_roadmap_letter(loaded: LoadedScenario) -> None:
    path = replaced(PRINCIPLED, "wait_for_estimate", "guess_together")
    session = walk(loaded, path[: path.index("roadmap_letter")])
    assert session.state.scene == "terms"
    assert "vp_sales.forecast_credibility" in session.state.revealed
    assert "roadmap_letter" not in offered(session) and "paid_pilot" in offered(session)


def test_avoiding_early_costs_the_roadmap_letter_even_after_recovering(
    loaded: LoadedScenario,
) -> None:
    session = walk(loaded, AVOIDED_TO_TERMS)
    assert session.state.scene == "terms"
    assert "vp_sales.forecast_credibility" not in session.state.revealed
    assert "roadmap_letter" not in offered(session) and "paid_pilot" in offered(session)


def test_random_play_always_reaches_an_ending(loaded: LoadedScenario) -> None:
    endings, scenes = random_playthroughs(loaded, runs=400, max_moves=60)
    # The best deal and the data breach lie at the end of long deliberate paths (the pivotal test
    # plays the breach), and so do the last three scenes: random play reaches them in about one
    # game in two thousand. Random play reaches every other ending and scene; the principled path
    # walks through the deep ones.
    deep = {"slack_thread", "ceo_briefing", "close"}
    assert endings >= ending_ids(loaded) - {"design_partner_deal", "data_breach"}
    assert scenes >= scene_ids(loaded) - deep
    session, _ = play(loaded, PRINCIPLED)
    assert deep <= set(session.state.visited)
