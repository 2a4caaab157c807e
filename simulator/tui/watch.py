"""`play --watch`: notice when a pack's files change and reload the scenario with every check.

Plain Python (no Textual): the app polls `PackWatch.changed()` on a timer and calls `reload`. Polling
a pack's handful of YAML files twice a second costs next to nothing and needs no extra dependency.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from simulator.content.loaded import LoadedPack, LoadedScenario
from simulator.content.loader import Library
from simulator.content.locations import file_stamps
from simulator.content.problems import Problem


class PackWatch:
    """Watches one pack folder (and the personas it may use) for changes."""

    def __init__(self, pack_dir: Path, also: list[Path] | None = None) -> None:
        self.pack_dir = pack_dir
        self.folders = [pack_dir, *(also or [])]
        self.seen = file_stamps(self.folders)

    def changed(self) -> bool:
        now = file_stamps(self.folders)
        if now == self.seen:
            return False
        self.seen = now
        return True


@dataclass(frozen=True)
class Reload:
    """The outcome of reloading a watched pack: the scenario when it loads, and every problem."""

    pack: LoadedPack | None
    loaded: LoadedScenario | None
    problems: list[Problem]

    @property
    def errors(self) -> list[Problem]:
        """The errors that keep the scenario from being played: a failing test plan is not one (the
        author is playing to see why; the reload's notice counts it with the warnings)."""
        return [p for p in self.problems if p.severity == "error" and not p.code.startswith("testplan-")]


def reload(pack_dir: Path, scenario_id: str) -> Reload:
    """Load `pack_dir` afresh with every check `yesable check` runs; never raises on bad content."""
    from simulator.analysis.checks import pack_checks
    from simulator.content.loader import load_pack

    pack, problems = load_pack(pack_dir, checks=pack_checks())
    loaded = pack.scenarios.get(scenario_id) if pack is not None else None
    return Reload(pack, loaded, problems)


def with_pack(library: Library, pack: LoadedPack) -> Library:
    """`library` with the pack of the same id replaced by `pack` (the others as they were)."""
    from dataclasses import replace

    packs = [pack if p.manifest.id == pack.manifest.id else p for p in library.packs]
    return replace(library, packs=packs)
