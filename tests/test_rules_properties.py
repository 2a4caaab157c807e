"""The rules of a move (engine.rules) against everything derived from them, on generated scenarios.

Hypothesis writes small random scenarios: one to three stakeholders with their own patience,
hidden interests (the persona's and the scenario's), `responds_to` modifiers and BATNA values;
issues whose options each party values differently; scenes with choices that address some of
those present, probe or not, invoke power, override the generic reaction, script meter changes,
reveals, flags and settlements, reply, and branch on conditions; agreement endings that
stakeholders refuse below their BATNA and send back to a scene or to another ending. Random
games are then played move by move, and after every move:

- the session (what a player drives), the rules' own `advance` and the compiled table
  (analysis.table) are in the same state, with the same choices offered in the same order;
- the move went where the reachability analysis (analysis.reach) said it might, from a state
  inside the abstract state it computed, revealing only what it said might come out, walking out
  only where it said someone's trust may drop, refusing what the table says is refused;
- the move is a transition of the scene graph generated from the rules (engine.flow), which then
  stands where the session does;

and at the end the table's score is the debrief's.
"""

from __future__ import annotations

import random
from typing import Any

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from rules_kit import contains, loaded_from

from simulator.analysis.reach import Reach
from simulator.analysis.table import table_for
from simulator.content.problems import FileProblems
from simulator.content.references import check_scenario
from simulator.engine.flow import FlowModel, build_machine, trigger_name
from simulator.engine.rules import advance, plans
from simulator.engine.session import Session, initial_state
from simulator.scoring import score_session

CAST = ["ra", "rb", "rc"]
STYLES = ["integrating", "obliging", "dominating", "avoiding", "compromising"]
PRINCIPLES = ["people", "interests", "options", "criteria", "batna"]
POWERS = ["referent", "expert", "informational", "legitimate", "reward", "coercive"]
FLAGS = ["f0", "f1"]
KINDS = ["agreement", "impasse", "escalation", "walkout"]
GAMES, MOVES = 6, 30


def small(draw: st.DrawFn, odds: int) -> bool:
    """True one time in `odds`."""
    return draw(st.integers(0, odds - 1)) == 0


@st.composite
def personas(draw: st.DrawFn, cast: list[str]) -> list[dict[str, Any]]:
    out = []
    for pid in cast:
        hidden = draw(st.lists(st.integers(0, 100), max_size=2))
        out.append(
            {
                "id": pid,
                "name": pid.title(),
                "title": "Stakeholder",
                "function": "sales",
                "quadrant": "outlier",
                "kpis": ["Numbers"],
                "style": "dominating",
                "power": {
                    p: draw(st.integers(0, 5)) for p in draw(st.lists(st.sampled_from(POWERS), max_size=3, unique=True))
                },
                "patience": draw(st.integers(1, 5)),
                "interests": [
                    {"id": f"p{k}", "text": "Something.", "hidden": True, "reveal_trust": t}
                    for k, t in enumerate(hidden)
                ],
                "responds_to": {
                    "styles": {
                        s: draw(st.integers(-10, 10))
                        for s in draw(st.lists(st.sampled_from(STYLES), max_size=2, unique=True))
                    },
                    "power": {
                        p: draw(st.integers(-10, 10))
                        for p in draw(st.lists(st.sampled_from(POWERS), max_size=2, unique=True))
                    },
                    "principles": {
                        p: draw(st.integers(-10, 10))
                        for p in draw(st.lists(st.sampled_from(PRINCIPLES), max_size=2, unique=True))
                    },
                },
                "voice": {
                    m: [f"{m} {{{{ name }}}} at {{{{ trust }}}}."]
                    for m in ("warm", "neutral", "guarded", "hostile", "walkout")
                },
            }
        )
    return out


@st.composite
def condition(draw: st.DrawFn, world: dict[str, Any], depth: int = 0) -> dict[str, Any]:
    cond: dict[str, Any] = {}
    pools = (
        ("flags", FLAGS),
        ("not_flags", FLAGS),
        ("revealed", world["interests"]),
        ("not_revealed", world["interests"]),
        ("chosen", world["choices"]),
        ("not_chosen", world["choices"]),
        ("visited", world["scenes"]),
        ("unsettled", world["issues"]),
    )
    for key, pool in pools:
        if pool and small(draw, 5):
            cond[key] = draw(st.lists(st.sampled_from(pool), min_size=1, max_size=2, unique=True))
    for key in ("trust_at_least", "trust_below", "satisfaction_at_least", "satisfaction_below"):
        if small(draw, 5):
            cond[key] = {draw(st.sampled_from(world["cast"])): draw(st.integers(0, 100))}
    if world["options"] and small(draw, 5):
        issue = draw(st.sampled_from(world["issues"]))
        cond["settled"] = {issue: draw(st.sampled_from(world["options"][issue]))}
    if depth == 0 and small(draw, 6):
        cond["any"] = draw(st.lists(condition(world, 1), min_size=1, max_size=2))
    return cond


