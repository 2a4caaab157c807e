"""Fixtures for app tests: the app built on a temporary data dir and a chosen library."""

from __future__ import annotations

import shutil
from functools import cache
from pathlib import Path
from typing import Any

from simulator.content.loader import Library, load_library
from simulator.content.locations import bundled_scenarios
from simulator.tui.app import YesableApp, make_app
from simulator.tui.screens.conversation import ConversationScreen

REF = "critical_supporters/release_scope"
MARKUP = "[bold]not bold[/bold] [link=x]"


@cache
def bundled() -> Library:
    """The bundled library cut down to release_scope's pack with that one scenario in it.

    The app tests drive home by keys (Enter starts the highlighted scenario) and snapshot it, so
    their library stays the same however many scenarios the bundle grows.
    """
    from dataclasses import replace

    library = load_library(include_user=False)
    pack_id, scenario_id = REF.split("/")
    pack = next(p for p in library.packs if p.manifest.id == pack_id)
    only = replace(pack, scenarios={scenario_id: pack.scenarios[scenario_id]})
    return replace(library, packs=[only])


SNAPSHOT_PACK = Path(__file__).parent / "data" / "snapshot_pack"
"""The snapshot tests' fixture pack: two scenes, two stakeholders, a hidden interest, lines that wrap."""


@cache
def snapshot_library() -> Library:
    """The fixture pack alone (no bundled or user packs): the snapshots follow the layout, not the content."""
    return load_library([SNAPSHOT_PACK], include_bundled=False, include_user=False)


def app_for(data_dir: Path, library: Library | None = None, **kwargs: object) -> YesableApp:
    """The app on `data_dir`; seed 0 unless given (`seed=None`: a fresh seed per attempt, as users get),
    so the keys a test presses pick the same choices every run; `live_regrets=True` asks the solver
    after each move, as the app does for users."""
    kwargs.setdefault("seed", 0)
    live = bool(kwargs.pop("live_regrets", False))  # the solver after each move: only where a test waits for it
    app = make_app(data_dir=data_dir, library=library or bundled(), **kwargs)  # type: ignore[arg-type]
    app.config.live_regrets = live
    app.animation_level = "none"
    return app


async def play_through(pilot: Any, app: YesableApp) -> None:
    """From home: open the highlighted scenario, begin it, and press 1 until the conversation ends."""
    for key in ("enter", "enter"):
        await pilot.pause()
        await pilot.press(key)
    for _ in range(40):
        await pilot.pause()
        if not isinstance(app.screen, ConversationScreen):
            break
        await pilot.press("1")
    await pilot.pause()


def markup_library(tmp: Path) -> Library:
    """The release_scope pack with Rich markup in its title and summary."""
    pack = tmp / "packs" / "critical_supporters"
    pack.mkdir(parents=True)
    for name in ("pack.yaml", "release_scope.yaml"):
        shutil.copy(bundled_scenarios() / "critical_supporters" / name, pack / name)
    scenario = pack / "release_scope.yaml"
    text = scenario.read_text(encoding="utf-8")
    text = text.replace("title: Features, tech debt and the 5.0 scope", f'title: "Scope {MARKUP}"', 1)
    scenario.write_text(text, encoding="utf-8")
    return load_library([pack], include_bundled=False, include_user=False)
