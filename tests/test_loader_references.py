"""Cross-reference and validation messages, each at the line and column of the offending value."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_loader import VALID, make_pack

from simulator.content.loader import Personas, load_pack

DEAL = (VALID / "deal.yaml").read_text()


def problems_with(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, old: str, new: str) -> list[str]:
    assert old in DEAL, old
    make_pack(tmp_path, deal__yaml=DEAL.replace(old, new, 1))
    monkeypatch.chdir(tmp_path)
    _, problems = load_pack(Path("tiny"), Personas())
    return [p.format().removeprefix("tiny/deal.yaml:") for p in problems]


CASES = [
    pytest.param(
        "      - {speaker: tiny_sales,",
        "      - {speaker: tiny_dev,",
        ["38:19: error[not-present]: 'tiny_dev' is not present in scene 'open'; present: tiny_sales"],
        id="speaker-not-present",
    ),
    pytest.param(
        "          - {to: stuck}",
        "          - {to: stuck, if: {flags: [x]}}",
        [("61:29: error[branch-order]: the last branch must have no `if`, so the choice always leads somewhere")],
        id="last-branch-has-if",
    ),
    pytest.param(
        "          - {to: deal_done, if: {revealed: [tiny_sales.renewal]}}",
        "          - {to: deal_done}",
        [
            (
                "60:13: error[branch-order]: a branch without `if` must come last: the branches after it can "
                "never be taken"
            )
        ],
        id="unconditional-branch-first",
    ),
    pytest.param(
        "revealed: [tiny_sales.renewal]",
        "revealed: [tiny_sales.renewl]",
        [
            (
                "60:45: error[unknown-ref]: unknown interest of tiny_sales 'renewl' in 'tiny_sales.renewl'; "
                "did you mean 'renewal'?"
            )
        ],
        id="unknown-interest",
    ),
    pytest.param(
        "tiny_sales: 70, tiny_dev: 70}}",
        "tiny_sales: 70}}",
        [
            (
                "31:51: error[missing-value]: option 'config' has no value for tiny_dev; every party (player "
                "and each cast member) needs a value 0-100"
            )
        ],
        id="missing-option-value",
    ),
    pytest.param(
        "effects: {settle: {feature: custom}}",
        "effects: {settle: {feature: bespoke}}",
        ["45:37: error[unknown-ref]: unknown option of issue 'feature' 'bespoke'"],
        id="unknown-option",
    ),
    pytest.param(
        "if: {not_chosen: [give]}",
        "if: {not_chosen: [giv], trust_at_least: {tiny_ceo: 50}}",
        [
            "56:27: error[unknown-ref]: unknown choice 'giv'; did you mean 'give'?",
            "56:50: error[unknown-ref]: unknown cast member 'tiny_ceo'; did you mean 'tiny_dev'?",
        ],
        id="condition-refs",
    ),
    pytest.param(
        "start: open",
        "start: deal_done\nwalkout: open",
        [
            "32:8: error[unknown-scene]: unknown scene 'deal_done' (start must be a scene)",
            "33:10: error[unknown-scene]: unknown ending 'open'",
        ],
        id="start-and-walkout",
    ),
    pytest.param(
        "  - {id: stuck,",
        "  - {id: table,",
        [
            "61:18: error[unknown-scene]: unknown scene or ending 'stuck'",
            "70:10: error[duplicate-id]: duplicate scene or ending id 'table'",
        ],
        id="ending-id-equals-scene-id",
    ),
    pytest.param(
        "      - id: give\n",
        "      - id: ask\n",
        [
            "42:13: error[duplicate-id]: duplicate choice in scene 'open' id 'ask'",
            "56:27: error[unknown-ref]: unknown choice 'give'",
        ],
        id="duplicate-choice",
    ),
    pytest.param(
        "    fits: [integrating]",
        "    fits: [integratin]",
        [
            (
                "39:12: error[invalid-value]: expected one of: integrating, obliging, dominating, avoiding, "
                "compromising; got 'integratin'; did you mean 'integrating'?"
            )
        ],
        id="enum-typo",
    ),
    pytest.param(
        "next: table}",
        "next: 7}",
        ["41:91: error[wrong-type]: expected one of: text, a list, got number 7"],
        id="next-wrong-type",
    ),
    pytest.param(
        "        reply: {tiny_dev:",
        "        to: [tiny_sales]\n        reply: {tiny_dev:",
        [
            (
                "59:17: warning[unused-reply]: 'tiny_dev' is not addressed by this choice (`to`), so this "
                "reply is never said"
            )
        ],
        id="reply-to-someone-not-addressed",
    ),
    pytest.param(
        "title: A tiny deal",
        "title: 2024-01-31",
        ["3:8: error[wrong-type]: expected text, got date '2024-01-31' — quote it: \"2024-01-31\""],
        id="date-in-text",
    ),
    pytest.param(
        "next: table}",
        "next: no}",
        ["41:91: error[yaml-boolean]: expected text, got boolean 'no' — quote it: \"no\""],
        id="next-yaml-boolean",
    ),
    pytest.param(
        "          - {to: stuck}",
        "          - {to: stuck, iff: {flags: [x]}}",
        ["61:25: error[unknown-key]: unknown key 'iff'; did you mean 'if'?"],
        id="branch-unknown-key-inside-union",
    ),
    pytest.param(
        "id: deal\n",
        "id: Deal\n",
        [
            (
                "2:5: error[invalid-value]: expected an id (lower-case letters, digits and _, starting with "
                "a letter), got 'Deal'"
            )
        ],
        id="bad-id",
    ),
    pytest.param(
        "  batna_value: 40\n",
        "",
        ["9:3: error[missing-key]: missing required key 'batna_value'"],
        id="missing-key",
    ),
    pytest.param(
        "minutes: 5",
        "minutes: 500",
        ["7:10: error[invalid-value]: input should be less than or equal to 240, got number 500"],
        id="out-of-range",
    ),
    pytest.param(
        "    trust: 55\n",
        "    trust: 55\n    on: 3\n",
        ["26:5: error[yaml-boolean]: key 'on' is read as a boolean, not text — quote it: \"on\""],
        id="yaml-boolean-key",
    ),
]


@pytest.mark.parametrize(("old", "new", "expected"), CASES)
def test_reference_problem_is_located(
    old: str, new: str, expected: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert problems_with(tmp_path, monkeypatch, old, new) == expected
