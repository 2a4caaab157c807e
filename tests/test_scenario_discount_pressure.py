"""The discount_pressure scenario teaches what it claims: principled mediation wins, the rest costs.

An account executive wants a deep quarter-end discount; the finance controller guards margin and
pricing integrity; the product manager mediates. Each costly path is played by choice ids and must
end somewhere worse for its own, asserted reason: taking sides by force escalates over the
player's head, staying out leaves the price to a midnight exception, and yielding gives away price,
term and packaging below the player's BATNA.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from simulator.content.loaded import LoadedScenario
from simulator.content.loader import load_pack
from simulator.content.vocabulary import EndingKind, Style
from simulator.engine import Session, advance, available_choices, initial_state
from simulator.scoring import Debrief, PartyOutcome, score_session

ROOT = Path(__file__).resolve().parents[1]
PACK = ROOT / "scenarios" / "disruptors_and_accelerators"

PRINCIPLED = [
    "ask_whats_behind_45",
    "ask_what_worries_her",
    "agree_the_yardsticks",
    "call_a_break",
    "ask_about_her_plan",
    "propose_ramp",
    "policy_band_20",
    "ingrid_rules_on_it",
    "quarterly_review",
    "ingrid_presents",
]
DOMINATING = ["lecture_on_discounting", "hold_the_line"]
AVOIDING = ["stay_out_of_it", "no_view"]
YIELDING = ["back_her_fully", "write_strategic_logo", "throw_it_in_too"]
JOINT_ESCALATION = ["lecture_on_discounting", "escalate_jointly", "present_both_columns"]
SPLIT_THE_DIFFERENCE = [
    "ask_whats_behind_45",
    "ask_what_worries_her",
    "split_the_difference",
    "one_year_deal",
    "meet_at_30",
    "module_first_year",
    "quarterly_review",
    "present_together",
]
OWN_FILES = {"discount_pressure", "account_exec", "finance_controller"}
HIDDEN = {
    "account_exec.budget_cap",
    "account_exec.multi_year_kicker",
    "finance_controller.audit_finding",
    "finance_controller.partner_reputation",
}


@pytest.fixture(scope="module")
def loaded() -> LoadedScenario:
    pack, problems = load_pack(PACK)
    mine = [p.format() for p in problems if Path(p.path).stem in OWN_FILES]
    assert not mine, mine
    assert pack is not None
    return pack.scenarios["discount_pressure"]


def play(loaded: LoadedScenario, choices: list[str]) -> tuple[Session, Debrief]:
    session = Session.start(loaded, seed=7)
    for choice in choices:
        assert not session.ended, f"ended before {choice!r}"
        session.choose(choice)
    assert session.ended, f"still in {session.state.scene!r} after {choices}"
    return session, score_session(loaded, session.state)


def party(debrief: Debrief, name: str) -> PartyOutcome:
    return next(p for p in debrief.parties if p.party == name)


def test_principled_mediation_reaches_the_value_deal_with_every_hidden_interest(
    loaded: LoadedScenario,
) -> None:
    session, debrief = play(loaded, PRINCIPLED)
    assert session.state.ending == "value_deal"
    assert debrief.ending_kind == EndingKind.AGREEMENT
    assert set(debrief.hidden_found) == HIDDEN and not debrief.hidden_missed
    assert all(p.above_batna for p in debrief.parties)
    assert debrief.joint_value == pytest.approx(debrief.best_joint_value)
    assert session.state.settled["discount"] == "policy_20"
    assert debrief.scores["total"] >= 90


def test_principled_path_clearly_outscores_every_costly_path(loaded: LoadedScenario) -> None:
    best = play(loaded, PRINCIPLED)[1].scores["total"]
    for path in (DOMINATING, AVOIDING, YIELDING, JOINT_ESCALATION):
        assert play(loaded, path)[1].scores["total"] <= best - 30, path
    assert play(loaded, SPLIT_THE_DIFFERENCE)[1].scores["total"] <= best - 10


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
    assert debrief.ending_kind == EndingKind.ESCALATION
    assert session.state.meters["account_exec"].trust < 35
    assert debrief.scores["outcome"] == round(loaded.scenario.player.batna_value / 2)
    assert not debrief.hidden_found


def test_avoiding_leaves_the_price_to_a_midnight_exception(loaded: LoadedScenario) -> None:
    session, debrief = play(loaded, AVOIDING)
    assert session.state.ending == "midnight_exception"
    assert debrief.ending_kind == EndingKind.IMPASSE
    assert session.state.settled == {} and not debrief.hidden_found
    assert all(move.style is Style.AVOIDING for move in session.state.history)


def test_yielding_gives_away_price_term_and_packaging(loaded: LoadedScenario) -> None:
    session, debrief = play(loaded, YIELDING)
    assert session.state.ending == "margin_gone"
    assert session.state.settled["discount"] == "deep_45"
    assert session.state.settled["concessions"] == "free_module"
    player = party(debrief, "player")
    assert player.value is not None and player.value < player.batna_value
    assert not party(debrief, "finance_controller").above_batna
    assert party(debrief, "account_exec").above_batna


def test_joint_escalation_keeps_the_account_exec_but_splits_the_difference(
    loaded: LoadedScenario,
) -> None:
    joint, debrief = play(loaded, JOINT_ESCALATION)
    alone, _ = play(loaded, DOMINATING)
    assert joint.state.ending == "leaders_split_it"
    assert joint.state.settled["discount"] == "split_30"
    assert joint.state.meters["account_exec"].trust > alone.state.meters["account_exec"].trust


def test_pushing_through_the_flashpoint_misses_the_commission_kicker(
    loaded: LoadedScenario,
) -> None:
    session = Session.start(loaded, seed=1)
    for choice in [*PRINCIPLED[:3], "push_through", "propose_ramp"]:
        session.choose(choice)
    assert session.state.scene == "headline_number"
    assert "account_exec.multi_year_kicker" not in session.state.revealed
    offered = {c.id for c in session.available()}
    assert "policy_band_20" not in offered and "meet_at_30" in offered


def test_the_audit_finding_opens_the_clean_concession(loaded: LoadedScenario) -> None:
    session = Session.start(loaded, seed=1)
    for choice in ["ask_whats_behind_45", "ask_her_to_bend", *PRINCIPLED[2:7]]:
        session.choose(choice)
    assert session.state.scene == "concessions"
    assert "finance_controller.audit_finding" not in session.state.revealed
    offered = {c.id for c in session.available()}
    assert "ingrid_rules_on_it" not in offered and "module_first_year" in offered


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
    assert endings >= every_ending - {"value_deal"}
    assert scenes == {scene.id for scene in loaded.scenario.scenes}
