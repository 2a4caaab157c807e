"""The jdi_initiative scenario teaches leading upward: data and interests win, the other styles cost.

The CEO's stated position (customers demand a native app) hides her real interests (a promise to
the board, a renewal at risk), and her BATNA (decree it through the CTO) is strong. Each costly path
is played by choice ids and must end somewhere worse for its own, asserted reason.
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
    play,
    random_playthroughs,
    scene_ids,
    total,
    walk,
)

from simulator.content.loaded import LoadedScenario
from simulator.content.vocabulary import EndingKind, Style
from simulator.scoring import score_session

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
HIDDEN = {"ceo.board_promise", "ceo.renewal_risk", "dev_lead.connector_contractor"}


@pytest.fixture(scope="module")
def loaded() -> LoadedScenario:
    return load_bundled("leading_upward_and_across/jdi_initiative")


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
    assert_best_agreement(debrief, HIDDEN)


def test_principled_path_clearly_outscores_every_costly_path(loaded: LoadedScenario) -> None:
    best = total(loaded, PRINCIPLED)
    for path in (DOMINATING, OVER_HER_HEAD, AVOIDING, YIELDING):
        assert total(loaded, path) <= best - 40, path


def test_dominating_the_ceo_gets_the_app_decreed(loaded: LoadedScenario) -> None:
    session, debrief = play(loaded, DOMINATING)
    assert session.state.ending == "decreed"
    assert session.state.meters["ceo"].trust < 25
    assert debrief.agreement == {} and not debrief.hidden_found
    assert_escalated_at_half_batna(loaded, debrief)


def test_going_round_the_ceo_to_the_board_is_an_escalation(loaded: LoadedScenario) -> None:
    session, debrief = play(loaded, OVER_HER_HEAD)
    assert session.state.ending == "outflanked"
    assert debrief.ending_kind == EndingKind.ESCALATION
    assert not any(ref.startswith("ceo.") for ref in debrief.hidden_found)


def test_avoiding_lets_the_decision_be_made_without_you(loaded: LoadedScenario) -> None:
    session, debrief = play(loaded, AVOIDING)
    assert session.state.ending == "sidelined"
    assert_avoided_everything(session, debrief)
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
    assert below_own_batna(player)
    # obeying the position does not even serve the CEO's interests
    assert not any(party.above_batna for party in others)


def test_pushing_back_early_keeps_the_board_promise_hidden(loaded: LoadedScenario) -> None:
    session = walk(loaded, AFTER_PUSHING_BACK)
    assert session.state.scene == "the_customer"
    assert "ceo.board_promise" not in session.state.revealed
    assert "offer_board_slice" not in offered(session) and "offer_pilot_slice" not in offered(session)
    session.choose("ask_about_june")  # one more probe is not enough after the damage
    assert "ceo.board_promise" not in session.state.revealed
    assert offered(session) == {"split_the_app"}


def test_stalling_costs_the_renewal_story_even_after_recovering(loaded: LoadedScenario) -> None:
    session = walk(loaded, [*AFTER_STALLING, "ask_about_june"])
    assert "ceo.board_promise" in session.state.revealed
    assert "ask_about_norrhaven" not in offered(session) and "offer_pilot_slice" not in offered(session)
    for choice in ["offer_board_slice", *TAIL]:
        session.choose(choice)
    debrief = score_session(loaded, session.state)
    assert session.state.ending == "workable_deal"
    assert "ceo.renewal_risk" in debrief.hidden_missed
    assert debrief.scores["total"] < total(loaded, PRINCIPLED)


def test_the_deal_without_the_hidden_interests_is_worth_less_to_everyone(
    loaded: LoadedScenario,
) -> None:
    issue = next(i for i in loaded.scenario.issues if i.id == "initiative")
    values = {o.id: o.values for o in issue.options}
    for party in ("player", "ceo", "dev_lead"):
        assert values["pilot_slice"][party] > values["board_demo_slice"][party]
        assert values["pilot_slice"][party] > values["full_app_now"][party]


def test_style_fit_varies(loaded: LoadedScenario) -> None:
    assert {Style.OBLIGING, Style.COMPROMISING, Style.AVOIDING} <= fitting_styles(loaded)


def test_random_play_always_reaches_an_ending(loaded: LoadedScenario) -> None:
    endings, scenes = random_playthroughs(loaded, runs=400, max_moves=60)
    assert ending_ids(loaded) - {"portfolio_deal"} <= endings  # only deliberate play finds the best one
    assert scenes == scene_ids(loaded)
