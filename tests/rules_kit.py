"""Generated scenarios for the property tests of the rules of a move, the table and the lint.

`loaded_from` turns generated dicts into a LoadedScenario (checked as `yesable check` would);
`contains` says whether a concrete session state lies inside an abstract state of the
reachability analysis.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from simulator.analysis.reach import FALSE, TRUE, Abstract
from simulator.content.loaded import LoadedScenario
from simulator.content.models import Manifest, Persona, Scenario
from simulator.content.problems import FileProblems
from simulator.content.records import adapter
from simulator.content.references import check_scenario
from simulator.engine.state import SessionState


def loaded_from(data: dict[str, Any], personas: list[dict[str, Any]]) -> LoadedScenario:
    """The scenario `data` with `personas`, which must pass the reference checks cleanly."""
    models = {p["id"]: adapter(Persona).validate_python(p) for p in personas}
    scenario = adapter(Scenario).validate_python(data)
    report = FileProblems("gen.yaml")
    check_scenario(scenario, models, report)
    assert not report.problems, [p.format() for p in report.problems]
    manifest = Manifest(id="gen", title="Gen", version="1.0", authors=["t"], licence="MIT")
    return LoadedScenario(manifest, scenario, models, Path("gen.yaml"), "0" * 64)


def contains(abstract: Abstract, state: SessionState) -> bool:
    """Whether the concrete `state` is one of those `abstract` stands for."""
    chosen = state.chosen
    for (kind, ident), bits in abstract.facts().items():
        value = {
            "flag": ident in state.flags,
            "revealed": ident in state.revealed,
            "chosen": ident in chosen,
            "visited": ident in state.visited,
        }[kind]
        if not bits & (TRUE if value else FALSE):
            return False
    for (kind, who), (lo, hi) in abstract.meters.items():
        if not lo <= getattr(state.meters[who], kind) <= hi:
            return False
    return all(state.settled.get(issue) in options for issue, options in abstract.settled.items())
