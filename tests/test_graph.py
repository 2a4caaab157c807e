"""`yesable graph`: Mermaid that is structurally sound and dot that a real parser reads back, with
pack text (untrusted) escaped so it can never break out of a label."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import pydot
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from test_loader import VALID

from simulator.analysis.graph import to_dot, to_mermaid
from simulator.cli.main import main
from simulator.content.inert import inert
from simulator.content.loader import Personas, load_pack
from simulator.content.models import Scenario

pytestmark = pytest.mark.filterwarnings("ignore:'\\w+' deprecated:DeprecationWarning")

NASTY = [
    'Quote " and ]"] --> scene_x',
    "line\nbreak; end",
    "pipe | and `tick` and %% comment",
    "<b>bold</b> & #35; {{ x }}",
    'back\\slash \\" \\n',
    "end",
    "unicode: café — ✓",
]


@pytest.fixture(autouse=True)
def no_user_packs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("YESABLE_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("YESABLE_PACKS", "")


def tiny() -> Scenario:
    pack, problems = load_pack(VALID, Personas())
    assert pack is not None, problems
    return pack.scenarios["deal"].scenario


TINY = tiny()


def titled(scenario: Scenario, title: str) -> Scenario:
    """`scenario` with every scene and ending title set to `title`."""
    scenes = [replace(s, title=title) for s in scenario.scenes]
    endings = [replace(e, title=title) for e in scenario.endings]
    return replace(scenario, scenes=scenes, endings=endings)


NODE = re.compile(r'^    (\w+)(?:\(\("([^"\n]*)"\)\)|\["([^"\n]*)"\]|\(\["([^"\n]*)"\]\))$')
EDGE = re.compile(r'^    (\w+) (-->|-\.->)(?:\|"([^"\n|]*)"\|)? (\w+)$')
STYLE = re.compile(r"^    (classDef \w+ [\w:#,]+|class \w+ \w+)$")


def parse_mermaid(text: str) -> tuple[dict[str, str], list[tuple[str, str, str]]]:
    """Nodes {name: label} and edges; fails on any line that is not one of ours."""
    lines = text.splitlines()
    assert lines[0] == "flowchart TD"
    nodes: dict[str, str] = {}
    edges: list[tuple[str, str, str]] = []
    for line in lines[1:]:
        if m := NODE.match(line):
            assert m.group(1) not in nodes, f"node declared twice: {line}"
            nodes[m.group(1)] = next(g for g in m.groups()[1:] if g is not None)
        elif m := EDGE.match(line):
            edges.append((m.group(1), m.group(4), m.group(3) or ""))
        else:
            assert STYLE.match(line), f"unexpected line: {line!r}"
    for source, target, _ in edges:
        assert source in nodes and target in nodes, (source, target)
    return nodes, edges


def unmermaid(label: str) -> str:
    return re.sub(r"#(\d+);", lambda m: chr(int(m.group(1))), label)


def expected_edges(scenario: Scenario) -> int:
    return 1 + sum(len(c.branches) for s in scenario.scenes for c in s.choices)


@pytest.mark.parametrize("title", NASTY)
def test_mermaid_is_well_formed_whatever_the_titles(title: str) -> None:
    scenario = titled(TINY, title)
    nodes, edges = parse_mermaid(to_mermaid(scenario))
    assert len(nodes) == 1 + len(scenario.scenes) + len(scenario.endings)
    assert len(edges) == expected_edges(scenario)
    flat = " ".join(title.split())
    assert unmermaid(nodes["scene_open"]) == f"{flat} (open)"
    assert unmermaid(nodes["ending_yielded"]) == f"{flat} (yielded: agreement)"


@pytest.mark.parametrize("title", NASTY)
def test_dot_parses_back_with_the_same_labels(title: str) -> None:
    scenario = titled(TINY, title)
    graphs = pydot.graph_from_dot_data(to_dot(scenario))
    assert graphs is not None and len(graphs) == 1
    graph = graphs[0]
    names = {n.get_name() for n in graph.get_nodes()} - {"node", "edge", "graph"}
    assert names == {"start", "scene_open", "scene_table", "ending_yielded", "ending_stuck", "ending_deal_done"}
    assert len(graph.get_edges()) == expected_edges(scenario)
    label = graph.get_node("scene_open")[0].get_label()
    assert undot(label) == f"{' '.join(title.split())} (open)"
    shapes = {n.get_name(): n.get_shape() for n in graph.get_nodes()}
    assert shapes["ending_yielded"] == "doubleoctagon" and shapes["start"] == "circle"


def undot(quoted: str) -> str:
    assert quoted.startswith('"') and quoted.endswith('"')
    return re.sub(r"\\(.)", r"\1", quoted[1:-1])


@settings(max_examples=100, deadline=None)
@given(st.text(min_size=1, max_size=40).filter(str.strip))
def test_any_title_survives_mermaid(title: str) -> None:
    nodes, _ = parse_mermaid(to_mermaid(titled(TINY, title)))
    assert unmermaid(nodes["scene_open"]) == f"{' '.join(title.split())} (open)"


@settings(max_examples=10, deadline=None)  # pydot's parser takes ~0.2 s a graph
@given(st.text(min_size=1, max_size=40).filter(str.strip))
def test_any_title_survives_dot(title: str) -> None:
    """Every character but the control characters dot would pass to a terminal (which go)."""
    graph = pydot.graph_from_dot_data(to_dot(titled(TINY, title)))[0]  # type: ignore[index]
    assert undot(graph.get_node("scene_open")[0].get_label()) == " ".join(inert(f"{title} (open)").split())


def test_bundled_scenario_graph_marks_start_endings_and_styles(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["graph", "critical_supporters/release_scope"]) == 0
    nodes, edges = parse_mermaid(capsys.readouterr().out)
    assert ("start", "scene_sprint_review", "") in edges
    assert any(unmermaid(label) == "park_for_later (avoiding)" for _, _, label in edges)
    assert unmermaid(nodes["ending_durable_plan"]).endswith("(durable_plan: agreement)")
    assert main(["graph", "release_scope", "--format", "dot"]) == 0
    assert pydot.graph_from_dot_data(capsys.readouterr().out)


def test_graph_of_a_file_being_written_and_usage_errors(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["graph", str(VALID / "deal.yaml"), "--format", "dot"]) == 0
    assert "digraph" in capsys.readouterr().out
    assert main(["graph", "no_such_scenario"]) == 2
    assert main(["graph", str(VALID / "nope.yaml")]) == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err and "no such file" in err
    with pytest.raises(SystemExit) as exc:
        main(["graph", "deal", "--format", "svg"])
    assert exc.value.code == 2


def test_html_in_titles_stays_text() -> None:
    nodes, _ = parse_mermaid(to_mermaid(titled(TINY, "<img src=x onerror=alert(1)>")))
    assert "<" not in nodes["scene_open"] and ">" not in nodes["scene_open"]
