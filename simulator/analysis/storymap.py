"""A scenario's story map: one self-contained HTML page with the scene graph laid out as SVG.

`graph --format html` writes it. The page makes no network request: the CSS and the few lines of
JavaScript are inline, there are no fonts, images or libraries to fetch, and the layout is computed
here, in Python (a layered, Sugiyama-style drawing):

1. layers: each node's breadth-first depth from the start marker (nodes the start cannot reach go
   in one last layer);
2. order within a layer: a few down-and-up sweeps placing each node at the barycentre (mean
   position) of its neighbours in the layer above, then below, which untangles most crossings;
3. positions: layers are rows, nodes evenly spaced and centred; an edge going down is a cubic
   curve from the bottom of its source to the top of its target, an edge going back up (or
   across a layer) bends out to the right, a choice that stays in its scene is a small loop.

Scenes are boxes, endings rounded boxes coloured by kind, choices edges coloured by conflict style
(dashed when a condition guards them); coverage comes from a `simulate` run: each scene shows how
many games reached it and each edge how often it was taken, and what no game reached is outlined
in red. Choices that can reveal a hidden interest (an explicit `reveal`, or a probe of someone
holding hidden interests) carry a diamond, and so do their scenes. Clicking a node or an edge
shows where it is written, `path:line` (copied to the clipboard, with a `vscode://` link).

Pack text is untrusted: every string from the pack goes through `html.escape` (quotes too) after
control characters are made inert, and the script reads it back with `textContent` only.
"""

from __future__ import annotations

import html
from collections import defaultdict, deque
from dataclasses import dataclass
from urllib.parse import quote

from simulator.analysis.graph import ENDING_COLOURS, Edge, Node, nodes_and_edges
from simulator.analysis.locate import Locations
from simulator.analysis.simulate import Simulation
from simulator.content.inert import inert
from simulator.content.loaded import LoadedScenario
from simulator.content.problems import Loc
from simulator.engine.rules import plans

__all__ = ["STYLE_COLOURS", "Layout", "layout", "to_html"]

STYLE_COLOURS = {
    "integrating": "#1b7f3b",
    "compromising": "#1f5fbf",
    "obliging": "#8a5a00",
    "avoiding": "#6b6b6b",
    "dominating": "#b3261e",
}
"""Edge colour per conflict style (Rahim's five), shown in the legend."""

NODE_W, NODE_H = 200, 58
GAP_X, GAP_Y = 60, 90
MARGIN = 40
SWEEPS = 6


@dataclass(frozen=True)
class Layout:
    layer: dict[str, int]
    """Node name: its row."""
    x: dict[str, float]
    """Node name: the centre of its box."""
    y: dict[str, float]
    width: float
    height: float


def layout(nodes: list[Node], edges: list[Edge]) -> Layout:
    """Rows by breadth-first depth from "start", order by barycentre sweeps, then coordinates."""
    names = [n.name for n in nodes]
    succ, pred = _neighbours(edges)
    depth = _depths(names, succ)
    rows: dict[int, list[str]] = defaultdict(list)
    for name in names:  # pack order within a row to begin with
        rows[depth[name]].append(name)
    _untangle(rows, depth, succ, pred)
    return _place(rows, depth)


def _neighbours(edges: list[Edge]) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    """Each node's successors and predecessors, loops (a choice staying in its scene) left out."""
    succ: dict[str, list[str]] = defaultdict(list)
    pred: dict[str, list[str]] = defaultdict(list)
    for e in edges:
        if e.source != e.target:
            succ[e.source].append(e.target)
            pred[e.target].append(e.source)
    return succ, pred


def _depths(names: list[str], succ: dict[str, list[str]]) -> dict[str, int]:
    """Each node's breadth-first depth from "start"; those it cannot reach go one row below the rest."""
    depth: dict[str, int] = {"start": 0}
    queue = deque(["start"])
    while queue:
        at = queue.popleft()
        for nxt in succ[at]:
            if nxt not in depth:
                depth[nxt] = depth[at] + 1
                queue.append(nxt)
    last = max(depth.values()) + 1
    for name in names:
        depth.setdefault(name, last)
    return depth


