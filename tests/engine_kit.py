"""Build LoadedScenario objects for engine tests straight from the small fixture pack."""

from __future__ import annotations

import hashlib
from pathlib import Path

import yaml

from simulator.content.loaded import LoadedScenario
from simulator.content.models import Manifest, Persona, Scenario
from simulator.content.records import adapter
from simulator.engine import Session
from simulator.scoring import Debrief, score_session

DATA = Path(__file__).parent / "engine_data"


def mini_deal() -> LoadedScenario:
    personas = {
        p.stem: adapter(Persona).validate_python(yaml.safe_load(p.read_text()))
        for p in sorted((DATA / "personas").glob("*.yaml"))
    }
    path = DATA / "mini" / "deal.yaml"
    manifest = adapter(Manifest).validate_python(yaml.safe_load((DATA / "mini" / "pack.yaml").read_text()))
    scenario = adapter(Scenario).validate_python(yaml.safe_load(path.read_text()))
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    return LoadedScenario(manifest, scenario, personas, path, digest)


def play_picks(loaded: LoadedScenario, picks: list[int], seed: int) -> Session:
    """A session played by picking `picks[i] % len(offered)` at each move until it ends."""
    session = Session.start(loaded, seed=seed)
    for pick in picks:
        if session.ended:
            break
        options = session.available()
        assert options, f"scene {session.state.scene!r} offers no choice"
        session.choose(options[pick % len(options)].id)
    return session


def assert_in_bounds(loaded: LoadedScenario, session: Session) -> Debrief:
    """Meters and scores within 0-100 and style shares summing to 1; returns the debrief."""
    for meter in session.state.meters.values():
        assert 0 <= meter.trust <= 100 and 0 <= meter.satisfaction <= 100
    debrief = score_session(loaded, session.state)
    assert all(0 <= v <= 100 for v in debrief.scores.values())
    if session.state.history:
        assert abs(sum(debrief.styles.values()) - 1) < 1e-9
    return debrief
