"""Build LoadedScenario objects for engine tests straight from the small fixture pack."""

from __future__ import annotations

import hashlib
from pathlib import Path

import yaml

from simulator.content.loaded import LoadedScenario
from simulator.content.models import Manifest, Persona, Scenario

DATA = Path(__file__).parent / "engine_data"


def mini_deal() -> LoadedScenario:
    personas = {
        p.stem: Persona.model_validate(yaml.safe_load(p.read_text()))
        for p in sorted((DATA / "personas").glob("*.yaml"))
    }
    path = DATA / "mini" / "deal.yaml"
    manifest = Manifest.model_validate(yaml.safe_load((DATA / "mini" / "pack.yaml").read_text()))
    scenario = Scenario.model_validate(yaml.safe_load(path.read_text()))
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    return LoadedScenario(manifest, scenario, personas, path, digest)