def _untangle(
    rows: dict[int, list[str]], depth: dict[str, int], succ: dict[str, list[str]], pred: dict[str, list[str]]
) -> None:
    """Reorder each row, in place, by down-and-up barycentre sweeps to untangle crossings."""
    order = sorted(rows)
    index = {name: float(i) for row in rows.values() for i, name in enumerate(row)}

    def sweep(layers: list[int], neighbours: dict[str, list[str]], above: int) -> None:
        for layer in layers:
            row = rows[layer]
            keys = {}
            for name in row:
                near = [index[n] for n in neighbours[name] if depth[n] == layer + above]
                keys[name] = sum(near) / len(near) if near else index[name]
            row.sort(key=lambda n: (keys[n], index[n]))
            for i, name in enumerate(row):
                index[name] = float(i)

    for _ in range(SWEEPS):
        sweep(order[1:], pred, -1)
        sweep(order[-2::-1], succ, +1)


def _place(rows: dict[int, list[str]], depth: dict[str, int]) -> Layout:
    """Coordinates: layers are rows, nodes evenly spaced and centred, room on the right for back edges."""
    order = sorted(rows)
    widest = max(len(r) for r in rows.values())
    width = 2 * MARGIN + widest * NODE_W + (widest - 1) * GAP_X + 160  # room for back edges
    x: dict[str, float] = {}
    y: dict[str, float] = {}
    for layer in order:
        row = rows[layer]
        span = len(row) * NODE_W + (len(row) - 1) * GAP_X
        left = MARGIN + (width - 160 - 2 * MARGIN - span) / 2
        for i, name in enumerate(row):
            x[name] = left + i * (NODE_W + GAP_X) + NODE_W / 2
            y[name] = MARGIN + layer * (NODE_H + GAP_Y) + NODE_H / 2
    height = 2 * MARGIN + (order[-1] + 1) * (NODE_H + GAP_Y)
    return Layout(depth, x, y, width, height)


def _e(text: object) -> str:
    """Pack text as HTML text or a quoted attribute value: control characters inert, all escaped."""
    return html.escape(inert(str(text)), quote=True)


def _short(text: str, limit: int) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def _revealers(loaded: LoadedScenario) -> dict[tuple[str, str], list[str]]:
    """(scene id, choice id): the hidden interests (`persona.interest`) the choice can reveal."""
    found: dict[tuple[str, str], list[str]] = {}
    for key, plan in plans(loaded).items():
        refs = [*plan.reveal, *(ref for probe in plan.probes for ref, _ in probe.interests)]
        if refs:
            found[key] = list(dict.fromkeys(refs))
    return found


