"""`yesable handouts`: one printable brief per role and a facilitator guide, in Markdown and HTML.

The HTML files are self-contained (inline CSS, no scripts, no network) and print on A4 or Letter;
`index.html` links them. Each file is written atomically, so a half-written brief never reaches a
printer.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from simulator.classroom.handout_data import Handouts, build_handouts
from simulator.classroom.render import render
from simulator.content.loaded import LoadedScenario
from simulator.storage.files import atomic_write


@dataclass(frozen=True)
class Written:
    label: str
    stem: str
    paths: tuple[Path, ...]


def handout_documents(h: Handouts) -> list[tuple[str, str, str, dict[str, object]]]:
    """(label, file stem, template stem, context) for every document of the set."""
    from simulator import __version__

    base: dict[str, object] = {"h": h, "version": __version__}
    docs: list[tuple[str, str, str, dict[str, object]]] = [
        ("Facilitator guide", "facilitator-guide", "facilitator", base),
        (f"Brief: {h.loaded.scenario.player.role} (the learner)", "brief-product-manager", "player", base),
        ("Preparation sheet for the learner (before play)", "prep-sheet", "prep", base),
    ]
    for role in h.roles:
        docs.append((f"Brief: {role.name}, {role.title}", f"brief-{role.id}", "role", base | {"r": role}))
    docs.append(("Results sheet for live groups (after play)", "results-sheet", "results", base))
    return docs


def write_handouts(loaded: LoadedScenario, out: Path, round_id: str | None = None) -> list[Written]:
    """Write the handouts of `loaded` into `out`; returns what was written, guide first. `round_id`
    orders the preparation sheet's statements (the same on every sheet of the round)."""
    from simulator.classroom.handout_data import round_seed

    h = build_handouts(loaded, round_seed(round_id))
    written: list[Written] = []
    for label, stem, template, context in handout_documents(h):
        md_path, html_path = out / f"{stem}.md", out / f"{stem}.html"
        atomic_write(md_path, render(f"{template}.md.j2", **context))
        atomic_write(html_path, render(f"{template}.html.j2", **context))
        written.append(Written(label, stem, (md_path, html_path)))
    files = [(w.label, w.stem) for w in written]
    from simulator import __version__

    index = out / "index.html"
    atomic_write(index, render("index.html.j2", h=h, files=files, version=__version__))
    written.append(Written("Index", "index", (index,)))
    return written
