"""A scenario's scene graph as Mermaid or Graphviz dot text.

Scenes and endings are nodes (endings in their own shape, with their kind), choices are edges
labelled with the choice id and its conflict style (and the condition, when a branch has one),
and a start marker points at the first scene. Pack text is untrusted: every label is escaped for
the target language, and node names are built from ids only (which the format restricts to
`[a-z][a-z0-9_]*`), prefixed so no id can collide with a keyword such as Mermaid's `end`.
"""

from __future__ import annotations

from dataclasses import dataclass, fields

from simulator.content.inert import inert
from simulator.content.models import Condition, Scenario

FORMATS = ("mermaid", "dot")
"""The text notations `render` writes (`graph --format html` is simulator.analysis.storymap)."""

ENDING_COLOURS = _ENDING_COLOURS = {
    "agreement": "#d4edda",
    "impasse": "#fff3cd",
    "escalation": "#f8d7da",
    "walkout": "#e2e3e5",
}


@dataclass(frozen=True)
class Node:
    name: str
    label: str
    kind: str
    """"start", "scene" or an ending kind."""
    ident: str = ""
    """The scene or ending id ("" for the start marker)."""


@dataclass(frozen=True)
class Edge:
    source: str
    target: str
    label: str
    style: str
    conditional: bool
    choice: str = ""
    """The choice id ("" for the start marker's edge)."""


def nodes_and_edges(scenario: Scenario) -> tuple[list[Node], list[Edge]]:
    """The graph, independent of its notation."""
    nodes = [Node("start", "start", "start")]
    for scene in scenario.scenes:
        label = f"{scene.title} ({scene.id})" if scene.title else scene.id
        nodes.append(Node(_scene(scene.id), label, "scene", scene.id))
    walkout = scenario.walkout_ending.id
    for ending in scenario.endings:
        extra = ", walkout" if ending.id == walkout and ending.kind.value != "walkout" else ""
        label = f"{ending.title} ({ending.id}: {ending.kind.value}{extra})"
        nodes.append(Node(_ending(ending.id), label, ending.kind.value, ending.id))
    edges = [Edge("start", _scene(scenario.start), "", "", False)]
    for scene in scenario.scenes:
        for choice in scene.choices:
            base = f"{choice.id} ({choice.style.value})"
            if choice.if_ is not None:
                base += f" if {summarise(choice.if_)}"
            for branch in choice.branches:
                label = base if branch.if_ is None else f"{base} when {summarise(branch.if_)}"
                target = _ending(branch.to) if scenario.is_ending(branch.to) else _scene(branch.to)
                conditional = choice.if_ is not None or branch.if_ is not None
                edges.append(Edge(_scene(scene.id), target, label, choice.style.value, conditional, choice.id))
    return nodes, edges


def summarise(cond: Condition) -> str:
    """A condition in one short line: `flags: a, b; trust_at_least: vp 60`."""
    parts: list[str] = []
    for field in fields(cond):
        key, value = field.name, getattr(cond, field.name)
        if not value:  # every condition field defaults to empty
            continue
        if key == "any":
            parts.append("any(" + " | ".join(summarise(c) for c in cond.any) + ")")
        elif isinstance(value, dict):
            parts.append(f"{key}: " + ", ".join(f"{k} {v}" for k, v in value.items()))
        else:
            parts.append(f"{key}: " + ", ".join(str(v) for v in value))
    return "; ".join(parts)


def render(scenario: Scenario, fmt: str = "mermaid") -> str:
    if fmt == "dot":
        return to_dot(scenario)
    if fmt == "mermaid":
        return to_mermaid(scenario)
    raise ValueError(f"unknown graph format {fmt!r}; use one of {', '.join(FORMATS)}")


# --------------------------------------------------------------------------- Mermaid


def mermaid_text(text: str) -> str:
    """`text` safe inside a quoted Mermaid label: entity codes for what Mermaid would parse."""
    out = []
    for ch in " ".join(text.split()):
        if ch.isalnum() or ch in " .,:()_-+/'!?=*@$^~":
            out.append(ch)
        else:
            out.append(f"#{ord(ch)};")
    return "".join(out)


def to_mermaid(scenario: Scenario) -> str:
    nodes, edges = nodes_and_edges(scenario)
    lines = ["flowchart TD"]
    for node in nodes:
        label = mermaid_text(node.label)
        if node.kind == "start":
            lines.append(f'    {node.name}(("{label}"))')
        elif node.kind == "scene":
            lines.append(f'    {node.name}["{label}"]')
        else:
            lines.append(f'    {node.name}(["{label}"])')
    for edge in edges:
        arrow = "-.->" if edge.conditional else "-->"
        if edge.label:
            lines.append(f'    {edge.source} {arrow}|"{mermaid_text(edge.label)}"| {edge.target}')
        else:
            lines.append(f"    {edge.source} {arrow} {edge.target}")
    for kind, colour in _ENDING_COLOURS.items():
        lines.append(f"    classDef {kind} fill:{colour},stroke:#333")
    lines.append("    classDef start fill:#333,stroke:#333,color:#fff")
    for node in nodes:
        if node.kind != "scene":
            lines.append(f"    class {node.name} {node.kind}")
    return "\n".join(lines) + "\n"


# --------------------------------------------------------------------------- Graphviz dot


def dot_text(text: str) -> str:
    """`text` as a double-quoted dot string: backslashes and quotes escaped, one line."""
    flat = " ".join(inert(text).split())
    return '"' + flat.replace("\\", "\\\\").replace('"', '\\"') + '"'


def to_dot(scenario: Scenario) -> str:
    nodes, edges = nodes_and_edges(scenario)
    lines = [f"digraph {dot_text(scenario.id)} {{", "    rankdir=TB;", '    node [shape=box, style="rounded"];']
    for node in nodes:
        label = dot_text(node.label)
        if node.kind == "start":
            lines.append(
                f'    {node.name} [label={label}, shape=circle, style=filled, fillcolor="#333333", fontcolor=white];'
            )
        elif node.kind == "scene":
            lines.append(f"    {node.name} [label={label}];")
        else:
            colour = _ENDING_COLOURS.get(node.kind, "#ffffff")
            lines.append(f'    {node.name} [label={label}, shape=doubleoctagon, style=filled, fillcolor="{colour}"];')
    for edge in edges:
        attrs = [f"label={dot_text(edge.label)}"] if edge.label else []
        if edge.conditional:
            attrs.append("style=dashed")
        suffix = f" [{', '.join(attrs)}]" if attrs else ""
        lines.append(f"    {edge.source} -> {edge.target}{suffix};")
    lines.append("}")
    return "\n".join(lines) + "\n"


def _scene(ident: str) -> str:
    return f"scene_{ident}"


def _ending(ident: str) -> str:
    return f"ending_{ident}"