def to_html(loaded: LoadedScenario, simulation: Simulation, located: Locations) -> str:
    """The story map page of `loaded`, with the coverage of `simulation`."""
    scenario = loaded.scenario
    nodes, edges = nodes_and_edges(scenario)
    placed = layout(nodes, edges)
    scene_index = {s.id: i for i, s in enumerate(scenario.scenes)}
    ending_index = {e.id: i for i, e in enumerate(scenario.endings)}
    choice_index = {(s.id, c.id): j for s in scenario.scenes for j, c in enumerate(s.choices)}
    reveals = _revealers(loaded)
    scene_reveals: dict[str, list[str]] = defaultdict(list)
    for (scene_id, _choice), refs in reveals.items():
        scene_reveals[scene_id] += [r for r in refs if r not in scene_reveals[scene_id]]
    runs = simulation.runs

    def where(loc: Loc) -> tuple[str, str]:
        line = located.line(loc)
        vscode = "vscode://file" + quote(str(located.path), safe="/:\\") + f":{line}"
        return f"{located.shown}:{line}", vscode

    svg: list[str] = []
    # edges first, so boxes draw over their ends
    pairs: dict[tuple[str, str], int] = defaultdict(int)
    ports = _ports(placed, edges)
    for position, edge in enumerate(edges):
        if edge.source == "start":
            sx, sy, tx, ty = (placed.x["start"], placed.y["start"], placed.x[edge.target], placed.y[edge.target])
            svg.append(
                f'<path class="edge start-edge" d="M{sx:.0f},{sy + 14:.0f} L{tx:.0f},{ty - NODE_H / 2:.0f}" '
                'marker-end="url(#arrow)"/>'
            )
            continue
        scene_id = edge.source.removeprefix("scene_")
        target_id = edge.target.split("_", 1)[1]
        taken = simulation.transitions.get((scene_id, edge.choice, target_id), 0)
        k = pairs[(edge.source, edge.target)]
        pairs[(edge.source, edge.target)] += 1
        d, lx, ly = _route(placed, edge, k, ports.get(position))
        colour = STYLE_COLOURS.get(edge.style, "#444")
        classes = ["edge"] + (["conditional"] if edge.conditional else []) + ([] if taken else ["cold"])
        loc, link = where(("scenes", scene_index[scene_id], "choices", choice_index[(scene_id, edge.choice)]))
        revealed = reveals.get((scene_id, edge.choice), [])
        info = f"{edge.label} → {target_id}; taken {taken:,} times in {runs:,} games"
        if revealed:
            info += "; can reveal " + ", ".join(revealed)
        svg.append(
            f'<g class="{" ".join(classes)}" tabindex="0" data-kind="choice" data-name="{_e(edge.choice)}" '
            f'data-info="{_e(info)}" data-loc="{_e(loc)}" data-link="{_e(link)}">'
            f"<title>{_e(info)}</title>"
            + (f'<path class="halo" d="{d}"/>' if not taken else "")
            + f'<path class="line" d="{d}" stroke="{colour}" marker-end="url(#arrow)"/>'
            f'<path class="hit" d="{d}"/>'
            f'<text class="count" x="{lx:.0f}" y="{ly:.0f}">{"◆ " if revealed else ""}{taken:,}</text></g>'
        )
    for node in nodes:
        cx, cy = placed.x[node.name], placed.y[node.name]
        if node.kind == "start":
            svg.append(
                f'<g class="node start"><circle cx="{cx:.0f}" cy="{cy:.0f}" r="14"/>'
                f'<text x="{cx:.0f}" y="{cy + 4:.0f}">start</text></g>'
            )
            continue
        if node.kind == "scene":
            reached = simulation.scene_runs.get(node.ident, 0)
            loc, link = where(("scenes", scene_index[node.ident]))
            revealed = scene_reveals.get(node.ident, [])
            info = f"scene {node.label}; reached in {reached:,} of {runs:,} games"
            if revealed:
                info += "; a choice here can reveal " + ", ".join(revealed)
            fill, rx = "#ffffff", 4
        else:
            reached = simulation.endings.get(node.ident, 0)
            loc, link = where(("endings", ending_index[node.ident]))
            revealed = []
            info = f"ending {node.label}; {reached:,} of {runs:,} games ended here"
            fill, rx = ENDING_COLOURS.get(node.kind, "#ffffff"), 18
        classes = ["node", "scene" if node.kind == "scene" else "ending"] + ([] if reached else ["cold"])
        if node.kind == "scene":
            heading = scenario.scenes[scene_index[node.ident]].title or node.ident
        else:
            heading = scenario.endings[ending_index[node.ident]].title
        title = _short(heading, 30)
        sub = f"{_short(node.ident, 18)} · {reached:,} games" + ("" if reached else " (never)")
        svg.append(
            f'<g class="{" ".join(classes)}" id="{_e(node.name)}" tabindex="0" data-kind="{_e(node.kind)}" '
            f'data-name="{_e(node.ident)}" data-info="{_e(info)}" data-loc="{_e(loc)}" data-link="{_e(link)}">'
            f"<title>{_e(info)}</title>"
            f'<rect x="{cx - NODE_W / 2:.0f}" y="{cy - NODE_H / 2:.0f}" width="{NODE_W}" height="{NODE_H}" '
            f'rx="{rx}" fill="{fill}"/>'
            f'<text x="{cx:.0f}" y="{cy - 6:.0f}">{"◆ " if revealed else ""}{_e(title)}</text>'
            f'<text class="sub" x="{cx:.0f}" y="{cy + 14:.0f}">{_e(sub)}</text></g>'
        )
    legend = "".join(
        f'<li><svg width="34" height="10"><line x1="0" y1="5" x2="34" y2="5" stroke="{c}" stroke-width="3"/>'
        f"</svg> {_e(style)}</li>"
        for style, c in STYLE_COLOURS.items()
    ) + "".join(
        f'<li><span class="swatch" style="background:{c}"></span> ending: {_e(kind)}</li>'
        for kind, c in ENDING_COLOURS.items()
    )
    title = f"{scenario.title} ({loaded.ref})"
    return _PAGE.format(
        title=_e(title),
        runs=f"{runs:,}",
        seed=simulation.seed,
        width=f"{placed.width:.0f}",
        height=f"{placed.height:.0f}",
        svg="\n".join(svg),
        legend=legend,
        script=_SCRIPT,
        css=_CSS,
    )


