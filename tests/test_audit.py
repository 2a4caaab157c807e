"""`yesable audit`: a scenario that naive strategies can win is flagged, one that needs judgement is not.

The scenarios here are generated ladders: one scene after another, each with a right move and
two wrong ones; what the right move looks like (its length, its place in the file, its style)
is what each test varies. The bundled library's thresholds are checked in test_library_audit.py.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from simulator.analysis.audit import AUDIT_CODES, LIMITS, audit_scenario
from simulator.cli.main import main
from simulator.content.loader import load_pack

DOCS = Path(__file__).resolve().parents[1] / "docs"
STYLES = ["integrating", "obliging", "dominating", "avoiding", "compromising"]
LONG = (
    "Let us take the time to understand everyone's interests together, share the data openly and "
    "find options for mutual gain that are fair to both of our teams and our customers"
)
PERSONA = {
    "schema_version": 1,
    "id": "lad_dev",
    "name": "Oona Brack",
    "title": "Development lead",
    "function": "engineering",
    "quadrant": "critical_supporter",
    "kpis": ["Predictable delivery"],
    "power": {"expert": 4},
    "style": "integrating",
    "patience": 9,
    "voice": {m: ["Hm."] for m in ("warm", "neutral", "guarded", "hostile", "walkout")},
}


TEXTS = ("No. Here is why.", "Let us look at what the numbers say first.", LONG)
"""A short, a middling and a long line: the right move takes one length, the wrong moves the others."""


def ladder(rungs: list[tuple[int, str, int]]) -> dict[str, object]:
    """A scenario of one scene per rung: (where the right move stands, its style, its length: 0
    short, 1 middling, 2 long). The wrong moves take the other two lengths and two other styles and
    break a principle; on every third rung and the last they end the meeting at an impasse."""
    scenes = []
    for n, (position, style, length) in enumerate(rungs):
        last = n == len(rungs) - 1
        others = [s for s in STYLES if s != style]
        right = {
            "id": f"right_{n}",
            "text": TEXTS[length],
            "style": style,
            "principles": ["criteria"],
            "feedback": "Right for this moment.",
            "next": "deal" if last else f"s{n + 1}",
        }
        if last:
            right["effects"] = {"settle": {"scope": "good"}}
        fatal = last or n % 3 == 2
        wrongs = [
            {
                "id": f"wrong_{n}_{k}",
                "text": TEXTS[wrong_length] + ("" if k else " "),
                "style": others[(n + k) % len(others)],
                "violates": ["interests"],
                "feedback": "Wrong here.",
                "next": "stuck" if fatal else f"s{n + 1}",
            }
            for k, wrong_length in enumerate(x for x in range(3) if x != length)
        ]
        choices = wrongs[:position] + [right] + wrongs[position:]
        scenes.append({"id": f"s{n}", "present": ["lad_dev"], "fits": [style], "choices": choices, "ordered": True})
    return {
        "schema_version": 1,
        "id": "ladder",
        "title": "A ladder",
        "summary": "One decision after another.",
        "objectives": ["EO2.3"],
        "difficulty": "introductory",
        "minutes": 5,
        "player": {
            "role": "product manager",
            "goals": ["Agree"],
            "interests": ["Ship"],
            "batna": "Ship late.",
            "batna_value": 30,
        },
        "cast": [
            {
                "persona": "lad_dev",
                "position": "Later.",
                "batna": "Wait.",
                "batna_value": 20,
                "interests": [{"id": "sleep", "text": "Sleep.", "hidden": True, "reveal_trust": 10}],
            }
        ],
        "issues": [
            {
                "id": "scope",
                "title": "Scope",
                "options": [
                    {"id": "good", "title": "Good", "values": {"player": 80, "lad_dev": 80}},
                    {"id": "bad", "title": "Bad", "values": {"player": 20, "lad_dev": 20}},
                ],
            }
        ],
        "start": "s0",
        "scenes": scenes,
        "endings": [
            {"id": "deal", "title": "Deal", "kind": "agreement", "text": "Agreed."},
            {"id": "stuck", "title": "Stuck", "kind": "impasse", "text": "Nothing."},
        ],
    }


def write_pack(folder: Path, scenario: dict[str, object]) -> Path:
    (folder / "personas").mkdir(parents=True)
    (folder / "pack.yaml").write_text(
        yaml.safe_dump(
            {
                "schema_version": 1,
                "id": "ladders",
                "title": "Ladders",
                "version": "1.0.0",
                "authors": ["tests"],
                "licence": "MIT",
            }
        )
    )
    (folder / "personas" / "lad_dev.yaml").write_text(yaml.safe_dump(PERSONA))
    (folder / "ladder.yaml").write_text(yaml.safe_dump(scenario, sort_keys=False))
    return folder


def audit_of(folder: Path, scenario: dict[str, object]):  # type: ignore[no-untyped-def]
    pack, problems = load_pack(write_pack(folder, scenario))
    assert pack is not None and not problems, problems
    return audit_scenario(pack.scenarios["ladder"], seeds=4, games=50)


GAMEABLE = [(0, "integrating", 2)] * 10
"""The right move is always first, always the longest, always integrating."""
FAIR = [((i + 1) % 3, STYLES[i % 5], (2 * i) % 3) for i in range(10)]
"""The right move moves around, changes style and length."""


def test_a_scenario_won_by_form_is_flagged_with_codes(tmp_path: Path) -> None:
    audit = audit_of(tmp_path, ladder(GAMEABLE))
    codes = {f.code for f in audit.findings}
    assert {"audit-form-strategy", "audit-one-style", "audit-length-quality", "audit-style-spread"} <= codes
    assert audit.share("longest") == pytest.approx(1.0)
    assert audit.share("first-listed") == pytest.approx(1.0)
    assert audit.share("always-integrating") == pytest.approx(1.0)


def test_a_scenario_that_needs_judgement_passes(tmp_path: Path) -> None:
    audit = audit_of(tmp_path, ladder(FAIR))
    assert not audit.findings, [f.message for f in audit.findings]
    assert all(r.share <= r.limit for r in audit.strategies)
    assert audit.length_correlation < LIMITS.length_correlation


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    rungs=st.lists(st.tuples(st.integers(0, 2), st.sampled_from(STYLES), st.integers(0, 2)), min_size=8, max_size=12)
)
def test_shares_lie_between_worst_and_best_and_a_strategy_that_always_finds_the_right_move_is_flagged(
    tmp_path_factory: pytest.TempPathFactory, rungs: list[tuple[int, str, int]]
) -> None:
    audit = audit_of(tmp_path_factory.mktemp("ladder"), ladder(rungs))
    assert audit.worst is not None and audit.best is not None and audit.worst <= audit.best
    for r in audit.strategies:
        assert -1e-9 <= r.share <= 1 + 1e-9
    flagged = {f.message.split(" scores ")[0] for f in audit.findings if f.code == "audit-form-strategy"}
    if all(length == 2 for _, _, length in rungs):
        assert "always the longest line" in flagged
    if all(position == 0 for position, _, _ in rungs):
        assert "always the first line as written in the file" in flagged


def test_cli_prints_the_table_and_located_findings_and_exits_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pack = write_pack(tmp_path / "p", ladder(GAMEABLE))
    assert main(["audit", str(pack), "--seeds", "3"]) == 1
    out = capsys.readouterr().out
    assert "always the longest line" in out and "100%" in out
    assert "ladder.yaml:" in out and "error[audit-form-strategy]" in out


def test_cli_json_and_a_clean_pack_exits_0(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pack = write_pack(tmp_path / "p", ladder(FAIR))
    assert main(["audit", str(pack), "--json", "--seeds", "3"]) == 0
    data = json.loads(capsys.readouterr().out)
    (scenario,) = data["scenarios"]
    assert scenario["scenario"] == "ladders/ladder"
    assert {s["name"] for s in scenario["strategies"]} >= {
        "longest",
        "shortest",
        "keyword",
        "question",
        "first-listed",
        "always-integrating",
    }
    assert data["findings"] == []


def test_check_strict_shows_the_audit_but_plain_check_does_not(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pack = write_pack(tmp_path / "p", ladder(GAMEABLE))
    assert main(["check", str(pack)]) == 0
    assert "audit-" not in capsys.readouterr().out
    assert main(["check", "--strict", str(pack)]) == 1
    assert "[audit-form-strategy]" in capsys.readouterr().out


def test_an_unknown_target_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["audit", "no_such_scenario_anywhere"]) == 2
    assert "no scenario" in capsys.readouterr().err


def test_every_code_is_documented() -> None:
    authoring = (DOCS / "authoring.md").read_text(encoding="utf-8")
    for code in AUDIT_CODES:
        assert f"`{code}`" in authoring, code
