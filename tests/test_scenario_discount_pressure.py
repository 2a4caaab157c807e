"""The discount_pressure scenario teaches what it claims: judging each moment wins, one style costs.

An account executive wants a deep quarter-end discount; the finance controller guards margin and
pricing integrity; the product manager mediates. The principled path is not "always integrate":
it asks about interests where the price is still open, declines a public argument, tests the
customer's walk-away, calls a break in the flare-up, refuses a side letter outright, lets the
controller rule on what is clean and present the deal, trades a cap for a review, and refuses the
last-minute nibble because it knows its walk-away. Each costly path is played by choice ids and
must end somewhere worse for its own, asserted reason.
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

from simulator.content.loaded import LoadedScenario
from simulator.content.models import Choice
from simulator.content.vocabulary import EndingKind, Principle, Style

PRINCIPLED = [
    "ask_whats_behind_45",
    "ask_what_worries_her",
    "take_it_offline",
    "agree_the_yardsticks",
    "test_their_walkaway",
    "call_a_break",
    "ask_about_her_plan",
    "propose_ramp",
    "no_side_letters",
    "policy_band_20",
    "ingrid_rules_on_it",
    "log_and_review",
    "hold_the_terms",
    "ingrid_presents",
]
DOMINATING = ["lecture_on_discounting", "hold_the_line"]
AVOIDING = ["stay_out_of_it", "no_view"]
YIELDING = ["back_her_fully", "write_strategic_logo", "throw_it_in_too"]
JOINT_ESCALATION = ["lecture_on_discounting", "escalate_jointly", "present_both_columns"]
# Finds the interests, then splits wherever a term is set: the number, the shape, the extras.
SPLIT_THE_DIFFERENCE = [
    "ask_whats_behind_45",
    "ask_what_worries_her",
    "take_it_offline",
    "agree_the_yardsticks",
    "test_their_walkaway",
    "call_a_break",
    "ask_about_her_plan",
    "one_year_deal",
    "no_side_letters",
    "meet_at_30",
    "module_first_year",
    "log_and_review",
    "hold_the_terms",
    "present_together",
]
HIDDEN = {
    "account_exec.budget_cap",
    "account_exec.multi_year_kicker",
    "finance_controller.audit_finding",
    "finance_controller.partner_reputation",
}
BEST_SETTLEMENT = {
    "discount": "policy_20",
    "structure": "phased_ramp",
    "concessions": "costed_onboarding",
    "monitoring": "quarterly_review",
}


@pytest.fixture(scope="module")
def loaded() -> LoadedScenario:
    return load_bundled("disruptors_and_accelerators/discount_pressure")


def choice(loaded: LoadedScenario, scene_id: str, choice_id: str) -> Choice:
    return next(c for c in loaded.scenario.scene(scene_id).choices if c.id == choice_id)


def replaced(path: list[str], old: str, new: str) -> list[str]:
    return [new if step == old else step for step in path]


def finish(loaded: LoadedScenario, path: list[str]) -> tuple[str, int]:
    """Play `path`, then the principled move wherever it is still offered (else a joint presentation
    at the sign-off, else the first id): the ending reached and the total."""
    session = walk(loaded, path)
    while not session.ended:
        ids = offered(session)
        session.choose(next((step for step in [*PRINCIPLED, "present_together"] if step in ids), min(ids)))
    return str(session.state.ending), total(loaded, [m.choice for m in session.state.history])


def test_principled_mediation_reaches_the_value_deal_with_every_hidden_interest(
    loaded: LoadedScenario,
) -> None:
    session, debrief = play(loaded, PRINCIPLED)
    assert session.state.ending == "value_deal"
    assert session.state.settled == BEST_SETTLEMENT
    assert_best_agreement(debrief, HIDDEN)
    assert_near_solved_best(loaded, PRINCIPLED, slack=0)
    assert not any(m.violates for m in session.state.history)


def test_the_principled_path_uses_every_style_where_it_fits(loaded: LoadedScenario) -> None:
    session, _ = play(loaded, PRINCIPLED)
    moves = session.state.history
    assert all(m.fits for m in moves)
    assert {m.style for m in moves} == set(Style)


def test_each_style_is_the_only_fit_of_three_scenes(loaded: LoadedScenario) -> None:
    scenes = loaded.scenario.scenes
    only = {style: sum(1 for s in scenes if list(s.fits) == [style]) for style in Style}
    for style in (Style.DOMINATING, Style.AVOIDING, Style.OBLIGING, Style.COMPROMISING):
        assert only[style] >= 3, style
    assert only[Style.INTEGRATING] <= len(scenes) / 2


def test_testing_their_walk_away_and_knowing_yours_are_right_moves(loaded: LoadedScenario) -> None:
    session, _ = play(loaded, PRINCIPLED)
    batna_moves = {m.choice for m in session.state.history if Principle.BATNA in m.principles}
    assert batna_moves >= {"test_their_walkaway", "hold_the_terms"}


def test_the_pivotal_flare_up_punishes_pushing_on_with_problem_solving(loaded: LoadedScenario) -> None:
    push = choice(loaded, "flashpoint", "push_through")
    assert loaded.scenario.scene("flashpoint").fits == [Style.AVOIDING]
    assert push.style is Style.INTEGRATING and Principle.PEOPLE in push.violates
    assert push.feedback and "pivotal" in push.feedback
    # Pushing on skips the corridor where Jess would have said what the deal does for her, so the
    # traded discount inside the band is never offered and the number falls back to a split.
    session = walk(loaded, [*PRINCIPLED[:5], "push_through", "propose_ramp", "no_side_letters"])
    assert session.state.scene == "headline_number"
    assert "account_exec.multi_year_kicker" not in session.state.revealed
    assert "policy_band_20" not in offered(session) and "meet_at_30" in offered(session)


def test_the_side_letter_is_a_line_not_an_interest(loaded: LoadedScenario) -> None:
    side = choice(loaded, "side_letter", "design_a_side_deal")
    assert loaded.scenario.scene("side_letter").fits == [Style.DOMINATING]
    assert side.style is Style.INTEGRATING and Principle.CRITERIA in side.violates
    assert side.feedback and "pivotal" in side.feedback
    path = replaced(PRINCIPLED, "no_side_letters", "design_a_side_deal")
    ending, score = finish(loaded, path[: path.index("design_a_side_deal") + 1])
    assert ending == "side_letter_found"
    assert loaded.scenario.ending(ending).kind == EndingKind.ESCALATION
    assert score <= total(loaded, PRINCIPLED) - 30


@pytest.mark.parametrize(
    ("scene_id", "wrong", "ending"),
    [
        ("sales_standup", "align_the_floor", "controller_rejects"),  # exposed before her floor, Jess won't carry the ramp; what's left fails Ingrid
        ("headline_number", "ask_the_champion", "controller_rejects"),
        ("concessions", "design_the_package", "workable_deal"),
        ("monitoring", "working_group", "workable_deal"),
        ("last_call", "explore_their_needs", "workable_deal"),
        ("signoff", "present_together", "workable_deal"),
    ],
)
def test_collaboration_at_the_wrong_moment_costs_points(
    loaded: LoadedScenario, scene_id: str, wrong: str, ending: str
) -> None:
    scene = loaded.scenario.scene(scene_id)
    assert Style.INTEGRATING not in scene.fits
    right = next(step for step in PRINCIPLED if any(c.id == step for c in scene.choices))
    path = replaced(PRINCIPLED, right, wrong)
    reached, score = finish(loaded, path[: path.index(wrong) + 1])
    assert reached == ending
    if scene_id == "signoff":  # the same terms, signed as a weaker story: only the grade drops
        assert score <= total(loaded, PRINCIPLED)
    else:
        assert score < total(loaded, PRINCIPLED)


def test_a_reasonable_sounding_gesture_goes_below_everyones_walk_away(loaded: LoadedScenario) -> None:
    gesture = choice(loaded, "last_call", "goodwill_gesture")
    assert gesture.style is Style.OBLIGING and Principle.BATNA in gesture.violates
    issue = next(i for i in loaded.scenario.issues if i.id == "concessions")
    module = next(o for o in issue.options if o.id == "free_module")
    assert module.values["player"] < loaded.scenario.player.batna_value
    session, debrief = play(loaded, replaced(PRINCIPLED, "hold_the_terms", "goodwill_gesture"))
    assert session.state.ending == "controller_rejects"
    assert debrief.ending_kind == EndingKind.IMPASSE
    assert debrief.scores["total"] <= total(loaded, PRINCIPLED) - 30


def test_a_number_before_anything_else_fixes_on_one_option(loaded: LoadedScenario) -> None:
    early = choice(loaded, "the_ask", "go_in_at_thirty")
    assert Principle.OPTIONS in early.violates
    session = walk(loaded, ["go_in_at_thirty"])
    assert session.state.settled["discount"] == "split_30"


def test_principled_path_clearly_outscores_every_costly_path(loaded: LoadedScenario) -> None:
    best = total(loaded, PRINCIPLED)
    for path in (DOMINATING, AVOIDING, YIELDING, JOINT_ESCALATION):
        assert total(loaded, path) <= best - 30, path
    assert total(loaded, SPLIT_THE_DIFFERENCE) <= best - 10


def test_splitting_the_difference_signs_a_weaker_deal(loaded: LoadedScenario) -> None:
    session, debrief = play(loaded, SPLIT_THE_DIFFERENCE)
    assert session.state.ending == "workable_deal"
    assert debrief.ending_kind == EndingKind.AGREEMENT
    assert session.state.settled["discount"] == "split_30"
    assert all(p.above_batna for p in debrief.parties)
    assert debrief.scores["total"] >= max(total(loaded, YIELDING), total(loaded, DOMINATING)) + 30


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


def test_yielding_gives_away_so_much_the_controller_takes_her_walk_away(
    loaded: LoadedScenario,
) -> None:
    session, debrief = play(loaded, YIELDING)
    assert session.state.ending == "margin_gone"
    assert debrief.ending_kind == EndingKind.IMPASSE
    settled = dict(session.state.settled)
    assert settled["discount"] == "deep_45" and settled["concessions"] == "free_module"
    walk_aways = batnas(loaded)
    assert mean_value(loaded, "player", settled) < walk_aways["player"]
    assert mean_value(loaded, "finance_controller", settled) < walk_aways["finance_controller"]
    assert mean_value(loaded, "account_exec", settled) >= walk_aways["account_exec"]


def test_joint_escalation_keeps_the_account_exec_but_splits_the_difference(
    loaded: LoadedScenario,
) -> None:
    joint, debrief = play(loaded, JOINT_ESCALATION)
    alone, _ = play(loaded, DOMINATING)
    assert joint.state.ending == "leaders_split_it"
    assert joint.state.settled["discount"] == "split_30"
    assert all(p.above_batna for p in debrief.parties if p.party != "player")
    assert joint.state.meters["account_exec"].trust > alone.state.meters["account_exec"].trust


def test_the_audit_finding_opens_the_clean_concession(loaded: LoadedScenario) -> None:
    path = replaced(PRINCIPLED, "ask_what_worries_her", "ask_her_to_bend")
    session = walk(loaded, path[: path.index("ingrid_rules_on_it")])
    assert session.state.scene == "concessions"
    assert "finance_controller.audit_finding" not in session.state.revealed
    assert "ingrid_rules_on_it" not in offered(session) and "module_first_year" in offered(session)


def test_random_play_always_reaches_an_ending(loaded: LoadedScenario) -> None:
    endings, scenes = random_playthroughs(loaded, runs=400, max_moves=60)
    # The best deal, the side letter found at booking and the controller's rejection at the sign-off
    # lie at the end of long deliberate paths, which the tests above play.
    assert endings >= ending_ids(loaded) - {"value_deal", "side_letter_found", "controller_rejects"}
    assert scenes == scene_ids(loaded)


@pytest.mark.parametrize(("wrong", "least"), [("dress_down_in_public", 5), ("align_the_floor", 3)])
def test_showing_jess_up_in_front_of_her_floor_costs_the_ramp(loaded: LoadedScenario, wrong: str, least: int) -> None:
    """A public dressing-down is not healed by the end: Jess will not carry the ramp to Norrland.

    Owning it in the corridor (`own_the_standup`) is offered and earns a hearing, not the ramp.
    """
    from simulator.analysis.solve import regrets

    right = next(step for step in PRINCIPLED
                 if any(c.id == step for c in loaded.scenario.scene("sales_standup").choices))
    path = replaced(PRINCIPLED, right, wrong)
    session = walk(loaded, path[: path.index(wrong) + 1])
    assert "jess_shown_up" in session.state.flags
    assert regrets(loaded, session.state.history)[-1] >= least
