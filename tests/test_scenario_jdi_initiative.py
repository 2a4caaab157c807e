"""The jdi_initiative scenario teaches leading upward, and that the right style depends on the moment.

The CEO's stated position (customers demand a native app) hides her real interests (a promise to
the board, a renewal at risk), and her BATNA (decree it through the CTO) is strong. Data and
interests win, but not by always sounding collaborative: the principled path pauses at the coffee
machine and after the chair's call (avoiding), holds a privacy line with the CEO and makes the
unpopular call to pause the reporting refresh (dominating), splits the pilot date and the
fast-track rhythm once interests are known (compromising) and lets the CEO own her board story
(obliging). The collaborative-sounding move at the wrong moment costs points: a workshop while
the CEO's team copies a customer's production data ends the scenario. Each costly path is played
by choice ids and must end somewhere worse for its own, asserted reason.
"""

from __future__ import annotations

import pytest
from scenario_kit import (
    assert_avoided_everything,
    assert_best_agreement,
    assert_escalated_at_half_batna,
    assert_near_solved_best,
    batnas,
    ending_ids,
    load_bundled,
    mean_value,
    offered,
    play,
    random_playthroughs,
    scene_ids,
    total,
    walk,
)

from simulator.analysis.solve import regrets
from simulator.content.loaded import LoadedScenario
from simulator.content.vocabulary import EndingKind, Principle, Style
from simulator.scoring import score_session

PRINCIPLED = [
    "book_thursday",
    "size_together",
    "lead_with_data",
    "ask_what_board_needs",
    "offer_break",
    "ask_about_norrhaven",
    "offer_pilot_slice",
    "hold_the_line",
    "pause_reporting",
    "may_twenty_sixth",
    "propose_scoring_model",
    "once_a_quarter",
    "her_story",
    "commit_together",
]
# The same meeting, settled by splitting wherever a split is offered (but not the customer's data).
COMPROMISING = [
    "book_thursday",
    "size_together",
    "lead_with_data",
    "ask_what_board_needs",
    "offer_break",
    "split_the_app",
    "hold_the_line",
    "slip_connector",
    "may_twenty_sixth",
    "offer_exec_reserve",
    "her_story",
    "commit_together",
]
DOMINATING = ["push_back_now", "call_her_bluff"]
OVER_HER_HEAD = ["book_thursday", "size_together", "lead_with_data", "argue_data_harder", "go_round_her"]
AVOIDING = ["stall", "next_week"]
YIELDING = ["just_do_it", "yield_everything"]
# The same spine as PRINCIPLED after an opening mistake and its repair.
AFTER_PUSHING_BACK = [
    "push_back_now",
    "reset_with_interest",
    "size_together",
    "lead_with_data",
    "ask_what_board_needs",
    "offer_break",
]
HIDDEN = {"ceo.board_promise", "ceo.renewal_risk", "dev_lead.connector_contractor"}
BEST_DEAL = {"initiative": "pilot_slice", "roadmap": "connector_protected", "criteria": "scoring_model"}
# Where the best path takes each style other than integrating, and why it fits there.
STYLE_MOMENTS = {
    "book_thursday": Style.AVOIDING,  # a corridor with an audience, and the numbers come tomorrow
    "offer_break": Style.AVOIDING,  # the chair has just squeezed her: cool off first
    "hold_the_line": Style.DOMINATING,  # a customer's bank details under contract: no, even upward
    "pause_reporting": Style.DOMINATING,  # an unpopular call that is the product manager's to make
    "may_twenty_sixth": Style.COMPROMISING,  # interests known, board date fixed, plan due tonight
    "once_a_quarter": Style.COMPROMISING,  # one small number, the review pack closes at five
    "her_story": Style.OBLIGING,  # her board, her promise; it costs the product manager nothing
}


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
    assert session.state.settled == BEST_DEAL
    assert_best_agreement(debrief, HIDDEN)
    assert_near_solved_best(loaded, PRINCIPLED, slack=0)


