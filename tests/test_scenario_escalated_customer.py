"""The escalated_customer scenario teaches multi-function coordination and joint escalation.

An escalated customer needs a workaround by Friday and a roadmap change, coordinated across support,
development and account management. The principled path maps roles, finds each function's hidden
constraint and escalates jointly; escalating over someone's head, avoiding and obliging each end
somewhere worse, for its own asserted reason.
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
from simulator.scoring import score_session

TO_FRIDAY_PLAN = [
    "convene_first",
    "grant_sev_one",
    "ask_ilse_risk",
    "switch_it_off",
    "map_roles",
    "ask_who_runs_it",
    "scripted_split",
]
PRINCIPLED = [
    *TO_FRIDAY_PLAN,
    "escalate_jointly",
    "not_in_this_room",
    "hold_until_noon",
    "phased_redesign",
    "ask_what_she_has",
    "milestone_plan",
    "follow_her_lead",
    "propose_alert_criteria",
]
DOMINATING = ["convene_first", "keep_them_going", "demand_hotfix", "order_via_ruth"]
OVER_HER_HEAD = [*TO_FRIDAY_PLAN, "go_to_ruth_alone"]
DECLAN_ALONE = [*TO_FRIDAY_PLAN, "let_declan_go"]
AVOIDING = ["bounce_to_support", "stay_out_of_it"]
YIELDING = ["promise_hotfix", "yield_everything"]
TAKE_OVER_BRIDGE = [*PRINCIPLED[:13], "take_over_call"]
SPLIT_EARLY = [
    *TO_FRIDAY_PLAN[:4],
    "split_it",
    "escalate_jointly",
    "not_in_this_room",
    "hold_until_noon",
    "full_redesign",
    "ask_what_she_has",
    "milestone_plan",
    "follow_her_lead",
    "propose_alert_criteria",
]
MEETING_ABOUT_THE_FIRE = [*TO_FRIDAY_PLAN[:3], "weigh_it_at_eleven"]
HIDDEN = {
    "account_director.written_promise",
    "account_director.expansion_deal",
    "escalation_engineer.linked_tickets",
    "escalation_engineer.nights_by_hand",
    "dev_lead.solver_knowledge",
}


@pytest.fixture(scope="module")
def loaded() -> LoadedScenario:
    return load_bundled("leading_upward_and_across/escalated_customer")


def test_the_cast_spans_support_development_and_account_management(loaded: LoadedScenario) -> None:
    functions = {persona.function for persona in loaded.personas.values()}
    assert {"support", "engineering"} <= functions
    assert functions & {"sales", "customer_success"}
    conflicting = [
        s for s in loaded.scenario.scenes if {"account_director", "dev_lead"} <= set(s.present)
    ]
    assert conflicting, "no scene puts the account director and the development lead in one room"


def test_principled_path_reaches_the_coordinated_recovery_with_every_hidden_interest(
    loaded: LoadedScenario,
) -> None:
    session, debrief = play(loaded, PRINCIPLED)
    assert session.state.ending == "coordinated_recovery"
    assert "joint_escalation" in session.state.flags
    assert_best_agreement(debrief, HIDDEN)


def test_principled_path_clearly_outscores_every_costly_path(loaded: LoadedScenario) -> None:
    best = total(loaded, PRINCIPLED)
    for path in (DOMINATING, AVOIDING, YIELDING):
        assert total(loaded, path) <= best - 50, path
    for path in (OVER_HER_HEAD, DECLAN_ALONE, TAKE_OVER_BRIDGE):
        assert total(loaded, path) <= best - 25, path


def test_dominating_ends_over_her_head_with_nothing_found(loaded: LoadedScenario) -> None:
    session, debrief = play(loaded, DOMINATING)
    assert session.state.ending == "over_her_head"
    assert debrief.ending_kind == EndingKind.ESCALATION
    assert debrief.agreement == {} and not debrief.hidden_found
    assert session.state.meters["dev_lead"].trust < 20
    assert session.state.meters["escalation_engineer"].trust < 50


def test_joint_escalation_keeps_the_trust_that_going_over_her_head_burns(
    loaded: LoadedScenario,
) -> None:
    alone, alone_debrief = play(loaded, OVER_HER_HEAD)
    joint, _ = play(loaded, PRINCIPLED)
    assert alone.state.ending == "over_her_head"
    assert_escalated_at_half_batna(loaded, alone_debrief)
    assert joint.state.meters["dev_lead"].trust > alone.state.meters["dev_lead"].trust + 20


def test_letting_one_side_escalate_alone_is_a_win_for_him_not_a_decision(
    loaded: LoadedScenario,
) -> None:
    session, debrief = play(loaded, DECLAN_ALONE)
    assert session.state.ending == "won_this_time"
    assert debrief.ending_kind == EndingKind.ESCALATION
    assert debrief.agreement == {}
    assert "account_director.written_promise" in debrief.hidden_missed


def test_avoiding_leaves_the_rota_unpublished(loaded: LoadedScenario) -> None:
    session, debrief = play(loaded, AVOIDING)
    assert session.state.ending == "rota_unpublished"
    assert_avoided_everything(session, debrief)


def test_yielding_to_the_account_director_leaves_three_of_four_below_their_batna(
    loaded: LoadedScenario,
) -> None:
    session = walk(loaded, YIELDING[:-1])
    result = session.choose(YIELDING[-1])
    settled = session.state.settled
    assert settled["workaround"] == "hotfix_solver"
    below = {p for p, batna in batnas(loaded).items() if mean_value(loaded, p, settled) < batna}
    assert below == {"player", "escalation_engineer", "dev_lead"}
    # Support and development honour their BATNAs: they refuse the promised patch in their own
    # words, and nobody owns Friday.
    assert result.move.refused_by == ["escalation_engineer", "dev_lead"]
    cast = {m.persona: m for m in loaded.scenario.cast}
    spoken = {(u.speaker, " ".join(u.text.split())) for u in result.lines}
    for who in result.move.refused_by:
        assert cast[who].refusal is not None
        assert (who, " ".join(str(cast[who].refusal).split())) in spoken
    assert session.state.ending == "rota_unpublished"
    debrief = score_session(loaded, session.state)
    assert debrief.ending_kind == EndingKind.IMPASSE and debrief.agreement == {}
    assert debrief.scores["total"] <= total(loaded, PRINCIPLED) - 40


def test_taking_over_the_bridge_loses_support_at_the_deadline(loaded: LoadedScenario) -> None:
    session, debrief = play(loaded, TAKE_OVER_BRIDGE)
    assert session.state.ending == "bridge_collapses"
    assert debrief.ending_kind == EndingKind.WALKOUT
    assert debrief.agreement == {}


def test_talking_declan_down_late_costs_the_supported_workaround(loaded: LoadedScenario) -> None:
    session = walk(loaded, ["bounce_to_support", "join_and_widen", "map_roles"])
    assert session.state.scene == "workaround"
    session.choose("ask_who_runs_it")
    assert "scripted_split" not in offered(session) and "manual_split" in offered(session)


def test_the_hidden_constraints_open_the_better_options(loaded: LoadedScenario) -> None:
    session = walk(loaded, TO_FRIDAY_PLAN[:6])
    assert "escalation_engineer.nights_by_hand" in session.state.revealed
    assert "scripted_split" in offered(session)
    skipped = walk(
        loaded, ["convene_first", "skip_support", "promise_cover", "switch_it_off", "map_roles"]
    )
    assert "scripted_split" not in offered(skipped)


def test_style_fit_varies(loaded: LoadedScenario) -> None:
    assert set(Style) <= fitting_styles(loaded)
    only = [s.fits[0] for s in loaded.scenario.scenes if len(s.fits) == 1]
    for style in (Style.DOMINATING, Style.AVOIDING, Style.OBLIGING, Style.COMPROMISING):
        assert only.count(style) >= 2, style
    assert only.count(Style.INTEGRATING) <= len(loaded.scenario.scenes) / 2


def test_a_meeting_about_live_data_loss_is_the_pivotal_mistake(loaded: LoadedScenario) -> None:
    scene = loaded.scenario.scene("overwrite")
    meeting = next(c for c in scene.choices if c.id == "weigh_it_at_eleven")
    assert meeting.style is Style.INTEGRATING and Style.INTEGRATING not in scene.fits
    assert meeting.violates and meeting.feedback
    session, debrief = play(loaded, MEETING_ABOUT_THE_FIRE)
    assert session.state.ending == "rotas_wiped"
    assert debrief.ending_kind == EndingKind.ESCALATION
    assert total(loaded, MEETING_ABOUT_THE_FIRE) <= total(loaded, PRINCIPLED) - 40
    stopped = walk(loaded, TO_FRIDAY_PLAN[:4])
    assert stopped.state.history[-1].style is Style.DOMINATING and stopped.state.history[-1].fits
    assert stopped.state.scene == "war_room"


def test_answering_the_coo_before_the_facts_costs_the_milestone_plan(
    loaded: LoadedScenario,
) -> None:
    session = walk(loaded, [*PRINCIPLED[:9], "draft_it_together", "phased_redesign"])
    assert session.state.scene == "customer_commitment"
    assert session.state.settled["commitment"] == "firm_date"
    assert "milestone_plan" not in offered(session)


def test_compromise_leaning_sits_between_principled_and_one_style_play(
    loaded: LoadedScenario,
) -> None:
    session, _ = play(loaded, SPLIT_EARLY)
    assert session.state.ending == "patched_recovery"
    split = total(loaded, SPLIT_EARLY)
    assert (
        total(loaded, PRINCIPLED) > split > max(total(loaded, YIELDING), total(loaded, DOMINATING))
    )


def test_random_play_always_reaches_an_ending(loaded: LoadedScenario) -> None:
    endings, scenes = random_playthroughs(loaded, runs=400, max_moves=60)
    # The data-loss scene ends most random plays early; the late endings need deliberate play.
    late = {"coordinated_recovery", "patched_recovery", "bridge_collapses"}
    # Support and development refuse every promised patch, so no play ends there.
    never = {"promised_and_patched"}
    assert ending_ids(loaded) - late - never <= endings
    assert not never & endings
    principled, _ = play(loaded, PRINCIPLED)
    assert scenes | set(principled.state.visited) == scene_ids(loaded)


def test_blaming_ilse_in_front_of_conor_costs_the_phased_fix(loaded: LoadedScenario) -> None:
    """The stop is right and the public blame is not: she no longer offers the pairing that makes
    the phased redesign possible, and the move gives away points of the best total."""
    from simulator.analysis.solve import regrets

    blamed = walk(loaded, ["convene_first", "grant_sev_one", "ask_ilse_risk", "blame_the_release"])
    assert "ilse_blamed" in blamed.state.flags
    assert regrets(loaded, blamed.state.history)[-1] >= 3
    kept = walk(loaded, ["convene_first", "grant_sev_one", "ask_ilse_risk", "switch_it_off"])
    assert "ilse_blamed" not in kept.state.flags