def _ports(placed: Layout, edges: list[Edge]) -> dict[int, tuple[float, float]]:
    """For each downward edge (by position in `edges`): the x offsets where it leaves its source's
    bottom and enters its target's top, spread over the box so parallel edges stay apart."""
    outgoing: dict[str, list[int]] = defaultdict(list)
    incoming: dict[str, list[int]] = defaultdict(list)
    for i, e in enumerate(edges):
        if e.source != "start" and placed.layer[e.target] > placed.layer[e.source]:
            outgoing[e.source].append(i)
            incoming[e.target].append(i)
    out_x: dict[int, float] = {}
    in_x: dict[int, float] = {}
    usable = NODE_W * 0.8
    for side, ends, _other, found in ((outgoing, "target", "source", out_x), (incoming, "source", "target", in_x)):
        for group in side.values():
            group.sort(key=lambda i: (placed.x[getattr(edges[i], ends)], i))
            for k, i in enumerate(group):
                found[i] = -usable / 2 + usable * (k + 0.5) / len(group)
    return {i: (out_x[i], in_x[i]) for i in out_x}


def _route(placed: Layout, edge: Edge, k: int, port: tuple[float, float] | None) -> tuple[str, float, float]:
    """The SVG path of an edge (the `k`-th between the same two nodes) and where its label goes."""
    sx, sy = placed.x[edge.source], placed.y[edge.source]
    tx, ty = placed.x[edge.target], placed.y[edge.target]
    half_w, half_h = NODE_W / 2, NODE_H / 2
    if edge.source == edge.target:
        r = 22 + 10 * k
        x0, y0 = sx + half_w, sy - 10
        d = (
            f"M{x0:.0f},{y0:.0f} C{x0 + r * 2:.0f},{y0 - r:.0f} {x0 + r * 2:.0f},{y0 + r + 20:.0f} "
            f"{x0:.0f},{y0 + 20:.0f}"
        )
        return d, x0 + r * 1.6, y0 + 14
    if port is not None:  # downward
        x0, y0 = sx + port[0], sy + half_h
        x1, y1 = tx + port[1], ty - half_h
        mid = (y0 + y1) / 2
        d = f"M{x0:.0f},{y0:.0f} C{x0:.0f},{mid:.0f} {x1:.0f},{mid:.0f} {x1:.0f},{y1:.0f}"
        t = 0.3  # the label near the source, where edges are still apart
        lx = (1 - t) ** 3 * x0 + 3 * (1 - t) ** 2 * t * x0 + 3 * (1 - t) * t * t * x1 + t**3 * x1
        ly = (1 - t) ** 3 * y0 + 3 * (1 - t) ** 2 * t * mid + 3 * (1 - t) * t * t * mid + t**3 * y1
        return d, lx + 10, ly
    if placed.layer[edge.target] == placed.layer[edge.source]:  # across a row: dip under it
        dip = 34 + 12 * k
        x0, x1 = sx + (12 if tx > sx else -12), tx
        y0 = sy + half_h
        d = f"M{x0:.0f},{y0:.0f} C{x0:.0f},{y0 + dip:.0f} {x1:.0f},{y0 + dip:.0f} {x1:.0f},{y0:.0f}"
        return d, (x0 + x1) / 2, y0 + dip * 0.75 + 4
    # back up: leave the source's right side, bend out right, enter the target's right side
    bend = 50 + 18 * k + abs(sy - ty) * 0.08
    x0, y0 = sx + half_w, sy + 8
    x1, y1 = tx + half_w, ty - 8
    out = max(x0, x1) + bend
    d = f"M{x0:.0f},{y0:.0f} C{out:.0f},{y0:.0f} {out:.0f},{y1:.0f} {x1:.0f},{y1:.0f}"
    return d, out - bend * 0.25, (y0 + y1) / 2


