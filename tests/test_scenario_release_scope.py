"""The release_scope scenario teaches what it claims: judge each moment, and each style has its own.

The principled path avoids a scope fight in the sprint review, asks before it judges, takes a firm
line in the outage, on the privacy leak and on the sales email, yields the how to development,
waits a day for the velocity it needs, trades scope and hardening, and reaches the durable plan with
every hidden interest found. Each costly path ends somewhere worse for its own, asserted reason;
the pivotal mistake is the integrating-sounding huddle while the allocator is down.
"""

from __future__ import annotations

import pytest
from scenario_kit import (
    assert_avoided_everything,
    assert_best_agreement,
    assert_escalated_at_half_batna,
    assert_near_solved_best,
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
from simulator.content.vocabulary import EndingKind, PowerBase, Principle, Style

PRINCIPLED = [
    "park_for_later",
    "ask_what_made_it_unrealistic",
    "agree_on_criteria",
    "take_charge",
    "ask_kwame_cost",
    "own_the_ticket",
    "probe_migration_stakes",
    "offer_milestone",
    "wait_for_velocity",
    "slice_core",
    "hold_privacy_line",
    "gate_with_automation",
    "one_week_each",
    "let_ilse_draft",
    "let_her_present",
    "no_to_sales",
    "commit_plan",
]
BEST = {
    "scope": "core_slice",
    "debt": "migration_milestone",
    "date": "gate_with_automation",
    "how": "themes_and_ownership",
}
HUDDLE = ["park_for_later", "ask_what_made_it_unrealistic", "agree_on_criteria", "huddle_first"]
COMPROMISING = [
    "park_for_later",
    "offer_twenty_now",
    "agree_on_criteria",
    "send_paulo_only",
    "quick_split",
    "own_the_ticket",
    "halve_it_now",
    "slice_core",
    "flag_for_anchors",
    "gate_date",
    "one_week_each",
    "let_ilse_draft",
    "let_her_present",
    "analytics_lite",
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
    assert session.state.settled == BEST
    assert_best_agreement(debrief, HIDDEN)
    assert_near_solved_best(loaded, PRINCIPLED)


def test_the_principled_path_uses_every_style_where_it_fits(loaded: LoadedScenario) -> None:
    session, _ = play(loaded, PRINCIPLED)
    moves = session.state.history
    assert all(m.fits and not m.violates and m.principles for m in moves)
    assert {m.style for m in moves} == set(Style)


def test_the_best_agreement_beats_every_batna(loaded: LoadedScenario) -> None:
    for party, batna in batnas(loaded).items():
        assert mean_value(loaded, party, BEST) > batna + 25, party


def test_huddling_in_the_outage_hands_the_plan_to_engineering(loaded: LoadedScenario) -> None:
    """The pivotal scene: talking through everyone's needs while the allocator is down is the
    integrating-sounding mistake, tagged as a misfit that breaks a principle, and it ends the
    negotiation in an escalation far below the firm call."""
    scene = loaded.scenario.scene("outage")
    assert scene.fits == [Style.DOMINATING]
    huddle = next(c for c in scene.choices if c.id == "huddle_first")
    assert huddle.style is Style.INTEGRATING and huddle.violates and huddle.feedback
    session, debrief = play(loaded, HUDDLE)
    assert session.state.ending == "taken_over"
    assert_escalated_at_half_batna(loaded, debrief)
    firm = walk(loaded, [*HUDDLE[:-1], "take_charge"])
    assert firm.state.scene == "incident_review"
    assert debrief.scores["total"] <= total(loaded, PRINCIPLED) - 40


def test_the_firm_calls_are_terse_and_the_wrong_answers_eloquent(loaded: LoadedScenario) -> None:
    for scene_id, right, wrong in [
        ("outage", "take_charge", "huddle_first"),
        ("leak_found", "hold_privacy_line", "weigh_the_leak"),
        ("sales_ask", "no_to_sales", "explore_with_sales"),
        ("velocity_pending", "wait_for_velocity", "cut_on_estimates"),
    ]:
        choices = {c.id: c for c in loaded.scenario.scene(scene_id).choices}
        assert len(str(choices[right].text)) < len(str(choices[wrong].text)), scene_id
        assert choices[wrong].style is Style.INTEGRATING and choices[wrong].violates, scene_id


def test_a_leaked_privacy_line_costs_the_durable_plan(loaded: LoadedScenario) -> None:
    path = [*PRINCIPLED[:10], "weigh_the_leak", *PRINCIPLED[11:]]
    session, debrief = play(loaded, path)
    assert session.state.ending == "patched_plan"
    assert "leak_risk" in session.state.flags
    assert debrief.scores["total"] < total(loaded, PRINCIPLED)
    weighed = next(m for m in session.state.history if m.choice == "weigh_the_leak")
    assert weighed.style is Style.INTEGRATING and not weighed.fits and weighed.violates


def test_fixing_on_one_option_early_is_tagged_and_settles_less(loaded: LoadedScenario) -> None:
    choice = next(c for c in loaded.scenario.scene("capacity_options").choices
                  if c.id == "announce_the_answer")
    assert Principle.OPTIONS in choice.violates
    session = walk(loaded, [*PRINCIPLED[:7], "announce_the_answer"])
    assert session.state.settled["debt"] == "token_ten"


def test_premature_splits_are_tagged_as_breaking_interests(loaded: LoadedScenario) -> None:
    for scene_id, choice_id in [("incident_review", "quick_split"), ("one_on_one", "offer_twenty_now"),
                                ("capacity_options", "offer_token_ten")]:
        scene = loaded.scenario.scene(scene_id)
        choice = next(c for c in scene.choices if c.id == choice_id)
        assert choice.style is Style.COMPROMISING and Style.COMPROMISING not in scene.fits
        assert Principle.INTERESTS in choice.violates


def test_compromising_lands_between_principle_and_yielding(loaded: LoadedScenario) -> None:
    session, debrief = play(loaded, COMPROMISING)
    assert session.state.ending == "patched_plan"
    assert all(p.above_batna for p in debrief.parties)
    middle = debrief.scores["total"]
    assert total(loaded, PRINCIPLED) - 15 >= middle
    for path in (YIELDING, DOMINATING, OVER_HER_HEAD, AVOIDING):
        assert total(loaded, path) < middle - 15, path


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
    assert all(p.above_batna for p in joint_debrief.parties)
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
    session = walk(loaded, PRINCIPLED[:6])
    assert session.state.scene == "capacity_options"
    before = offered(session)
    assert "offer_standing_share" in before and "offer_milestone" not in before
    session.choose("probe_migration_stakes")
    assert "dev_lead.migration_promise" in session.state.revealed
    assert "offer_milestone" in offered(session)


def test_a_public_callout_costs_the_first_reveal(loaded: LoadedScenario) -> None:
    session = walk(loaded, ["call_out_drift", "acknowledge_callout", "ask_what_made_it_unrealistic"])
    assert "dev_lead.oncall_burnout" not in session.state.revealed


def test_each_style_is_the_only_fit_of_several_scenes(loaded: LoadedScenario) -> None:
    only = [scene.fits[0] for scene in loaded.scenario.scenes if len(scene.fits) == 1]
    for style in (Style.DOMINATING, Style.AVOIDING, Style.OBLIGING, Style.COMPROMISING):
        assert only.count(style) >= 3, style
    assert only.count(Style.INTEGRATING) <= len(loaded.scenario.scenes) // 2
    assert fitting_styles(loaded) == set(Style)


def test_no_reward_or_coercion_on_the_best_path(loaded: LoadedScenario) -> None:
    session, _ = play(loaded, PRINCIPLED)
    assert not {m.power for m in session.state.history} & {PowerBase.REWARD, PowerBase.COERCIVE}


def test_avoiding_early_costs_scope_even_after_recovering(loaded: LoadedScenario) -> None:
    recovered = ["let_it_slide", "face_it_now", *PRINCIPLED[1:9]]
    session = walk(loaded, recovered)
    assert session.state.scene == "scope_cut"
    assert "slice_core" not in offered(session) and "slice_thin" in offered(session)
    for choice in ["slice_thin", *PRINCIPLED[10:]]:
        session.choose(choice)
    assert session.state.ending == "patched_plan"


def test_random_play_always_reaches_an_ending(loaded: LoadedScenario) -> None:
    endings, scenes = random_playthroughs(loaded, runs=300, max_moves=60)
    assert endings == ending_ids(loaded) - {"durable_plan"}  # only deliberate play finds the best one
    assert scenes == scene_ids(loaded)


def test_blaming_the_team_costs_her_own_stake_and_the_durable_plan(loaded: LoadedScenario) -> None:
    """A public blame is not healed by the end: Ilse keeps the migration promise to herself.

    Blaming the team sets `team_blamed`: the question about her own stake is no longer offered, so
    the migration milestone (and with it the durable plan) is out of reach, and without owning
    the blame (`own_the_blame`) the plan is not pinned at all.
    """
    from simulator.analysis.solve import regrets

    blamed = walk(loaded, [*PRINCIPLED[:2], "read_velocity_drop"])
    assert regrets(loaded, blamed.state.history)[-1] >= 5
    called_out = walk(loaded, ["call_out_drift"])
    assert regrets(loaded, called_out.state.history)[-1] >= 3
    assert "team_blamed" in called_out.state.flags
    scene = loaded.scenario.scene("capacity_options")
    probe = next(c for c in scene.choices if c.id == "probe_migration_stakes")
    assert probe.if_ is not None and "team_blamed" in (probe.if_.not_flags or [])
