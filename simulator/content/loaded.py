"""What the loader hands to the rest of the program: packs with their validated scenarios."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

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

    @property
    def ref(self) -> str:
        """`pack/scenario`, the name the command line accepts."""
        return f"{self.pack.id}/{self.scenario.id}"


@dataclass(frozen=True)
class LoadedPack:
    manifest: Manifest
    path: Path
    scenarios: dict[str, LoadedScenario] = field(default_factory=dict)