def test_the_best_path_uses_every_style_where_the_scene_calls_for_it(loaded: LoadedScenario) -> None:
    session, _ = play(loaded, PRINCIPLED)
    by_choice = {move.choice: move for move in session.state.history}
    for choice, style in STYLE_MOMENTS.items():
        move = by_choice[choice]
        assert move.style is style and move.fits, choice
        assert loaded.scenario.scene(move.scene).fits == [style], move.scene
    assert not any(move.violates for move in session.state.history)


def test_every_style_is_the_only_fit_somewhere_and_integrating_is_not_everywhere(
    loaded: LoadedScenario,
) -> None:
    scenes = loaded.scenario.scenes
    only = [scene.fits[0] for scene in scenes if len(scene.fits) == 1]
    for style in (Style.DOMINATING, Style.AVOIDING, Style.OBLIGING, Style.COMPROMISING):
        assert only.count(style) >= (3 if len(scenes) >= 16 else 2), style
    assert only.count(Style.INTEGRATING) <= len(scenes) / 2


def test_workshopping_the_data_copy_is_the_pivotal_mistake(loaded: LoadedScenario) -> None:
    """The collaborative-sounding answer to a privacy line ends the scenario in an impasse."""
    before_data = PRINCIPLED[: PRINCIPLED.index("hold_the_line")]
    session, debrief = play(loaded, [*before_data, "workshop_the_data"])
    move = session.state.history[-1]
    assert move.style is Style.INTEGRATING and not move.fits
    assert Principle.CRITERIA in move.violates
    choice = next(c for c in loaded.scenario.scene("demo_data").choices if c.id == "workshop_the_data")
    assert choice.feedback and "pivotal" in choice.feedback
    assert session.state.ending == "pilot_pulled"
    assert debrief.ending_kind == EndingKind.IMPASSE and debrief.agreement == {}
    assert debrief.scores["total"] <= total(loaded, PRINCIPLED) - 30
    assert regrets(loaded, session.state.history)[-1] >= 25


def test_brainstorming_after_the_chairs_call_loses_the_renewal_story(loaded: LoadedScenario) -> None:
    """Pressing on with options while she is rattled closes her up: no Norrhaven, no pilot."""
    session = walk(loaded, [*PRINCIPLED[:4], "press_on_now"])
    move = session.state.history[-1]
    assert move.style is Style.INTEGRATING and not move.fits
    assert regrets(loaded, session.state.history)[-1] >= 5
    assert "ceo.board_promise" in session.state.revealed
    assert "ask_about_norrhaven" not in offered(session) and "offer_pilot_slice" not in offered(session)
    for choice in ["offer_board_slice", *PRINCIPLED[PRINCIPLED.index("hold_the_line") :]]:
        session.choose(choice)
    debrief = score_session(loaded, session.state)
    assert session.state.ending == "workable_deal"
    assert "ceo.renewal_risk" in debrief.hidden_missed
    assert debrief.scores["total"] <= total(loaded, PRINCIPLED) - 5


def test_other_mistimed_collaboration_costs_points(loaded: LoadedScenario) -> None:
    """A brainstorm at the coffee machine, a roundtable for a call that is yours, a workshop for a date."""
    best = total(loaded, PRINCIPLED)
    for right, wrong in [
        ("pause_reporting", "roundtable_sponsors"),
        ("may_twenty_sixth", "map_the_dates"),
        ("once_a_quarter", "deeper_dive"),
        ("her_story", "co_present"),
    ]:
        path = [wrong if choice == right else choice for choice in PRINCIPLED]
        session, debrief = play(loaded, path)
        assert session.state.ending == "workable_deal", wrong
        assert debrief.scores["total"] < best, wrong
    session = walk(loaded, ["think_it_through_here", "size_together", "lead_with_data"])
    assert "arms_length" in session.state.flags  # she closed up at the coffee machine


