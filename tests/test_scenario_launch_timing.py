"""The launch_timing scenario teaches what it claims: plan launches with marketing, not at them.

Asking marketing to drop a yearly, fully budgeted calendar because a release is nearly done is the
anti-pattern. The principled path finds the gap marketing already has (a weak webinar episode), the
reason behind the head of marketing's fast "no" (a rush launch that slipped), and agrees a tiered
launch package, a lead time priced from the work, a gated reserve and a jour fixe. Each costly path is
played by choice ids and must end somewhere worse for its own, asserted reason.
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
    play,
    random_playthroughs,
    scene_ids,
    total,
    walk,
)

from simulator.content.loaded import LoadedScenario
from simulator.content.vocabulary import EndingKind, Style

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
HIDDEN = {"marketing_head.rush_launch_scar", "campaign_manager.empty_episode"}
BEST = {
    "launch": "fold_into_calendar",
    "package": "tiered_six",
    "capacity": "reserve_ten",
    "cadence": "jour_fixe",
}


@pytest.fixture(scope="module")
def loaded() -> LoadedScenario:
    return load_bundled("critical_supporters/launch_timing")


def test_principled_path_reaches_the_launch_and_the_rhythm(loaded: LoadedScenario) -> None:
    session, debrief = play(loaded, PRINCIPLED)
    assert session.state.ending == "launch_with_a_rhythm"
    assert session.state.settled == BEST
    assert_best_agreement(debrief, HIDDEN)


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


def test_principled_path_clearly_outscores_every_costly_path(loaded: LoadedScenario) -> None:
    best = total(loaded, PRINCIPLED)
    for path in (DOMINATING, WORN_OUT, AVOIDING, YIELDING):
        assert total(loaded, path) <= best - 30, path


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


def test_hidden_interests_open_the_better_options(loaded: LoadedScenario) -> None:
    session = walk(loaded, ["ask_about_calendar", "ask_what_burned_her", "point_at_tracker"])
    assert session.state.scene == "launch_shape"
    assert "fold_into_episode" not in offered(session) and "release_day_basics" in offered(session)

    session = walk(loaded, PRINCIPLED[:6])
    assert session.state.scene == "reserve_question"
    assert "propose_reserve" in offered(session)


def test_a_demanding_opening_costs_the_head_of_marketings_story(loaded: LoadedScenario) -> None:
    session = walk(loaded, ["ask_for_everything", "apologise_and_ask", "ask_what_burned_her"])
    assert "marketing_head.rush_launch_scar" not in session.state.revealed


def test_pressing_on_in_the_cooling_off_moment_loses_the_reserve(loaded: LoadedScenario) -> None:
    session = walk(loaded, [*PRINCIPLED[:5], "press_on"])
    assert session.state.scene == "package_contents"
    assert session.state.settled["capacity"] == "none"
    assert session.state.history[-1].fits is False


def test_emailing_the_page_instead_of_closing_leaves_nothing_decided(
    loaded: LoadedScenario,
) -> None:
    session, debrief = play(loaded, [*PRINCIPLED[:-1], "email_the_page"])
    assert session.state.ending == "nothing_decided"
    assert debrief.ending_kind == EndingKind.IMPASSE


def test_style_fit_varies(loaded: LoadedScenario) -> None:
    assert {Style.OBLIGING, Style.COMPROMISING, Style.AVOIDING} <= fitting_styles(loaded)


def test_random_play_always_reaches_an_ending(loaded: LoadedScenario) -> None:
    endings, scenes = random_playthroughs(loaded, runs=400, max_moves=60)
    assert endings >= ending_ids(loaded) - {"launch_with_a_rhythm"}
    assert scenes == scene_ids(loaded)
