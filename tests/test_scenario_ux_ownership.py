"""The ux_ownership scenario teaches what it claims: agree problems, roles and vision with UX.

Principled play (problem-level requirements, research as criteria, a written split of who owns
what) reaches the shared definition and finds both hidden interests. Each costly path ends
somewhere worse for its own reason: dominating exhausts the design lead's patience, going over
her head is an escalation, avoiding leaves two roadmaps, and yielding hands the product to design
below the player's BATNA.
"""

from __future__ import annotations

import pytest
from scenario_kit import (
    assert_avoided_everything,
    assert_best_agreement,
    assert_escalated_at_half_batna,
    batnas,
    below_own_batna,
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
    "ask_for_coffee",
    "ask_what_she_saw",
    "ask_why_quietly",
    "agree_research_as_criteria",
    "own_the_wireframe",
    "evidence_led_scope",
    "probe_her_stake",
    "propose_raci_with_readout",
    "problem_level_stories",
    "write_vision_together",
    "present_together",
]
DOMINATING = ["overrule_in_review", "defend_wireframes", "threaten_review"]
OVER_HER_HEAD = ["ask_for_coffee", "defend_wireframes", "go_over_her_head"]
JOINT = ["ask_for_coffee", "defend_wireframes", "escalate_jointly", "present_both_views"]
AVOIDING = ["nod_along", "keep_hoping"]
YIELDING = ["ask_for_coffee", "hand_her_the_product", "keep_yielding"]
HIDDEN = {"ux_lead.research_shelved", "ux_lead.promotion_case"}
BEST = {
    "scope": "evidence_led",
    "requirements": "problem_statements",
    "ownership": "raci_with_readout",
}


@pytest.fixture(scope="module")
def loaded() -> LoadedScenario:
    return load_bundled("critical_supporters/ux_ownership")


def test_principled_path_reaches_the_shared_definition_with_both_hidden_interests(
    loaded: LoadedScenario,
) -> None:
    session, debrief = play(loaded, PRINCIPLED)
    assert session.state.ending == "shared_definition"
    assert session.state.settled == BEST
    assert_best_agreement(debrief, HIDDEN)


def test_the_best_agreement_beats_every_batna_and_the_laziest_beats_none(
    loaded: LoadedScenario,
) -> None:
    lazy = {"scope": "half_each", "requirements": "split_by_feature", "ownership": "unspoken"}
    for party, batna in batnas(loaded).items():
        assert mean_value(loaded, party, BEST) > batna + 25, party
        assert mean_value(loaded, party, lazy) < batna, party


def test_principled_path_clearly_outscores_every_costly_path(loaded: LoadedScenario) -> None:
    best = total(loaded, PRINCIPLED)
    for path in (DOMINATING, OVER_HER_HEAD, AVOIDING, YIELDING):
        assert total(loaded, path) <= best - 40, path
    assert total(loaded, JOINT) <= best - 20


def test_dominating_exhausts_the_design_leads_patience(loaded: LoadedScenario) -> None:
    session, debrief = play(loaded, DOMINATING)
    assert session.state.ending == "design_goes_dark"
    lead = session.state.meters["ux_lead"]
    assert lead.walked_out and lead.trust < 10
    assert debrief.agreement == {} and not debrief.hidden_found


def test_going_over_her_head_escalates_and_a_joint_escalation_keeps_her_trust(
    loaded: LoadedScenario,
) -> None:
    alone, alone_debrief = play(loaded, OVER_HER_HEAD)
    assert alone.state.ending == "over_her_head"
    assert_escalated_at_half_batna(loaded, alone_debrief)
    joint, joint_debrief = play(loaded, JOINT)
    assert joint.state.ending == "directors_ruling"
    assert joint_debrief.ending_kind == EndingKind.AGREEMENT
    # the directors split what the two of you could have solved
    assert joint.state.settled["scope"] == "half_each"
    assert joint.state.meters["ux_lead"].trust > alone.state.meters["ux_lead"].trust + 25


def test_avoiding_leaves_two_roadmaps(loaded: LoadedScenario) -> None:
    session, debrief = play(loaded, AVOIDING)
    assert session.state.ending == "two_roadmaps"
    assert_avoided_everything(session, debrief)


def test_yielding_hands_the_product_to_design_below_the_players_batna(
    loaded: LoadedScenario,
) -> None:
    session, debrief = play(loaded, YIELDING)
    assert session.state.ending == "ux_roadmap"
    assert session.state.settled["requirements"] == "ux_takes_over"
    player, design = debrief.parties
    assert below_own_batna(player)
    assert design.above_batna


def test_hidden_interests_open_the_better_ownership_option(loaded: LoadedScenario) -> None:
    session = walk(loaded, PRINCIPLED[:6])
    assert session.state.scene == "ownership_talk"
    before = offered(session)
    assert "propose_raci" in before and "propose_raci_with_readout" not in before
    session.choose("probe_her_stake")
    assert "ux_lead.promotion_case" in session.state.revealed
    assert "propose_raci_with_readout" in offered(session)


def test_skipping_the_question_about_history_leaves_her_stake_unheard(
    loaded: LoadedScenario,
) -> None:
    session = walk(loaded, [c for c in PRINCIPLED[:7] if c != "ask_why_quietly"])
    # the one probe about her stake only gets as far as the history she was waiting to tell
    assert session.state.revealed == ["ux_lead.research_shelved"]
    assert "propose_raci_with_readout" not in offered(session)
    for choice in ["propose_raci", *PRINCIPLED[8:]]:
        session.choose(choice)
    assert session.state.ending == "working_truce"


def test_scope_by_criteria_needs_the_criteria_agreed_first(loaded: LoadedScenario) -> None:
    session = walk(loaded, ["ask_for_coffee", "ask_what_she_saw", "question_sample", "cool_off"])
    assert session.state.scene == "next_morning"
    session.choose("restart_from_evidence")
    assert session.state.scene == "scope_options"
    assert "evidence_led_scope" in offered(session)


def test_avoiding_early_costs_the_best_ending_even_after_recovering(
    loaded: LoadedScenario,
) -> None:
    recovered = ["nod_along", "face_it", "ask_what_she_saw", *PRINCIPLED[3:]]
    recovered[recovered.index("evidence_led_scope")] = "evidence_led_late"
    session, debrief = play(loaded, recovered)
    assert session.state.settled == {**BEST, "scope": "evidence_late"}  # three weeks are gone
    assert session.state.ending == "working_truce"
    assert debrief.scores["total"] < total(loaded, PRINCIPLED)


def test_style_fit_varies_and_one_scene_fits_obliging_alone(loaded: LoadedScenario) -> None:
    fitting = fitting_styles(loaded)
    assert {Style.OBLIGING, Style.COMPROMISING, Style.AVOIDING, Style.INTEGRATING} <= fitting
    assert any(scene.fits == [Style.OBLIGING] for scene in loaded.scenario.scenes)


def test_random_play_reaches_every_ending_but_the_best(loaded: LoadedScenario) -> None:
    endings, scenes = random_playthroughs(loaded, runs=400, max_moves=40)
    assert ending_ids(loaded) - {"shared_definition"} <= endings
    assert scenes == scene_ids(loaded)
