"""Stakeholders honour their BATNA: an agreement worth less to someone than walking away is refused,
the same way in the session, the fast step, the solver's table, simulation and `check`."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from analysis_kit import bundled, every_scenario, refusal_pack
from hypothesis import given, settings
from hypothesis import strategies as st

from simulator.analysis.simulate import simulate
from simulator.analysis.solve import regrets, solve
from simulator.analysis.table import NODE, SETTLED, table_for
from simulator.cli.main import main
from simulator.content.loaded import LoadedScenario
from simulator.content.models import Scenario
from simulator.content.records import adapter, to_data
from simulator.content.vocabulary import EndingKind
from simulator.engine import Session, SessionState, advance, initial_state
from simulator.engine.agreement import (
    party_value,
    refusal_target,
    refusal_text,
    refusers,
    resolve,
    value_bounds,
)
from simulator.scoring import score_session

DATA = Path(__file__).parent / "batna_data" / "refusals"
RETHINK, FALLBACK = refusal_pack()


def play(loaded: LoadedScenario, *choices: str) -> Session:
    session = Session.start(loaded)
    for choice in choices:
        session.choose(choice)
    return session


# --------------------------------------------------------------------------- the session


def test_a_refusal_sends_the_negotiation_on_to_a_scene_where_it_can_still_succeed() -> None:
    session = Session.start(RETHINK)
    result = session.choose("give")  # custom is worth 10 to Dana, her BATNA 50
    assert result.move.refused_by == ["tiny_dev"]
    assert result.move.to == "table" and result.ending is None
    assert session.state.scene == "table" and not session.ended
    assert session.state.settled == {"feature": "custom"}  # the terms stay on the table
    spoken = [(u.speaker, u.text) for u in result.lines]
    assert ("tiny_dev", "Not a custom build, the product manager: my team is paged every night already.") in spoken
    after = session.choose("configure")
    assert after.move.refused_by == [] and session.state.ending == "deal"
    debrief = score_session(RETHINK, session.state)
    assert debrief.ending_kind == "agreement"
    assert all(p.above_batna for p in debrief.parties)


def test_a_refusal_without_refused_ends_in_the_first_impasse() -> None:
    session = Session.start(FALLBACK)
    result = session.choose("give")
    assert result.move.refused_by == ["tiny_dev"]
    assert session.state.ending == "stuck" and result.ending is not None and result.ending.kind == "impasse"
    debrief = score_session(FALLBACK, session.state)
    assert debrief.agreement == {} and all(p.value is None for p in debrief.parties)


def test_the_default_refusal_line_names_the_stakeholders_position_and_batna() -> None:
    result = Session.start(FALLBACK).choose("give")
    said = [u.text for u in result.lines if u.speaker == "tiny_dev"]
    member = FALLBACK.scenario.cast_member("tiny_dev")
    assert refusal_text(member) in said
    assert "No new work this sprint" in refusal_text(member)  # what they hold out for
    assert "Keep the sprint as is" in refusal_text(member)  # why walking away is better
    refusal_at = [u.text for u in result.lines].index(refusal_text(member))
    assert [u.text for u in result.lines][refusal_at + 1] == "Nothing moved."  # then the ending


def test_the_fast_step_and_the_table_refuse_exactly_as_the_session_does() -> None:
    for loaded, path in ((RETHINK, ["give", "configure"]), (FALLBACK, ["give"]), (RETHINK, ["give", "stall"])):
        session, state = play(loaded, *path), initial_state(loaded)
        table = table_for(loaded)
        compact = table.start
        for choice in path:
            move = advance(loaded, state, choice)
            before, compact = compact, table.step(compact, table.edge[(move.scene, choice)])
            refused = table.refused_at(before, table.edge[(move.scene, choice)])
            assert (refused[1] if refused else ()) == tuple(move.refused_by)
        assert state == session.state
        assert table.compact(state) == compact


def test_solver_and_session_agree_on_a_path_through_a_refusal() -> None:
    path = ["give", "configure"]
    session = play(RETHINK, *path)
    table = table_for(RETHINK)
    state, quality = table.start, 0
    for choice in path:
        edge = table.edge[(str(state[0]), choice)]
        state, quality = table.step(state, edge), quality + edge.quality
    total = score_session(RETHINK, session.state).total
    assert table.total(table.final_part(state), len(path), quality) == total
    best = solve(RETHINK).score
    assert sum(regrets(RETHINK, session.state.history)) == best - total


def test_the_solver_never_counts_a_refused_agreement_as_reached() -> None:
    solution = solve(FALLBACK)
    assert solution.path == ["ask", "configure"] and solution.ending == "deal"
    # yielding scores as the impasse it now is, not as the agreement it used to be
    assert regrets(FALLBACK, play(FALLBACK, "give").state.history)[0] > 0


def test_simulation_counts_refusals_and_never_ends_below_a_batna() -> None:
    result = simulate(FALLBACK, 200)
    assert result.refusals["deal"] > 0
    assert result.endings["deal"] + result.endings["stuck"] + result.endings["escalated"] == 200
    give_runs = result.choice_counts[("open", "give")]
    assert result.refusals["deal"] == give_runs


# --------------------------------------------------------------------------- saves and transcripts


def test_refused_by_round_trips_and_old_saves_without_it_still_load() -> None:
    state = play(RETHINK, "give").state
    again = SessionState.from_json(state.to_json())
    assert again == state and again.history[0].refused_by == ["tiny_dev"]
    old = json.loads(state.to_json())
    del old["history"][0]["refused_by"]
    loaded = SessionState.from_json(json.dumps(old))
    assert loaded.history[0].refused_by == []
    assert Session.restore(RETHINK, loaded).state.scene == "table"


def test_run_shows_the_refusal_and_json_records_it(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr("simulator.cli.scenario_arg.load_scenario", lambda ref, lang=None: RETHINK)
    assert main(["run", "rethink", "--choose", "give,configure"]) == 0
    out = capsys.readouterr().out
    assert "Dana Dev: Not a custom build, the product manager" in out
    assert "Refused by Dana Dev" in out
    assert main(["run", "rethink", "--choose", "give", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["moves"][0]["refused_by"] == ["tiny_dev"] and data["moves"][0]["to"] == "table"


def test_transcripts_record_who_refused() -> None:
    from simulator.classroom.transcript import Transcript, build_transcript

    transcript = build_transcript(play(FALLBACK, "give"))
    assert transcript.moves[0].refused_by == ["tiny_dev"] and transcript.ending == "stuck"
    again = adapter(Transcript).validate_json(json.dumps(to_data(transcript)))
    assert again.moves[0].refused_by == ["tiny_dev"]


# --------------------------------------------------------------------------- check


def check(
    pack: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], *flags: str
) -> tuple[int, list[str]]:
    monkeypatch.chdir(pack.parent)
    monkeypatch.setenv("YESABLE_PACKS", "")
    code = main(["check", *flags, pack.name])
    return code, capsys.readouterr().out.splitlines()


def test_check_reports_each_reachable_refusal_with_its_location(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out = check(DATA, monkeypatch, capsys, "--strict")
    assert code == 0  # advisory: a refusal is how a scenario teaches, so --strict does not fail it
    assert out[-1].endswith("0 errors, 2 warnings")
    assert out[0] == (
        "refusals/fallback.yaml:47:9: warning[agreement-below-batna]: agreement 'deal' can be reached "
        "with tiny_dev (Dana Dev) below their BATNA: the terms (feature: custom) are worth 10 to them "
        "against 50 for walking away, so they refuse and the session goes to 'stuck' instead; settle "
        "terms worth their BATNA to everyone on the paths to this ending, or point `refused` at a "
        "scene where the negotiation can go on"
    )
    assert out[1].startswith("refusals/rethink.yaml:48:9: warning[agreement-below-batna]")
    assert "goes to 'table' instead" in out[1]


def edited(tmp_path: Path, old: str, new: str) -> Path:
    pack = tmp_path / "refusals"
    shutil.copytree(DATA, pack)
    text = (pack / "rethink.yaml").read_text()
    assert old in text
    (pack / "rethink.yaml").write_text(text.replace(old, new))
    (pack / "fallback.yaml").unlink()
    return pack


def test_an_agreement_every_path_to_which_is_refused_is_said_so_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    pack = edited(
        tmp_path, "effects: {settle: {feature: config}}, next: deal", "effects: {settle: {feature: custom}}, next: deal"
    )
    _, out = check(pack, monkeypatch, capsys)
    assert "every path to it is refused" in out[0]
    assert not any("unreachable-ending" in line for line in out)
    assert any("no-agreement" in line for line in out)  # the scenario cannot be won any more


def test_a_scene_reached_only_through_a_refusal_is_reachable(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    pack = edited(tmp_path, "next: table}", "next: stuck}")  # `ask` no longer leads to the table
    _, out = check(pack, monkeypatch, capsys)
    assert not any("unreachable-scene" in line for line in out), out
    assert any("agreement-below-batna" in line for line in out)


@pytest.mark.parametrize(
    ("new", "expected"),
    [
        ("refused: tabel", "52:14: error[unknown-scene]: unknown scene or ending 'tabel'; did you mean 'table'?"),
        ("refused: deal", "52:14: error[refused-to-agreement]: a refused agreement cannot go to another agreement"),
    ],
)
def test_refused_is_checked_like_any_reference(
    new: str, expected: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    pack = edited(tmp_path, "refused: table", new)
    code, out = check(pack, monkeypatch, capsys)
    assert code == 1
    assert any(line.startswith(f"refusals/rethink.yaml:{expected}") for line in out), out


def test_refused_on_an_ending_that_is_not_an_agreement_is_a_warning(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    pack = edited(
        tmp_path, 'kind: impasse, text: "Nothing moved."}', 'kind: impasse, text: "Nothing moved.", refused: table}'
    )
    _, out = check(pack, monkeypatch, capsys)
    assert any("warning[unused-refused]: ending 'stuck' is an impasse, not an agreement" in line for line in out), out


# --------------------------------------------------------------------------- the rule itself


def scenario_with(**changes: object) -> Scenario:
    data = adapter(Scenario).dump_python(RETHINK.scenario)
    data.update(changes)
    return adapter(Scenario).validate_python(data)


def test_a_scenario_without_issues_never_refuses() -> None:
    bare = scenario_with(issues=[])
    assert party_value(bare, {}, "tiny_dev") is None
    assert refusers(bare, {}) == []
    assert refusal_target(bare, "deal") is None
    assert resolve(bare, {}, "deal") == ("deal", [])


TERMS = st.dictionaries(st.just("feature"), st.sampled_from(["custom", "config"]))


@given(TERMS, st.sampled_from(["deal", "stuck", "escalated", "table", "open"]))
def test_resolve_never_lands_on_an_agreement_below_someones_batna(terms: dict[str, str], to: str) -> None:
    scenario = RETHINK.scenario
    destination, who = resolve(scenario, terms, to)
    if scenario.is_ending(destination) and scenario.ending(destination).kind == "agreement":
        assert all(
            party_value(scenario, terms, m.persona) >= m.batna_value  # type: ignore[operator]
            for m in scenario.cast
        )
        assert who == []
    else:
        assert who == [] or destination == refusal_target(scenario, to)


@given(
    st.lists(st.sampled_from(["custom", "config", None]), min_size=1, unique=True),
    st.sampled_from(["custom", "config", None]),
    st.sampled_from(["player", "tiny_sales", "tiny_dev"]),
)
def test_value_bounds_enclose_every_combination(possible: list[str | None], pick: str | None, party: str) -> None:
    bounds = value_bounds(RETHINK.scenario, {"feature": possible}, party)
    assert bounds is not None
    if pick in possible:
        value = party_value(RETHINK.scenario, {"feature": pick}, party)
        assert value is not None and bounds[0] <= value <= bounds[1]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.integers(0, 10), max_size=8))
def test_every_random_game_of_the_test_pack_honours_every_batna(picks: list[int]) -> None:
    for loaded in (RETHINK, FALLBACK):
        session = Session.start(loaded)
        for pick in picks:
            if session.ended:
                break
            options = session.available()
            session.choose(options[pick % len(options)].id)
        ending = session.ending
        if ending is not None and ending.kind == "agreement":
            assert all(p.above_batna for p in score_session(loaded, session.state).parties[1:])


# --------------------------------------------------------------------------- every scenario

SCENARIOS = every_scenario()


def below_batna(loaded: LoadedScenario, settled: dict[str, str | None]) -> list[str]:
    """Cast members the terms leave below their BATNA, computed here from the values in the file."""
    scenario = loaded.scenario
    if not scenario.issues:
        return []
    out = []
    for member in scenario.cast:
        values = [
            next(o for o in i.options if o.id == settled[i.id]).values[member.persona] if settled.get(i.id) else 0
            for i in scenario.issues
        ]
        if sum(values) / len(values) < member.batna_value:
            out.append(member.persona)
    return out


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(SCENARIOS), st.lists(st.integers(0, 1_000), max_size=40), st.integers(0, 2**16))
def test_session_step_and_table_refuse_alike_and_no_agreement_is_below_a_batna(
    loaded: LoadedScenario, picks: list[int], seed: int
) -> None:
    scenario, table = loaded.scenario, table_for(loaded)
    session, state, compact = Session.start(loaded, seed=seed), initial_state(loaded, seed), table.start
    for pick in picks:
        options = session.available()
        if not options:
            break
        choice = options[pick % len(options)].id
        result = session.choose(choice)
        fast = advance(loaded, state, choice)
        edge = table.edge[(result.move.scene, choice)]
        before, compact = compact, table.step(compact, edge)
        assert fast == result.move
        assert compact[NODE] == result.move.to == (session.state.scene or session.state.ending)
        refused = table.refused_at(before, edge)
        assert (refused[1] if refused else ()) == tuple(result.move.refused_by)
        if refused is not None:
            assert scenario.ending(refused[0]).kind is EndingKind.AGREEMENT
            assert result.move.to == table.refusal[refused[0]][0]
            assert below_batna(loaded, dict(session.state.settled)) == result.move.refused_by
        if session.ended:
            break
    assert state == session.state and table.compact(state) == compact
    if session.ending is not None and session.ending.kind is EndingKind.AGREEMENT:
        assert below_batna(loaded, dict(session.state.settled)) == []


@pytest.mark.parametrize("loaded", bundled(), ids=[s.ref for s in bundled()])
def test_random_play_of_the_bundled_library_reaches_no_agreement_below_a_batna(loaded: LoadedScenario) -> None:
    """As `yesable simulate --runs 500` plays it (the compiled table, seeds 0-499)."""
    import random

    table = table_for(loaded)
    for run in range(500):
        choose, state, moves = random.Random(run).choice, table.start, 0
        while not table.is_ending(state) and moves < 500:
            moves += 1
            state = table.step(state, choose(table.offered(state, run)))
        ending = loaded.scenario.ending(str(state[NODE]))
        if ending.kind is EndingKind.AGREEMENT:
            assert below_batna(loaded, dict(zip(table.issues, state[SETTLED], strict=True))) == []


@pytest.mark.parametrize("loaded", SCENARIOS, ids=[s.ref for s in SCENARIOS])
def test_the_lint_search_stopping_early_finds_what_the_full_search_finds(loaded: LoadedScenario) -> None:
    from simulator.analysis.reach import Reach
    from simulator.analysis.refusals import refused_agreements

    assert refused_agreements(loaded, possible=Reach(loaded).refusals()) == refused_agreements(loaded)


def test_simulate_reports_refusals_in_text_and_json(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr("simulator.cli.scenario_arg.load_scenario", lambda ref, lang=None: FALLBACK)
    assert main(["simulate", "fallback", "--runs", "50"]) == 0
    text = capsys.readouterr().out
    assert "Agreements refused (a stakeholder below their BATNA):" in text
    assert "deal: A deal (agreement)" in text.split("Agreements refused", 1)[1]
    assert main(["simulate", "fallback", "--runs", "50", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["refusals"]["deal"] == simulate(FALLBACK, 50).refusals["deal"] > 0


def test_an_agreement_with_nowhere_to_go_when_refused_is_an_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    pack = edited(tmp_path, "    refused: table\n", "")
    text = (pack / "rethink.yaml").read_text()
    text = text.replace("kind: impasse", "kind: agreement").replace("kind: walkout", "kind: agreement")
    (pack / "rethink.yaml").write_text(text)
    code, out = check(pack, monkeypatch, capsys)
    assert code == 1
    assert any(
        line.startswith(
            "refusals/rethink.yaml:48:9: error[refused-to-agreement]: agreement 'deal' "
            "has nowhere to go when a stakeholder refuses it"
        )
        for line in out
    ), out
