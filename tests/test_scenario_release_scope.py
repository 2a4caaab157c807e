"""The release_scope scenario teaches what it claims: principled play wins, the other styles cost.

Each costly path is played by choice ids and must end somewhere worse for its own, asserted reason:
dominating exhausts the development lead's patience, going over her head is an escalation,
avoiding leaves the drift undecided, and yielding settles below the player's BATNA.
"""

from __future__ import annotations

import pytest
from scenario_kit import (
    assert_avoided_everything,
    assert_best_agreement,
    assert_escalated_at_half_batna,
    below_own_batna,
    ending_ids,
    fitting_styles,
    load_bundled,
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
    "park_for_later",
    "ask_what_made_it_unrealistic",
    "agree_on_criteria",
    "ask_kwame_cost",
    "own_the_ticket",
    "probe_migration_stakes",
    "offer_milestone",
    "slice_core",
    "gate_with_automation",
    "themes_and_ownership",
    "present_jointly",
    "commit_plan",
]
DOMINATING = ["call_out_drift", "restate_commitment", "press_harder"]
OVER_HER_HEAD = ["park_for_later", "restate_commitment", "go_over_her_head"]
AVOIDING = ["let_it_slide", "keep_waiting"]
YIELDING = ["park_for_later", "give_her_the_sprints", "keep_yielding", "accept_slip"]
HIDDEN = {"dev_lead.oncall_burnout", "dev_lead.migration_promise", "qa_lead.manual_regression"}


@pytest.fixture(scope="module")
def loaded() -> LoadedScenario:
    return load_bundled("critical_supporters/release_scope")


def test_principled_path_reaches_the_durable_plan_with_every_hidden_interest(
    loaded: LoadedScenario,
) -> None:
    session, debrief = play(loaded, PRINCIPLED)
    assert session.state.ending == "durable_plan"
    assert_best_agreement(debrief, HIDDEN)


def test_principled_path_clearly_outscores_every_costly_path(loaded: LoadedScenario) -> None:
    best = total(loaded, PRINCIPLED)
    for path in (DOMINATING, OVER_HER_HEAD, AVOIDING, YIELDING):
        assert total(loaded, path) <= best - 30, path


def test_dominating_exhausts_the_dev_leads_patience(loaded: LoadedScenario) -> None:
    session, debrief = play(loaded, DOMINATING)
    assert session.state.ending == "team_goes_dark"
    lead = session.state.meters["dev_lead"]
    assert lead.walked_out and lead.trust < 20
    assert debrief.agreement == {} and not debrief.hidden_found


def test_going_over_her_head_is_an_escalation_that_costs_her_trust(loaded: LoadedScenario) -> None:
    session, debrief = play(loaded, OVER_HER_HEAD)
    assert session.state.ending == "over_her_head"
    assert session.state.meters["dev_lead"].trust < 20
    assert_escalated_at_half_batna(loaded, debrief)


def test_joint_escalation_keeps_the_relationship_an_escalation_over_her_head_burns(
    loaded: LoadedScenario,
) -> None:
    joint_path = ["park_for_later", "restate_commitment", "escalate_jointly", "present_both_sides"]
    joint, joint_debrief = play(loaded, joint_path)
    alone, _ = play(loaded, OVER_HER_HEAD)
    assert joint.state.ending == "directors_ruling"
    assert joint_debrief.ending_kind == EndingKind.AGREEMENT
    assert joint.state.meters["dev_lead"].trust > alone.state.meters["dev_lead"].trust + 30


def test_avoiding_leaves_the_drift_undecided(loaded: LoadedScenario) -> None:
    session, debrief = play(loaded, AVOIDING)
    assert session.state.ending == "drift_continues"
    assert_avoided_everything(session, debrief)


def test_yielding_settles_below_the_players_batna_and_blows_the_date(
    loaded: LoadedScenario,
) -> None:
    session, debrief = play(loaded, YIELDING)
    assert session.state.ending == "yielded_release"
    assert session.state.settled["date"] == "slip"
    player, *others = debrief.parties
    assert below_own_batna(player)
    assert all(party.above_batna for party in others)


def test_hidden_interests_open_the_better_options(loaded: LoadedScenario) -> None:
    session = walk(loaded, PRINCIPLED[:5])
    assert session.state.scene == "capacity_options"
    before = offered(session)
    assert "offer_standing_share" in before and "offer_milestone" not in before
    session.choose("probe_migration_stakes")
    assert "dev_lead.migration_promise" in session.state.revealed
    assert "offer_milestone" in offered(session)


def test_a_public_callout_costs_the_first_reveal(loaded: LoadedScenario) -> None:
    session = walk(loaded, ["call_out_drift", "acknowledge_callout", "ask_what_made_it_unrealistic"])
    assert "dev_lead.oncall_burnout" not in session.state.revealed


def test_style_fit_varies(loaded: LoadedScenario) -> None:
    assert {Style.OBLIGING, Style.COMPROMISING, Style.AVOIDING} <= fitting_styles(loaded)


def test_avoiding_early_costs_scope_even_after_recovering(loaded: LoadedScenario) -> None:
    recovered = ["let_it_slide", "face_it_now", *PRINCIPLED[1:7]]
    session = walk(loaded, recovered)
    assert session.state.scene == "scope_cut"
    assert "slice_core" not in offered(session) and "slice_thin" in offered(session)
    for choice in ["slice_thin", *PRINCIPLED[8:]]:
        session.choose(choice)
    assert session.state.ending == "patched_plan"


def test_random_play_always_reaches_an_ending(loaded: LoadedScenario) -> None:
    endings, scenes = random_playthroughs(loaded, runs=300, max_moves=60)
    assert endings == ending_ids(loaded) - {"durable_plan"}  # only deliberate play finds the best one
    assert scenes == scene_ids(loaded)