@st.composite
def effects(draw: st.DrawFn, world: dict[str, Any]) -> dict[str, Any]:
    eff: dict[str, Any] = {}
    for key in ("trust", "satisfaction"):
        if small(draw, 3):
            who = draw(st.lists(st.sampled_from(world["cast"]), min_size=1, max_size=2, unique=True))
            eff[key] = {p: draw(st.integers(-40, 40)) for p in who}
    if world["interests"] and small(draw, 4):
        eff["reveal"] = draw(st.lists(st.sampled_from(world["interests"]), min_size=1, max_size=2))
    for key in ("set", "clear"):
        if small(draw, 3):
            eff[key] = draw(st.lists(st.sampled_from(FLAGS), min_size=1, max_size=2, unique=True))
    if world["options"] and small(draw, 2):
        eff["settle"] = {
            i: draw(st.sampled_from(world["options"][i]))
            for i in draw(st.lists(st.sampled_from(world["issues"]), min_size=1, unique=True))
        }
    return eff


@st.composite
def choice(draw: st.DrawFn, world: dict[str, Any], cid: str, present: list[str]) -> dict[str, Any]:
    out: dict[str, Any] = {
        "id": cid,
        "text": "Say it to {{ cast.ra }}.",
        "style": draw(st.sampled_from(STYLES)),
        "principles": draw(st.lists(st.sampled_from(PRINCIPLES), max_size=2, unique=True)),
        "violates": draw(st.lists(st.sampled_from(PRINCIPLES), max_size=1)),
        "override": small(draw, 3),
        "effects": draw(effects(world)),
    }
    if small(draw, 3):
        out["power"] = draw(st.sampled_from(POWERS))
    if small(draw, 2):
        out["to"] = draw(st.lists(st.sampled_from(present), min_size=1, max_size=len(present), unique=True))
    if small(draw, 3):
        out["probe"] = draw(st.booleans())
    addressed = out.get("to", present)
    replies = draw(st.lists(st.sampled_from(addressed), max_size=2, unique=True))
    if replies:
        out["reply"] = {who: "Answer, {{ mood }}." for who in replies}
    if small(draw, 2):
        out["if"] = draw(condition(world))
    targets = world["scenes"] + world["endings"]
    if small(draw, 2):
        out["next"] = draw(st.sampled_from(targets))
    else:
        out["next"] = [
            {"to": draw(st.sampled_from(targets)), "if": draw(condition(world))} for _ in range(draw(st.integers(0, 2)))
        ] + [{"to": draw(st.sampled_from(targets))}]
    return out


