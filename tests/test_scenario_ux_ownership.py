"""The ux_ownership scenario teaches what it claims: agree problems, roles and vision with UX, and
judge each moment on its own.

Principled play steps back from a public review, asks before it judges, draws a firm line on photos
taken without consent, yields the how of a screen to design, trades scope and story format, and
offers a reward the product manager truly controls (a named slot at the roadmap review). It reaches
the shared definition and finds both hidden interests. The pivotal mistake is the
integrating-sounding search for a middle way on the consent photos. Each costly path ends somewhere
worse for its own reason.
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

from simulator.analysis.solve import regrets
from simulator.content.loaded import LoadedScenario
from simulator.content.models import Choice
from simulator.content.vocabulary import EndingKind, PowerBase, Principle, Style
from simulator.scoring import score_session
from simulator.scoring.labels import GOOD_OR_BETTER

PRINCIPLED = [
    "ask_for_coffee",
    "ask_what_she_saw",
    "ask_why_quietly",
    "agree_research_as_criteria",
    "hold_consent_line",
    "own_the_wireframe",
    "evidence_led_scope",
    "probe_her_stake",
    "propose_raci_with_readout",
    "problem_level_stories",
    "write_vision_together",
    "let_her_present",
]
PHOTOS = ["ask_for_coffee", "ask_what_she_saw", "agree_research_as_criteria", "balance_the_photos"]
COMPROMISING = [
    "ask_for_coffee",
    "ask_what_she_saw",
    "agree_research_as_criteria",
    "internal_only",
    "own_the_wireframe",
    "evidence_led_scope",
    "propose_raci",
    "split_by_feature",
    "write_vision_together",
    "let_her_present",
]
DOMINATING = ["overrule_in_review", "defend_wireframes", "threaten_review"]
OVER_HER_HEAD = ["ask_for_coffee", "defend_wireframes", "go_over_her_head"]
JOINT = ["ask_for_coffee", "defend_wireframes", "escalate_jointly", "present_both_views"]
AVOIDING = ["nod_along", "keep_hoping"]
YIELDING = ["ask_for_coffee", "hand_her_the_product", "keep_yielding"]
HIDDEN = {"ux_lead.research_shelved", "ux_lead.promotion_case"}
BEST = {
    "scope": "evidence_led",
    "requirements": "problem_statements",
    "ownership": "raci_with_readout",
}


@pytest.fixture(scope="module")
def loaded() -> LoadedScenario:
    return load_bundled("critical_supporters/ux_ownership")


def choice(loaded: LoadedScenario, scene_id: str, choice_id: str) -> Choice:
    return next(c for c in loaded.scenario.scene(scene_id).choices if c.id == choice_id)


def test_principled_path_reaches_the_shared_definition_with_both_hidden_interests(
    loaded: LoadedScenario,
) -> None:
    session, debrief = play(loaded, PRINCIPLED)
    assert session.state.ending == "shared_definition"
    assert session.state.settled == BEST
    assert_best_agreement(debrief, HIDDEN)
    assert_near_solved_best(loaded, PRINCIPLED)


def test_the_principled_path_uses_every_style_where_it_fits(loaded: LoadedScenario) -> None:
    session, _ = play(loaded, PRINCIPLED)
    moves = session.state.history
    assert all(m.fits and not m.violates and m.principles for m in moves)
    assert {m.style for m in moves} == set(Style)


def test_the_best_agreement_beats_every_batna_and_the_laziest_beats_none(
    loaded: LoadedScenario,
) -> None:
    lazy = {"scope": "half_each", "requirements": "split_by_feature", "ownership": "unspoken"}
    for party, batna in batnas(loaded).items():
        assert mean_value(loaded, party, BEST) > batna + 25, party
        assert mean_value(loaded, party, lazy) < batna, party


def test_seeking_a_middle_way_on_the_consent_photos_ends_in_a_breach(
    loaded: LoadedScenario,
) -> None:
    """The pivotal scene: a privacy and security line calls for a firm no. The collaborative
    search for a middle way is tagged as a misfit that breaks a principle, and it ends the
    negotiation in an escalation far below the firm line."""
    scene = loaded.scenario.scene("consent_photos")
    assert scene.fits == [Style.DOMINATING]
    middle = choice(loaded, "consent_photos", "balance_the_photos")
    firm = choice(loaded, "consent_photos", "hold_consent_line")
    assert middle.style is Style.INTEGRATING and Principle.CRITERIA in middle.violates
    assert len(str(firm.text)) < len(str(middle.text))
    session, debrief = play(loaded, PHOTOS)
    assert session.state.ending == "photo_breach"
    assert_escalated_at_half_batna(loaded, debrief)
    assert debrief.scores["total"] <= total(loaded, PRINCIPLED) - 45


def test_reward_power_used_well_and_badly(loaded: LoadedScenario) -> None:
    """A named slot at the roadmap review is a reward the product manager controls; a promotion is
    not, and promising it costs the best ending."""
    good = choice(loaded, "ownership_talk", "propose_raci_with_readout")
    bad = choice(loaded, "ownership_talk", "promise_promotion")
    assert good.power is PowerBase.REWARD and not good.violates
    assert bad.power is PowerBase.REWARD and bad.violates
    session, debrief = play(loaded, [*PRINCIPLED[:8], "promise_promotion", *PRINCIPLED[9:]])
    assert session.state.ending == "working_truce"
    assert "false_promise" in session.state.flags
    assert session.state.settled["ownership"] == "raci_split"
    assert debrief.scores["total"] < total(loaded, PRINCIPLED)
    at = next(i for i, m in enumerate(debrief.moves) if m.move.choice == "promise_promotion")
    promised = debrief.moves[at]
    # By its tags alone the worst label: two broken principles and a misfit style.
    assert promised.grade.grade == "blunder" and set(promised.grade.broke) >= {"people"}
    # Keyed to regret, it is the one move that gave points away, and it is never called good.
    regret = regrets(loaded, session.state.history)
    assert [i for i, r in enumerate(regret) if r > 0] == [at]
    assert regret[at] == pytest.approx(total(loaded, PRINCIPLED) - debrief.scores["total"])
    assert promised.grade.label(regret[at]) not in GOOD_OR_BETTER


def test_splitting_everything_and_leaving_ownership_unspoken_is_refused(loaded: LoadedScenario) -> None:
    """The laziest agreement is worth less to the UX lead than going round product: she refuses it
    in her own words, tied to her shelved research, and the design files decide."""
    lazy = [
        "ask_about_research", "ask_what_she_saw", "ask_why_quietly", "agree_research_as_criteria",
        "hold_consent_line", "codesign_it", "build_both_fully", "leave_it_unwritten",
        "split_by_feature", "write_vision_together",
    ]
    session = walk(loaded, lazy)
    result = session.choose("present_together")
    assert dict(session.state.settled) == {
        "scope": "half_each", "requirements": "split_by_feature", "ownership": "unspoken",
    }
    assert result.move.refused_by == ["ux_lead"]
    line = loaded.scenario.cast_member("ux_lead").refusal
    assert line is not None and "research" in str(line)
    spoken = {(u.speaker, " ".join(u.text.split())) for u in result.lines}
    assert ("ux_lead", " ".join(str(line).split())) in spoken
    assert session.state.ending == "two_roadmaps"
    debrief = score_session(loaded, session.state)
    assert debrief.ending_kind == EndingKind.IMPASSE and debrief.agreement == {}
    assert debrief.scores["total"] < total(loaded, COMPROMISING) < total(loaded, PRINCIPLED)


def test_fixing_on_one_option_and_splitting_early_are_tagged(loaded: LoadedScenario) -> None:
    assert Principle.OPTIONS in choice(loaded, "ownership_talk", "present_finished_raci").violates
    for scene_id, choice_id in [("scope_options", "split_the_quarter"),
                                ("requirements_talk", "split_by_feature")]:
        split = choice(loaded, scene_id, choice_id)
        assert split.style is Style.COMPROMISING and Principle.OPTIONS in split.violates


def test_compromising_lands_between_principle_and_yielding(loaded: LoadedScenario) -> None:
    session, debrief = play(loaded, COMPROMISING)
    assert session.state.ending == "working_truce"
    assert all(p.above_batna for p in debrief.parties)
    middle = debrief.scores["total"]
    assert total(loaded, PRINCIPLED) - 10 >= middle
    for path in (YIELDING, DOMINATING, OVER_HER_HEAD, AVOIDING):
        assert total(loaded, path) < middle - 20, path


def test_principled_path_clearly_outscores_every_costly_path(loaded: LoadedScenario) -> None:
    best = total(loaded, PRINCIPLED)
    for path in (DOMINATING, OVER_HER_HEAD, AVOIDING, YIELDING):
        assert total(loaded, path) <= best - 40, path
    assert total(loaded, JOINT) <= best - 20


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
    assert_escalated_at_half_batna(loaded, alone_debrief)
    joint, joint_debrief = play(loaded, JOINT)
    assert joint.state.ending == "directors_ruling"
    assert joint_debrief.ending_kind == EndingKind.AGREEMENT
    assert all(p.above_batna for p in joint_debrief.parties)
    # the directors split what the two of you could have solved
    assert joint.state.settled["scope"] == "half_each"
    assert joint.state.meters["ux_lead"].trust > alone.state.meters["ux_lead"].trust + 25


def test_avoiding_leaves_two_roadmaps(loaded: LoadedScenario) -> None:
    session, debrief = play(loaded, AVOIDING)
    assert session.state.ending == "two_roadmaps"
    assert_avoided_everything(session, debrief)


def test_yielding_hands_the_product_to_design_below_the_players_batna(
    loaded: LoadedScenario,
) -> None:
    session, debrief = play(loaded, YIELDING)
    assert session.state.ending == "ux_roadmap"
    assert session.state.settled["requirements"] == "ux_takes_over"
    player, design = debrief.parties
    assert below_own_batna(player)
    assert design.above_batna


def test_hidden_interests_open_the_better_ownership_option(loaded: LoadedScenario) -> None:
    session = walk(loaded, PRINCIPLED[:7])
    assert session.state.scene == "ownership_talk"
    before = offered(session)
    assert "propose_raci" in before and "propose_raci_with_readout" not in before
    session.choose("probe_her_stake")
    assert "ux_lead.promotion_case" in session.state.revealed
    assert "propose_raci_with_readout" in offered(session)


def test_skipping_the_question_about_history_leaves_her_stake_unheard(
    loaded: LoadedScenario,
) -> None:
    session = walk(loaded, [c for c in PRINCIPLED[:8] if c != "ask_why_quietly"])
    # the one probe about her stake only gets as far as the history she was waiting to tell
    assert session.state.revealed == ["ux_lead.research_shelved"]
    assert "propose_raci_with_readout" not in offered(session)
    for step in ["propose_raci", *PRINCIPLED[9:]]:
        session.choose(step)
    assert session.state.ending == "working_truce"


def test_admitting_she_was_right_restores_the_criteria(loaded: LoadedScenario) -> None:
    session = walk(loaded, ["ask_for_coffee", "ask_what_she_saw", "question_sample", "cool_off"])
    assert session.state.scene == "next_morning"
    assert loaded.scenario.scene("next_morning").fits == [Style.OBLIGING]
    session.choose("concede_the_wall")
    assert session.state.scene == "scope_options"
    assert "evidence_led_scope" in offered(session)


def test_a_firm_no_to_the_all_hands_slide_recovers_most_of_an_early_avoid(
    loaded: LoadedScenario,
) -> None:
    recovered = ["nod_along", "pull_the_slide", *PRINCIPLED[1:]]
    recovered[recovered.index("evidence_led_scope")] = "evidence_led_late"
    session, debrief = play(loaded, recovered)
    assert session.state.settled == {**BEST, "scope": "evidence_late"}  # three weeks are gone
    assert session.state.ending == "working_truce"
    assert debrief.scores["total"] < total(loaded, PRINCIPLED)
    public, _ = play(loaded, ["nod_along", "present_it_together"])
    assert public.state.ending == "two_roadmaps"


def test_each_style_is_the_only_fit_of_two_scenes_or_more(loaded: LoadedScenario) -> None:
    only = [scene.fits[0] for scene in loaded.scenario.scenes if len(scene.fits) == 1]
    for style in (Style.DOMINATING, Style.AVOIDING, Style.OBLIGING, Style.COMPROMISING):
        assert only.count(style) >= 2, style
    assert only.count(Style.INTEGRATING) <= len(loaded.scenario.scenes) // 2
    assert fitting_styles(loaded) == set(Style)


def test_random_play_reaches_every_ending_but_the_best(loaded: LoadedScenario) -> None:
    endings, scenes = random_playthroughs(loaded, runs=400, max_moves=40)
    assert ending_ids(loaded) - {"shared_definition"} <= endings
    assert scenes == scene_ids(loaded)
