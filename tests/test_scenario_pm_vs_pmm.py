"""The pm_vs_pmm scenario teaches what it claims: product decides what and why, product marketing how.

The player has been doing product marketing's work ("shadow marketing"). The principled path owns
it, asks what the new product marketing manager is measured on and how she learns the product,
drafts a RACI with her, hands the content over on a date, and in the room where brand and product
marketing compete for one budget agrees criteria first, calls a pause when it gets personal, and
finds the head of marketing's promise to the board. Each costly path ends somewhere worse for its
own, asserted reason.
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
    fitting_styles,
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

from simulator.content.loaded import LoadedScenario
from simulator.content.vocabulary import EndingKind, Style

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
HIDDEN = {
    "pmm_lead.review_in_eight_weeks",
    "pmm_lead.learning_from_linkedin",
    "marketing_head.awareness_promise",
}
BEST = {"roles": "raci_charter", "shadow_content": "handover", "budget": "evidence_split"}


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


def test_principled_path_clearly_outscores_every_costly_path(loaded: LoadedScenario) -> None:
    best = total(loaded, PRINCIPLED)
    for path in (DOMINATING, OVER_THEIR_HEADS, AVOIDING, YIELDING):
        assert total(loaded, path) <= best - 30, path
    assert total(loaded, JOINT) < best - 15


def test_defending_the_shadow_marketing_ends_in_a_walkout(loaded: LoadedScenario) -> None:
    session, debrief = play(loaded, DOMINATING)
    assert session.state.ending == "marketing_walks"
    assert session.state.meters["pmm_lead"].walked_out
    assert debrief.agreement == {} and not debrief.hidden_found


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
    assert debrief.joint_value < debrief.best_joint_value
    assert "marketing_head.awareness_promise" in debrief.hidden_missed


def test_avoiding_leaves_two_stories_in_the_market(loaded: LoadedScenario) -> None:
    session, debrief = play(loaded, AVOIDING)
    assert session.state.ending == "two_camps"
    assert_avoided_everything(session, debrief)


def test_yielding_everything_settles_below_the_players_batna(loaded: LoadedScenario) -> None:
    session, debrief = play(loaded, YIELDING)
    assert session.state.ending == "stepped_aside"
    assert session.state.settled["budget"] == "brand_heavy"
    assert below_own_batna(party(debrief, "player"))


def test_hidden_interests_open_the_better_options(loaded: LoadedScenario) -> None:
    session = walk(loaded, ["own_the_page", "explain_the_gap", "draft_raci"])
    assert session.state.scene == "content_handover"
    assert "staged_handover" not in offered(session) and "freeze_it" in offered(session)

    session = walk(loaded, PRINCIPLED[:8])
    assert session.state.scene == "budget_options"
    before = offered(session)
    assert "evidence_split" not in before and "meet_in_middle" in before
    session.choose("ask_what_brand_must_prove")
    assert "marketing_head.awareness_promise" in session.state.revealed
    assert "evidence_split" in offered(session)


def test_splitting_the_budget_evenly_skips_the_head_of_marketings_promise(
    loaded: LoadedScenario,
) -> None:
    path = [*PRINCIPLED[:6], "split_it_evenly", "sign_raci_charter", "stand_behind_it"]
    session, debrief = play(loaded, [*path, "close_on_criteria"])
    assert session.state.ending == "lanes_with_gaps"
    assert session.state.settled["budget"] == "even_split"
    assert "marketing_head.awareness_promise" in debrief.hidden_missed
    assert debrief.scores["total"] < total(loaded, PRINCIPLED)


def test_pressing_on_when_it_gets_personal_costs_trust_a_pause_does_not(
    loaded: LoadedScenario,
) -> None:
    def trust_after(choice: str) -> dict[str, int]:
        session = walk(loaded, [*PRINCIPLED[:7], choice])
        return {who: meter.trust for who, meter in session.state.meters.items()}

    paused, pushed = trust_after("call_a_pause"), trust_after("push_through")
    assert pushed["marketing_head"] < paused["marketing_head"]
    assert pushed["pmm_lead"] <= paused["pmm_lead"]


def test_taking_a_side_in_the_budget_room_costs_the_budget_owner(loaded: LoadedScenario) -> None:
    session = walk(loaded, [*PRINCIPLED[:6], "back_zainab"])
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


def test_style_fit_varies(loaded: LoadedScenario) -> None:
    assert {Style.OBLIGING, Style.COMPROMISING, Style.AVOIDING} <= fitting_styles(loaded)


def test_random_play_always_reaches_an_ending(loaded: LoadedScenario) -> None:
    endings, scenes = random_playthroughs(loaded, runs=400, max_moves=60)
    assert endings >= ending_ids(loaded) - {"clear_lanes"}
    assert scenes == scene_ids(loaded)
