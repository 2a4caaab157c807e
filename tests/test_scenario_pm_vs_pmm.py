"""The pm_vs_pmm scenario teaches what it claims: product decides what and why, product marketing how,
and the right style depends on the moment.

The player has been doing product marketing's work ("shadow marketing"). The principled path concedes
the page it got wrong (obliging), asks what the new product marketing manager was hired to deliver,
drafts a RACI with her, trades the deck for a date (compromising), gives her a seat at every product
meeting (obliging), refuses to leave false competitor claims live (dominating), agrees criteria before
percentages, calls a pause when it gets personal (avoiding), finds the head of marketing's promise to
the board, backs her budget on her terms (obliging) and strikes an unbuilt feature from the board pack
(dominating). At each of those moments the collaborative-sounding line is the mistake, and costs
points. Each costly path ends somewhere worse for its own, asserted reason.
"""

from __future__ import annotations

import pytest
from scenario_kit import (
    assert_avoided_everything,
    assert_best_agreement,
    assert_escalated_at_half_batna,
    batnas,
    below_own_batna,
    ending_ids,
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

from simulator.analysis.solve import solve
from simulator.content.loaded import LoadedScenario
from simulator.content.vocabulary import EndingKind, Style

PRINCIPLED = [
    "concede_page",
    "ask_what_hired_for",
    "draft_raci",
    "staged_handover",
    "offer_your_seat",
    "pull_the_claims",
    "criteria_first",
    "call_a_pause",
    "ask_what_brand_must_prove",
    "evidence_split",
    "sign_raci_charter",
    "stand_behind_it",
    "strike_the_claim",
]
COMPROMISING = [*PRINCIPLED[:8], "meet_in_middle", *PRINCIPLED[10:]]
DOMINATING = ["defend_the_page", "complain_to_henrike"]
WORN_OUT = ["defend_the_page", "walk_it_back", "write_it_myself", "keep_maintaining"]
OVER_THEIR_HEADS = [*PRINCIPLED[:6], "brand_is_vanity", "go_to_annelies_alone"]
JOINT = [*PRINCIPLED[:7], "push_through", "escalate_jointly"]
AVOIDING = ["not_now", "leave_her_to_it"]
YIELDING = ["pull_it_all", "let_her_decide"]
HIDDEN = {
    "pmm_lead.review_in_eight_weeks",
    "pmm_lead.learning_from_linkedin",
    "marketing_head.awareness_promise",
}
BEST = {"roles": "raci_charter", "shadow_content": "handover", "budget": "evidence_split"}
PIVOTAL = {"henrike_calls": (5, "weigh_it_together"), "sign_off": (12, "make_it_true_together")}
"""The scenes where the integrating-sounding line is the mistake: the principled move it replaces,
and that line."""


@pytest.fixture(scope="module")
def loaded() -> LoadedScenario:
    return load_bundled("critical_supporters/pm_vs_pmm")


def test_principled_path_reaches_clear_lanes_with_every_hidden_interest(
    loaded: LoadedScenario,
) -> None:
    session, debrief = play(loaded, PRINCIPLED)
    assert session.state.ending == "clear_lanes"
    assert session.state.settled == BEST
    assert_best_agreement(debrief, HIDDEN)
    assert debrief.scores["total"] == solve(loaded).score


def test_the_principled_path_uses_every_style_where_it_fits(loaded: LoadedScenario) -> None:
    session, _ = play(loaded, PRINCIPLED)
    moves = session.state.history
    assert all(move.fits for move in moves)
    assert not any(move.violates for move in moves)
    assert {move.style for move in moves} == set(Style)


def test_the_best_agreement_beats_every_batna_and_one_sided_ones_do_not(
    loaded: LoadedScenario,
) -> None:
    batna = batnas(loaded)
    for who, value in batna.items():
        assert mean_value(loaded, who, BEST) > value, who
    shadow_marketing = {
        "roles": "pm_keeps_doing",
        "shadow_content": "leave_live",
        "budget": "product_heavy",
    }
    assert mean_value(loaded, "pmm_lead", shadow_marketing) < batna["pmm_lead"]
    assert mean_value(loaded, "marketing_head", shadow_marketing) < batna["marketing_head"]
    stepped_aside = {"roles": "pmm_takes_all", "shadow_content": "take_down", "budget": "brand_heavy"}
    assert mean_value(loaded, "player", stepped_aside) < batna["player"]


def test_principled_beats_compromising_which_beats_yielding_and_dominating(
    loaded: LoadedScenario,
) -> None:
    best = total(loaded, PRINCIPLED)
    session, debrief = play(loaded, COMPROMISING)
    assert session.state.ending == "lanes_with_gaps"
    assert session.state.settled["budget"] == "even_split"
    assert "marketing_head.awareness_promise" in debrief.hidden_missed
    assert all(p.above_batna for p in debrief.parties)
    compromise = debrief.scores["total"]
    assert compromise < best
    for path in (YIELDING, DOMINATING, WORN_OUT, AVOIDING):
        assert total(loaded, path) <= compromise - 30, path
        assert total(loaded, path) <= best - 50, path


def test_defending_the_shadow_marketing_goes_over_her_head(loaded: LoadedScenario) -> None:
    session, debrief = play(loaded, DOMINATING)
    assert session.state.ending == "over_their_heads"
    assert_escalated_at_half_batna(loaded, debrief)
    assert debrief.agreement == {} and not debrief.hidden_found


def test_pushing_on_every_turn_ends_in_a_walkout(loaded: LoadedScenario) -> None:
    session, debrief = play(loaded, WORN_OUT)
    assert session.state.ending == "marketing_walks"
    assert session.state.meters["pmm_lead"].walked_out
    assert not debrief.hidden_found


def test_lobbying_the_ceo_alone_is_an_escalation_that_burns_both(loaded: LoadedScenario) -> None:
    session, debrief = play(loaded, OVER_THEIR_HEADS)
    assert session.state.ending == "over_their_heads"
    assert_escalated_at_half_batna(loaded, debrief)
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
    assert all(p.above_batna for p in debrief.parties if p.party != "player")
    assert debrief.joint_value < debrief.best_joint_value
    assert "marketing_head.awareness_promise" in debrief.hidden_missed
    assert debrief.scores["total"] < total(loaded, COMPROMISING)


def test_avoiding_leaves_two_stories_in_the_market(loaded: LoadedScenario) -> None:
    session, debrief = play(loaded, AVOIDING)
    assert session.state.ending == "two_camps"
    assert_avoided_everything(session, debrief)


def test_yielding_everything_settles_below_the_players_batna(loaded: LoadedScenario) -> None:
    session, debrief = play(loaded, YIELDING)
    assert session.state.ending == "stepped_aside"
    assert session.state.settled["budget"] == "brand_heavy"
    assert below_own_batna(party(debrief, "player"))


@pytest.mark.parametrize("scene", sorted(PIVOTAL))
def test_the_integrating_sounding_line_is_the_mistake_at_a_pivotal_moment(
    loaded: LoadedScenario, scene: str
) -> None:
    index, mistake = PIVOTAL[scene]
    assert walk(loaded, PRINCIPLED[:index]).state.scene == scene
    tagged = next(s for s in loaded.scenario.scenes if s.id == scene)
    choice = next(c for c in tagged.choices if c.id == mistake)
    assert choice.style is Style.INTEGRATING and Style.INTEGRATING not in tagged.fits
    assert choice.violates and choice.feedback
    session, debrief = play(loaded, [*PRINCIPLED[:index], mistake])
    assert debrief.ending_kind == EndingKind.ESCALATION
    assert session.state.history[-1].fits is False
    assert debrief.scores["total"] <= total(loaded, PRINCIPLED) - 30


def test_a_footnote_on_a_false_claim_brings_the_letter_at_the_end(loaded: LoadedScenario) -> None:
    path = [*PRINCIPLED[:5], "footnote_it", *PRINCIPLED[6:]]
    session, debrief = play(loaded, path)
    assert session.state.settled == BEST
    assert session.state.ending == "ledgerline_letter"
    assert debrief.scores["total"] <= total(loaded, PRINCIPLED) - 25


def test_pressing_on_when_it_gets_personal_costs_trust_and_the_room(loaded: LoadedScenario) -> None:
    paused = walk(loaded, [*PRINCIPLED[:7], "call_a_pause"])
    pushed = walk(loaded, [*PRINCIPLED[:7], "push_through"])
    assert paused.state.scene == "budget_options" and pushed.state.scene == "standoff"
    for who in ("marketing_head", "pmm_lead"):
        assert pushed.state.meters[who].trust < paused.state.meters[who].trust, who
    assert pushed.state.history[-1].fits is False


def test_a_workshop_when_the_quarter_is_running_out_loses_the_handover(
    loaded: LoadedScenario,
) -> None:
    path = [*PRINCIPLED[:3], "codesign_workshop", *PRINCIPLED[4:]]
    session, debrief = play(loaded, path)
    assert session.state.settled["shadow_content"] == "freeze"
    assert session.state.ending == "lanes_with_gaps"
    assert debrief.scores["total"] < total(loaded, PRINCIPLED)


def test_co_presenting_her_budget_costs_the_mid_year_rule(loaded: LoadedScenario) -> None:
    path = [*PRINCIPLED[:11], "present_it_together", PRINCIPLED[-1]]
    session, debrief = play(loaded, path)
    assert session.state.settled["budget"] == "even_split"
    assert session.state.ending == "lanes_with_gaps"
    assert debrief.scores["total"] < total(loaded, PRINCIPLED)


def test_fixing_on_your_own_split_early_violates_options(loaded: LoadedScenario) -> None:
    session = walk(loaded, [*PRINCIPLED[:2], "write_it_myself"])
    move = session.state.history[-1]
    assert "options" in {str(v) for v in move.violates}
    assert session.state.settled["roles"] == "pm_keeps_doing"


def test_a_public_dressing_down_costs_the_budget_owner(loaded: LoadedScenario) -> None:
    before = walk(loaded, PRINCIPLED[:6]).state.meters["marketing_head"].trust
    session = walk(loaded, [*PRINCIPLED[:6], "brand_is_vanity"])
    assert session.state.scene == "standoff"
    move = session.state.history[-1]
    assert move.fits is False and "people" in {str(v) for v in move.violates}
    assert session.state.meters["marketing_head"].trust <= before - 20


def test_hidden_interests_open_the_better_options(loaded: LoadedScenario) -> None:
    session = walk(loaded, ["concede_page", "explain_the_gap", "draft_raci"])
    assert session.state.scene == "content_handover"
    assert "staged_handover" not in offered(session) and "swap_at_quarter_end" in offered(session)

    session = walk(loaded, PRINCIPLED[:8])
    assert session.state.scene == "budget_options"
    before = offered(session)
    assert "evidence_split" not in before and "meet_in_middle" in before
    session.choose("ask_what_brand_must_prove")
    assert "marketing_head.awareness_promise" in session.state.revealed
    assert "evidence_split" in offered(session)


def test_walking_back_a_frosty_start_skips_what_she_was_hired_for(loaded: LoadedScenario) -> None:
    session = walk(loaded, ["align_first", "walk_it_back"])
    assert session.state.scene == "whose_job"
    assert "pmm_lead.review_in_eight_weeks" not in session.state.revealed


def test_both_marketing_voices_share_a_room_with_conflicting_interests(
    loaded: LoadedScenario,
) -> None:
    scenes = {scene.id: scene for scene in loaded.scenario.scenes}
    assert set(scenes["budget_room"].present) == {"marketing_head", "pmm_lead"}
    speakers = {line.speaker for line in scenes["budget_room"].lines}
    assert speakers == {"marketing_head", "pmm_lead"}


def test_every_style_is_the_only_fit_somewhere(loaded: LoadedScenario) -> None:
    only = [scene.fits[0] for scene in loaded.scenario.scenes if len(scene.fits) == 1]
    for style in (Style.DOMINATING, Style.AVOIDING, Style.OBLIGING, Style.COMPROMISING):
        assert only.count(style) >= 2, style
    assert only.count(Style.INTEGRATING) <= len(loaded.scenario.scenes) / 2


def test_random_play_always_reaches_an_ending(loaded: LoadedScenario) -> None:
    endings, scenes = random_playthroughs(loaded, runs=400, max_moves=60)
    # The endings behind the last scene need a dozen sound moves in a row; the paths above reach them.
    assert endings >= ending_ids(loaded) - {"clear_lanes", "lanes_with_gaps", "unbuilt_promise"}
    assert scenes == scene_ids(loaded)
