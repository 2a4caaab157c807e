"""Fixtures for app tests: the app built on a temporary data dir and a chosen library."""

from __future__ import annotations

import shutil
from functools import cache
from pathlib import Path

from simulator.content.loader import Library, load_library
from simulator.content.locations import bundled_scenarios
from simulator.tui.app import YesableApp, make_app

REF = "critical_supporters/release_scope"
MARKUP = "[bold]not bold[/bold] [link=x]"


@cache
def bundled() -> Library:
    return load_library(include_user=False)


def app_for(data_dir: Path, library: Library | None = None, **kwargs: object) -> YesableApp:
    app = make_app(data_dir=data_dir, library=library or bundled(), **kwargs)  # type: ignore[arg-type]
    app.animation_level = "none"
    return app


def markup_library(tmp: Path) -> Library:
    """The release_scope pack with Rich markup in its title and summary."""
    pack = tmp / "packs" / "critical_supporters"
    shutil.copytree(bundled_scenarios() / "critical_supporters", pack)
    scenario = pack / "release_scope.yaml"
    text = scenario.read_text(encoding="utf-8")
    text = text.replace("title: Features, tech debt and the 5.0 scope", f'title: "Scope {MARKUP}"', 1)
    scenario.write_text(text, encoding="utf-8")
    return load_library([pack], include_bundled=False, include_user=False)
