"""The pm_vs_pmm scenario teaches what it claims: product decides what and why, product marketing how.

The player has been doing product marketing's work ("shadow marketing"). The principled path owns
it, asks what the new product marketing manager is measured on and how she learns the product,
drafts a RACI with her, hands the content over on a date, and in the room where brand and product
marketing compete for one budget agrees criteria first, calls a pause when it gets personal, and
finds the head of marketing's promise to the board. Each costly path ends somewhere worse for its
own, asserted reason.
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
    "own_the_page",
    "ask_what_hired_for",
    "draft_raci",
    "staged_handover",
    "ask_how_she_learns",
    "ask_about_the_board",
    "criteria_first",
    "call_a_pause",
    "ask_what_brand_must_prove",
    "evidence_split",
    "sign_raci_charter",
    "stand_behind_it",
    "close_on_criteria",
]
DOMINATING = ["defend_the_page", "walk_it_back", "claim_positioning", "complain_to_henrike"]
OVER_THEIR_HEADS = [*PRINCIPLED[:5], "brand_is_vanity", "go_to_annelies_alone"]
JOINT = [*PRINCIPLED[:5], "brand_is_vanity", "escalate_jointly"]
AVOIDING = ["not_now", "leave_her_to_it"]
YIELDING = ["pull_it_all", "let_her_decide"]
OWN_FILES = {"pm_vs_pmm", "pmm_lead", "marketing_head"}
HIDDEN = {
    "pmm_lead.review_in_eight_weeks",
    "pmm_lead.learning_from_linkedin",
    "marketing_head.awareness_promise",
}
BEST = {"roles": "raci_charter", "shadow_content": "handover", "budget": "evidence_split"}


@pytest.fixture(scope="module")
def loaded() -> LoadedScenario:
    pack, problems = load_pack(PACK)
    mine = [p.format() for p in problems if Path(p.path).stem in OWN_FILES]
    assert not mine, mine
    assert pack is not None
    return pack.scenarios["pm_vs_pmm"]


def play(loaded: LoadedScenario, choices: list[str]) -> tuple[Session, Debrief]:
    session = Session.start(loaded, seed=7)
    for choice in choices:
        assert not session.ended, f"ended before {choice!r}"
        session.choose(choice)
    assert session.ended, f"still in {session.state.scene!r} after {choices}"
    return session, score_session(loaded, session.state)


def value(loaded: LoadedScenario, party: str, settled: dict[str, str]) -> float:
    issues = {issue.id: issue for issue in loaded.scenario.issues}
    total = sum(
        next(o for o in issues[i].options if o.id == option).values[party]
        for i, option in settled.items()
    )
    return total / len(issues)


def test_principled_path_reaches_clear_lanes_with_every_hidden_interest(
    loaded: LoadedScenario,
) -> None:
    session, debrief = play(loaded, PRINCIPLED)
    assert session.state.ending == "clear_lanes"
    assert debrief.ending_kind == EndingKind.AGREEMENT
    assert session.state.settled == BEST
    assert set(debrief.hidden_found) == HIDDEN and not debrief.hidden_missed
    assert all(party.above_batna for party in debrief.parties)
    assert debrief.joint_value == pytest.approx(debrief.best_joint_value)
    assert debrief.scores["total"] >= 90


def test_the_best_agreement_beats_every_batna_and_one_sided_ones_do_not(
    loaded: LoadedScenario,
) -> None:
    scenario = loaded.scenario
    batnas = {"player": scenario.player.batna_value}
    batnas.update({m.persona: m.batna_value for m in scenario.cast})
    for party, batna in batnas.items():
        assert value(loaded, party, BEST) > batna, party
    shadow_marketing = {
        "roles": "pm_keeps_doing",
        "shadow_content": "leave_live",
        "budget": "product_heavy",
    }
    assert value(loaded, "pmm_lead", shadow_marketing) < batnas["pmm_lead"]
    assert value(loaded, "marketing_head", shadow_marketing) < batnas["marketing_head"]
    stepped_aside = {"roles": "pmm_takes_all", "shadow_content": "take_down", "budget": "brand_heavy"}
    assert value(loaded, "player", stepped_aside) < batnas["player"]


def test_principled_path_clearly_outscores_every_costly_path(loaded: LoadedScenario) -> None:
    best = play(loaded, PRINCIPLED)[1].scores["total"]
    for path in (DOMINATING, OVER_THEIR_HEADS, AVOIDING, YIELDING):
        assert play(loaded, path)[1].scores["total"] <= best - 30, path
    assert play(loaded, JOINT)[1].scores["total"] < best - 15


def test_defending_the_shadow_marketing_ends_in_a_walkout(loaded: LoadedScenario) -> None:
    session, debrief = play(loaded, DOMINATING)
    assert session.state.ending == "marketing_walks"
    assert session.state.meters["pmm_lead"].walked_out
    assert debrief.agreement == {} and not debrief.hidden_found


def test_lobbying_the_ceo_alone_is_an_escalation_that_burns_both(loaded: LoadedScenario) -> None:
    session, debrief = play(loaded, OVER_THEIR_HEADS)
    assert session.state.ending == "over_their_heads"
    assert debrief.ending_kind == EndingKind.ESCALATION
    assert debrief.scores["outcome"] == round(loaded.scenario.player.batna_value / 2)
    joint, _ = play(loaded, JOINT)
    for who in ("marketing_head", "pmm_lead"):
        assert joint.state.meters[who].trust > session.state.meters[who].trust + 15, who


def test_joint_escalation_gets_a_ruling_that_leaves_value_on_the_table(
    loaded: LoadedScenario,
) -> None:
    session, debrief = play(loaded, JOINT)
    assert session.state.ending == "ceo_rules"
    assert debrief.ending_kind == EndingKind.AGREEMENT
    assert session.state.settled["roles"] == "vague_split"
    assert debrief.joint_value < debrief.best_joint_value
    assert "marketing_head.awareness_promise" in debrief.hidden_missed


def test_avoiding_leaves_two_stories_in_the_market(loaded: LoadedScenario) -> None:
    session, debrief = play(loaded, AVOIDING)
    assert session.state.ending == "two_camps"
    assert debrief.ending_kind == EndingKind.IMPASSE
    assert session.state.settled == {} and not debrief.hidden_found
    assert all(move.style is Style.AVOIDING for move in session.state.history)


def test_yielding_everything_settles_below_the_players_batna(loaded: LoadedScenario) -> None:
    session, debrief = play(loaded, YIELDING)
    assert session.state.ending == "stepped_aside"
    assert session.state.settled["budget"] == "brand_heavy"
    player = next(party for party in debrief.parties if party.party == "player")
    assert player.value is not None and player.value < player.batna_value


def test_hidden_interests_open_the_better_options(loaded: LoadedScenario) -> None:
    session = Session.start(loaded, seed=1)
    for choice in ["own_the_page", "explain_the_gap", "draft_raci"]:
        session.choose(choice)
    assert session.state.scene == "content_handover"
    offered = {c.id for c in session.available()}
    assert "staged_handover" not in offered and "freeze_it" in offered

    session = Session.start(loaded, seed=1)
    for choice in PRINCIPLED[:8]:
        session.choose(choice)
    assert session.state.scene == "budget_options"
    before = {c.id for c in session.available()}
    assert "evidence_split" not in before and "meet_in_middle" in before
    session.choose("ask_what_brand_must_prove")
    assert "marketing_head.awareness_promise" in session.state.revealed
    assert "evidence_split" in {c.id for c in session.available()}


def test_splitting_the_budget_evenly_skips_the_head_of_marketings_promise(
    loaded: LoadedScenario,
) -> None:
    path = [*PRINCIPLED[:6], "split_it_evenly", "sign_raci_charter", "stand_behind_it"]
    session, debrief = play(loaded, [*path, "close_on_criteria"])
    assert session.state.ending == "lanes_with_gaps"
    assert session.state.settled["budget"] == "even_split"
    assert "marketing_head.awareness_promise" in debrief.hidden_missed
    assert debrief.scores["total"] < play(loaded, PRINCIPLED)[1].scores["total"]


def test_pressing_on_when_it_gets_personal_costs_trust_a_pause_does_not(
    loaded: LoadedScenario,
) -> None:
    def trust_after(choice: str) -> dict[str, int]:
        session = Session.start(loaded, seed=1)
        for step in [*PRINCIPLED[:7], choice]:
            session.choose(step)
        return {who: meter.trust for who, meter in session.state.meters.items()}

    paused, pushed = trust_after("call_a_pause"), trust_after("push_through")
    assert pushed["marketing_head"] < paused["marketing_head"]
    assert pushed["pmm_lead"] <= paused["pmm_lead"]


def test_taking_a_side_in_the_budget_room_costs_the_budget_owner(loaded: LoadedScenario) -> None:
    session = Session.start(loaded, seed=1)
    for choice in [*PRINCIPLED[:6], "back_zainab"]:
        session.choose(choice)
    assert session.state.scene == "standoff"
    meters = session.state.meters
    assert meters["marketing_head"].strikes == 1 and meters["pmm_lead"].strikes == 0


def test_both_marketing_voices_share_a_room_with_conflicting_interests(
    loaded: LoadedScenario,
) -> None:
    scenes = {scene.id: scene for scene in loaded.scenario.scenes}
    assert set(scenes["budget_room"].present) == {"marketing_head", "pmm_lead"}
    speakers = {line.speaker for line in scenes["budget_room"].lines}
    assert speakers == {"marketing_head", "pmm_lead"}


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
    assert endings >= every_ending - {"clear_lanes"}
    assert scenes == {scene.id for scene in loaded.scenario.scenes}