def test_fixing_on_one_option_too_early_is_tagged_as_such(loaded: LoadedScenario) -> None:
    choices = {c.id: c for scene in loaded.scenario.scenes for c in scene.choices}
    for early in ("pause_and_scope", "propose_discovery", "slip_connector"):
        assert Principle.OPTIONS in choices[early].violates, early
    assert Principle.INTERESTS in choices["split_the_app"].violates  # a split the feedback calls premature


def test_principled_beats_compromising_beats_yielding_and_dominating(loaded: LoadedScenario) -> None:
    principled = total(loaded, PRINCIPLED)
    compromising = total(loaded, COMPROMISING)
    session, _ = play(loaded, COMPROMISING)
    assert session.state.ending == "workable_deal"
    assert principled >= compromising + 15
    for path in (DOMINATING, OVER_HER_HEAD, AVOIDING, YIELDING):
        assert total(loaded, path) < compromising, path
        assert total(loaded, path) <= principled - 40, path


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
    session = walk(loaded, YIELDING[:-1])
    result = session.choose(YIELDING[-1])
    settled = dict(session.state.settled)
    assert settled == {
        "initiative": "full_app_now",
        "roadmap": "connector_dropped",
        "criteria": "ceo_decides",
    }
    assert all(mean_value(loaded, p, settled) < batna for p, batna in batnas(loaded).items())
    # Obeying the position does not even serve the CEO's interests: she and the dev lead refuse
    # to sign it, each in their own words, and she falls back on her BATNA, the decree.
    assert result.move.refused_by == ["ceo", "dev_lead"]
    assert result.move.to == "decreed"
    cast = {m.persona: m for m in loaded.scenario.cast}
    spoken = {(u.speaker, " ".join(u.text.split())) for u in result.lines}
    for who in result.move.refused_by:
        assert cast[who].refusal is not None
        assert (who, " ".join(str(cast[who].refusal).split())) in spoken
    assert session.state.ending == "decreed"
    debrief = score_session(loaded, session.state)
    assert_escalated_at_half_batna(loaded, debrief)
    assert debrief.agreement == {}
    assert debrief.scores["total"] <= total(loaded, COMPROMISING) - 20


def test_owning_a_mistake_is_the_obliging_way_back(loaded: LoadedScenario) -> None:
    session = walk(loaded, AFTER_PUSHING_BACK)
    reset = session.state.history[1]
    assert reset.choice == "reset_with_interest" and reset.style is Style.OBLIGING and reset.fits
    assert session.state.scene == "the_customer"
    # the repair gets you back in the room, not back to where you were
    assert "ceo.board_promise" not in session.state.revealed
    assert "offer_board_slice" not in offered(session) and "offer_pilot_slice" not in offered(session)
    session.choose("ask_about_june")  # one more probe is not enough after the damage
    assert "ceo.board_promise" not in session.state.revealed
    assert offered(session) == {"split_the_app"}


def test_the_deal_without_the_hidden_interests_is_worth_less_to_everyone(
    loaded: LoadedScenario,
) -> None:
    issue = next(i for i in loaded.scenario.issues if i.id == "initiative")
    values = {o.id: o.values for o in issue.options}
    for party in ("player", "ceo", "dev_lead"):
        assert values["pilot_slice"][party] > values["board_demo_slice"][party]
        assert values["pilot_slice"][party] > values["full_app_now"][party]


def test_random_play_always_reaches_an_ending(loaded: LoadedScenario) -> None:
    endings, scenes = random_playthroughs(loaded, runs=400, max_moves=60)
    # Only deliberate play finds the best one; the CEO refuses her own roadmap every time.
    assert ending_ids(loaded) - {"portfolio_deal", "roadmap_by_decree"} <= endings
    assert "roadmap_by_decree" not in endings
    assert scenes == scene_ids(loaded)