_CSS = """
body{margin:0;font:14px system-ui,-apple-system,"Segoe UI",sans-serif;color:#222;background:#f6f6f4;display:flex;height:100vh}
main{flex:1;overflow:auto}
aside{width:320px;border-left:1px solid #ccc;background:#fff;padding:12px 16px;overflow:auto}
h1{font-size:16px;margin:0 0 4px}
p.meta{margin:0 0 10px;color:#555}
ul.legend{list-style:none;padding:0;margin:0 0 12px}
ul.legend li{margin:2px 0}
.swatch{display:inline-block;width:34px;height:12px;border:1px solid #333;vertical-align:middle}
svg text{font-size:12px;text-anchor:middle;pointer-events:none}
.node rect{stroke:#333;stroke-width:1.2}
.node.cold rect{stroke:#d00;stroke-width:3;stroke-dasharray:6 3}
.node .sub{fill:#555;font-size:11px}
.node.cold .sub{fill:#d00}
.node.start circle{fill:#333}
.node.start text{fill:#fff;font-size:9px}
.node,.edge{cursor:pointer}
.node:focus rect,.node.selected rect{stroke:#06c;stroke-width:3}
.edge .line{fill:none;stroke-width:1.8}
.edge.conditional .line{stroke-dasharray:7 4}
.edge .halo{fill:none;stroke:#f33;stroke-opacity:.35;stroke-width:7}
.edge .hit{fill:none;stroke:transparent;stroke-width:10}
.edge .count{font-size:10px;fill:#333}
.edge.cold .count{fill:#d00}
.edge:hover .line,.edge.selected .line{stroke-width:3.5}
.start-edge{fill:none;stroke:#333;stroke-width:1.5}
#where{font-family:ui-monospace,monospace;background:#f0f0f0;padding:4px;word-break:break-all}
"""

_SCRIPT = """
(function(){
  var panel = document.getElementById('panel');
  var chosen = null;
  function show(el){
    if (chosen) chosen.classList.remove('selected');
    chosen = el; el.classList.add('selected');
    document.getElementById('what').textContent = el.getAttribute('data-kind') + ' ' + el.getAttribute('data-name');
    document.getElementById('info').textContent = el.getAttribute('data-info');
    var loc = el.getAttribute('data-loc');
    document.getElementById('where').textContent = loc;
    var a = document.getElementById('open');
    a.setAttribute('href', el.getAttribute('data-link'));
    a.hidden = false;
    var copied = document.getElementById('copied');
    copied.textContent = '';
    try {
      navigator.clipboard.writeText(loc).then(function(){ copied.textContent = 'copied'; }, function(){});
    } catch (e) {}
  }
  var items = document.querySelectorAll('[data-loc]');
  for (var i = 0; i < items.length; i++) {
    items[i].addEventListener('click', function(ev){ show(ev.currentTarget); });
    items[i].addEventListener('keydown', function(ev){ if (ev.key === 'Enter') show(ev.currentTarget); });
  }
  panel.hidden = false;
  var start = document.querySelector('.node.start');
  if (start && start.scrollIntoView) start.scrollIntoView({block: 'start', inline: 'center'});
})();
"""

_PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'">
<title>Story map: {title}</title>
<style>{css}</style>
</head>
<body>
<main>
<svg id="map" width="{width}" height="{height}" viewBox="0 0 {width} {height}" role="img" aria-label="scene graph">
<defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#444"/></marker></defs>
{svg}
</svg>
</main>
<aside>
<h1>{title}</h1>
<p class="meta">Coverage of {runs} random games (seeds from {seed}): a scene shows how many games reached it, an edge how often it was taken. Red outlines: never reached. ◆ can reveal a hidden interest. Dashed: the choice or branch has a condition.</p>
<ul class="legend">{legend}</ul>
<div id="panel" hidden>
<h2 id="what">Click a scene, an ending or a choice</h2>
<p id="info"></p>
<p>Written at <span id="where"></span> <span id="copied"></span></p>
<p><a id="open" hidden>open in VS Code</a></p>
</div>
</aside>
<script>{script}</script>
</body>
</html>
"""
