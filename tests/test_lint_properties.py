"""Graph lint against generated packs.

- Random scenario graphs (random conditions, effects, branches, meters): random play never does
  anything the analysis calls impossible, and every state it reaches lies inside the abstract
  state the analysis computed for that scene (the soundness the lint's "never" rests on).
- Graphs valid by construction: `check --strict` is clean.
- The same graphs broken in known ways (a dangling reference, an unreachable scene, a never-true
  condition, an unknown template name): the expected code appears at the right line.

Strategies are written out (`st.builds` ignores `Field(pattern=...)`).
"""

from __future__ import annotations

import copy
import random
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rules_kit import contains, loaded_from

from simulator.analysis.checks import persona_checks, scenario_checks
from simulator.analysis.lint import LINT_CODES, lint_scenario
from simulator.analysis.reach import Reach
from simulator.analysis.table import table_for
from simulator.content.loader import Checks, Personas, load_pack
from simulator.content.problems import FileProblems
from simulator.engine.agreement import resolve
from simulator.engine.conditions import compile_condition
from simulator.engine.reactions import apply_choice
from simulator.engine.rules import advance
from simulator.engine.session import Session, available_choices, initial_state

CAST = ["zz_alpha", "zz_beta"]
STYLES = ["integrating", "obliging", "dominating", "avoiding", "compromising"]
PRINCIPLES = ["people", "interests", "options", "criteria", "batna"]
FLAGS = ["f0", "f1", "f2"]
KINDS = ["agreement", "impasse", "escalation", "walkout"]
SLOW = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large]
)


def persona(pid: str, hidden: list[int], patience: int) -> dict[str, Any]:
    return {
        "id": pid,
        "name": pid.title(),
        "title": "Stakeholder",
        "function": "sales",
        "quadrant": "outlier",
        "kpis": ["Numbers"],
        "power": {"legitimate": 2},
        "style": "dominating",
        "patience": patience,
        "interests": [
            {"id": f"i{k}", "text": "Something.", "hidden": True, "reveal_trust": t} for k, t in enumerate(hidden)
        ],
        "voice": {m: ["Hm."] for m in ("warm", "neutral", "guarded", "hostile", "walkout")},
    }


def scenario_shell(
    scenes: list[dict[str, Any]], endings: list[dict[str, Any]], trust: list[int], batna: int = 30
) -> dict[str, Any]:
    """A scenario around `scenes`; each cast member's BATNA is worth `batna` (with 0 nobody ever
    refuses an agreement: engine.agreement)."""
    return {
        "id": "gen",
        "title": "Generated",
        "summary": "A generated scenario.",
        "objectives": ["EO7"],
        "difficulty": "introductory",
        "minutes": 5,
        "player": {"role": "the PM", "goals": ["Win"], "interests": ["Fit"], "batna": "Wait.", "batna_value": 40},
        "cast": [
            {"persona": pid, "position": "No.", "batna": "Escalate.", "batna_value": batna, "trust": t}
            for pid, t in zip(CAST, trust, strict=True)
        ],
        "issues": [
            {
                "id": "deal",
                "title": "The deal",
                "options": [
                    {"id": "a", "title": "A", "values": {"player": 60, **{p: 50 for p in CAST}}},
                    {"id": "b", "title": "B", "values": {"player": 40, **{p: 70 for p in CAST}}},
                ],
            }
        ],
        "start": "s0",
        "scenes": scenes,
        "endings": endings,
    }


def endings_of(kinds: list[str]) -> list[dict[str, Any]]:
    return [{"id": f"e{k}", "title": f"End {k}", "kind": kind, "text": "Over."} for k, kind in enumerate(kinds)]


# --------------------------------------------------------------------------- random graphs


@st.composite
def conditions(draw: st.DrawFn, choice_ids: list[str], scene_ids: list[str], depth: int = 0) -> dict[str, Any]:
    cond: dict[str, Any] = {}
    interests = [f"{p}.i{k}" for p in CAST for k in range(2)]
    for key, pool in (
        ("flags", FLAGS),
        ("not_flags", FLAGS),
        ("revealed", interests),
        ("not_revealed", interests),
        ("chosen", choice_ids),
        ("not_chosen", choice_ids),
        ("visited", scene_ids),
        ("unsettled", ["deal"]),
    ):
        if draw(st.integers(0, 5)) == 0:
            cond[key] = draw(st.lists(st.sampled_from(pool), min_size=1, max_size=2, unique=True))
    for key in ("trust_at_least", "trust_below", "satisfaction_at_least"):
        if draw(st.integers(0, 5)) == 0:
            cond[key] = {draw(st.sampled_from(CAST)): draw(st.integers(0, 100))}
    if draw(st.integers(0, 6)) == 0:
        cond["settled"] = {"deal": draw(st.sampled_from(["a", "b"]))}
    if depth == 0 and draw(st.integers(0, 7)) == 0:
        cond["any"] = draw(st.lists(conditions(choice_ids, scene_ids, 1), min_size=1, max_size=2))
    return cond


