"""The scorer: grades explain themselves, components follow docs/scoring.md, bounds hold."""

from __future__ import annotations

from engine_kit import mini_deal
from hypothesis import given, settings
from hypothesis import strategies as st

from simulator.content.records import adapter
from simulator.content.vocabulary import PowerBase, Principle, Style
from simulator.engine import Move, Session
from simulator.scoring import grade_move, score_session

LOADED = mini_deal()


def move(**tags: object) -> Move:
    base: dict[str, object] = {
        "step": 0,
        "scene": "table",
        "choice": "x",
        "style": Style.INTEGRATING,
        "fits": True,
        "to": "stuck",
    }
    return adapter(Move).validate_python(base | tags)


def played(*choices: str) -> Session:
    session = Session.start(LOADED)
    for choice in choices:
        session.choose(choice)
    return session


def test_a_principled_fitting_move_is_good_by_its_tags_and_says_why() -> None:
    grade = grade_move(
        LOADED.scenario, move(principles=[Principle.INTERESTS, Principle.CRITERIA], power=PowerBase.EXPERT)
    )
    assert grade.grade == "good"  # never `best` without the solver
    assert grade.label(0.0) == "best"
    assert "interests" in grade.reason and "objective criteria" in grade.reason
    assert "expert power" in grade.reason


def test_a_coercive_misfit_is_a_blunder_and_names_the_misfit() -> None:
    grade = grade_move(
        LOADED.scenario, move(style=Style.DOMINATING, fits=False, power=PowerBase.COERCIVE, violates=[Principle.PEOPLE])
    )
    assert grade.grade == "blunder"
    assert "coercive" in grade.reason
    assert "did not fit a moment that called for integrating, compromising" in grade.reason


def test_style_is_graded_by_fit_not_by_rank() -> None:
    fitting_compromise = grade_move(LOADED.scenario, move(style=Style.COMPROMISING, fits=True))
    misfit_integration = grade_move(LOADED.scenario, move(style=Style.INTEGRATING, fits=False))
    assert fitting_compromise.quality > misfit_integration.quality


def test_agreement_above_everyones_batna_scores_full_outcome() -> None:
    debrief = score_session(LOADED, played("ask", "split").state)
    assert debrief.agreement == {"feature": "config"}
    assert all(p.above_batna for p in debrief.parties)
    assert debrief.scores["outcome"] == 100  # config is also the best joint option


def test_an_agreement_below_the_players_batna_scores_it_below() -> None:
    state = played("ask").state  # a state built by hand: the engine lets ike refuse these terms
    state.scene, state.ending, state.settled = None, "yielded", {"feature": "custom"}
    debrief = score_session(LOADED, state)
    player = debrief.parties[0]
    assert player.party == "player" and player.value == 10 and not player.above_batna
    assert debrief.scores["outcome"] < 50


def test_yielding_to_one_stakeholder_is_refused_by_another() -> None:
    session = played("give")  # custom work is worth 10 to ike, whose BATNA is worth 50
    assert session.state.ending == "stuck" and session.state.history[-1].refused_by == ["ike"]
    debrief = score_session(LOADED, session.state)
    assert debrief.ending_kind == "impasse" and debrief.agreement == {}
    assert debrief.scores["outcome"] == LOADED.scenario.player.batna_value // 2


def test_walkout_falls_back_on_the_players_batna() -> None:
    debrief = score_session(LOADED, played("push", "push").state)
    assert debrief.ending_kind == "walkout"
    assert debrief.scores["outcome"] == LOADED.scenario.player.batna_value // 2
    assert debrief.hidden_missed == ["rae.renewal", "rae.bonus", "ike.oncall"]


def test_discovery_counts_hidden_interests_found() -> None:
    debrief = score_session(LOADED, played("ask", "data").state)
    assert debrief.scores["discovery"] == 100
    assert debrief.hidden_found == ["rae.renewal", "rae.bonus", "ike.oncall"]


def test_an_unplayed_session_scores_no_outcome_and_no_process() -> None:
    debrief = score_session(LOADED, Session.start(LOADED).state)
    assert debrief.scores["outcome"] == 0 and debrief.scores["process"] == 0
    assert set(debrief.styles.values()) == {0.0}


@settings(max_examples=200, deadline=None)
@given(
    st.sampled_from(list(Style)),
    st.lists(st.sampled_from(list(Principle)), unique=True),
    st.lists(st.sampled_from(list(Principle)), unique=True),
    st.one_of(st.none(), st.sampled_from(list(PowerBase))),
    st.booleans(),
)
def test_more_principles_never_lower_a_grade(
    style: Style, applied: list[Principle], violated: list[Principle], power: PowerBase | None, fits: bool
) -> None:
    base = grade_move(LOADED.scenario, move(style=style, principles=applied, violates=violated, power=power, fits=fits))
    assert 0 <= base.quality <= 1 and base.reason.endswith(".")
    missing = [p for p in Principle if p not in applied]
    if missing:
        better = grade_move(
            LOADED.scenario,
            move(style=style, principles=[*applied, missing[0]], violates=violated, power=power, fits=fits),
        )
        assert better.quality >= base.quality


def test_a_move_that_breaks_a_principle_is_never_praised_for_its_style_or_power() -> None:
    grade = grade_move(
        LOADED.scenario,
        move(
            style=Style.COMPROMISING,
            fits=True,
            power=PowerBase.EXPERT,
            principles=[Principle.CRITERIA],
            violates=[Principle.OPTIONS],
        ),
    )
    assert "fit the moment" not in grade.reason
    assert "expert power" not in grade.reason
    assert grade.reason.startswith("Fixed on a single answer")  # what it broke comes first
    assert grade.label(0.0) == "inaccuracy"  # capped, whatever its regret


def test_a_clean_move_still_hears_that_its_style_fit_and_its_power() -> None:
    grade = grade_move(LOADED.scenario, move(style=Style.COMPROMISING, fits=True, power=PowerBase.EXPERT))
    assert "compromising (splitting the difference) fit the moment" in grade.reason
    assert "rew on expert power" in grade.reason


def test_reward_power_is_teachable_neither_rewarded_nor_punished() -> None:
    from simulator.scoring.grades import POWER_POINTS

    assert POWER_POINTS[PowerBase.REWARD] == 0.0 == POWER_POINTS[PowerBase.LEGITIMATE]
    assert POWER_POINTS[PowerBase.COERCIVE] < 0
    plain = grade_move(LOADED.scenario, move())
    reward = grade_move(LOADED.scenario, move(power=PowerBase.REWARD))
    assert reward.quality == plain.quality
    assert (
        "ffered something you control in return (reward power), which buys cooperation only while it lasts"
    ) in reward.reason
