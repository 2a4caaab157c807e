"""The launch_timing scenario teaches what it claims: plan launches with marketing, not at them.

Asking marketing to drop a yearly, fully budgeted calendar because a release is nearly done is the
anti-pattern. The principled path finds the gap marketing already has (a weak webinar episode), the
reason behind the head of marketing's fast "no" (a rush launch that slipped), and agrees a tiered
launch package, a lead time priced from the work, a gated reserve and a jour fixe. Each costly path is
played by choice ids and must end somewhere worse for its own, asserted reason.
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
PACK = ROOT / "scenarios" / "critical_supporters"

PRINCIPLED = [
    "ask_about_calendar",
    "ask_what_burned_her",
    "benefit_overview",
    "ask_callum",
    "fold_into_episode",
    "pause_till_tomorrow",
    "propose_reserve",
    "tier_by_impact",
    "price_it_from_the_work",
    "jour_fixe",
    "answer_together",
    "commit_page",
]
DOMINATING = ["ask_for_everything", "threaten_ceo"]
WORN_OUT = ["ask_for_everything", "apologise_and_ask", "point_at_brand", "leave_it"]
AVOIDING = ["do_it_myself", "carry_on_alone"]
YIELDING = ["wait_politely", "keep_waiting"]
OWN_FILES = {"launch_timing", "marketing_head", "campaign_manager"}
HIDDEN = {"marketing_head.rush_launch_scar", "campaign_manager.empty_episode"}
BEST = {
    "launch": "fold_into_calendar",
    "package": "tiered_six",
    "capacity": "reserve_ten",
    "cadence": "jour_fixe",
}


@pytest.fixture(scope="module")
def loaded() -> LoadedScenario:
    pack, problems = load_pack(PACK)
    mine = [p.format() for p in problems if Path(p.path).stem in OWN_FILES]
    assert not mine, mine
    assert pack is not None
    return pack.scenarios["launch_timing"]


def play(loaded: LoadedScenario, choices: list[str]) -> tuple[Session, Debrief]:
    session = Session.start(loaded, seed=7)
    for choice in choices:
        assert not session.ended, f"ended before {choice!r}"
        session.choose(choice)
    assert session.ended, f"still in {session.state.scene!r} after {choices}"
    return session, score_session(loaded, session.state)


def test_principled_path_reaches_the_launch_and_the_rhythm(loaded: LoadedScenario) -> None:
    session, debrief = play(loaded, PRINCIPLED)
    assert session.state.ending == "launch_with_a_rhythm"
    assert debrief.ending_kind == EndingKind.AGREEMENT
    assert session.state.settled == BEST
    assert set(debrief.hidden_found) == HIDDEN and not debrief.hidden_missed
    assert all(party.above_batna for party in debrief.parties)
    assert debrief.joint_value == pytest.approx(debrief.best_joint_value)
    assert debrief.scores["total"] >= 90


def test_the_best_agreement_beats_every_batna_and_the_lazy_one_does_not(
    loaded: LoadedScenario,
) -> None:
    scenario = loaded.scenario
    batnas = {"player": scenario.player.batna_value}
    batnas.update({m.persona: m.batna_value for m in scenario.cast})

    def value(party: str, settled: dict[str, str]) -> float:
        issues = {issue.id: issue for issue in scenario.issues}
        return sum(
            next(o for o in issues[i].options if o.id == settled[i]).values[party] for i in settled
        ) / len(issues)

    for party, batna in batnas.items():
        assert value(party, BEST) > batna, party
    marketing_wins = {
        "launch": "next_quarter",
        "package": "tiered_ten",
        "capacity": "none",
        "cadence": "status_quo",
    }
    assert value("player", marketing_wins) < batnas["player"]
    product_wins = {
        "launch": "drop_everything",
        "package": "tiered_four",
        "capacity": "on_call",
        "cadence": "status_quo",
    }
    assert value("marketing_head", product_wins) < batnas["marketing_head"]


def test_principled_path_clearly_outscores_every_costly_path(loaded: LoadedScenario) -> None:
    best = play(loaded, PRINCIPLED)[1].scores["total"]
    for path in (DOMINATING, WORN_OUT, AVOIDING, YIELDING):
        assert play(loaded, path)[1].scores["total"] <= best - 30, path


def test_asking_marketing_to_drop_everything_ends_over_her_head(loaded: LoadedScenario) -> None:
    session, debrief = play(loaded, DOMINATING)
    assert session.state.ending == "over_her_head"
    assert debrief.ending_kind == EndingKind.ESCALATION
    assert session.state.meters["marketing_head"].trust < 10
    assert debrief.scores["outcome"] == round(loaded.scenario.player.batna_value / 2)


def test_repeated_pushing_exhausts_the_head_of_marketings_patience(loaded: LoadedScenario) -> None:
    session, debrief = play(loaded, WORN_OUT)
    assert session.state.ending == "door_closes"
    assert session.state.meters["marketing_head"].walked_out
    assert debrief.agreement == {} and not debrief.hidden_found


def test_going_it_alone_is_shadow_marketing_and_settles_nothing(loaded: LoadedScenario) -> None:
    session, debrief = play(loaded, AVOIDING)
    assert session.state.ending == "quiet_release"
    assert debrief.ending_kind == EndingKind.IMPASSE
    assert "went_alone" in session.state.flags
    assert session.state.settled == {} and not debrief.hidden_found
    assert all(move.style is Style.AVOIDING for move in session.state.history)


def test_yielding_settles_below_the_players_batna(loaded: LoadedScenario) -> None:
    session, debrief = play(loaded, YIELDING)
    assert session.state.ending == "waited_for_q3"
    assert session.state.settled["launch"] == "next_quarter"
    player, *others = debrief.parties
    assert player.value is not None and player.value < player.batna_value
    assert all(party.above_batna for party in others)


def test_yielding_late_still_costs_the_launch_after_good_discovery(loaded: LoadedScenario) -> None:
    session, debrief = play(loaded, [*PRINCIPLED[:4], "settle_for_q3", "keep_waiting"])
    assert session.state.ending == "waited_for_q3"
    assert "campaign_manager.empty_episode" in debrief.hidden_found
    assert debrief.scores["total"] < play(loaded, PRINCIPLED)[1].scores["total"] - 20


def test_hidden_interests_open_the_better_options(loaded: LoadedScenario) -> None:
    session = Session.start(loaded, seed=1)
    for choice in ["ask_about_calendar", "ask_what_burned_her", "point_at_tracker"]:
        session.choose(choice)
    assert session.state.scene == "launch_shape"
    offered = {c.id for c in session.available()}
    assert "fold_into_episode" not in offered and "release_day_basics" in offered

    session = Session.start(loaded, seed=1)
    for choice in PRINCIPLED[:6]:
        session.choose(choice)
    assert session.state.scene == "reserve_question"
    assert "propose_reserve" in {c.id for c in session.available()}


def test_a_demanding_opening_costs_the_head_of_marketings_story(loaded: LoadedScenario) -> None:
    session = Session.start(loaded, seed=1)
    for choice in ["ask_for_everything", "apologise_and_ask", "ask_what_burned_her"]:
        session.choose(choice)
    assert "marketing_head.rush_launch_scar" not in session.state.revealed


def test_pressing_on_in_the_cooling_off_moment_loses_the_reserve(loaded: LoadedScenario) -> None:
    session = Session.start(loaded, seed=1)
    for choice in [*PRINCIPLED[:5], "press_on"]:
        session.choose(choice)
    assert session.state.scene == "package_contents"
    assert session.state.settled["capacity"] == "none"
    assert session.state.history[-1].fits is False


def test_emailing_the_page_instead_of_closing_leaves_nothing_decided(
    loaded: LoadedScenario,
) -> None:
    session, debrief = play(loaded, [*PRINCIPLED[:-1], "email_the_page"])
    assert session.state.ending == "nothing_decided"
    assert debrief.ending_kind == EndingKind.IMPASSE


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
    assert endings >= every_ending - {"launch_with_a_rhythm"}
    assert scenes == {scene.id for scene in loaded.scenario.scenes}