@st.composite
def effects(draw: st.DrawFn) -> dict[str, Any]:
    eff: dict[str, Any] = {}
    if draw(st.booleans()):
        eff["set"] = draw(st.lists(st.sampled_from(FLAGS), min_size=1, max_size=2, unique=True))
    if draw(st.integers(0, 3)) == 0:
        eff["clear"] = draw(st.lists(st.sampled_from(FLAGS), min_size=1, max_size=2, unique=True))
    if draw(st.integers(0, 2)) == 0:
        eff["trust"] = {draw(st.sampled_from(CAST)): draw(st.integers(-30, 30))}
    if draw(st.integers(0, 3)) == 0:
        eff["satisfaction"] = {draw(st.sampled_from(CAST)): draw(st.integers(-30, 30))}
    if draw(st.integers(0, 4)) == 0:
        eff["reveal"] = [f"{draw(st.sampled_from(CAST))}.i{draw(st.integers(0, 1))}"]
    if draw(st.integers(0, 3)) == 0:
        eff["settle"] = {"deal": draw(st.sampled_from(["a", "b"]))}
    return eff


@st.composite
def random_scenario(draw: st.DrawFn) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    n = draw(st.integers(1, 5))
    kinds = draw(st.lists(st.sampled_from(KINDS), min_size=1, max_size=3))
    endings = endings_of(kinds)
    scene_ids = [f"s{i}" for i in range(n)]
    targets = scene_ids + [e["id"] for e in endings]
    others = [e["id"] for e in endings if e["kind"] != "agreement"]
    for ending in endings:  # where a refused agreement goes: a scene or, by default, the impasse
        if ending["kind"] == "agreement" and (not others or draw(st.booleans())):
            ending["refused"] = draw(st.sampled_from(scene_ids + others))
    counts = [draw(st.integers(1, 3)) for _ in range(n)]
    choice_ids = [f"c{i}_{j}" for i in range(n) for j in range(counts[i])]
    scenes = []
    for i, sid in enumerate(scene_ids):
        present = draw(st.lists(st.sampled_from(CAST), min_size=1, max_size=2, unique=True))
        choices = []
        for j in range(counts[i]):
            choice: dict[str, Any] = {
                "id": f"c{i}_{j}",
                "text": "Say.",
                "style": draw(st.sampled_from(STYLES)),
                "principles": draw(st.lists(st.sampled_from(PRINCIPLES), max_size=2, unique=True)),
                "violates": draw(st.lists(st.sampled_from(PRINCIPLES), max_size=1)),
                "override": draw(st.booleans()),
                "effects": draw(effects()),
            }
            if draw(st.booleans()):
                choice["if"] = draw(conditions(choice_ids, scene_ids))
            if draw(st.booleans()):
                choice["next"] = draw(st.sampled_from(targets))
            else:
                k = draw(st.integers(1, 3))
                branches: list[dict[str, Any]] = [
                    {"to": draw(st.sampled_from(targets)), "if": draw(conditions(choice_ids, scene_ids))}
                    for _ in range(k - 1)
                ]
                choice["next"] = [*branches, {"to": draw(st.sampled_from(targets))}]
            choices.append(choice)
        scenes.append(
            {
                "id": sid,
                "present": present,
                "fits": draw(st.lists(st.sampled_from(STYLES), min_size=1, max_size=2, unique=True)),
                "choices": choices,
            }
        )
    trust = [draw(st.integers(0, 100)) for _ in CAST]
    personas = [
        persona(pid, draw(st.lists(st.integers(0, 100), min_size=2, max_size=2)), draw(st.integers(1, 6)))
        for pid in CAST
    ]
    return scenario_shell(scenes, endings, trust), personas


