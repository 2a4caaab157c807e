"""The ux_ownership scenario teaches what it claims: agree problems, roles and vision with UX.

Principled play (problem-level requirements, research as criteria, a written split of who owns
what) reaches the shared definition and finds both hidden interests. Each costly path ends
somewhere worse for its own reason: dominating exhausts the design lead's patience, going over
her head is an escalation, avoiding leaves two roadmaps, and yielding hands the product to design
below the player's BATNA.
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
    "ask_for_coffee",
    "ask_what_she_saw",
    "ask_why_quietly",
    "agree_research_as_criteria",
    "own_the_wireframe",
    "evidence_led_scope",
    "probe_her_stake",
    "propose_raci_with_readout",
    "problem_level_stories",
    "write_vision_together",
    "present_together",
]
DOMINATING = ["overrule_in_review", "defend_wireframes", "threaten_review"]
OVER_HER_HEAD = ["ask_for_coffee", "defend_wireframes", "go_over_her_head"]
JOINT = ["ask_for_coffee", "defend_wireframes", "escalate_jointly", "present_both_views"]
AVOIDING = ["nod_along", "keep_hoping"]
YIELDING = ["ask_for_coffee", "hand_her_the_product", "keep_yielding"]
OWN_FILES = {"ux_ownership", "ux_lead"}
HIDDEN = {"ux_lead.research_shelved", "ux_lead.promotion_case"}
BEST = {"scope": "evidence_led", "requirements": "problem_statements", "ownership": "raci_with_readout"}


@pytest.fixture(scope="module")
def loaded() -> LoadedScenario:
    pack, problems = load_pack(PACK)
    mine = [p.format() for p in problems if Path(p.path).stem in OWN_FILES]
    assert not mine, mine
    assert pack is not None
    return pack.scenarios["ux_ownership"]


def play(loaded: LoadedScenario, choices: list[str]) -> tuple[Session, Debrief]:
    session = Session.start(loaded, seed=7)
    for choice in choices:
        assert not session.ended, f"ended before {choice!r}"
        session.choose(choice)
    assert session.ended, f"still in {session.state.scene!r} after {choices}"
    return session, score_session(loaded, session.state)


def test_principled_path_reaches_the_shared_definition_with_both_hidden_interests(
    loaded: LoadedScenario,
) -> None:
    session, debrief = play(loaded, PRINCIPLED)
    assert session.state.ending == "shared_definition"
    assert debrief.ending_kind == EndingKind.AGREEMENT
    assert session.state.settled == BEST
    assert set(debrief.hidden_found) == HIDDEN and not debrief.hidden_missed
    assert all(party.above_batna for party in debrief.parties)
    assert debrief.joint_value == pytest.approx(debrief.best_joint_value)
    assert debrief.scores["total"] >= 90


def test_the_best_agreement_beats_every_batna_and_the_laziest_beats_none(
    loaded: LoadedScenario,
) -> None:
    scenario = loaded.scenario
    batnas = {"player": scenario.player.batna_value}
    batnas.update({m.persona: m.batna_value for m in scenario.cast})
    issues = {issue.id: {o.id: o.values for o in issue.options} for issue in scenario.issues}

    def mean_for(party: str, picks: dict[str, str]) -> float:
        return sum(issues[i][o][party] for i, o in picks.items()) / len(picks)

    lazy = {"scope": "half_each", "requirements": "split_by_feature", "ownership": "unspoken"}
    for party, batna in batnas.items():
        assert mean_for(party, BEST) > batna + 25, party
        assert mean_for(party, lazy) < batna, party


def test_principled_path_clearly_outscores_every_costly_path(loaded: LoadedScenario) -> None:
    best = play(loaded, PRINCIPLED)[1].scores["total"]
    for path in (DOMINATING, OVER_HER_HEAD, AVOIDING, YIELDING):
        assert play(loaded, path)[1].scores["total"] <= best - 40, path
    assert play(loaded, JOINT)[1].scores["total"] <= best - 20


def test_dominating_exhausts_the_design_leads_patience(loaded: LoadedScenario) -> None:
    session, debrief = play(loaded, DOMINATING)
    assert session.state.ending == "design_goes_dark"
    lead = session.state.meters["ux_lead"]
    assert lead.walked_out and lead.trust < 10
    assert debrief.agreement == {} and not debrief.hidden_found


def test_going_over_her_head_escalates_and_a_joint_escalation_keeps_her_trust(
    loaded: LoadedScenario,
) -> None:
    alone, alone_debrief = play(loaded, OVER_HER_HEAD)
    assert alone.state.ending == "over_her_head"
    assert alone_debrief.ending_kind == EndingKind.ESCALATION
    assert alone_debrief.scores["outcome"] == round(loaded.scenario.player.batna_value / 2)
    joint, joint_debrief = play(loaded, JOINT)
    assert joint.state.ending == "directors_ruling"
    assert joint_debrief.ending_kind == EndingKind.AGREEMENT
    assert joint.state.settled["scope"] == "half_each"  # the directors split what you could have solved
    assert joint.state.meters["ux_lead"].trust > alone.state.meters["ux_lead"].trust + 25


def test_avoiding_leaves_two_roadmaps(loaded: LoadedScenario) -> None:
    session, debrief = play(loaded, AVOIDING)
    assert session.state.ending == "two_roadmaps"
    assert debrief.ending_kind == EndingKind.IMPASSE
    assert session.state.settled == {} and not debrief.hidden_found
    assert all(move.style is Style.AVOIDING for move in session.state.history)


def test_yielding_hands_the_product_to_design_below_the_players_batna(
    loaded: LoadedScenario,
) -> None:
    session, debrief = play(loaded, YIELDING)
    assert session.state.ending == "ux_roadmap"
    assert session.state.settled["requirements"] == "ux_takes_over"
    player, design = debrief.parties
    assert player.value is not None and player.value < player.batna_value
    assert design.above_batna


def test_hidden_interests_open_the_better_ownership_option(loaded: LoadedScenario) -> None:
    session = Session.start(loaded, seed=1)
    for choice in PRINCIPLED[:6]:
        session.choose(choice)
    assert session.state.scene == "ownership_talk"
    before = {c.id for c in session.available()}
    assert "propose_raci" in before and "propose_raci_with_readout" not in before
    session.choose("probe_her_stake")
    assert "ux_lead.promotion_case" in session.state.revealed
    assert "propose_raci_with_readout" in {c.id for c in session.available()}


def test_skipping_the_question_about_history_leaves_her_stake_unheard(
    loaded: LoadedScenario,
) -> None:
    session = Session.start(loaded, seed=1)
    for choice in [c for c in PRINCIPLED[:7] if c != "ask_why_quietly"]:
        session.choose(choice)
    # the one probe about her stake only gets as far as the history she was waiting to tell
    assert session.state.revealed == ["ux_lead.research_shelved"]
    assert "propose_raci_with_readout" not in {c.id for c in session.available()}
    for choice in ["propose_raci", *PRINCIPLED[8:]]:
        session.choose(choice)
    assert session.state.ending == "working_truce"


def test_scope_by_criteria_needs_the_criteria_agreed_first(loaded: LoadedScenario) -> None:
    session = Session.start(loaded, seed=1)
    for choice in ["ask_for_coffee", "ask_what_she_saw", "question_sample", "cool_off"]:
        session.choose(choice)
    assert session.state.scene == "next_morning"
    session.choose("restart_from_evidence")
    assert session.state.scene == "scope_options"
    assert "evidence_led_scope" in {c.id for c in session.available()}


def test_style_fit_varies_and_every_choice_explains_itself(loaded: LoadedScenario) -> None:
    scenes = loaded.scenario.scenes
    fitting = {style for scene in scenes for style in scene.fits}
    assert {Style.OBLIGING, Style.COMPROMISING, Style.AVOIDING, Style.INTEGRATING} <= fitting
    assert any(scene.fits == [Style.OBLIGING] for scene in scenes)
    assert all(choice.feedback for scene in scenes for choice in scene.choices)


def test_random_play_reaches_every_ending_but_the_best(loaded: LoadedScenario) -> None:
    endings, scenes = set(), set()
    for seed in range(400):
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
    assert every_ending - {"shared_definition"} <= endings
    assert scenes == {scene.id for scene in loaded.scenario.scenes}
