"""Offer tables in the pack format: a scene's `table` and a cast member's `negotiator` load,
round-trip, validate against the JSON Schema, and every mistake is reported at its line."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import yaml
from jsonschema import Draft7Validator

from simulator.analysis.checks import pack_checks
from simulator.content.loader import load_pack
from simulator.content.models import Scenario
from simulator.content.records import from_data, to_data
from simulator.content.schema import schema

PACK = Path(__file__).resolve().parent / "data" / "offers"
SCENARIO = (PACK / "launch_table.yaml").read_text()


def problems_with(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, *edits: tuple[str, str], prefix: str = ""
) -> list[str]:
    """The problems `check` reports for the test pack's scenario after replacing text (only
    those whose code starts with `prefix`)."""
    text = SCENARIO
    for old, new in edits:
        assert old in text, old
        text = text.replace(old, new, 1)
    pack = tmp_path / "offers"
    shutil.copytree(PACK, pack)
    (pack / "launch_table.yaml").write_text(text)
    monkeypatch.chdir(tmp_path)
    _, problems = load_pack(Path("offers"), checks=pack_checks())
    return [
        p.format().removeprefix("offers/launch_table.yaml:")
        for p in problems
        if p.path.endswith("launch_table.yaml") and p.code.startswith(prefix)
    ]


TABLE = "table: {opens: player, rounds: 3, agreed: launched, no_deal: no_launch}"


def test_the_test_pack_loads_clean_with_its_table_and_negotiators() -> None:
    pack, problems = load_pack(PACK, checks=pack_checks())
    assert [p.format() for p in problems] == []
    assert pack is not None
    scenario = pack.scenarios["launch_table"].scenario
    table = scenario.scene("table").table
    assert table is not None and (table.agreed, table.no_deal, table.rounds) == (
        "launched",
        "no_launch",
        3,
    )
    sales = scenario.cast_member("ot_sales").negotiator
    assert sales is not None and sales.strategies == ["competitive", "deceptive"] and sales.bluff == 15
    assert scenario.cast_member("ot_mkt").negotiator is None
    assert from_data(Scenario, json.loads(json.dumps(to_data(scenario)))) == scenario


def test_the_json_schema_knows_tables_and_negotiators() -> None:
    validator = Draft7Validator(schema("scenario.schema.json"))
    assert list(validator.iter_errors(yaml.safe_load(SCENARIO))) == []
    for where, key, bad in [
        (("cast", 0, "negotiator"), "strategies", ["sneaky"]),
        (("cast", 0, "negotiator"), "bluff", 21),
        (("scenes", 0, "table"), "rounds", 11),
        (("scenes", 0, "table"), "seats", 3),
        (("scenes", 0, "table"), "agreed", None),
    ]:
        data = yaml.safe_load(SCENARIO)
        node = data
        for step in where:
            node = node[step]
        node[key] = bad
        assert list(validator.iter_errors(data)), (where, key, bad)


CASES = [
    pytest.param(
        (TABLE, "table: {issues: [scope, price], agreed: launched}"),
        ["54:29: error[unknown-ref]: unknown issue 'price'"],
        id="unknown-issue",
    ),
    pytest.param(
        (TABLE, "table: {issues: [], agreed: launched}"),
        [
            (
                "54:21: error[offer-empty-table]: the table has no issues on it; list at least one issue id, "
                "or leave `issues` out for all of them"
            )
        ],
        id="no-issues",
    ),
    pytest.param(
        (TABLE, "table: {parties: [ot_dev, ot_boss], agreed: launched}"),
        [("54:31: error[not-present]: 'ot_boss' is not present in scene 'table'; present: ot_sales, ot_dev, ot_mkt")],
        id="party-not-present",
    ),
    pytest.param(
        (TABLE, "table: {opens: ot_dev, parties: [ot_sales, ot_mkt], agreed: launched}"),
        ["54:20: error[unknown-ref]: unknown party at the table 'ot_dev'"],
        id="opens-not-a-party",
    ),
    pytest.param(
        (TABLE, "table: {agreed: launch}"),
        ["54:21: error[unknown-scene]: unknown scene or ending 'launch'; did you mean 'launched'?"],
        id="agreed-unknown",
    ),
    pytest.param(
        ("serves: {scope: calm, date: calm}", "serves: {scope: calm, date: sleep}"),
        ["26:46: error[unknown-ref]: unknown interest of ot_dev 'sleep'"],
        id="serves-unknown-interest",
    ),
    pytest.param(
        ("serves: {scope: calm, date: calm}", "serves: {scope: calm, dates: calm}"),
        ["26:40: error[unknown-ref]: unknown issue 'dates'; did you mean 'date'?"],
        id="serves-unknown-issue",
    ),
    pytest.param(
        ("negotiator: {serves:", "negotiator: {bluff: 5, serves:"),
        [
            (
                "26:25: warning[offer-unused-bluff]: 'ot_dev' never plays deceptive, so `bluff` is never "
                "used; add `deceptive` to `strategies`, or remove `bluff`"
            )
        ],
        id="unused-bluff",
    ),
    pytest.param(
        ("strategies: [competitive, deceptive]", "strategies: [competitive, sneaky]"),
        ["20:44: error[invalid-value]: expected one of: cooperative, competitive, deceptive; got 'sneaky'"],
        id="unknown-strategy",
    ),
    pytest.param(
        ("bluff: 15", "bluff: 25"),
        ["20:63: error[invalid-value]: input should be less than or equal to 20, got number 25"],
        id="bluff-too-large",
    ),
]


@pytest.mark.parametrize(("edit", "expected"), CASES)
def test_each_mistake_is_reported_at_its_place(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, edit: tuple[str, str], expected: list[str]
) -> None:
    assert problems_with(tmp_path, monkeypatch, edit) == expected


def test_a_stakeholder_no_package_satisfies_is_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Dev's best package on the table is worth (80 + 80 + 70) / 3 = 76.7 < 80."""
    found = problems_with(
        tmp_path,
        monkeypatch,
        ("batna_value: 50\n    trust: 60", "batna_value: 80\n    trust: 60"),
        prefix="offer-",
    )
    assert found == [
        (
            "54:12: warning[offer-unacceptable]: no package on the table is worth 'ot_dev''s BATNA value "
            "(80): the best is worth 76.7, so every proposal will be refused; raise their option values "
            "on the table's issues, lower their `batna_value`, or put more issues on the table"
        )
    ]


