"""What the debrief teaches beyond scores: the ZOPA, the next scenario, the author's notes, the
better move and the move that would have surfaced a missed interest, in `run` text and JSON."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest
from engine_kit import mini_deal

from simulator.cli.main import main
from simulator.engine import Move, Session
from simulator.scoring import score_session
from simulator.scoring.next_step import Candidate, suggest_next, weakest_area
from simulator.scoring.zopa import MAX_PACKAGES, zopa

LOADED = mini_deal()
NAMES = {pid: p.name for pid, p in LOADED.personas.items()}
RELEASE = "critical_supporters/release_scope"


def played(*choices: str) -> Session:
    session = Session.start(LOADED)
    for choice in choices:
        session.choose(choice)
    return session


def test_the_zopa_counts_packages_that_leave_every_party_at_or_above_its_batna() -> None:
    # player BATNA 40, rae 30, ike 50: custom leaves the player at 10, nothing leaves rae at 0
    z = zopa(LOADED.scenario, NAMES, None)
    assert z is not None
    assert [(r.party, r.value) for r in z.reservations] == [("player", 40), ("rae", 30), ("ike", 50)]
    assert (z.inside, z.packages) == (1, 3)
    assert z.best == {"feature": "config"} and z.best_inside and z.best_joint == 220
    assert z.agreement_inside is None


def test_the_agreement_reached_is_placed_inside_or_outside_the_zopa() -> None:
    debrief = score_session(LOADED, played("ask", "split").state)
    z = zopa(LOADED.scenario, NAMES, debrief.agreement or None)
    assert z is not None and z.agreement_inside is True
    refused = score_session(LOADED, played("give").state)  # below a BATNA: refused, no agreement
    assert not refused.agreement
    z = zopa(LOADED.scenario, NAMES, refused.agreement or None)
    assert z is not None and z.agreement_inside is None
    outside = zopa(LOADED.scenario, NAMES, {"feature": "custom"})
    assert outside is not None and outside.agreement_inside is False


def test_too_many_packages_are_not_enumerated() -> None:
    issue = LOADED.scenario.issues[0]
    many = [replace(issue, id=f"i{n}") for n in range(10)]  # 3**10 = 59,049 packages
    z = zopa(replace(LOADED.scenario, issues=many), NAMES, None)
    assert z is not None and z.packages == 3**10 > MAX_PACKAGES
    assert z.inside is None and z.best_inside is None
    assert set(z.best.values()) == {"config"}  # still the best joint package over all


def move(**tags: object) -> Move:
    from simulator.content.records import adapter

    base: dict[str, object] = {"step": 0, "scene": "s", "choice": "c", "style": "integrating", "fits": True, "to": "t"}
    return adapter(Move).validate_python(base | tags)


LIBRARY = [
    Candidate("p/here", "Here", "practitioner", ("EO2.4", "EO5")),
    Candidate("p/intro", "Intro", "introductory", ("EO2.3",)),
    Candidate("p/same_power", "Same power", "practitioner", ("EO2.2",)),
    Candidate("p/same_conflict", "Same conflict", "practitioner", ("EO2.3", "EO5")),
    Candidate("p/hard_conflict", "Hard conflict", "expert", ("EO2.3",)),
]


def test_the_weakest_area_is_the_principle_broken_most_then_styles_then_power() -> None:
    assert weakest_area([move(violates=["criteria"]), move(violates=["people"]), move(violates=["people"])]) == (
        "people",
        "you broke `people` 2 times",
    )
    assert weakest_area([move(fits=False)])[0] == "styles"  # type: ignore[index]
    assert weakest_area([move(power="coercive")])[0] == "power"  # type: ignore[index]
    assert weakest_area([move()]) is None


def test_the_next_scenario_practises_the_weakest_area_at_the_same_or_next_level() -> None:
    here = LIBRARY[0]
    people = [move(violates=["people"])]
    low = suggest_next(here, people, 40, LIBRARY)
    assert low is not None and low.ref == "p/same_conflict"  # EO2.3, same level after a weak score
    assert "you broke `people` once" in low.why and "EO2.3" in low.why
    high = suggest_next(here, people, 85, LIBRARY)
    assert high is not None and high.ref == "p/hard_conflict"  # a strong score moves up a level
    mastered = suggest_next(here, people, 40, LIBRARY, {"p/same_conflict": 90})
    assert mastered is not None and mastered.ref == "p/hard_conflict"
    power = suggest_next(here, [move(power="coercive")], 40, LIBRARY)
    assert power is not None and power.ref == "p/same_power"
    assert suggest_next(here, people, 40, [here]) is None
    assert all(s.ref != "p/intro" for s in (low, high, mastered, power))  # never a level down


@pytest.fixture(scope="module")
def release_json() -> dict[str, object]:
    import contextlib
    import io

    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert main(["run", RELEASE, "--choose", "call_out_drift,restate_commitment,press_harder", "--json"]) == 0
    data: dict[str, object] = json.loads(out.getvalue())
    return data


def test_run_json_carries_labels_notes_better_moves_hints_zopa_and_next(release_json: dict) -> None:  # type: ignore[type-arg]
    from simulator.classroom.installed import find_scenario

    loaded = find_scenario(RELEASE)
    feedback = {(s.id, c.id): c.feedback for s in loaded.scenario.scenes for c in s.choices}
    assert release_json["label_basis"] == "regret"
    for m in release_json["moves"]:
        assert m["label"] in {"best", "good", "inaccuracy", "mistake", "blunder"}
        assert m["grade"] in {"good", "inaccuracy", "mistake", "blunder"}
        assert m["note"] == feedback[(m["scene"], m["choice"])]
        assert (m["better"] is None) == (m["regret"] == 0)
        if m["violates"]:
            assert m["label"] not in {"best", "good"}
    zopa_json = release_json["zopa"]
    assert zopa_json["packages"] >= zopa_json["inside"] >= 0
    assert zopa_json["reservations"][0]["party"] == "player"
    missed = release_json["hidden_missed"]
    assert [h["interest"] for h in release_json["missed_hints"]] == missed
    assert all(h["text"] and h["scene_title"] for h in release_json["missed_hints"])
    nxt = release_json["next_scenario"]
    assert nxt is None or (nxt["ref"] != RELEASE and nxt["why"])


def test_run_text_shows_each_note_right_after_its_move(capsys) -> None:  # type: ignore[no-untyped-def]
    from simulator.classroom.installed import find_scenario

    loaded = find_scenario(RELEASE)
    choice = next(c for c in loaded.scenario.scene(loaded.scenario.start).choices if c.id == "call_out_drift")
    assert main(["run", RELEASE, "--choose", "call_out_drift"]) == 0
    out = capsys.readouterr().out
    after = out.split("> You (", 1)[1].split("\n", 2)[1]  # the line after the move
    assert after.lstrip().startswith("[") and " ".join((choice.feedback or "").split()[:5]) in after
    assert "Better here (+" in out and "Reservation values" in out