@SLOW
@given(random_scenario(), st.integers(0, 2**32 - 1))
def test_random_play_never_contradicts_the_analysis(
    generated: tuple[dict[str, Any], list[dict[str, Any]]], seed: int
) -> None:
    loaded = loaded_from(*generated)
    reach = Reach(loaded)
    report = FileProblems("gen.yaml")
    lint_scenario(loaded, report)  # never raises, whatever the graph
    assert {p.code for p in report.problems} <= set(LINT_CODES)
    rng = random.Random(seed)
    scenario = loaded.scenario
    walkout = scenario.walkout_ending.id
    table = table_for(loaded)
    for _ in range(8):
        state = initial_state(loaded)
        session, compact = Session.start(loaded), table.start
        for _ in range(25):
            assert state.scene in reach.states, f"reached {state.scene}, called unreachable"
            assert contains(reach.states[state.scene], state), state.scene
            offered = available_choices(loaded, state)
            for choice in offered:
                assert reach.outcomes[(state.scene, choice.id)].available is not None, choice.id
            if not offered:
                break
            choice = rng.choice(offered)
            outcome = reach.outcomes[(state.scene, choice.id)]
            assert outcome.available is not None and contains(outcome.available, state)
            probe = copy.deepcopy(state)
            apply_choice(scenario, loaded.personas, probe, choice)
            taken = next((k for k, b in enumerate(choice.branches) if compile_condition(b.if_)(probe)), None)
            scene = state.scene
            move = advance(loaded, state, choice.id)
            # the session (through `transitions`) and the compiled table play it the same way,
            # BATNA refusals included (engine.agreement)
            assert session.choose(choice.id).move == move and session.state == state
            before, compact = compact, table.step(compact, table.edge[(scene, choice.id)])
            assert table.compact(state) == compact
            refused = table.refused_at(before, table.edge[(scene, choice.id)])
            assert (refused[1] if refused else ()) == tuple(move.refused_by)
            for ref in move.revealed:
                assert ref in outcome.may_reveal, ref
            if move.walked_out:  # to the walkout ending, or where it goes if it is an agreement someone refuses
                assert outcome.strike and move.to == resolve(scenario, probe.settled, walkout)[0]
            else:
                assert taken is not None
                assert outcome.branches[taken][1] is not None, f"branch {taken} of {choice.id} taken"
                assert move.to in reach.edges()[scene]
            if state.ended:
                assert state.ending in reach.reachable_endings()
                break


# --------------------------------------------------------------------------- valid graphs


@st.composite
def valid_scenario(draw: st.DrawFn) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """Every scene reachable (a spanning tree from s0), every scene with an unconditional way
    forward, every ending led to, conditions that some path satisfies, probes for every interest."""
    n = draw(st.integers(1, 6))
    kinds = ["agreement", *draw(st.lists(st.sampled_from(KINDS), max_size=2))]
    endings = endings_of(kinds)
    scene_ids = [f"s{i}" for i in range(n)]
    parents = [draw(st.integers(0, i - 1)) for i in range(1, n)]
    choices: list[list[dict[str, Any]]] = [[] for _ in range(n)]

    def add(i: int, nxt: str, **extra: Any) -> dict[str, Any]:
        choice = {
            "id": f"c{i}_{len(choices[i])}",
            "text": "Say.",
            "style": draw(st.sampled_from(STYLES)),
            "next": nxt,
            **extra,
        }
        choices[i].append(choice)
        return choice

    add(0, scene_ids[1] if n > 1 else endings[0]["id"], principles=["interests"])  # probes everyone
    for child, parent in enumerate(parents, start=1):
        if not (parent == 0 and child == 1):
            add(parent, scene_ids[child], effects={"set": [f"g{child}"]})
        else:
            choices[0][0]["effects"] = {"set": ["g1"]}
    for i in range(n):
        forward = scene_ids[i + 1] if i + 1 < n else endings[0]["id"]
        if not any(c["next"] == forward for c in choices[i]):
            add(i, forward)
    for ending in endings:
        add(draw(st.integers(0, n - 1)), ending["id"])
    for i in range(n):
        for _ in range(draw(st.integers(0, 2))):
            own = f"c{i}_{len(choices[i])}"
            cond = {"flags": [f"g{i}"]} if i > 0 and draw(st.booleans()) else {"not_chosen": [own]}
            add(i, draw(st.sampled_from(scene_ids + [e["id"] for e in endings])), **{"if": cond})
    scenes = [
        {
            "id": sid,
            "title": f"Scene {i}",
            "present": list(CAST),
            "narration": "{{ cast.zz_alpha }} waits.",
            "fits": ["integrating"],
            "choices": choices[i],
        }
        for i, sid in enumerate(scene_ids)
    ]
    personas = [persona(pid, [0], 10) for pid in CAST]
    return scenario_shell(scenes, endings, [50, 50], batna=0), personas


