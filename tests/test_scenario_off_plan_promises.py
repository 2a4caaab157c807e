"""The off_plan_promises scenario teaches what it claims: align customer success, don't police it.

The principled path cools off on the forecast call, joins the customer call, turns the promise into
planned work for a whole segment, retires the side branch openly and agrees how promises get made.
Each costly path is played by choice ids and must end somewhere worse for its own, asserted reason.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from simulator.analysis.solve import solve
from simulator.content.loaded import LoadedScenario
from simulator.content.loader import load_pack
from simulator.content.vocabulary import EndingKind, Style
from simulator.engine import Session, advance, available_choices, initial_state
from simulator.scoring import Debrief, score_session

ROOT = Path(__file__).resolve().parents[1]
PACK = ROOT / "scenarios" / "disruptors_and_accelerators"

PRINCIPLED = [
    "take_it_offline",
    "ask_what_halvorsen_needs",
    "ask_rasmus_how",
    "grant_the_beta",
    "listen_for_the_need",
    "ask_why_the_side_route",
    "offer_sla_slice",
    "share_segment_insight",
    "propose_commitment_protocol",
    "present_with_marisol",
]
DOMINATING = ["correct_publicly", "claim_the_roadmap", "beat_her_to_callum"]
OVER_HER_HEAD = ["take_it_offline", "claim_the_roadmap", "beat_her_to_callum"]
JOINT = ["take_it_offline", "claim_the_roadmap", "escalate_with_her", "lay_out_both_cases"]
AVOIDING = ["let_it_ride", "keep_out_of_it"]
AVOIDED_THEN_RECOVERED = [
    "let_it_ride",
    "own_it_late",
    *PRINCIPLED[1:6],
    "offer_manual_bridge",
    *PRINCIPLED[7:],
]
YIELDING = ["take_it_offline", "honour_the_promise", "keep_saying_yes"]
SPLIT_EARLY = [
    "take_it_offline",
    "quick_manual_report",
    "ask_rasmus_how",
    "grant_the_beta",
    "listen_for_the_need",
    "offer_manual_bridge",
    "share_segment_insight",
    "roadmap_only_rule",
    "present_with_marisol",
]
OWN_FILES = {"off_plan_promises", "cs_lead", "integration_developer"}
HIDDEN = {
    "cs_lead.renewal_champion",
    "cs_lead.promises_unheard",
    "integration_developer.side_branch_risk",
    "integration_developer.customer_contact",
}


@pytest.fixture(scope="module")
def loaded() -> LoadedScenario:
    pack, problems = load_pack(PACK)
    mine = [p.format() for p in problems if Path(p.path).stem in OWN_FILES]
    assert not mine, mine
    assert pack is not None
    return pack.scenarios["off_plan_promises"]


def play(loaded: LoadedScenario, choices: list[str]) -> tuple[Session, Debrief]:
    session = Session.start(loaded, seed=7)
    for choice in choices:
        assert not session.ended, f"ended before {choice!r}"
        session.choose(choice)
    assert session.ended, f"still in {session.state.scene!r} after {choices}"
    return session, score_session(loaded, session.state)


def test_principled_path_keeps_the_renewal_on_plan_with_every_hidden_interest(
    loaded: LoadedScenario,
) -> None:
    session, debrief = play(loaded, PRINCIPLED)
    assert session.state.ending == "renewal_on_plan"
    assert debrief.ending_kind == EndingKind.AGREEMENT
    assert set(debrief.hidden_found) == HIDDEN and not debrief.hidden_missed
    assert all(party.above_batna for party in debrief.parties)
    assert debrief.joint_value == pytest.approx(debrief.best_joint_value)
    assert debrief.scores["total"] >= 90


def test_principled_path_is_within_two_points_of_the_best_any_path_reaches(
    loaded: LoadedScenario,
) -> None:
    best = solve(loaded)
    assert play(loaded, PRINCIPLED)[1].scores["total"] >= best.score - 2
    assert best.ending == play(loaded, PRINCIPLED)[0].state.ending


def test_principled_path_clearly_outscores_every_costly_path(loaded: LoadedScenario) -> None:
    best = play(loaded, PRINCIPLED)[1].scores["total"]
    for path in (DOMINATING, OVER_HER_HEAD, AVOIDING, YIELDING):
        assert play(loaded, path)[1].scores["total"] <= best - 30, path
    for path in (JOINT, SPLIT_EARLY):
        assert play(loaded, path)[1].scores["total"] <= best - 15, path
    assert play(loaded, AVOIDED_THEN_RECOVERED)[1].scores["total"] < best


def test_dominating_exhausts_the_cs_leads_patience(loaded: LoadedScenario) -> None:
    session, debrief = play(loaded, DOMINATING)
    assert session.state.ending == "cs_goes_around"
    lead = session.state.meters["cs_lead"]
    assert lead.walked_out and lead.trust < 25
    assert debrief.agreement == {} and not debrief.hidden_found


def test_racing_her_to_the_cro_is_an_escalation(loaded: LoadedScenario) -> None:
    session, debrief = play(loaded, OVER_HER_HEAD)
    assert session.state.ending == "cro_overrules"
    assert debrief.ending_kind == EndingKind.ESCALATION
    assert debrief.scores["outcome"] == round(loaded.scenario.player.batna_value / 2)


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
    assert debrief.ending_kind == EndingKind.IMPASSE
    assert session.state.settled == {} and not debrief.hidden_found
    assert all(move.style is Style.AVOIDING for move in session.state.history)


def test_avoiding_costs_the_best_option_even_after_recovering(loaded: LoadedScenario) -> None:
    session = Session.start(loaded, seed=1)
    for choice in AVOIDED_THEN_RECOVERED[:7]:
        session.choose(choice)
    assert session.state.scene == "after_the_call"
    offered = {c.id for c in session.available()}
    assert "offer_sla_slice" not in offered and "offer_manual_bridge" in offered
    for choice in AVOIDED_THEN_RECOVERED[7:]:
        session.choose(choice)
    assert session.state.ending == "renewal_with_cracks"


def test_yielding_settles_below_the_players_batna(loaded: LoadedScenario) -> None:
    session, debrief = play(loaded, YIELDING)
    assert session.state.ending == "promises_run_the_roadmap"
    assert session.state.settled["side_branch"] == "ship_it"
    player, *others = debrief.parties
    assert player.value is not None and player.value < player.batna_value
    assert all(party.above_batna for party in others)


def test_splitting_early_settles_on_a_stopgap(loaded: LoadedScenario) -> None:
    session, debrief = play(loaded, SPLIT_EARLY)
    assert session.state.ending == "renewal_with_cracks"
    assert session.state.settled["halvorsen_need"] == "manual_bridge"
    assert debrief.joint_value < debrief.best_joint_value
    assert "cs_lead.promises_unheard" in debrief.hidden_missed


def test_hidden_interests_open_the_better_options(loaded: LoadedScenario) -> None:
    session = Session.start(loaded, seed=1)
    for choice in PRINCIPLED[:5]:
        session.choose(choice)
    assert session.state.scene == "after_the_call"
    session.choose("ask_why_the_side_route")
    assert {"cs_lead.promises_unheard", "integration_developer.customer_contact"} <= set(
        session.state.revealed
    )
    assert "offer_sla_slice" in {c.id for c in session.available()}


def test_reporting_the_developer_costs_his_reveal_and_the_best_option(
    loaded: LoadedScenario,
) -> None:
    session = Session.start(loaded, seed=1)
    for choice in ["take_it_offline", "ask_what_halvorsen_needs", "report_to_petra",
                   "grant_the_beta", "listen_for_the_need", "ask_why_the_side_route"]:
        session.choose(choice)
    assert "integration_developer.side_branch_risk" not in session.state.revealed
    assert "offer_sla_slice" not in {c.id for c in session.available()}


def test_the_cheap_concession_fits_and_the_bargain_does_not(loaded: LoadedScenario) -> None:
    granted = Session.start(loaded, seed=1)
    traded = Session.start(loaded, seed=1)
    for choice in PRINCIPLED[:3]:
        granted.choose(choice)
        traded.choose(choice)
    granted.choose("grant_the_beta")
    traded.choose("trade_the_beta")
    assert granted.state.history[-1].style is Style.OBLIGING and granted.state.history[-1].fits
    assert not traded.state.history[-1].fits
    assert granted.state.meters["cs_lead"].trust > traded.state.meters["cs_lead"].trust


def test_style_fit_varies_and_every_choice_explains_itself(loaded: LoadedScenario) -> None:
    scenes = loaded.scenario.scenes
    assert len(scenes) >= 12
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
    assert endings >= every_ending - {"renewal_on_plan"}
    assert scenes == {scene.id for scene in loaded.scenario.scenes}
