"""The jdi_initiative scenario teaches leading upward: data and interests win, the other styles cost.

The CEO's stated position (customers demand a native app) hides her real interests (a promise to
the board, a renewal at risk), and her BATNA (decree it through the CTO) is strong. Each costly path
is played by choice ids and must end somewhere worse for its own, asserted reason.
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
PACK = ROOT / "scenarios" / "leading_upward_and_across"

PRINCIPLED = [
    "ask_for_thursday",
    "size_together",
    "lead_with_data",
    "ask_what_board_needs",
    "offer_break",
    "ask_about_norrhaven",
    "offer_pilot_slice",
    "protect_connector",
    "propose_scoring_model",
    "her_story",
    "commit_together",
]
DOMINATING = ["push_back_now", "call_her_bluff"]
OVER_HER_HEAD = ["ask_for_thursday", "size_together", "lead_with_data", "argue_data_harder", "go_round_her"]
AVOIDING = ["stall", "keep_stalling"]
YIELDING = ["just_do_it", "yield_everything"]
# The same spine as PRINCIPLED after an opening mistake and its repair.
AFTER_PUSHING_BACK = [
    "push_back_now",
    "reset_with_interest",
    "lead_with_data",
    "ask_what_board_needs",
    "offer_break",
]
AFTER_STALLING = [
    "stall",
    "own_the_silence",
    "lead_with_data",
    "ask_what_board_needs",
    "offer_break",
]
TAIL = ["ask_ilse_in_room", "protect_connector", "propose_scoring_model", "her_story", "commit_together"]
OWN_FILES = {"jdi_initiative", "ceo", "dev_lead"}
HIDDEN = {"ceo.board_promise", "ceo.renewal_risk", "dev_lead.connector_contractor"}


@pytest.fixture(scope="module")
def loaded() -> LoadedScenario:
    pack, problems = load_pack(PACK)
    mine = [p.format() for p in problems if Path(p.path).stem in OWN_FILES]
    assert not mine, mine
    assert pack is not None
    return pack.scenarios["jdi_initiative"]


def play(loaded: LoadedScenario, choices: list[str]) -> tuple[Session, Debrief]:
    session = Session.start(loaded, seed=7)
    for choice in choices:
        assert not session.ended, f"ended before {choice!r}"
        session.choose(choice)
    assert session.ended, f"still in {session.state.scene!r} after {choices}"
    return session, score_session(loaded, session.state)


def reached(loaded: LoadedScenario, choices: list[str]) -> Session:
    session = Session.start(loaded, seed=1)
    for choice in choices:
        session.choose(choice)
    return session


def test_the_ceo_is_an_executive_with_every_positional_power(loaded: LoadedScenario) -> None:
    ceo = loaded.personas["ceo"]
    assert ceo.function == "executive" and ceo.quadrant == "executive"
    assert all(ceo.power.get(base, 0) >= 4 for base in ("legitimate", "reward", "coercive"))
    member = loaded.scenario.cast_member("ceo")
    assert member.batna_value > loaded.scenario.player.batna_value  # her alternative is strong


def test_principled_path_reaches_the_portfolio_deal_with_every_hidden_interest(
    loaded: LoadedScenario,
) -> None:
    session, debrief = play(loaded, PRINCIPLED)
    assert session.state.ending == "portfolio_deal"
    assert debrief.ending_kind == EndingKind.AGREEMENT
    assert set(debrief.hidden_found) == HIDDEN and not debrief.hidden_missed
    assert all(party.above_batna for party in debrief.parties)
    assert debrief.joint_value == pytest.approx(debrief.best_joint_value)
    assert debrief.scores["total"] >= 90


def test_principled_path_clearly_outscores_every_costly_path(loaded: LoadedScenario) -> None:
    best = play(loaded, PRINCIPLED)[1].scores["total"]
    for path in (DOMINATING, OVER_HER_HEAD, AVOIDING, YIELDING):
        assert play(loaded, path)[1].scores["total"] <= best - 40, path


def test_dominating_the_ceo_gets_the_app_decreed(loaded: LoadedScenario) -> None:
    session, debrief = play(loaded, DOMINATING)
    assert session.state.ending == "decreed"
    assert debrief.ending_kind == EndingKind.ESCALATION
    assert session.state.meters["ceo"].trust < 25
    assert debrief.agreement == {} and not debrief.hidden_found
    assert debrief.scores["outcome"] == round(loaded.scenario.player.batna_value / 2)


def test_going_round_the_ceo_to_the_board_is_an_escalation(loaded: LoadedScenario) -> None:
    session, debrief = play(loaded, OVER_HER_HEAD)
    assert session.state.ending == "outflanked"
    assert debrief.ending_kind == EndingKind.ESCALATION
    assert not any(ref.startswith("ceo.") for ref in debrief.hidden_found)


def test_avoiding_lets_the_decision_be_made_without_you(loaded: LoadedScenario) -> None:
    session, debrief = play(loaded, AVOIDING)
    assert session.state.ending == "sidelined"
    assert debrief.ending_kind == EndingKind.IMPASSE
    assert session.state.settled == {} and not debrief.hidden_found
    assert all(move.style is Style.AVOIDING for move in session.state.history)
    assert session.state.meters["ceo"].trust < loaded.scenario.cast_member("ceo").trust


def test_yielding_hands_over_the_roadmap_below_everyones_batna(loaded: LoadedScenario) -> None:
    session, debrief = play(loaded, YIELDING)
    assert session.state.ending == "roadmap_by_decree"
    assert session.state.settled == {
        "initiative": "full_app_now",
        "roadmap": "connector_dropped",
        "criteria": "ceo_decides",
    }
    player, *others = debrief.parties
    assert player.value is not None and player.value < player.batna_value
    # obeying the position does not even serve the CEO's interests
    assert not any(party.above_batna for party in others)


def test_pushing_back_early_keeps_the_board_promise_hidden(loaded: LoadedScenario) -> None:
    session = reached(loaded, AFTER_PUSHING_BACK)
    assert session.state.scene == "the_customer"
    assert "ceo.board_promise" not in session.state.revealed
    offered = {c.id for c in session.available()}
    assert "offer_board_slice" not in offered and "offer_pilot_slice" not in offered
    session.choose("ask_about_june")  # one more probe is not enough after the damage
    assert "ceo.board_promise" not in session.state.revealed
    assert {c.id for c in session.available()} == {"split_the_app"}


def test_stalling_costs_the_renewal_story_even_after_recovering(loaded: LoadedScenario) -> None:
    session = reached(loaded, [*AFTER_STALLING, "ask_about_june"])
    assert "ceo.board_promise" in session.state.revealed
    offered = {c.id for c in session.available()}
    assert "ask_about_norrhaven" not in offered and "offer_pilot_slice" not in offered
    for choice in ["offer_board_slice", *TAIL]:
        session.choose(choice)
    debrief = score_session(loaded, session.state)
    assert session.state.ending == "workable_deal"
    assert "ceo.renewal_risk" in debrief.hidden_missed
    assert debrief.scores["total"] < play(loaded, PRINCIPLED)[1].scores["total"]


def test_the_deal_without_the_hidden_interests_is_worth_less_to_everyone(
    loaded: LoadedScenario,
) -> None:
    issue = next(i for i in loaded.scenario.issues if i.id == "initiative")
    values = {o.id: o.values for o in issue.options}
    for party in ("player", "ceo", "dev_lead"):
        assert values["pilot_slice"][party] > values["board_demo_slice"][party]
        assert values["pilot_slice"][party] > values["full_app_now"][party]


def test_style_fit_varies_and_every_choice_explains_itself(loaded: LoadedScenario) -> None:
    scenes = loaded.scenario.scenes
    fitting = {style for scene in scenes for style in scene.fits}
    assert {Style.OBLIGING, Style.COMPROMISING, Style.AVOIDING} <= fitting
    assert all(choice.feedback for scene in scenes for choice in scene.choices)
    assert len(scenes) >= 12


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
    assert every_ending - {"portfolio_deal"} <= endings  # only deliberate play finds the best one
    assert scenes == {scene.id for scene in loaded.scenario.scenes}
