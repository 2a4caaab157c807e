"""The cost_cut scenario teaches what it claims: beat a strong BATNA with a business case, not opinion.

The chief financial officer can impose the flat cut whenever she likes. Only a case with its
assumptions and risks up front, her real need (a savings number that holds for the lender) and
business operations' information (overlapping tooling, a contract clause) produce an agreement she
prefers to her own plan. Each costly path is played by choice ids and must end somewhere worse for
its own, asserted reason.
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
from simulator.content.vocabulary import EndingKind, PowerBase, Style
from simulator.scoring import score_session

PRINCIPLED = [
    "ask_how_cuts_are_built",
    "ask_about_the_contract",
    "draft_case_together",
    "assumptions_up_front",
    "book_tomorrow",
    "walk_the_case",
    "ground_the_churn",
    "acknowledge_and_ask",
    "ask_what_burned_her",
    "concede_the_panel",
    "tooling_with_a_sponsor",
    "stage_gate_and_convert",
    "agree_shared_kpis",
]
CASE_TO_HER_BATNA = PRINCIPLED[:7]
DOMINATING = [
    "ask_how_cuts_are_built",
    "draft_case_together",
    "vision_pitch",
    "pitch_in_corridor",
    "call_it_short_sighted",
    "insist_on_the_number",
]
ANGRY_EMAIL = ["email_the_cfo_now", "double_down"]
AVOIDING = ["wait_and_see", "let_it_happen"]
YIELDING = ["accept_the_cut", "send_notice"]
FOLDING = [*CASE_TO_HER_BATNA, "fold_now"]
SPLITTING = [*PRINCIPLED[:6], "offer_half", "quarterly_report"]
HIDDEN = {
    "cfo.lender_covenant",
    "cfo.burned_by_cases",
    "bizops_manager.tooling_overlap",
    "bizops_manager.contractor_conversion",
}


@pytest.fixture(scope="module")
def loaded() -> LoadedScenario:
    return load_bundled("leading_upward_and_across/cost_cut")


def test_the_cast_is_an_executive_and_an_outlier(loaded: LoadedScenario) -> None:
    cfo, bizops = loaded.personas["cfo"], loaded.personas["bizops_manager"]
    assert cfo.quadrant.value == "executive" and cfo.function.value in {"finance", "executive"}
    assert bizops.quadrant.value == "outlier" and bizops.function.value in {"operations", "hr"}
    batna = {member.persona: member.batna_value for member in loaded.scenario.cast}
    assert batna["cfo"] > loaded.scenario.player.batna_value  # she can simply impose the cut


def test_principled_path_protects_the_investment_with_every_hidden_interest(
    loaded: LoadedScenario,
) -> None:
    session, debrief = play(loaded, PRINCIPLED)
    assert session.state.ending == "investment_protected"
    assert_best_agreement(debrief, HIDDEN)


def test_principled_path_clearly_outscores_every_costly_path(loaded: LoadedScenario) -> None:
    best = total(loaded, PRINCIPLED)
    for path in (DOMINATING, ANGRY_EMAIL, AVOIDING, YIELDING, FOLDING):
        assert total(loaded, path) <= best - 30, path


def test_the_principled_path_draws_on_expert_and_informational_power(
    loaded: LoadedScenario,
) -> None:
    session, _ = play(loaded, PRINCIPLED)
    used = {move.power for move in session.state.history if move.power is not None}
    assert used <= {PowerBase.EXPERT, PowerBase.INFORMATIONAL}
    assert {PowerBase.EXPERT, PowerBase.INFORMATIONAL} <= used


def test_dominating_with_opinion_and_borrowed_power_makes_her_close_the_door(
    loaded: LoadedScenario,
) -> None:
    session, debrief = play(loaded, DOMINATING)
    assert session.state.ending == "door_closed"
    assert debrief.ending_kind == EndingKind.WALKOUT
    cfo = session.state.meters["cfo"]
    assert cfo.walked_out and cfo.trust < 20
    assert debrief.agreement == {}
    assert not {"cfo.lender_covenant", "cfo.burned_by_cases"} & set(debrief.hidden_found)


def test_an_angry_email_over_her_head_is_an_escalation(loaded: LoadedScenario) -> None:
    session, debrief = play(loaded, ANGRY_EMAIL)
    assert session.state.ending == "taken_upstairs"
    assert_escalated_at_half_batna(loaded, debrief)
    assert session.state.meters["cfo"].trust < 20


def test_avoiding_lets_the_deadline_decide(loaded: LoadedScenario) -> None:
    session, debrief = play(loaded, AVOIDING)
    assert session.state.ending == "deadline_passes"
    assert_avoided_everything(session, debrief)


def test_avoiding_then_recovering_still_loses_the_contract_clause(loaded: LoadedScenario) -> None:
    late = [
        "wait_and_see", "scramble_now", "ask_about_the_contract", *PRINCIPLED[2:10],
        "tooling_with_a_sponsor",
    ]
    session = walk(loaded, late, seed=7)
    assert session.state.scene == "team_terms"
    assert "stage_gate_and_convert" not in offered(session)
    assert "bizops_manager.contractor_conversion" not in session.state.revealed
    session.choose("stage_gate_only")
    session.choose("agree_shared_kpis")
    assert session.state.ending == "partial_rescue"
    late_total = score_session(loaded, session.state).scores["total"]
    assert late_total < total(loaded, PRINCIPLED) - 4


def test_yielding_and_folding_leave_the_player_below_their_batna(loaded: LoadedScenario) -> None:
    for path in (YIELDING, FOLDING):
        session, debrief = play(loaded, path)
        assert session.state.ending == "cut_as_sent", path
        assert session.state.settled["compliance_team"] == "end_now"
        assert below_own_batna(debrief.parties[0])


def test_her_batna_is_named_before_the_deal_and_folding_there_is_offered(
    loaded: LoadedScenario,
) -> None:
    session = walk(loaded, CASE_TO_HER_BATNA, seed=7)
    assert session.state.scene == "her_batna"
    assert offered(session) == {"acknowledge_and_ask", "go_to_the_ceo", "fold_now"}
    session.choose("acknowledge_and_ask")
    assert "cfo.lender_covenant" in session.state.revealed


def test_splitting_the_team_leaves_the_cfo_below_her_batna(loaded: LoadedScenario) -> None:
    session, debrief = play(loaded, SPLITTING)
    assert session.state.ending == "partial_rescue"
    assert session.state.settled["compliance_team"] == "halve_team"
    assert not party(debrief, "cfo").above_batna


def test_a_case_without_its_assumptions_cannot_ground_the_churn(loaded: LoadedScenario) -> None:
    session = walk(
        loaded,
        ["ask_how_cuts_are_built", "draft_case_together", "best_case_only", "book_tomorrow", "present_the_upside"],
        seed=7,
    )
    assert session.state.scene == "assumption_grill"
    assert "ground_the_churn" not in offered(session) and "restate_honestly" in offered(session)


def test_the_best_options_need_the_hidden_interests(loaded: LoadedScenario) -> None:
    session = walk(loaded, [*PRINCIPLED[:8], "concede_the_panel"], seed=7)  # never asked what burned her
    assert session.state.scene == "joint_session"
    session.choose("tooling_with_a_sponsor")
    assert offered(session) == {"keep_three", "insist_on_exemption"}


def test_timing_and_concessions_fit_their_moments(loaded: LoadedScenario) -> None:
    corridor = {c: walk(loaded, [*PRINCIPLED[:4], c], seed=7).state.history[-1] for c in ("book_tomorrow", "pitch_in_corridor")}
    assert corridor["book_tomorrow"].fits and corridor["book_tomorrow"].style is Style.AVOIDING
    assert corridor["book_tomorrow"].trust["cfo"] > 0 > corridor["pitch_in_corridor"].trust["cfo"]
    before = PRINCIPLED[: PRINCIPLED.index("concede_the_panel")]
    panel = {c: walk(loaded, [*before, c], seed=7).state.history[-1] for c in ("concede_the_panel", "defend_the_panel")}
    assert panel["concede_the_panel"].fits and panel["concede_the_panel"].style is Style.OBLIGING
    assert not panel["defend_the_panel"].fits


def test_style_fit_varies(loaded: LoadedScenario) -> None:
    assert {Style.OBLIGING, Style.COMPROMISING, Style.AVOIDING} <= fitting_styles(loaded)


def test_random_play_always_reaches_an_ending(loaded: LoadedScenario) -> None:
    endings, scenes = random_playthroughs(loaded, runs=400, max_moves=40)
    assert endings >= ending_ids(loaded) - {"investment_protected"}  # the best one takes deliberate play
    assert scenes == scene_ids(loaded)
