"""Records to plain data and back without pydantic agree with pydantic, field for field.

Saves, compiled scenarios and transcripts are written by `to_data` and (for our own files) read by
`from_data`, so that playing never imports pydantic; these tests hold both to what pydantic itself
would write and read for the same records.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest
from classroom_kit import random_transcript
from engine_kit import mini_deal, play_picks
from hypothesis import given, settings
from hypothesis import strategies as st

from simulator.classroom.transcript import Transcript, dump_transcript, parse_transcript
from simulator.content.loader import load_library
from simulator.content.models import Branch, Choice, Condition, Persona, Scenario
from simulator.content.records import adapter, from_data, to_data
from simulator.engine import SessionState

LOADED = mini_deal()
BUNDLED = list(load_library(include_user=False).scenarios())


@pytest.mark.parametrize("loaded", BUNDLED, ids=lambda s: s.ref)
def test_bundled_scenarios_round_trip_and_match_pydantics_dump(loaded) -> None:  # type: ignore[no-untyped-def]
    data = to_data(loaded.scenario)
    assert data == adapter(Scenario).dump_python(loaded.scenario, mode="json")
    assert from_data(Scenario, json.loads(json.dumps(data))) == loaded.scenario
    for persona in loaded.personas.values():
        assert from_data(Persona, json.loads(json.dumps(to_data(persona)))) == persona


@settings(max_examples=60, deadline=None)
@given(st.lists(st.integers(0, 50), max_size=30), st.integers(0, 2**31))
def test_session_state_json_is_pydantics_and_reads_back_either_way(picks: list[int], seed: int) -> None:
    state = play_picks(LOADED, picks, seed).state
    text = state.to_json()
    assert json.loads(text) == adapter(SessionState).dump_python(state, mode="json")
    assert SessionState.from_json(text) == state  # validated, as a save is read
    assert from_data(SessionState, json.loads(text)) == state


@settings(max_examples=25, deadline=None)
@given(st.integers(0, 10_000), st.integers(0, 999_999))
def test_transcript_json_is_pydantics_including_times(seed: int, micros: int) -> None:
    t = random_transcript(seed, "otter")
    t.finished_at = datetime(2026, 11, 25, 9, 30, tzinfo=UTC) + timedelta(microseconds=micros)
    text = dump_transcript(t)
    assert json.loads(text) == adapter(Transcript).dump_python(t, mode="json")
    assert parse_transcript(text) == t


def test_union_of_id_and_branches_rebuilds_the_right_member() -> None:
    plain = next(c for s in LOADED.scenario.scenes for c in s.choices if isinstance(c.next, str))
    assert from_data(Choice, to_data(plain)) == plain
    branched = {**to_data(plain), "next": [{"to": "x", "if_": {"flags": ["f"]}}]}
    assert from_data(Choice, branched).next == [Branch(to="x", if_=Condition(flags=["f"]))]


@pytest.mark.parametrize(
    "change",
    [
        {"unknown": 1},  # a key the record does not have
        {"style": "bullying"},  # not a conflict style
        {"principles": "interests"},  # text where a list belongs
        {"override": 1},  # a number where true/false belongs
        {"next": 3},  # neither a scene id nor branches
    ],
)
def test_data_that_does_not_fit_the_record_raises_instead_of_building(change: dict[str, object]) -> None:
    choice = LOADED.scenario.scenes[0].choices[0]
    with pytest.raises((TypeError, ValueError)):
        from_data(Choice, {**to_data(choice), **change})