def write_pack(folder: Path, data: dict[str, Any], personas: list[dict[str, Any]]) -> Path:
    (folder / "personas").mkdir(parents=True, exist_ok=True)
    (folder / "pack.yaml").write_text(
        yaml.safe_dump({"id": "gen", "title": "Gen", "version": "1.0.0", "authors": ["t"], "licence": "MIT"})
    )
    for p in personas:
        (folder / "personas" / f"{p['id']}.yaml").write_text(yaml.safe_dump(p, sort_keys=False))
    (folder / "gen.yaml").write_text(yaml.safe_dump(data, sort_keys=False, default_flow_style=None, width=200))
    return folder


def check(folder: Path) -> list[str]:
    """Every problem but the advisory ones (how the generated deal plays: open issues, a bad deal for
    the player), which describe play rather than a broken graph."""
    from simulator.analysis.lint import ADVISORY

    _, problems = load_pack(folder, Personas(), Checks(scenario_checks(), persona_checks()))
    return [f"{p.line}:{p.col}: {p.severity}[{p.code}]: {p.message}" for p in problems if p.code not in ADVISORY]


@SLOW
@given(valid_scenario(), st.integers(0, 2**32 - 1))
def test_valid_graphs_check_clean_and_play_agrees(
    tmp_path_factory: Any, generated: tuple[dict[str, Any], list[dict[str, Any]]], seed: int
) -> None:
    data, personas = generated
    folder = write_pack(tmp_path_factory.mktemp("valid"), data, personas)
    assert check(folder) == []
    loaded = loaded_from(data, personas)
    reach = Reach(loaded)
    assert reach.reachable_scenes() == {s["id"] for s in data["scenes"]}
    rng = random.Random(seed)
    state = initial_state(loaded)
    while not state.ended and state.step < 40:
        assert contains(reach.states[state.scene], state)
        offered = available_choices(loaded, state)
        assert offered, f"stuck in {state.scene}"
        advance(loaded, state, rng.choice(offered).id)


def line_of(folder: Path, needle: str) -> int:
    lines = (folder / "gen.yaml").read_text().splitlines()
    hits = [n for n, line in enumerate(lines, start=1) if needle in line]
    assert len(hits) == 1, (needle, hits)
    return hits[0]


BREAKS = ["dangle", "orphan", "never", "template"]


@SLOW
@given(valid_scenario(), st.sampled_from(BREAKS), st.data())
def test_broken_graphs_report_the_located_code(
    tmp_path_factory: Any, generated: tuple[dict[str, Any], list[dict[str, Any]]], how: str, data: st.DataObject
) -> None:
    scenario, personas = copy.deepcopy(generated)
    scenes = scenario["scenes"]
    scene = scenes[data.draw(st.integers(0, len(scenes) - 1))]
    if how == "dangle":
        scene["choices"][-1]["next"] = "ghost_scene"
        needle, code = "ghost_scene", "error[unknown-scene]"
    elif how == "orphan":
        scenes.append(
            {
                "id": "orphan",
                "present": [CAST[0]],
                "fits": ["avoiding"],
                "choices": [{"id": "leave", "text": "Bye.", "style": "avoiding", "next": scenario["endings"][0]["id"]}],
            }
        )
        needle, code = "- id: orphan", "warning[unreachable-scene]"
    elif how == "never":
        scene["choices"].append(
            {
                "id": "impossible",
                "text": "Never.",
                "style": "avoiding",
                "if": {"flags": ["never_set_anywhere"]},
                "next": scene["id"],
            }
        )
        needle, code = "never_set_anywhere", "warning[never-available]"
    else:
        scene["narration"] = "Hello {{ nobody_here }}."
        needle, code = "nobody_here", "error[unknown-variable]"
    folder = write_pack(tmp_path_factory.mktemp("broken"), scenario, personas)
    found = check(folder)
    line = line_of(folder, needle)
    assert any(p.startswith(f"{line}:") and code in p for p in found), (line, code, found)
    if how in ("orphan", "never", "template"):
        assert [p for p in found if code not in p] == [], found
