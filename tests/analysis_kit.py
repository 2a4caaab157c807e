"""Scenarios for the solver and simulator tests, each loaded once per test session.

The in-process solver cache is keyed by the scenario object, so loading each scenario once lets
every test module share one search per scenario.
"""

from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path

import yaml

from simulator.content.loaded import LoadedScenario
from simulator.content.loader import load_pack
from simulator.content.models import Manifest, Persona, Scenario
from simulator.content.records import adapter

TESTS = Path(__file__).parent
ROOT = TESTS.parent


def _with_engine_personas(folder: Path, name: str) -> LoadedScenario:
    personas = {
        p.stem: adapter(Persona).validate_python(yaml.safe_load(p.read_text()))
        for p in sorted((TESTS / "engine_data" / "personas").glob("*.yaml"))
    }
    path = folder / f"{name}.yaml"
    manifest = adapter(Manifest).validate_python(yaml.safe_load((folder / "pack.yaml").read_text()))
    scenario = adapter(Scenario).validate_python(yaml.safe_load(path.read_text()))
    return LoadedScenario(manifest, scenario, personas, path, hashlib.sha256(path.read_bytes()).hexdigest())


@cache
def bundled() -> tuple[LoadedScenario, ...]:
    """Every bundled scenario, as the command line finds them (so CLI tests share the cache)."""
    from simulator.classroom.installed import library

    scenarios = ROOT / "scenarios"
    return tuple(s for s in library().scenarios() if scenarios in s.path.resolve().parents)


@cache
def small_packs() -> tuple[LoadedScenario, ...]:
    """The small packs of the test suite, and `maze`, which uses every kind of condition."""
    tiny, problems = load_pack(TESTS / "data" / "valid" / "tiny")
    assert tiny is not None and not problems, problems
    return (
        _with_engine_personas(TESTS / "engine_data" / "mini", "deal"),
        *tiny.scenarios.values(),
        maze(),
        *refusal_pack(),
    )


@cache
def refusal_pack() -> tuple[LoadedScenario, LoadedScenario]:
    """tests/batna_data/refusals: `rethink` (a refused deal goes back to a scene) and `fallback` (the
    same deal without `refused`: a refusal ends in the impasse)."""
    pack, problems = load_pack(TESTS / "batna_data" / "refusals")
    assert pack is not None and not [p for p in problems if p.severity == "error"], problems
    return pack.scenarios["rethink"], pack.scenarios["fallback"]


def load_maze() -> LoadedScenario:
    return _with_engine_personas(TESTS / "analysis_data", "maze")


@cache
def maze() -> LoadedScenario:
    return load_maze()


def every_scenario() -> tuple[LoadedScenario, ...]:
    return (*small_packs(), *bundled())
