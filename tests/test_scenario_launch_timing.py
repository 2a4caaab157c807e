"""The launch_timing scenario teaches what it claims: plan launches with marketing, not at them, and
fit the style to the moment.

Asking marketing to drop a yearly, fully budgeted calendar because a release is nearly done is the
anti-pattern. The principled path asks what the calendar is for and what burned the head of marketing,
refuses a false "AI, one click" headline (dominating), finds the campaign manager's weak webinar
episode, steps back when the CFO moves her budget review (avoiding), trades a gated reserve for her
fixed budget (compromising), lets marketing define the launch package and the meeting format
(obliging), prices the lead time from the work (compromising), and says no to "available now" before
go/no-go and to customers' bank data on a public webinar (dominating). At those moments the
collaborative-sounding line is the mistake, and it costs points. Each costly path is played by choice
ids and must end somewhere worse for its own, asserted reason.
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
    "ask_about_calendar",
    "ask_what_burned_her",
    "no_ai_claim",
    "ask_callum",
    "fold_into_episode",
    "pause_till_tomorrow",
    "propose_reserve",
    "callum_holds_pen",
    "price_it_from_the_work",
    "callum_sets_format",
    "not_available_yet",
    "demo_data_only",
]
COMPROMISING = [*PRINCIPLED[:4], "release_day_basics", *PRINCIPLED[5:]]
DOMINATING = ["ask_for_everything", "threaten_ceo"]
WORN_OUT = ["ask_for_everything", "step_back", "point_at_brand", "apologise_and_ask"]
AVOIDING = ["do_it_myself", "carry_on_alone"]
YIELDING = ["wait_politely", "keep_waiting"]
JOINT = [*PRINCIPLED[:4], "insist_full_campaign", "sleep_on_it", "insist_full_campaign",
         "take_it_up_jointly"]
HIDDEN = {"marketing_head.rush_launch_scar", "campaign_manager.empty_episode"}
BEST = {
    "launch": "fold_into_calendar",
    "package": "tiered_six",
    "capacity": "reserve_ten",
    "cadence": "jour_fixe",
}
PIVOTAL = {
    "ceo_message": (10, "align_with_annelies", "announced_early"),
    "sign_off": (11, "ask_her_audience", "privacy_incident"),
}
"""The scenes where the integrating-sounding line is the mistake: the principled move it replaces,
that line, and the ending it leads to."""


@pytest.fixture(scope="module")
def loaded() -> LoadedScenario:
    return load_bundled("critical_supporters/launch_timing")


def test_principled_path_reaches_the_launch_and_the_rhythm(loaded: LoadedScenario) -> None:
    session, debrief = play(loaded, PRINCIPLED)
    assert session.state.ending == "launch_with_a_rhythm"
    assert session.state.settled == BEST
    assert_best_agreement(debrief, HIDDEN)
    assert debrief.scores["total"] == solve(loaded).score


def test_the_principled_path_uses_every_style_where_it_fits(loaded: LoadedScenario) -> None:
    session, _ = play(loaded, PRINCIPLED)
    moves = session.state.history
    assert all(move.fits for move in moves)
    assert not any(move.violates for move in moves)
    assert {move.style for move in moves} == set(Style)


def test_the_best_agreement_beats_every_batna_and_the_lazy_one_does_not(
    loaded: LoadedScenario,
) -> None:
    batna = batnas(loaded)
    for party, value in batna.items():
        assert mean_value(loaded, party, BEST) > value, party
    marketing_wins = {
        "launch": "next_quarter",
        "package": "tiered_ten",
        "capacity": "none",
        "cadence": "status_quo",
    }
    assert mean_value(loaded, "player", marketing_wins) < batna["player"]
    product_wins = {
        "launch": "drop_everything",
        "package": "tiered_four",
        "capacity": "on_call",
        "cadence": "status_quo",
    }
    assert mean_value(loaded, "marketing_head", product_wins) < batna["marketing_head"]


def test_principled_beats_compromising_which_beats_yielding_and_dominating(
    loaded: LoadedScenario,
) -> None:
    best = total(loaded, PRINCIPLED)
    session, debrief = play(loaded, COMPROMISING)
    assert session.state.ending == "launch_with_gaps"
    assert session.state.settled["launch"] == "basics_now"
    assert all(p.above_batna for p in debrief.parties)
    compromise = debrief.scores["total"]
    assert compromise < best
    for path in (YIELDING, DOMINATING, WORN_OUT, AVOIDING):
        assert total(loaded, path) <= compromise - 50, path


def test_asking_marketing_to_drop_everything_ends_over_her_head(loaded: LoadedScenario) -> None:
    session, debrief = play(loaded, DOMINATING)
    assert session.state.ending == "over_her_head"
    assert session.state.meters["marketing_head"].trust < 10
    assert_escalated_at_half_batna(loaded, debrief)


def test_repeated_pushing_exhausts_the_head_of_marketings_patience(loaded: LoadedScenario) -> None:
    session, debrief = play(loaded, WORN_OUT)
    assert session.state.ending == "door_closes"
    assert session.state.meters["marketing_head"].walked_out
    assert debrief.agreement == {} and not debrief.hidden_found


def test_going_it_alone_is_shadow_marketing_and_settles_nothing(loaded: LoadedScenario) -> None:
    session, debrief = play(loaded, AVOIDING)
    assert session.state.ending == "quiet_release"
    assert "went_alone" in session.state.flags
    assert_avoided_everything(session, debrief)


def test_yielding_settles_below_the_players_batna(loaded: LoadedScenario) -> None:
    session, debrief = play(loaded, YIELDING)
    assert session.state.ending == "waited_for_q3"
    assert session.state.settled["launch"] == "next_quarter"
    player, *others = debrief.parties
    assert below_own_batna(player)
    assert all(party.above_batna for party in others)


def test_yielding_late_still_costs_the_launch_after_good_discovery(loaded: LoadedScenario) -> None:
    session, debrief = play(loaded, [*PRINCIPLED[:4], "settle_for_q3", "keep_waiting"])
    assert session.state.ending == "waited_for_q3"
    assert "campaign_manager.empty_episode" in debrief.hidden_found
    assert debrief.scores["total"] < total(loaded, PRINCIPLED) - 20


def test_joint_escalation_only_after_a_pause_and_the_bosses_split_it(
    loaded: LoadedScenario,
) -> None:
    session = walk(loaded, [*PRINCIPLED[:4], "insist_full_campaign"])
    assert session.state.scene == "standoff"
    assert "take_it_up_jointly" not in offered(session)
    session, debrief = play(loaded, JOINT)
    assert session.state.ending == "bosses_decide"
    assert session.state.settled["package"] == "tiered_ten"
    assert all(p.above_batna for p in debrief.parties if p.party != "player")
    assert debrief.scores["total"] < total(loaded, COMPROMISING) - 15


@pytest.mark.parametrize("scene", sorted(PIVOTAL))
def test_the_integrating_sounding_line_is_the_mistake_at_a_pivotal_moment(
    loaded: LoadedScenario, scene: str
) -> None:
    index, mistake, ending = PIVOTAL[scene]
    assert walk(loaded, PRINCIPLED[:index]).state.scene == scene
    tagged = next(s for s in loaded.scenario.scenes if s.id == scene)
    choice = next(c for c in tagged.choices if c.id == mistake)
    assert choice.style is Style.INTEGRATING and Style.INTEGRATING not in tagged.fits
    assert choice.violates and choice.feedback
    session, debrief = play(loaded, [*PRINCIPLED[:index], mistake])
    assert session.state.ending == ending
    assert debrief.ending_kind == EndingKind.ESCALATION
    assert session.state.history[-1].fits is False
    assert debrief.scores["total"] <= total(loaded, PRINCIPLED) - 25


def test_brainstorming_a_false_headline_loses_callums_story(loaded: LoadedScenario) -> None:
    session = walk(loaded, [*PRINCIPLED[:2], "brainstorm_the_message"])
    assert session.state.scene == "launch_shape"
    assert "fold_into_episode" not in offered(session)
    path = [*PRINCIPLED[:2], "brainstorm_the_message", "release_day_basics", *PRINCIPLED[5:]]
    _, debrief = play(loaded, path)
    assert "campaign_manager.empty_episode" in debrief.hidden_missed
    assert debrief.scores["total"] <= total(loaded, PRINCIPLED) - 10


def test_hidden_interests_open_the_better_options(loaded: LoadedScenario) -> None:
    session = walk(loaded, ["ask_about_calendar", "ask_which_cards_count", "no_ai_claim"])
    assert session.state.scene == "callum_alone"
    session = walk(loaded, ["ask_about_calendar", "ask_what_burned_her", "point_at_tracker"])
    assert session.state.scene == "launch_shape"
    assert "fold_into_episode" not in offered(session) and "release_day_basics" in offered(session)

    session = walk(loaded, PRINCIPLED[:6])
    assert session.state.scene == "reserve_question"
    assert "propose_reserve" in offered(session)
    session = walk(loaded, ["ask_about_calendar", "ask_which_cards_count", *PRINCIPLED[2:6]])
    assert session.state.scene == "reserve_question"
    assert "propose_reserve" not in offered(session)


def test_a_demanding_opening_costs_the_head_of_marketings_story(loaded: LoadedScenario) -> None:
    session = walk(loaded, ["ask_for_everything", "step_back", "ask_what_burned_her"])
    assert "marketing_head.rush_launch_scar" not in session.state.revealed


def test_asking_for_interests_in_the_heat_of_it_makes_it_a_standoff(loaded: LoadedScenario) -> None:
    stepped = walk(loaded, ["ask_for_everything", "step_back"])
    pressed = walk(loaded, ["ask_for_everything", "apologise_and_ask"])
    assert stepped.state.scene == "calendar_wall" and pressed.state.scene == "standoff"
    assert pressed.state.history[-1].fits is False
    assert pressed.state.meters["marketing_head"].trust < stepped.state.meters["marketing_head"].trust


def test_pressing_on_in_the_cooling_off_moment_loses_the_reserve(loaded: LoadedScenario) -> None:
    session = walk(loaded, [*PRINCIPLED[:5], "press_on"])
    assert session.state.scene == "package_contents"
    assert session.state.settled["capacity"] == "none"
    assert session.state.history[-1].fits is False


def test_a_working_group_defers_the_reserve_to_nothing(loaded: LoadedScenario) -> None:
    session = walk(loaded, [*PRINCIPLED[:6], "reserve_working_group"])
    assert session.state.history[-1].fits is False
    assert session.state.settled["capacity"] == "none"


def test_insisting_on_the_full_campaign_fixes_on_one_option(loaded: LoadedScenario) -> None:
    session = walk(loaded, [*PRINCIPLED[:4], "insist_full_campaign"])
    move = session.state.history[-1]
    assert {"interests", "options"} <= {str(v) for v in move.violates}


def test_writing_marketings_tiers_for_them_costs_against_letting_callum(
    loaded: LoadedScenario,
) -> None:
    path = [*PRINCIPLED[:7], "tier_by_impact", *PRINCIPLED[8:]]
    assert total(loaded, path) < total(loaded, PRINCIPLED)
    session = walk(loaded, PRINCIPLED[:9])
    session.choose("jour_fixe")
    assert session.state.settled["cadence"] == "roadmap_access"


def test_style_fit_gives_every_style_its_own_scenes(loaded: LoadedScenario) -> None:
    only = [scene.fits[0] for scene in loaded.scenario.scenes if len(scene.fits) == 1]
    for style in (Style.DOMINATING, Style.AVOIDING, Style.OBLIGING, Style.COMPROMISING):
        assert only.count(style) >= 3, style
    assert only.count(Style.INTEGRATING) <= len(loaded.scenario.scenes) / 2


def test_dropping_it_in_a_standoff_leaves_nothing_decided(loaded: LoadedScenario) -> None:
    session, debrief = play(loaded, [*PRINCIPLED[:4], "insist_full_campaign", "let_it_drop"])
    assert session.state.ending == "nothing_decided"
    assert debrief.ending_kind == EndingKind.IMPASSE


def test_random_play_always_reaches_an_ending(loaded: LoadedScenario) -> None:
    endings, scenes = random_playthroughs(loaded, runs=400, max_moves=60)
    # Random players rarely survive a dozen moves with this cast; the endings past the middle of the
    # scenario are each reached by a path above.
    deep = {
        "launch_with_a_rhythm",
        "launch_with_gaps",
        "privacy_incident",
        "announced_early",
        "bosses_decide",
        "nothing_decided",
    }
    assert endings >= ending_ids(loaded) - deep
    assert scenes == scene_ids(loaded)
