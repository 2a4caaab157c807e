"""What the loader hands to the rest of the program: packs with their validated scenarios."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Generic, TypeVar

from simulator.content.models import Manifest, Persona, Scenario


@dataclass(frozen=True)
class LoadedScenario:
    """A validated scenario with every persona its cast names, ready for a session."""

    pack: Manifest
    scenario: Scenario
    personas: dict[str, Persona]
    path: Path
    content_hash: str
    """SHA-256 over the pack's files (manifest, scenarios, personas used), hex."""
    language: str | None = None
    """The language its lines are in when translated (`simulator.content.translate`); None: as written."""

    @property
    def ref(self) -> str:
        """`pack/scenario`, the name the command line accepts."""
        return f"{self.pack.id}/{self.scenario.id}"


@dataclass(frozen=True)
class LoadedPack:
    manifest: Manifest
    path: Path
    scenarios: dict[str, LoadedScenario] = field(default_factory=dict)


T = TypeVar("T")


class PerScenario(Generic[T]):
    """What `build` makes of a scenario, made once per scenario object and then shared.

    A LoadedScenario is not hashable, so entries are keyed by its id and checked by identity (an
    id can be reused once an object is gone). At most `size` scenarios are kept, oldest out first,
    so a long session that reloads a pack (`play --watch`) does not keep every version alive.
    """

    def __init__(self, build: Callable[[LoadedScenario], T], size: int = 32) -> None:
        self.build = build
        self.size = size
        self.entries: dict[int, tuple[LoadedScenario, T]] = {}

    def __call__(self, loaded: LoadedScenario) -> T:
        entry = self.entries.get(id(loaded))
        if entry is None or entry[0] is not loaded:
            entry = (loaded, self.build(loaded))
            self.entries.pop(id(loaded), None)
            self.entries[id(loaded)] = entry
            while len(self.entries) > self.size:
                del self.entries[next(iter(self.entries))]
        return entry[1]

    def forget(self, loaded: LoadedScenario) -> None:
        """Drop what was made for `loaded`, so the next call builds it afresh."""
        self.entries.pop(id(loaded), None)


_TRANSLATED: dict[tuple[int, str], tuple[LoadedScenario, LoadedScenario]] = {}
_TRANSLATED_SIZE = 8


def translated(loaded: LoadedScenario, lang: str | None) -> LoadedScenario:
    """`loaded` in `lang` (`simulator.content.translate.translate`), made once per scenario object
    and language: the app asks for a scenario often, and what is made per scenario (its compiled
    table) is kept by identity. Without a language nothing is imported (play stays YAML-free)."""
    if not lang or lang == "en":
        return loaded
    key = (id(loaded), lang)
    entry = _TRANSLATED.get(key)
    if entry is None or entry[0] is not loaded:
        from simulator.content.translate import translate

        entry = _TRANSLATED[key] = (loaded, translate(loaded, lang))
        while len(_TRANSLATED) > _TRANSLATED_SIZE:
            del _TRANSLATED[next(iter(_TRANSLATED))]
    return entry[1]