def test_a_table_without_a_zopa_is_reported_and_issues_off_the_table_count_at_best(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Sales (BATNA 70) needs `full`; dev (BATNA 70) cannot live with it. Each can reach its BATNA
    alone, no package reaches both: no ZOPA. Off the table, `budget` counts at each one's best."""
    edits = [
        ("batna_value: 55", "batna_value: 70"),
        ("batna_value: 50\n    trust: 60", "batna_value: 70\n    trust: 60"),
        (TABLE, "table: {issues: [scope, date], agreed: launched}"),
    ]
    found = problems_with(tmp_path, monkeypatch, *edits, prefix="offer-")
    assert found == [
        (
            "54:12: warning[offer-no-zopa]: no package on the table of scene 'table' is worth their BATNA "
            "to every party (ot_sales, ot_dev, ot_mkt): there is no ZOPA, so no proposal can be accepted "
            "by all; add an option that creates value for several parties, or lower a `batna_value`; if "
            "walking away is the lesson, give the scene a choice that leaves the table"
        )
    ]
    # lowering sales' BATNA to 50 opens one: phased in May, worth (60 + 50 + 60) / 3 to sales
    edits[0] = ("batna_value: 55", "batna_value: 50")
    assert problems_with(tmp_path / "again", monkeypatch, *edits, prefix="offer-") == []


def test_a_table_in_a_scenario_without_issues_is_an_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    start = SCENARIO.index("issues:\n")
    end = SCENARIO.index("start: table")
    text = SCENARIO[:start] + SCENARIO[end:]
    text = text.replace(", serves: {date: target}", "")
    text = text.replace("    negotiator: {serves: {scope: calm, date: calm}}\n", "")
    text = text.replace("        effects: {settle: {scope: phased, date: may, budget: large}}\n", "")
    assert problems_with(tmp_path, monkeypatch, (SCENARIO, text)) == [
        (
            "36:12: error[offer-empty-table]: scene 'table' opens a table, but the scenario negotiates no "
            "issues; add `issues` with options to the scenario, or remove `table`"
        )
    ]
