"""The cost_cut scenario teaches what it claims: beat a strong BATNA with a business case, not opinion,
and judge each moment rather than reach for the most collaborative-sounding line.

The chief financial officer can impose the flat cut whenever she likes. Only a case with its
assumptions up front, her real need (a savings number that holds for the lender), business
operations' information (overlapping tooling, a contract clause) and a string of moments that call
for other styles than integrating (a firm no to hiding a cost, a cooling-off in the corridor, cheap
concessions, a roadmap call made on the spot, a quick split on a small question) produce an
agreement she prefers to her own plan. Each costly path is played by choice ids and must end
somewhere worse for its own, asserted reason.
"""

from __future__ import annotations

import pytest
from scenario_kit import (
    assert_avoided_everything,
    assert_best_agreement,
    assert_escalated_at_half_batna,
    ending_ids,
    fitting_styles,
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
from simulator.content.vocabulary import EndingKind, PowerBase, Style
from simulator.engine import MoveResult
from simulator.scoring import score_session

PRINCIPLED = [
    "ask_how_cuts_are_built",
    "read_the_contract",
    "draft_case_together",
    "refuse_to_hide",
    "assumptions_up_front",
    "book_tomorrow",
    "concede_sixty",
    "acknowledge_and_ask",
    "concede_the_panel",
    "tooling_with_a_sponsor",
    "defer_it_yourself",
    "ask_what_burned_her",
    "stage_gate_and_convert",
    "monthly_on_three",
]
CASE_TO_HER_BATNA = PRINCIPLED[:7]
# The collaborative-sounding line wherever there is one: a cost "allocation", a corridor pitch, a
# step back from the number she asked about. Three strikes and she closes the door.
ALWAYS_INTEGRATING = [
    "ask_how_cuts_are_built",
    "draft_case_together",
    "explore_the_allocation",
    "assumptions_up_front",
    "pitch_in_corridor",
    "step_back_to_strategy",
]
ANGRY_EMAIL = ["email_the_cfo_now", "double_down"]
AVOIDING = ["wait_and_see", "let_it_happen"]
YIELDING = ["accept_the_cut", "send_notice"]
FOLDING = [*CASE_TO_HER_BATNA, "fold_now"]
SPLITTING = [*CASE_TO_HER_BATNA, "offer_half", "monthly_on_three"]
HIDDEN = {
    "cfo.lender_covenant",
    "cfo.burned_by_cases",
    "bizops_manager.tooling_overlap",
    "bizops_manager.contractor_conversion",
}


@pytest.fixture(scope="module")
def loaded() -> LoadedScenario:
    return load_bundled("leading_upward_and_across/cost_cut")


def fits_alone(loaded: LoadedScenario, scene: str) -> Style:
    (style,) = loaded.scenario.scene(scene).fits
    return style


def assert_refused_by_the_cfo(loaded: LoadedScenario, result: MoveResult) -> None:
    """The CFO refused in her own authored words, tied to the lender and the savings she needs."""
    (refusal,) = [u for u in result.lines if u.speaker == "cfo"][-1:]
    line = next(m.refusal for m in loaded.scenario.cast if m.persona == "cfo")
    assert line is not None and "lender" in line
    assert " ".join(refusal.text.split()) == " ".join(str(line).split())


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
    assert not any(move.violates for move in session.state.history)


def test_the_principled_path_uses_every_style_where_it_fits(loaded: LoadedScenario) -> None:
    session, _ = play(loaded, PRINCIPLED)
    moves = session.state.history
    assert all(move.fits for move in moves)
    assert {move.style for move in moves} == set(Style)
    assert sum(move.style is Style.INTEGRATING for move in moves) <= len(moves) // 2 + 1


def test_each_style_is_the_only_fit_somewhere(loaded: LoadedScenario) -> None:
    alone = [s.fits[0] for s in loaded.scenario.scenes if len(s.fits) == 1]
    for style in (Style.DOMINATING, Style.AVOIDING, Style.OBLIGING, Style.COMPROMISING):
        assert alone.count(style) >= 2, style
    assert alone.count(Style.INTEGRATING) <= len(loaded.scenario.scenes) // 2


def test_principled_path_clearly_outscores_every_costly_path(loaded: LoadedScenario) -> None:
    best = total(loaded, PRINCIPLED)
    for path in (ALWAYS_INTEGRATING, ANGRY_EMAIL, AVOIDING, YIELDING, FOLDING):
        assert total(loaded, path) <= best - 30, path


def test_the_business_operations_outlier_is_worked_with_promptly_honestly_and_self_served(
    loaded: LoadedScenario,
) -> None:
    session, _ = play(loaded, PRINCIPLED)
    first = session.state.history[0]
    assert first.choice == "ask_how_cuts_are_built" and first.trust["bizops_manager"] > 0
    # Reading the contract yourself, not handing him the work, is what brings out the clause.
    read = session.state.history[1]
    assert read.choice == "read_the_contract"
    assert "bizops_manager.contractor_conversion" in read.revealed
    handed = walk(loaded, ["ask_how_cuts_are_built", "hand_him_the_work"], seed=7)
    assert handed.state.history[-1].trust["bizops_manager"] < 0
    assert "bizops_manager.contractor_conversion" not in handed.state.revealed
    # Escalating to his director before looking yourself is a strike.
    escalated = walk(loaded, ["ask_how_cuts_are_built", "escalate_to_his_director"], seed=7)
    assert escalated.state.meters["bizops_manager"].strikes == 1


def test_reward_power_well_used_and_badly_used(loaded: LoadedScenario) -> None:
    scenes = {s.id: {c.id: c for c in s.choices} for s in loaded.scenario.scenes}
    good = scenes["joint_session"]["tooling_with_a_sponsor"]
    bad = scenes["bizops_desk"]["promise_him_an_analyst"]
    assert good.power is PowerBase.REWARD and not good.violates
    assert bad.power is PowerBase.REWARD and bad.violates
    session, _ = play(loaded, PRINCIPLED)
    used = {move.power for move in session.state.history if move.power is not None}
    assert {PowerBase.EXPERT, PowerBase.INFORMATIONAL, PowerBase.REWARD} <= used
    assert PowerBase.COERCIVE not in used and PowerBase.REFERENT not in used


def test_fixing_on_one_option_too_early_is_marked(loaded: LoadedScenario) -> None:
    fixed = {c.id for s in loaded.scenario.scenes for c in s.choices if "options" in c.violates}
    assert "insist_on_exemption" in fixed


def test_hiding_the_cost_is_a_line_and_exploring_it_together_is_the_mistake(
    loaded: LoadedScenario,
) -> None:
    assert fits_alone(loaded, "parked_cost") is Style.DOMINATING
    before = PRINCIPLED[: PRINCIPLED.index("refuse_to_hide")]
    explored = walk(loaded, [*before, "explore_the_allocation"], seed=7)
    move = explored.state.history[-1]
    assert move.style is Style.INTEGRATING and not move.fits and "criteria" in move.violates
    assert move.trust["bizops_manager"] < 0 and move.trust["cfo"] < 0
    rest = PRINCIPLED[PRINCIPLED.index("refuse_to_hide") + 1 : PRINCIPLED.index("tooling_with_a_sponsor")]
    for choice in rest:
        explored.choose(choice)
    assert explored.state.scene == "joint_session"
    assert "tooling_with_a_sponsor" not in offered(explored)  # he takes his plan to finance himself
    for choice in ("cut_the_soft_lines", "ask_what_burned_her", "keep_three"):
        explored.choose(choice)
    result = explored.choose("monthly_on_three")
    # Half a team and the soft lines are a rescue worth less to her than her own cut: she refuses
    # it, in her own words, and signs her list.
    assert explored.state.settled["compliance_team"] == "halve_team"
    assert result.move.refused_by == ["cfo"]
    assert_refused_by_the_cfo(loaded, result)
    assert explored.state.ending == "door_closed"
    assert score_session(loaded, explored.state).scores["total"] <= total(loaded, PRINCIPLED) - 15


def test_always_integrating_walks_the_cfo_out(loaded: LoadedScenario) -> None:
    session, debrief = play(loaded, ALWAYS_INTEGRATING)
    assert session.state.ending == "door_closed"
    assert debrief.ending_kind == EndingKind.WALKOUT
    assert session.state.meters["cfo"].walked_out
    assert all(move.style is Style.INTEGRATING for move in session.state.history)
    assert debrief.agreement == {}


def test_a_pitch_in_the_corridor_costs_the_meeting_and_the_best_deal(loaded: LoadedScenario) -> None:
    assert fits_alone(loaded, "corridor") is Style.AVOIDING
    before = PRINCIPLED[: PRINCIPLED.index("book_tomorrow")]
    moves = {c: walk(loaded, [*before, c], seed=7).state.history[-1] for c in ("book_tomorrow", "pitch_in_corridor")}
    assert moves["book_tomorrow"].fits and moves["book_tomorrow"].trust["cfo"] > 0
    assert not moves["pitch_in_corridor"].fits and moves["pitch_in_corridor"].trust["cfo"] < 0
    cornered = walk(loaded, [*before, "pitch_in_corridor", "concede_sixty"], seed=7)
    assert cornered.state.scene == "fair_point"  # ten minutes: her BATNA is never discussed
    assert "her_batna" not in cornered.state.visited
    for choice in ("concede_the_panel", "tooling_with_a_sponsor", "defer_it_yourself", "ask_what_burned_her"):
        cornered.choose(choice)
    assert "stage_gate_and_convert" not in offered(cornered)


def test_the_roadmap_call_is_yours_and_a_workshop_settles_for_less(loaded: LoadedScenario) -> None:
    assert fits_alone(loaded, "last_cut") is Style.DOMINATING
    i = PRINCIPLED.index("defer_it_yourself")
    session, debrief = play(loaded, [*PRINCIPLED[:i], "workshop_the_redesign", *PRINCIPLED[i + 1 :]])
    assert session.state.ending == "partial_rescue"
    assert session.state.settled["savings"] == "tooling_partial"
    assert debrief.scores["total"] < total(loaded, PRINCIPLED)


def test_a_measurement_workshop_leaves_the_last_issue_open_and_the_cfo_refuses(
    loaded: LoadedScenario,
) -> None:
    assert fits_alone(loaded, "kpi_terms") is Style.COMPROMISING
    session = walk(loaded, PRINCIPLED[:-1], seed=7)
    result = session.choose("kpi_workshop")
    # The best team and savings terms are on the table, but with nothing to track the money by she
    # values them below her own flat cut: she refuses and closes the meeting.
    assert session.state.settled["compliance_team"] == "stage_gated_converted"
    assert session.state.settled["savings"] == "tooling"
    assert "tracking" not in session.state.settled
    assert result.move.refused_by == ["cfo"]
    assert_refused_by_the_cfo(loaded, result)
    assert session.state.ending == "door_closed"
    debrief = score_session(loaded, session.state)
    assert debrief.ending_kind == EndingKind.WALKOUT and debrief.agreement == {}
    assert debrief.scores["total"] <= total(loaded, PRINCIPLED) - 10


def test_an_angry_email_over_her_head_is_an_escalation(loaded: LoadedScenario) -> None:
    session, debrief = play(loaded, ANGRY_EMAIL)
    assert session.state.ending == "taken_upstairs"
    assert_escalated_at_half_batna(loaded, debrief)
    assert session.state.meters["cfo"].trust < 20


def test_after_the_email_you_were_wrong_and_obliging_fits(loaded: LoadedScenario) -> None:
    assert fits_alone(loaded, "cfo_cold") is Style.OBLIGING
    sorry = walk(loaded, ["email_the_cfo_now", "apologise_and_reset"], seed=7)
    assert sorry.state.scene == "bizops_desk" and sorry.state.history[-1].fits
    session, _ = play(loaded, ["email_the_cfo_now", "explain_the_intent"])
    assert session.state.ending == "taken_upstairs"


def test_avoiding_lets_the_deadline_decide(loaded: LoadedScenario) -> None:
    session, debrief = play(loaded, AVOIDING)
    assert session.state.ending == "deadline_passes"
    assert_avoided_everything(session, debrief)


def test_trading_for_time_at_the_deadline_still_loses_the_contract_clause(loaded: LoadedScenario) -> None:
    late = ["wait_and_see", "trade_for_time", "read_the_contract", "draft_case_together", *PRINCIPLED[3:12]]
    session = walk(loaded, late, seed=7)
    assert session.state.history[1].fits  # compromising fitted the hard deadline
    assert session.state.scene == "team_terms"
    assert "stage_gate_and_convert" not in offered(session)
    session.choose("stage_gate_only")
    session.choose("monthly_on_three")
    assert session.state.ending == "partial_rescue"
    late_total = score_session(loaded, session.state).scores["total"]
    assert late_total < total(loaded, PRINCIPLED) - 4


def test_yielding_and_folding_are_below_the_players_batna_and_finance_refuses_them(
    loaded: LoadedScenario,
) -> None:
    for path in (YIELDING, FOLDING):
        session, debrief = play(loaded, path)
        settled = dict(session.state.settled)
        assert settled["compliance_team"] == "end_now", path
        # The cut as sent is worth less to the player than walking away...
        assert mean_value(loaded, "player", settled) < loaded.scenario.player.batna_value
        # ...and, tracked as a bare budget line, less to finance and business operations than
        # their own plans: they refuse it, and the deadline decides instead.
        assert session.state.history[-1].refused_by == ["cfo", "bizops_manager"], path
        assert session.state.history[-1].to == "deadline_passes"
        assert session.state.ending == "deadline_passes", path
        assert debrief.ending_kind == EndingKind.IMPASSE and debrief.agreement == {}
        assert debrief.scores["total"] <= total(loaded, PRINCIPLED) - 40, path


def test_holding_the_notice_letter_is_the_right_kind_of_waiting(loaded: LoadedScenario) -> None:
    assert fits_alone(loaded, "notice_to_contractors") is Style.AVOIDING
    held = walk(loaded, ["accept_the_cut", "hold_the_letter"], seed=7)
    assert held.state.scene == "bizops_desk" and held.state.history[-1].fits
    convened = walk(loaded, ["accept_the_cut", "convene_everyone"], seed=7)
    assert convened.state.scene == "friday_deadline"


def test_her_batna_is_named_before_the_deal_and_folding_there_is_offered(
    loaded: LoadedScenario,
) -> None:
    session = walk(loaded, CASE_TO_HER_BATNA, seed=7)
    assert session.state.scene == "her_batna"
    assert offered(session) == {"acknowledge_and_ask", "go_to_the_ceo", "fold_now", "offer_half"}
    session.choose("acknowledge_and_ask")
    assert "cfo.lender_covenant" in session.state.revealed


def test_a_premature_split_leaves_the_cfo_below_her_batna(loaded: LoadedScenario) -> None:
    session, debrief = play(loaded, SPLITTING)
    settled = dict(session.state.settled)
    assert settled["compliance_team"] == "halve_team"
    assert "interests" in session.state.history[-2].violates
    assert mean_value(loaded, "cfo", settled) < party(debrief, "cfo").batna_value
    assert session.state.history[-1].refused_by == ["cfo"]
    assert session.state.ending == "door_closed"
    # Splitting early is still better than yielding, and far below the principled case.
    assert total(loaded, YIELDING) < debrief.scores["total"] <= total(loaded, PRINCIPLED) - 30


def test_a_case_without_its_assumptions_must_be_restated(loaded: LoadedScenario) -> None:
    session = walk(
        loaded,
        ["ask_how_cuts_are_built", "draft_case_together", "refuse_to_hide", "best_case_only", "book_tomorrow"],
        seed=7,
    )
    assert session.state.scene == "cfo_office"
    assert "concede_sixty" not in offered(session) and "restate_honestly" in offered(session)


def test_the_best_options_need_the_hidden_interests(loaded: LoadedScenario) -> None:
    session = walk(loaded, [*PRINCIPLED[:11]], seed=7)  # never asked what burned her
    assert session.state.scene == "team_terms"
    assert "stage_gate_and_convert" not in offered(session)
    assert "stage_gate_only" not in offered(session)


def test_cheap_concessions_fit_their_moments(loaded: LoadedScenario) -> None:
    for scene, right, wrong in (
        ("cfo_office", "concede_sixty", "step_back_to_strategy"),
        ("fair_point", "concede_the_panel", "review_the_panel_together"),
    ):
        assert fits_alone(loaded, scene) is Style.OBLIGING
        before = PRINCIPLED[: PRINCIPLED.index(right)]
        moves = {c: walk(loaded, [*before, c], seed=7).state.history[-1] for c in (right, wrong)}
        assert moves[right].fits and moves[right].style is Style.OBLIGING
        assert not moves[wrong].fits and moves[wrong].style is Style.INTEGRATING
        assert moves[right].trust["cfo"] > 0 > moves[wrong].trust["cfo"]


def test_style_fit_varies(loaded: LoadedScenario) -> None:
    assert set(Style) <= fitting_styles(loaded)


def test_random_play_always_reaches_an_ending(loaded: LoadedScenario) -> None:
    endings, scenes = random_playthroughs(loaded, runs=400, max_moves=40)
    # The best one takes deliberate play, and so does a partial rescue the CFO prefers to her own
    # cut (the workshop and late-trade tests reach it); the cut as sent is always refused.
    assert endings >= ending_ids(loaded) - {"investment_protected", "partial_rescue", "cut_as_sent"}
    assert "cut_as_sent" not in endings
    assert scenes == scene_ids(loaded)
