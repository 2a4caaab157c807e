"""The rhino_deal scenario teaches what it claims: principled play wins, the other styles cost.

A RHINO deal with the VP of Sales and a solutions engineer. Each costly path is played by choice
ids and must end somewhere worse for its own, asserted reason: dominating sends the VP to the CEO
over the player's head, avoiding lets the deal be signed on a promise the player never made, and
yielding ships the one-off below the player's BATNA.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from simulator.content.loaded import LoadedScenario
from simulator.content.loader import load_pack
from simulator.content.vocabulary import EndingKind, Style
from simulator.engine import Session, advance, available_choices, initial_state
from simulator.scoring import Debrief, score_session

ROOT = Path(__file__).resolve().parents[1]
PACK = ROOT / "scenarios" / "disruptors_and_accelerators"

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
OWN_FILES = {"rhino_deal", "vp_sales", "solutions_engineer"}
HIDDEN = {
    "vp_sales.quarter_accelerator",
    "vp_sales.forecast_credibility",
    "solutions_engineer.regulator_deadline",
}


@pytest.fixture(scope="module")
def loaded() -> LoadedScenario:
    pack, problems = load_pack(PACK)
    mine = [p.format() for p in problems if Path(p.path).stem in OWN_FILES]
    assert not mine, mine
    assert pack is not None
    return pack.scenarios["rhino_deal"]


def play(loaded: LoadedScenario, choices: list[str]) -> tuple[Session, Debrief]:
    session = Session.start(loaded, seed=7)
    for choice in choices:
        assert not session.ended, f"ended before {choice!r}"
        session.choose(choice)
    assert session.ended, f"still in {session.state.scene!r} after {choices}"
    return session, score_session(loaded, session.state)


def test_principled_path_reaches_the_design_partner_deal_with_every_hidden_interest(
    loaded: LoadedScenario,
) -> None:
    session, debrief = play(loaded, PRINCIPLED)
    assert session.state.ending == "design_partner_deal"
    assert debrief.ending_kind == EndingKind.AGREEMENT
    assert set(debrief.hidden_found) == HIDDEN and not debrief.hidden_missed
    assert all(party.above_batna for party in debrief.parties)
    assert debrief.joint_value == pytest.approx(debrief.best_joint_value)
    assert session.state.settled["feature"] == "configurable_rules"
    assert debrief.scores["total"] >= 90


def test_principled_path_clearly_outscores_every_costly_path(loaded: LoadedScenario) -> None:
    best = play(loaded, PRINCIPLED)[1].scores["total"]
    for path in (DOMINATING, AVOIDING, YIELDING, JOINT_ESCALATION):
        assert play(loaded, path)[1].scores["total"] <= best - 30, path


def test_dominating_sends_the_vp_to_the_ceo_over_your_head(loaded: LoadedScenario) -> None:
    session, debrief = play(loaded, DOMINATING)
    assert session.state.ending == "escalated_to_ceo"
    assert debrief.ending_kind == EndingKind.ESCALATION
    assert session.state.meters["vp_sales"].trust < 35
    assert debrief.scores["outcome"] == round(loaded.scenario.player.batna_value / 2)
    assert not debrief.hidden_found


def test_running_out_the_vps_patience_is_the_same_escalation(loaded: LoadedScenario) -> None:
    assert loaded.scenario.walkout_ending.id == "escalated_to_ceo"
    session = Session.start(loaded, seed=3)
    for choice in ["ask_about_the_deal", "haggle_the_spec", "rhino_lecture"]:
        session.choose(choice)
    assert session.state.scene == "vp_digs_in"
    assert session.state.meters["vp_sales"].strikes >= 2


def test_avoiding_lets_the_deal_be_signed_on_a_promise_you_never_made(
    loaded: LoadedScenario,
) -> None:
    session, debrief = play(loaded, AVOIDING)
    assert session.state.ending == "signed_on_a_promise"
    assert debrief.ending_kind == EndingKind.IMPASSE
    assert session.state.settled == {} and not debrief.hidden_found
    assert all(move.style is Style.AVOIDING for move in session.state.history)


def test_yielding_ships_the_one_off_below_the_players_batna(loaded: LoadedScenario) -> None:
    session, debrief = play(loaded, YIELDING)
    assert session.state.ending == "rhino_ships"
    assert session.state.settled["feature"] == "custom_build"
    assert session.state.settled["commercial"] == "commit_in_contract"
    player = next(p for p in debrief.parties if p.party == "player")
    vp = next(p for p in debrief.parties if p.party == "vp_sales")
    assert player.value is not None and player.value < player.batna_value
    assert vp.above_batna


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
    session = Session.start(loaded, seed=1)
    for choice in ["ask_about_the_deal", "why_this_spec", "show_the_tradeoff"]:
        session.choose(choice)
    for choice in ["acknowledge_the_pressure", "name_both_batnas"]:
        session.choose(choice)
    assert session.state.scene == "options"
    assert "solutions_engineer.regulator_deadline" not in session.state.revealed
    assert "offer_configurable" not in {c.id for c in session.available()}


def test_the_forecast_interest_opens_the_roadmap_letter(loaded: LoadedScenario) -> None:
    terms = loaded.scenario.scene("terms")
    letter = next(c for c in terms.choices if c.id == "roadmap_letter")
    assert letter.if_ is not None and "vp_sales.forecast_credibility" in letter.if_.revealed
    # Skipping the opening question about his quarter spends the later probe on the shallower
    # interest, so the forecast never comes out and only the pilot is left.
    session = Session.start(loaded, seed=1)
    for choice in ["after_the_release", "face_it_now", "ask_what_they_said", "show_the_tradeoff",
                   "acknowledge_the_pressure", "name_both_batnas", "offer_configurable",
                   "tamsin_leads_bridge"]:
        session.choose(choice)
    assert session.state.scene == "terms"
    assert "vp_sales.quarter_accelerator" in session.state.revealed
    assert "vp_sales.forecast_credibility" not in session.state.revealed
    offered = {c.id for c in session.available()}
    assert "roadmap_letter" not in offered and "paid_pilot" in offered


def test_avoiding_early_costs_the_roadmap_letter_even_after_recovering(
    loaded: LoadedScenario,
) -> None:
    session = Session.start(loaded, seed=1)
    for choice in ["after_the_release", "face_it_now", "ask_what_they_said", "show_the_tradeoff",
                   "acknowledge_the_pressure", "name_both_batnas", "offer_configurable",
                   "tamsin_leads_bridge"]:
        session.choose(choice)
    assert session.state.scene == "terms"
    assert "roadmap_letter" not in {c.id for c in session.available()}


def test_style_fit_varies_and_every_choice_explains_itself(loaded: LoadedScenario) -> None:
    scenes = loaded.scenario.scenes
    fitting = {style for scene in scenes for style in scene.fits}
    assert {Style.OBLIGING, Style.COMPROMISING, Style.AVOIDING} <= fitting
    assert all(choice.feedback for scene in scenes for choice in scene.choices)


def test_random_play_always_reaches_an_ending(loaded: LoadedScenario) -> None:
    endings, scenes = set(), set()
    for seed in range(400):
        rng = random.Random(seed)
        state = initial_state(loaded, seed)
        for _ in range(60):
            if state.ended:
                break
            choices = available_choices(loaded, state)
            assert choices, f"dead end in {state.scene!r}"
            advance(loaded, state, rng.choice(choices).id)
        assert state.ended, [m.choice for m in state.history]
        endings.add(state.ending)
        scenes.update(state.visited)
    every_ending = {ending.id for ending in loaded.scenario.endings}
    assert endings >= every_ending - {"design_partner_deal"}
    assert scenes == {scene.id for scene in loaded.scenario.scenes}
