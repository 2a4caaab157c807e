"""The rhino_deal scenario teaches what it claims: principled play wins, the other styles cost.

A RHINO deal with the VP of Sales and a solutions engineer. Each costly path is played by choice
ids and must end somewhere worse for its own, asserted reason: dominating sends the VP to the CEO
over the player's head, avoiding lets the deal be signed on a promise the player never made, and
yielding ships the one-off below the player's BATNA.
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
from simulator.content.vocabulary import EndingKind, Style

PRINCIPLED = [
    "ask_about_the_deal",
    "ask_what_they_said",
    "show_the_tradeoff",
    "acknowledge_the_pressure",
    "name_both_batnas",
    "offer_configurable",
    "tamsin_leads_bridge",
    "roadmap_letter",
    "impact_review",
    "brief_together",
    "close_on_criteria",
]
DOMINATING = ["roadmap_is_fixed", "pull_rank"]
AVOIDING = ["after_the_release", "stay_out_of_it"]
YIELDING = ["commit_on_the_spot", "keep_yielding", "accept_penalties"]
JOINT_ESCALATION = ["roadmap_is_fixed", "escalate_together", "present_both_views"]
# Avoiding at first, then facing it and following the principled path up to the terms.
AVOIDED_TO_TERMS = [
    "after_the_release",
    "face_it_now",
    "ask_what_they_said",
    "show_the_tradeoff",
    "acknowledge_the_pressure",
    "name_both_batnas",
    "offer_configurable",
    "tamsin_leads_bridge",
]
HIDDEN = {
    "vp_sales.quarter_accelerator",
    "vp_sales.forecast_credibility",
    "solutions_engineer.regulator_deadline",
}


@pytest.fixture(scope="module")
def loaded() -> LoadedScenario:
    return load_bundled("disruptors_and_accelerators/rhino_deal")


def test_principled_path_reaches_the_design_partner_deal_with_every_hidden_interest(
    loaded: LoadedScenario,
) -> None:
    session, debrief = play(loaded, PRINCIPLED)
    assert session.state.ending == "design_partner_deal"
    assert session.state.settled["feature"] == "configurable_rules"
    assert_best_agreement(debrief, HIDDEN)


def test_principled_path_clearly_outscores_every_costly_path(loaded: LoadedScenario) -> None:
    best = total(loaded, PRINCIPLED)
    for path in (DOMINATING, AVOIDING, YIELDING, JOINT_ESCALATION):
        assert total(loaded, path) <= best - 30, path


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
    assert session.state.meters["vp_sales"].strikes >= 2


def test_avoiding_lets_the_deal_be_signed_on_a_promise_you_never_made(
    loaded: LoadedScenario,
) -> None:
    session, debrief = play(loaded, AVOIDING)
    assert session.state.ending == "signed_on_a_promise"
    assert_avoided_everything(session, debrief)


def test_yielding_ships_the_one_off_below_the_players_batna(loaded: LoadedScenario) -> None:
    session, debrief = play(loaded, YIELDING)
    assert session.state.ending == "rhino_ships"
    assert session.state.settled["feature"] == "custom_build"
    assert session.state.settled["commercial"] == "commit_in_contract"
    assert below_own_batna(party(debrief, "player"))
    assert party(debrief, "vp_sales").above_batna


def test_joint_escalation_keeps_the_vp_but_settles_for_a_slimmed_one_off(
    loaded: LoadedScenario,
) -> None:
    joint, debrief = play(loaded, JOINT_ESCALATION)
    alone, _ = play(loaded, DOMINATING)
    assert joint.state.ending == "ceo_ruling"
    assert debrief.ending_kind == EndingKind.AGREEMENT
    assert joint.state.settled["feature"] == "slimmed_custom"
    assert joint.state.meters["vp_sales"].trust > alone.state.meters["vp_sales"].trust


def test_the_regulator_deadline_opens_the_general_capability(loaded: LoadedScenario) -> None:
    session = walk(loaded, ["ask_about_the_deal", "why_this_spec", "show_the_tradeoff",
                            "acknowledge_the_pressure", "name_both_batnas"])
    assert session.state.scene == "options"
    assert "solutions_engineer.regulator_deadline" not in session.state.revealed
    assert "offer_configurable" not in offered(session)


def test_the_forecast_interest_opens_the_roadmap_letter(loaded: LoadedScenario) -> None:
    terms = loaded.scenario.scene("terms")
    letter = next(c for c in terms.choices if c.id == "roadmap_letter")
    assert letter.if_ is not None and "vp_sales.forecast_credibility" in letter.if_.revealed
    # Skipping the opening question about his quarter spends the later probe on the shallower
    # interest, so the forecast never comes out and only the pilot is left.
    session = walk(loaded, AVOIDED_TO_TERMS)
    assert session.state.scene == "terms"
    assert "vp_sales.quarter_accelerator" in session.state.revealed
    assert "vp_sales.forecast_credibility" not in session.state.revealed
    assert "roadmap_letter" not in offered(session) and "paid_pilot" in offered(session)


def test_avoiding_early_costs_the_roadmap_letter_even_after_recovering(
    loaded: LoadedScenario,
) -> None:
    session = walk(loaded, AVOIDED_TO_TERMS)
    assert session.state.scene == "terms"
    assert "roadmap_letter" not in offered(session)


def test_style_fit_varies(loaded: LoadedScenario) -> None:
    assert {Style.OBLIGING, Style.COMPROMISING, Style.AVOIDING} <= fitting_styles(loaded)


def test_random_play_always_reaches_an_ending(loaded: LoadedScenario) -> None:
    endings, scenes = random_playthroughs(loaded, runs=400, max_moves=60)
    assert endings >= ending_ids(loaded) - {"design_partner_deal"}
    assert scenes == scene_ids(loaded)
