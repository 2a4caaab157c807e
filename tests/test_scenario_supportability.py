"""The supportability scenario teaches what it claims: support as an accelerator, not a complaint desk.

The principled path shadows support, asks what sits behind the asks, settles priorities on ticket
data, gives support a voice in planning, training before releases and written alert criteria. Each
costly path is played by choice ids and must end somewhere worse for its own, asserted reason.
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
    "own_the_miss",
    "ask_tomasz_workarounds",
    "ask_why_now",
    "agree_tagging_criteria",
    "cool_off",
    "probe_brightwater",
    "offer_template_pack",
    "offer_standing_share",
    "ask_tomasz_release",
    "offer_champion_training",
    "propose_thresholds",
    "present_it_together",
]
DOMINATING = ["point_to_release_notes", "repair_and_reset", "read_the_volume", "go_to_the_cpo"]
OVER_HER_HEAD = ["point_to_release_notes", "go_to_the_cpo"]
JOINT = ["own_the_miss", "ask_tomasz_workarounds", "cite_the_roadmap", "escalate_together",
         "present_both_views"]
AVOIDING = ["send_a_survey", "keep_waiting"]
DEFERRING = [
    "own_the_miss",
    "ask_tomasz_workarounds",
    "ask_why_now",
    "agree_tagging_criteria",
    "cool_off",
    "queue_it_with_data",
    "revisit_next_quarter",
    "offer_notes_and_faq",
    "use_your_judgement",
    "present_it_together",
]
YIELDING = ["own_the_miss", "ask_tomasz_workarounds", "promise_the_epic", "keep_yielding"]
OWN_FILES = {"supportability", "support_head", "support_engineer"}
HIDDEN = {
    "support_head.bonus_clock",
    "support_head.brightwater_pressure",
    "support_engineer.borrowed_access",
    "support_engineer.product_path",
}


@pytest.fixture(scope="module")
def loaded() -> LoadedScenario:
    pack, problems = load_pack(PACK)
    mine = [p.format() for p in problems if Path(p.path).stem in OWN_FILES]
    assert not mine, mine
    assert pack is not None
    return pack.scenarios["supportability"]


def play(loaded: LoadedScenario, choices: list[str]) -> tuple[Session, Debrief]:
    session = Session.start(loaded, seed=7)
    for choice in choices:
        assert not session.ended, f"ended before {choice!r}"
        session.choose(choice)
    assert session.ended, f"still in {session.state.scene!r} after {choices}"
    return session, score_session(loaded, session.state)


def test_principled_path_puts_support_at_the_table_with_every_hidden_interest(
    loaded: LoadedScenario,
) -> None:
    session, debrief = play(loaded, PRINCIPLED)
    assert session.state.ending == "supported_release"
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
    for path in (JOINT, DEFERRING):
        assert play(loaded, path)[1].scores["total"] <= best - 15, path


def test_dominating_exhausts_the_support_heads_patience(loaded: LoadedScenario) -> None:
    session, debrief = play(loaded, DOMINATING)
    assert session.state.ending == "support_goes_around"
    head = session.state.meters["support_head"]
    assert head.walked_out and head.trust < 20
    assert debrief.agreement == {} and not debrief.hidden_found


def test_racing_her_to_the_cpo_is_an_escalation(loaded: LoadedScenario) -> None:
    session, debrief = play(loaded, OVER_HER_HEAD)
    assert session.state.ending == "over_her_head"
    assert debrief.ending_kind == EndingKind.ESCALATION
    assert debrief.scores["outcome"] == round(loaded.scenario.player.batna_value / 2)


def test_joint_escalation_keeps_the_relationship_racing_her_burns(loaded: LoadedScenario) -> None:
    joint, joint_debrief = play(loaded, JOINT)
    alone, _ = play(loaded, OVER_HER_HEAD)
    assert joint.state.ending == "vp_ruling"
    assert joint_debrief.ending_kind == EndingKind.AGREEMENT
    assert joint_debrief.joint_value < joint_debrief.best_joint_value
    assert joint.state.meters["support_head"].trust > alone.state.meters["support_head"].trust + 30


def test_avoiding_lets_the_queue_burn(loaded: LoadedScenario) -> None:
    session, debrief = play(loaded, AVOIDING)
    assert session.state.ending == "queue_keeps_burning"
    assert debrief.ending_kind == EndingKind.IMPASSE
    assert session.state.settled == {} and not debrief.hidden_found
    assert all(move.style is Style.AVOIDING for move in session.state.history)


def test_deferring_supportability_again_leaves_support_below_its_batna(
    loaded: LoadedScenario,
) -> None:
    session, debrief = play(loaded, DEFERRING)
    assert session.state.ending == "partial_fix"
    assert session.state.settled["supportability"] == "stays_backlog"
    parties = {party.party: party for party in debrief.parties}
    assert parties["player"].above_batna
    assert not parties["support_head"].above_batna
    assert "support_head.brightwater_pressure" in debrief.hidden_missed


def test_yielding_settles_below_the_players_batna(loaded: LoadedScenario) -> None:
    session, debrief = play(loaded, YIELDING)
    assert session.state.ending == "yielded_roadmap"
    assert session.state.settled["customer_ask"] == "build_custom"
    player, *others = debrief.parties
    assert player.value is not None and player.value < player.batna_value
    assert all(party.above_batna for party in others)


def test_hidden_interests_open_the_better_options(loaded: LoadedScenario) -> None:
    session = Session.start(loaded, seed=1)
    for choice in PRINCIPLED[:5]:
        session.choose(choice)
    assert session.state.scene == "loud_customer"
    before = {c.id for c in session.available()}
    assert "queue_it_with_data" in before and "offer_template_pack" not in before
    session.choose("probe_brightwater")
    assert "support_head.brightwater_pressure" in session.state.revealed
    assert "offer_template_pack" in {c.id for c in session.available()}


def test_avoiding_costs_the_template_option_even_after_recovering(loaded: LoadedScenario) -> None:
    session = Session.start(loaded, seed=1)
    for choice in ["send_a_survey", "face_it_now", *PRINCIPLED[1:6]]:
        session.choose(choice)
    assert session.state.scene == "loud_customer"
    assert "support_head.brightwater_pressure" in session.state.revealed
    offered = {c.id for c in session.available()}
    assert "offer_template_pack" not in offered and "queue_it_with_data" in offered
    for choice in ["queue_it_with_data", "offer_standing_share", "offer_champion_training",
                   "propose_thresholds", "present_it_together"]:
        session.choose(choice)
    assert session.state.ending == "partial_fix"
    best = play(loaded, PRINCIPLED)[1].scores["total"]
    assert score_session(loaded, session.state).scores["total"] < best


def test_skipping_the_shadowing_keeps_the_scripts_hidden(loaded: LoadedScenario) -> None:
    session = Session.start(loaded, seed=1)
    for choice in ["own_the_miss", "answer_emails"]:
        session.choose(choice)
    assert "support_engineer.borrowed_access" not in session.state.revealed


def test_the_cooling_off_pause_scores_and_arguing_on_the_spot_does_not(
    loaded: LoadedScenario,
) -> None:
    prefix = PRINCIPLED[:4]
    cooled = Session.start(loaded, seed=1)
    hot = Session.start(loaded, seed=1)
    for choice in prefix:
        cooled.choose(choice)
        hot.choose(choice)
    cooled.choose("cool_off")
    hot.choose("dig_in_now")
    assert cooled.state.history[-1].fits and not hot.state.history[-1].fits
    assert cooled.state.history[-1].style is Style.AVOIDING


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
    assert endings >= every_ending - {"supported_release"}
    assert scenes == {scene.id for scene in loaded.scenario.scenes}