@st.composite
def scenario(draw: st.DrawFn) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    cast = CAST[: draw(st.integers(1, 3))]
    people = draw(personas(cast))
    n = draw(st.integers(1, 5))
    counts = [draw(st.integers(1, 3)) for _ in range(n)]
    scenes = [f"s{i}" for i in range(n)]
    kinds = ["agreement", *draw(st.lists(st.sampled_from(KINDS), max_size=2))]
    endings = [{"id": f"e{k}", "title": f"End {k}", "kind": kind, "text": "Over."} for k, kind in enumerate(kinds)]
    others = [e["id"] for e in endings if e["kind"] != "agreement"]
    for ending in endings:  # a refusal goes back to a scene or to another ending (default: impasse)
        if ending["kind"] == "agreement" and ("impasse" not in kinds or draw(st.booleans())):
            ending["refused"] = draw(st.sampled_from(scenes + others))
    issues = [
        {
            "id": f"i{k}",
            "title": f"Issue {k}",
            "options": [
                {
                    "id": f"o{j}",
                    "title": f"Option {j}",
                    "values": {p: draw(st.integers(0, 100)) for p in ["player", *cast]},
                }
                for j in range(draw(st.integers(2, 3)))
            ],
        }
        for k in range(draw(st.integers(0, 2)))
    ]
    members = []
    for pid in cast:
        member: dict[str, Any] = {
            "persona": pid,
            "position": "No.",
            "batna": "Escalate.",
            "batna_value": draw(st.integers(0, 80)),
            "trust": draw(st.integers(0, 100)),
            "satisfaction": draw(st.integers(0, 100)),
        }
        if small(draw, 3):
            member["patience"] = draw(st.integers(1, 4))
        if small(draw, 3):
            member["interests"] = [
                {
                    "id": "s0",
                    "text": "Scenario.",
                    "hidden": True,
                    "reveal_trust": draw(st.integers(0, 100)),
                }
            ]
        if small(draw, 3):
            member["refusal"] = "Not at {{ trust }}."
        members.append(member)
    world = {
        "cast": cast,
        "scenes": scenes,
        "endings": [e["id"] for e in endings],
        "issues": [i["id"] for i in issues],
        "options": {i["id"]: [o["id"] for o in i["options"]] for i in issues},
        "interests": [f"{p['id']}.{i['id']}" for p in people for i in p["interests"]]
        + [f"{m['persona']}.s0" for m in members if "interests" in m],
        "choices": [f"c{i}_{j}" for i in range(n) for j in range(counts[i])],
    }
    scene_list = []
    for i, sid in enumerate(scenes):
        present = draw(st.lists(st.sampled_from(cast), min_size=1, max_size=len(cast), unique=True))
        scene_list.append(
            {
                "id": sid,
                "present": present,
                "narration": "{{ player }} at {{ flags | length }} flags.",
                "lines": [
                    {
                        "speaker": present[0],
                        "text": "Yes, {{ name }}.",
                        "if": draw(condition(world)),
                    }
                ],
                "fits": draw(st.lists(st.sampled_from(STYLES), min_size=1, max_size=2, unique=True)),
                "choices": [draw(choice(world, f"c{i}_{j}", present)) for j in range(draw(st.integers(1, 3)))],
            }
        )
    data = {
        "id": "gen",
        "title": "Generated",
        "summary": "A generated scenario.",
        "objectives": ["EO7"],
        "difficulty": "introductory",
        "minutes": 5,
        "player": {
            "role": "the PM",
            "goals": ["Win"],
            "interests": ["Fit"],
            "batna": "Wait.",
            "batna_value": draw(st.integers(0, 100)),
        },
        "cast": members,
        "issues": issues,
        "start": "s0",
        "scenes": scene_list,
        "endings": endings,
    }
    if small(draw, 3):
        data["walkout"] = draw(st.sampled_from(world["endings"]))
    return data, people


def valid(data: dict[str, Any], people: list[dict[str, Any]]) -> bool:
    """Whether the reference checks pass (`chosen` may name a choice id a scene did not get, a
    `walkout` may be an agreement with nowhere to go when refused)."""
    from simulator.content.models import Persona, Scenario
    from simulator.content.records import adapter

    report = FileProblems("gen.yaml")
    check_scenario(
        adapter(Scenario).validate_python(data),
        {p["id"]: adapter(Persona).validate_python(p) for p in people},
        report,
    )
    return not report.problems


@settings(
    max_examples=100,
    deadline=None,
    suppress_health_check=[
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
        HealthCheck.filter_too_much,
    ],
)
@given(scenario(), st.integers(0, 2**32 - 1))
def test_session_table_and_reach_agree_move_by_move(
    generated: tuple[dict[str, Any], list[dict[str, Any]]], seed: int
) -> None:
    assume(valid(*generated))
    loaded = loaded_from(*generated)
    table, reach, machine = (
        table_for(loaded),
        Reach(loaded),
        build_machine(loaded.scenario, plans(loaded)),
    )
    rng = random.Random(seed)
    for game in range(GAMES):
        session, flow = Session.start(loaded, seed=game), FlowModel()
        machine.add_model(flow, initial=loaded.scenario.start)
        state, compact, quality = initial_state(loaded, game), table.start, 0
        session.opening()
        for _ in range(MOVES):
            scene = session.state.scene
            assert scene is not None and scene in reach.states, f"reached {scene}, called unreachable"
            assert contains(reach.states[scene], session.state), scene
            offered = session.available()
            assert [e.choice for e in table.offered(compact, game)] == [c.id for c in offered]
            assert all(reach.outcomes[(scene, c.id)].available is not None for c in offered)
            if not offered:
                break
            picked = rng.choice(offered)
            outcome = reach.outcomes[(scene, picked.id)]
            edge = table.edge[(scene, picked.id)]
            before = compact
            result = session.choose(picked.id)
            move = result.move
            assert advance(loaded, state, picked.id) == move and state == session.state
            compact, quality = table.step(compact, edge), quality + edge.quality
            assert table.compact(session.state) == compact
            refused = table.refused_at(before, edge)
            assert (refused[1] if refused else ()) == tuple(move.refused_by)
            assert set(move.revealed) <= outcome.may_reveal
            assert not move.walked_out or outcome.strike
            assert move.to in reach.edges()[scene]
            assert flow.trigger(trigger_name(picked.id, move.to)) and flow.state == move.to
            if session.ended:
                assert session.state.ending in reach.reachable_endings()
                break
        debrief = score_session(loaded, session.state)
        played = len(session.state.history)
        assert table.total(table.final_part(compact), played, quality) == debrief.total
        machine.remove_model(flow)
