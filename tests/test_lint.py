"""Graph lint: each way a scenario's graph or templates can be wrong is reported, located, with its
code; nothing is reported for a scenario that plays fine (more in test_lint_properties.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_loader import make_pack

from simulator.cli.main import main

IF_DATA = "if: {not_chosen: [give]}"
TO_TABLE = "next: table"
BRANCHES = "          - {to: deal_done, if: {revealed: [tiny_sales.renewal]}}\n          - {to: stuck}"

CASES: list[tuple[str, list[tuple[str, str]], list[str]]] = [
    (
        "unreachable-scene",
        [(TO_TABLE, "next: yielded")],
        [
            "21:14: warning[unrevealable-interest]",
            "47:9: warning[unreachable-scene]: scene 'table' is never reached from the start ('open')",
            "71:10: warning[unreachable-ending]: ending 'deal_done' is never reached",
        ],
    ),
    (
        "flag-nothing-sets",
        [(IF_DATA, "if: {flags: [nope]}")],
        [
            (
                "56:13: warning[never-available]: choice 'data' is never offered: it needs flag 'nope', which "
                "no choice sets"
            ),
            "71:10: warning[unreachable-ending]",
        ],
    ),
    (
        "contradiction",
        [(IF_DATA, "if: {flags: [a], not_flags: [a]}")],
        [
            (
                "56:13: warning[never-available]: choice 'data' is never offered: its parts contradict each "
                "other on flag 'a'; drop one of the parts that contradict each other"
            ),
            "71:10: warning[unreachable-ending]",
        ],
    ),
    (
        "meter-out-of-reach",
        [(IF_DATA, "if: {trust_at_least: {tiny_dev: 90}}")],
        [
            (
                "56:13: warning[never-available]: choice 'data' is never offered: tiny_dev's trust is never "
                "at least 90 in scene 'table'"
            ),
            "71:10: warning[unreachable-ending]",
        ],
    ),
    (
        "choice-made-elsewhere",
        [(IF_DATA, "if: {chosen: [give]}")],
        [
            (
                "56:13: warning[never-available]: choice 'data' is never offered: choice 'give' is never "
                "chosen in scene 'table'"
            ),
            "71:10: warning[unreachable-ending]",
        ],
    ),
    (
        "interest-nothing-reveals",
        [
            (IF_DATA, "if: {revealed: [tiny_dev.sleep]}"),
            ("principles: [interests]\n        to: [tiny_dev]", "to: [tiny_dev]"),
        ],
        [
            (
                "56:13: warning[never-available]: choice 'data' is never offered: it needs tiny_dev.sleep "
                "revealed, which nothing can reveal"
            ),
            (
                "21:14: warning[unrevealable-interest]: tiny_dev's hidden interest 'sleep' can never be "
                "revealed in this scenario: no probing choice addresses tiny_dev"
            ),
            "70:10: warning[unreachable-ending]",
        ],
    ),
    (
        "dead-branch",
        [
            ("effects: {settle: {feature: config}}", "effects: {settle: {feature: config}, set: [done]}"),
            ("{to: deal_done, if: {revealed", "{to: deal_done, if: {not_flags: [done], revealed"),
        ],
        [
            (
                "60:13: warning[dead-branch]: the branch to 'deal_done' is never taken: flag 'done' is always "
                "set after choice 'data'; branches are tried after the choice's effects, and 'data' changes "
                "'done' itself"
            ),
            "71:10: warning[unreachable-ending]",
        ],
    ),
    (
        "shadowed-branch",
        [
            (
                "{to: deal_done, if: {revealed: [tiny_sales.renewal]}}",
                "{to: deal_done, if: {not_flags: [nobody_sets_this]}}",
            )
        ],
        [
            (
                "61:13: warning[dead-branch]: the branch to 'stuck' is never taken: the earlier branch to "
                "'deal_done' always holds here (`not_flags: nobody_sets_this`)"
            ),
        ],
    ),
    (
        "never-shown",
        [
            (
                '{speaker: tiny_sales, text: "I need it by Friday."}',
                '{speaker: tiny_sales, text: "I need it by Friday.", if: {visited: [table]}}',
            )
        ],
        [
            ("38:65: warning[never-shown]: this line is never shown: scene 'table' is never visited in scene 'open'"),
        ],
    ),
    (
        "no-exit",
        [("next: yielded\nendings", "next: table\nendings"), (BRANCHES, "          - {to: table}")],
        [
            ("47:9: error[no-exit]: scene 'table' leads only back to itself: no ending can be reached from here"),
            "70:10: warning[unreachable-ending]",
        ],
    ),
    (
        "dead-end",
        [
            ("next: yielded\nendings", "if: {flags: [never]}\n        next: yielded\nendings"),
            (IF_DATA, "if: {flags: [never]}"),
        ],
        [
            "47:9: error[dead-end]: no choice of scene 'table' can ever be offered: the player is stuck",
            "56:13: warning[never-available]",
            "67:13: warning[never-available]",
            "21:14: warning[unrevealable-interest]",
            "72:10: warning[unreachable-ending]: ending 'deal_done'",
        ],
    ),
    (
        "no-agreement",
        [
            ('kind: agreement, text: "You gave in."', 'kind: impasse, text: "You gave in."'),
            ('kind: agreement, text: "You agree', 'kind: impasse, text: "You agree'),
        ],
        [
            "69:3: error[no-agreement]: the scenario has no ending of kind `agreement`, so it cannot be won",
        ],
    ),
    (
        "unknown-variable",
        [('"{{ cast.tiny_sales }} is waiting."', '"{{ cast.tiny_ceo }} is {{ moood }}."')],
        [
            "36:16: error[unknown-variable]: template uses unknown name 'moood'; did you mean 'mood'?",
            (
                "36:16: error[unknown-variable]: `cast.tiny_ceo`: 'tiny_ceo' is not in the cast; did you "
                "mean 'tiny_dev'?"
            ),
        ],
    ),
]


def lint(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    edits: list[tuple[str, str]],
    file: str = "deal.yaml",
) -> list[str]:
    pack = make_pack(tmp_path)
    text = (pack / file).read_text()
    for old, new in edits:
        assert old in text, old
        text = text.replace(old, new)
    (pack / file).write_text(text)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("YESABLE_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("YESABLE_PACKS", "")
    main(["check", "tiny"])
    return [line for line in capsys.readouterr().out.splitlines()[:-1] if not yielded_advice(line)]


TINY_ADVICE = (
    "warning[agreement-leaves-issues-open]: agreement 'yielded'",
    "warning[agreement-below-player-batna]: agreement 'yielded'",
)
"""The tiny pack's 'yielded' is a deliberate bad deal (reached by giving in, or with nothing settled):
check says so with these advisory warnings on every run (tests/test_authoring_help.py tests them)."""


def yielded_advice(line: str) -> bool:
    return any(advice in line for advice in TINY_ADVICE)


@pytest.mark.parametrize(("edits", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_lint_finds_and_locates(
    edits: list[tuple[str, str]],
    expected: list[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    out = [line.removeprefix("tiny/deal.yaml:") for line in lint(tmp_path, monkeypatch, capsys, edits)]
    assert len(out) == len(expected), out
    for want in expected:
        assert any(line.startswith(want) for line in out), (want, out)


def test_persona_templates_are_linted(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    out = lint(
        tmp_path, monkeypatch, capsys, [('hostile: ["No."]', 'hostile: ["No, {{ plyer }}."]')], "personas/tiny_dev.yaml"
    )
    assert out == [
        (
            "tiny/personas/tiny_dev.yaml:25:13: error[unknown-variable]: template uses unknown name "
            "'plyer'; did you mean 'player'?"
        ),
    ]


def test_a_persona_naming_someone_not_in_the_cast_is_reported_at_the_cast_member(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    out = lint(
        tmp_path,
        monkeypatch,
        capsys,
        [('neutral: ["Maybe."]', 'neutral: ["Ask {{ cast.boss }}."]')],
        "personas/tiny_dev.yaml",
    )
    assert out == [
        (
            "tiny/deal.yaml:21:14: error[unknown-variable]: persona 'tiny_dev' says `cast.boss` in one of "
            "its lines, but 'boss' is not in this scenario's cast; use a name from the Templates table, "
            "or a persona id of the cast"
        ),
    ]


def test_a_clean_scenario_has_nothing_to_say(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    assert lint(tmp_path, monkeypatch, capsys, []) == []
    assert main(["check", "--strict", "tiny"]) == 0  # the advice on 'yielded' stays a warning


def test_trainer_tools_do_not_import_textual() -> None:
    import subprocess
    import sys

    modules = "simulator.analysis.lint, simulator.analysis.graph, simulator.content.schema, simulator.content.scaffold"
    code = f"import sys, {modules}; print('textual' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
