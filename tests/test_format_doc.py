"""docs/format.md stays true: every model field, vocabulary word and problem code is documented,
and the complete example pack in it passes every check `yesable check` runs, lint included."""

from __future__ import annotations

import dataclasses
import re
from enum import StrEnum
from pathlib import Path
from typing import Any

import pytest

from simulator.analysis.checks import persona_checks, scenario_checks
from simulator.analysis.lint import LINT_CODES
from simulator.content import models, vocabulary
from simulator.content.loader import Checks, Personas, load_pack
from simulator.content.problems import CODES
from simulator.content.records import keyword_alias

DOC = (Path(__file__).resolve().parents[1] / "docs" / "format.md").read_text()
MODELS = [
    models.Manifest,
    models.Persona,
    models.Interest,
    models.Responses,
    models.Voice,
    models.Scenario,
    models.PlayerBrief,
    models.CastMember,
    models.Negotiator,
    models.NegotiationIssue,
    models.Option,
    models.Table,
    models.Scene,
    models.Line,
    models.Choice,
    models.Branch,
    models.Condition,
    models.Effect,
    models.Ending,
    models.Prep,
]


def section(model: type[Any]) -> str:
    """The text under the heading that names `(`Model`)`, up to the next heading."""
    match = re.search(rf"^#+ .*\(`{model.__name__}`\)\n(.*?)(?=^#)", DOC, re.MULTILINE | re.DOTALL)
    assert match, f"docs/format.md has no heading for {model.__name__}"
    return match.group(1)


def test_every_model_is_documented() -> None:
    documented = set(re.findall(r"^#+ .*\(`(\w+)`\)$", DOC, re.MULTILINE))
    defined = {
        name
        for name, value in vars(models).items()
        if isinstance(value, type) and issubclass(value, models.Model) and value is not models.Model
    }
    assert defined == {m.__name__ for m in MODELS}
    assert defined <= documented


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_every_field_is_in_its_table(model: type[Any]) -> None:
    text = section(model)
    rows = set(re.findall(r"^\| `([a-z_]+)` \|", text, re.MULTILINE))
    fields = {keyword_alias(f.name) for f in dataclasses.fields(model)}
    assert fields == rows, f"{model.__name__}: missing {fields - rows}, stale {rows - fields}"


@pytest.mark.parametrize(
    "vocab",
    [
        vocabulary.Function,
        vocabulary.Quadrant,
        vocabulary.PowerBase,
        vocabulary.Style,
        vocabulary.Principle,
        vocabulary.Difficulty,
        vocabulary.Objective,
        vocabulary.EndingKind,
    ],
    ids=lambda v: v.__name__,
)
def test_every_vocabulary_word_is_listed(vocab: type[StrEnum]) -> None:
    vocab_section = DOC.split("## Vocabularies", 1)[1].split("\n## ", 1)[0]
    for word in vocab:
        assert f"`{word.value}`" in vocab_section, word


def test_every_problem_code_is_listed() -> None:
    codes_section = DOC.split("## Problem codes", 1)[1]
    listed = re.findall(r"^\| `([a-z0-9-]+)` \|", codes_section, re.MULTILINE)
    assert listed == list(CODES) + list(LINT_CODES)


def test_every_lint_code_is_documented_with_its_severity_and_fix() -> None:
    lint_section = DOC.split("### Graph lint", 1)[1]
    rows = {
        m[0]: m[1:]
        for m in re.findall(r"^\| `([a-z0-9-]+)` \| (error|warning) \| (.+?) \| (.+?) \|$", lint_section, re.MULTILINE)
    }
    assert set(rows) == set(LINT_CODES)
    for code, (severity, _, fix) in LINT_CODES.items():
        assert rows[code][0] == severity, code
        assert rows[code][2].rstrip(".").lower() == fix.lower(), code


def test_lint_codes_are_all_reported() -> None:
    source = (Path(__file__).resolve().parents[1] / "simulator" / "analysis" / "lint.py").read_text()
    body = source.split("_CONTRADICTION =", 1)[1]
    unused = [code for code in LINT_CODES if f'"{code}"' not in body]
    assert unused == []
    assert not set(LINT_CODES) & set(CODES)


def test_codes_in_the_source_and_in_the_table_agree() -> None:
    root = Path(__file__).resolve().parents[1] / "simulator"
    source = (
        "".join(f.read_text() for f in (root / "content").glob("*.py") if f.name != "problems.py")
        + (root / "analysis" / "offer_checks.py").read_text()
    )  # the ZOPA codes need the offer rules
    kebab = set(re.findall(r'"([a-z][a-z0-9]*(?:-[a-z0-9]+)+)"', source)) - {"utf-8-sig", "utf-8"}
    assert kebab <= set(CODES), f"codes used but not in CODES: {kebab - set(CODES)}"
    unused = [code for code in CODES if f'"{code}"' not in source]
    assert unused == [], f"codes in CODES that nothing reports: {unused}"


def test_example_pack_loads_clean(tmp_path: Path) -> None:
    blocks = re.findall(r"^`my_pack/([\w/.]+)`:\n\n```yaml\n(.*?)```", DOC, re.MULTILINE | re.DOTALL)
    assert [name for name, _ in blocks] == ["pack.yaml", "personas/sales_vp.yaml", "feature_ask.yaml"]
    for name, text in blocks:
        path = tmp_path / "my_pack" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    checks = Checks(scenario=scenario_checks(), persona=persona_checks())
    pack, problems = load_pack(tmp_path / "my_pack", Personas(), checks)
    assert [p.format() for p in problems] == []
    assert pack is not None and list(pack.scenarios) == ["feature_ask"]
