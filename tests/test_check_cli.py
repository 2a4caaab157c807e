"""`yesable check`: located problems on stdout, a summary line, exit 0 / 1 / 2."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from test_loader import DATA, VALID

from simulator.cli.main import main


@pytest.fixture(autouse=True)
def no_user_packs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("YESABLE_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("YESABLE_PACKS", "")


TINY_ADVICE = (
    "warning[agreement-leaves-issues-open]: agreement 'yielded'",
    "warning[agreement-below-player-batna]: agreement 'yielded'",
)
"""The tiny pack's 'yielded' is a deliberate bad deal (giving in, or nothing settled): check says so
with these two advisory warnings, which pass even `--strict` (tests/test_authoring_help.py)."""
TINY_SUMMARY = "1 pack, 1 scenario checked: 0 errors, 2 warnings"


def without_advice(lines: list[str]) -> list[str]:
    return [line for line in lines if not any(advice in line for advice in TINY_ADVICE)]


def test_clean_pack_exits_0(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(VALID)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert without_advice(out) == [TINY_SUMMARY] and len(out) == 3


def test_broken_pack_exits_1_with_located_problems(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    shutil.copytree(VALID, tmp_path / "tiny")
    (tmp_path / "tiny" / "deal.yaml").write_bytes((DATA / "broken" / "unknown_key" / "deal.yaml").read_bytes())
    monkeypatch.chdir(tmp_path)
    assert main(["check", "tiny"]) == 1
    assert capsys.readouterr().out.splitlines() == [
        "tiny/deal.yaml:26:5: error[unknown-key]: unknown key 'satisfation'; did you mean 'satisfaction'?",
        "1 pack, 1 scenario checked: 1 error, 0 warnings",
    ]


def test_a_file_inside_a_pack_checks_its_pack(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(VALID / "deal.yaml")]) == 0
    assert main(["check", str(VALID / "personas" / "tiny_dev.yaml")]) == 0
    assert main(["check", str(VALID.parent)]) == 0
    assert capsys.readouterr().out.count(TINY_SUMMARY) == 3


def test_template_syntax_is_checked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    shutil.copytree(VALID, tmp_path / "tiny")
    deal = tmp_path / "tiny" / "deal.yaml"
    deal.write_text(deal.read_text().replace('"{{ cast.tiny_sales }} is waiting."', '"{{ cast.tiny_sales is waiting."'))
    monkeypatch.chdir(tmp_path)
    assert main(["check", "tiny"]) == 1
    first = capsys.readouterr().out.splitlines()[0]
    assert first.startswith("tiny/deal.yaml:36:16: error[template-syntax]: template syntax error: ")


@pytest.mark.parametrize("args", [["check", "no/such/pack"], ["check", "."], ["check", "--bogus"]])
def test_usage_errors_exit_2(
    args: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    try:
        code = main(args)
    except SystemExit as exc:
        code = int(exc.code or 0)
    assert code == 2
    assert "Traceback" not in capsys.readouterr().err


def test_strict_is_accepted(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--strict", str(VALID)]) == 0


@pytest.mark.parametrize("case", sorted(p.name for p in (DATA / "broken").iterdir()))
def test_every_broken_case_exits_1_without_traceback(
    case: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    shutil.copytree(VALID, tmp_path / "tiny")
    for file in (DATA / "broken" / case).iterdir():
        if file.name != "expected.txt":
            (tmp_path / "tiny" / file.name).write_bytes(file.read_bytes())
    monkeypatch.chdir(tmp_path)
    assert main(["check", "tiny"]) == 1
    out = capsys.readouterr().out.splitlines()
    expected = (DATA / "broken" / case / "expected.txt").read_text().splitlines()
    assert without_advice(out[:-1]) == expected


def test_warnings_pass_unless_strict(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    shutil.copytree(VALID, tmp_path / "tiny")
    (tmp_path / "tiny" / "notes.yml").write_text("todo: write this\n")
    monkeypatch.chdir(tmp_path)
    assert main(["check", "tiny"]) == 0
    assert without_advice(capsys.readouterr().out.splitlines()) == [
        "tiny/notes.yml:1:1: warning[ignored-file]: not loaded: scenario files end in .yaml",
        "1 pack, 1 scenario checked: 0 errors, 3 warnings",
    ]
    assert main(["check", "--strict", "tiny"]) == 1
    assert without_advice(capsys.readouterr().out.splitlines()) == [
        "tiny/notes.yml:1:1: error[ignored-file]: not loaded: scenario files end in .yaml",
        "1 pack, 1 scenario checked: 1 error, 2 warnings",  # the advice stays a warning
    ]


def test_bundled_persona_files_can_be_checked(capsys: pytest.CaptureFixture[str]) -> None:
    from simulator.content.locations import bundled_personas

    assert main(["check", str(bundled_personas())]) == 0
    assert capsys.readouterr().out == "0 packs, 0 scenarios checked: ok\n"
