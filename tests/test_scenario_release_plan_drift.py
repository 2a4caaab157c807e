"""The release_plan_drift scenario teaches what it claims: separate deploying from releasing.

Principled play (a blameless timeline, both sides' interests, agreed criteria, flags for SaaS and
fixed trains from trunk for on-premise) reaches the release-train agreement, finds all four hidden
interests and beats every party's BATNA. Each costly path ends somewhere worse for its own reason:
dominating exhausts the platform lead's patience, going round him is an escalation, avoiding
leaves a freeze on paper, and yielding to distribution freezes the calendar below the player's
and the platform lead's BATNAs.
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
    "blameless_timeline",
    "ask_what_continuous_buys",
    "ask_what_a_change_costs",
    "agree_cadence_criteria",
    "own_the_plan_gap",
    "flags_for_saas",
    "ask_about_branches",
    "trains_from_trunk",
    "ask_about_portal",
    "decoupled_criteria",
    "present_as_three",
]
DOMINATING = ["side_with_release", "order_back_to_plan", "threaten_access"]
ROUND_HIM = ["blameless_timeline", "order_back_to_plan", "go_to_the_cto"]
JOINT = ["blameless_timeline", "order_back_to_plan", "escalate_together", "present_both_cases"]
AVOIDING = ["let_it_pass", "wait_for_the_train"]
YIELDING = ["blameless_timeline", "ask_what_continuous_buys", "promise_full_freeze", "keep_the_promise"]
EARLY_SPLIT = [
    "blameless_timeline",
    "ask_what_continuous_buys",
    "ask_what_a_change_costs",
    "split_weekly_now",
    "split_the_sprints",
    "weekly_wednesdays",
    "keep_quarterly",
    "plain_criteria",
    "present_as_three",
]
OWN_FILES = {"release_plan_drift", "platform_lead", "release_manager"}
HIDDEN = {
    "platform_lead.dora_promise",
    "platform_lead.backport_burden",
    "release_manager.partner_penalties",
    "release_manager.entitlement_coupling",
}
BEST = {
    "saas_cadence": "continuous_flagged",
    "onprem_train": "trains_from_trunk",
    "ride_criteria": "decoupled_criteria",
    "plan_capacity": "themes_capacity",
}


@pytest.fixture(scope="module")
def loaded() -> LoadedScenario:
    pack, problems = load_pack(PACK)
    mine = [p.format() for p in problems if Path(p.path).stem in OWN_FILES]
    assert not mine, mine
    assert pack is not None
    return pack.scenarios["release_plan_drift"]


def play(loaded: LoadedScenario, choices: list[str]) -> tuple[Session, Debrief]:
    session = Session.start(loaded, seed=7)
    for choice in choices:
        assert not session.ended, f"ended before {choice!r}"
        session.choose(choice)
    assert session.ended, f"still in {session.state.scene!r} after {choices}"
    return session, score_session(loaded, session.state)


def test_principled_path_reaches_the_release_train_with_every_hidden_interest(
    loaded: LoadedScenario,
) -> None:
    session, debrief = play(loaded, PRINCIPLED)
    assert session.state.ending == "release_train"
    assert debrief.ending_kind == EndingKind.AGREEMENT
    assert session.state.settled == BEST
    assert set(debrief.hidden_found) == HIDDEN and not debrief.hidden_missed
    assert all(party.above_batna for party in debrief.parties)
    assert debrief.joint_value == pytest.approx(debrief.best_joint_value)
    assert debrief.scores["total"] >= 90


def test_the_release_train_beats_every_batna_and_splitting_everything_does_not(
    loaded: LoadedScenario,
) -> None:
    scenario = loaded.scenario
    batnas = {"player": scenario.player.batna_value}
    batnas.update({m.persona: m.batna_value for m in scenario.cast})
    issues = {issue.id: {o.id: o.values for o in issue.options} for issue in scenario.issues}

    def mean_for(party: str, picks: dict[str, str]) -> float:
        return sum(issues[i][o][party] for i, o in picks.items()) / len(picks)

    split = {
        "saas_cadence": "weekly_batch",
        "onprem_train": "monthly_drops",
        "ride_criteria": "none",
        "plan_capacity": "half_half",
    }
    assert all(mean_for(party, BEST) > batna + 25 for party, batna in batnas.items())
    assert [p for p, batna in batnas.items() if mean_for(p, split) < batna] == [
        "player",
        "release_manager",
    ]


def test_principled_path_clearly_outscores_every_costly_path(loaded: LoadedScenario) -> None:
    best = play(loaded, PRINCIPLED)[1].scores["total"]
    for path in (DOMINATING, ROUND_HIM, AVOIDING, YIELDING):
        assert play(loaded, path)[1].scores["total"] <= best - 40, path
    for path in (JOINT, EARLY_SPLIT):
        assert play(loaded, path)[1].scores["total"] <= best - 15, path


def test_dominating_exhausts_the_platform_leads_patience(loaded: LoadedScenario) -> None:
    session, debrief = play(loaded, DOMINATING)
    assert session.state.ending == "room_empties"
    lead = session.state.meters["platform_lead"]
    assert lead.walked_out and lead.trust < 20
    assert debrief.agreement == {} and not debrief.hidden_found


def test_going_round_him_escalates_and_a_joint_escalation_keeps_both(
    loaded: LoadedScenario,
) -> None:
    alone, alone_debrief = play(loaded, ROUND_HIM)
    assert alone.state.ending == "overruled"
    assert alone_debrief.ending_kind == EndingKind.ESCALATION
    assert alone_debrief.scores["outcome"] == round(loaded.scenario.player.batna_value / 2)
    joint, joint_debrief = play(loaded, JOINT)
    assert joint.state.ending == "executive_ruling"
    assert joint_debrief.ending_kind == EndingKind.AGREEMENT
    assert all(party.above_batna for party in joint_debrief.parties)
    # the executives split the SaaS question and kept the branches: value left on the table
    assert joint.state.settled["saas_cadence"] == "weekly_batch"
    assert joint_debrief.joint_value < joint_debrief.best_joint_value
    assert joint.state.meters["platform_lead"].trust > alone.state.meters["platform_lead"].trust + 25


def test_avoiding_leaves_a_freeze_on_paper(loaded: LoadedScenario) -> None:
    session, debrief = play(loaded, AVOIDING)
    assert session.state.ending == "release_chaos"
    assert debrief.ending_kind == EndingKind.IMPASSE
    assert session.state.settled == {} and not debrief.hidden_found
    assert all(move.style is Style.AVOIDING for move in session.state.history)


def test_yielding_to_distribution_leaves_product_and_platform_below_their_batnas(
    loaded: LoadedScenario,
) -> None:
    session, debrief = play(loaded, YIELDING)
    assert session.state.ending == "frozen_calendar"
    assert session.state.settled["saas_cadence"] == "quarterly_only"
    below = {party.party for party in debrief.parties if not party.above_batna}
    assert below == {"player", "platform_lead"}


def test_splitting_early_costs_the_flag_option_and_two_hidden_interests(
    loaded: LoadedScenario,
) -> None:
    session, debrief = play(loaded, EARLY_SPLIT)
    assert session.state.ending == "patched_cadence"
    assert session.state.settled["saas_cadence"] == "weekly_batch"
    assert "platform_lead.backport_burden" in debrief.hidden_missed
    assert "release_manager.entitlement_coupling" in debrief.hidden_missed


def test_hidden_interests_open_the_better_train_and_criteria(loaded: LoadedScenario) -> None:
    session = Session.start(loaded, seed=1)
    for choice in PRINCIPLED[:6]:
        session.choose(choice)
    assert session.state.scene == "onprem_trains"
    assert "trains_from_trunk" not in {c.id for c in session.available()}
    session.choose("ask_about_branches")
    assert "platform_lead.backport_burden" in session.state.revealed
    assert "trains_from_trunk" in {c.id for c in session.available()}
    session.choose("trains_from_trunk")
    assert "decoupled_criteria" not in {c.id for c in session.available()}
    session.choose("ask_about_portal")
    assert "release_manager.entitlement_coupling" in session.state.revealed
    assert "decoupled_criteria" in {c.id for c in session.available()}


def test_both_stakeholders_share_the_room_where_their_interests_collide(
    loaded: LoadedScenario,
) -> None:
    scenes = {scene.id: scene for scene in loaded.scenario.scenes}
    for scene_id in ("saas_cadence", "onprem_trains", "ride_rules"):
        assert set(scenes[scene_id].present) == {"platform_lead", "release_manager"}


def test_style_fit_varies_and_every_choice_explains_itself(loaded: LoadedScenario) -> None:
    scenes = loaded.scenario.scenes
    fitting = {style for scene in scenes for style in scene.fits}
    assert {Style.OBLIGING, Style.COMPROMISING, Style.AVOIDING, Style.INTEGRATING} <= fitting
    principled_styles = {move.style for move in play(loaded, PRINCIPLED)[0].state.history}
    assert Style.OBLIGING in principled_styles  # owning the plan's gap is part of the best path
    assert all(choice.feedback for scene in scenes for choice in scene.choices)


def test_random_play_reaches_every_ending_but_the_best(loaded: LoadedScenario) -> None:
    endings, scenes = set(), set()
    for seed in range(600):
        rng = random.Random(seed)
        state = initial_state(loaded, seed)
        for _ in range(40):
            if state.ended:
                break
            choices = available_choices(loaded, state)
            assert choices, f"dead end in {state.scene!r}"
            advance(loaded, state, rng.choice(choices).id)
        assert state.ended, [m.choice for m in state.history]
        endings.add(state.ending)
        scenes.update(state.visited)
    every_ending = {ending.id for ending in loaded.scenario.endings}
    assert every_ending - {"release_train"} <= endings
    assert scenes == {scene.id for scene in loaded.scenario.scenes}
