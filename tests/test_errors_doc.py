"""docs/errors/: one page per diagnostic code, generated from the registries, none orphaned."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from simulator.analysis.audit import AUDIT_CODES
from simulator.analysis.error_examples import EXAMPLES
from simulator.analysis.errors_doc import INDEX, diagnostics, main, page, problems
from simulator.analysis.l10n import L10N_CODES
from simulator.analysis.lint import LINT_CODES
from simulator.analysis.testplan import TESTPLAN_CODES
from simulator.content.problems import CODES

ROOT = Path(__file__).resolve().parents[1]
PAGES = ROOT / "docs" / "errors"


def test_every_registered_code_has_a_page_and_no_page_is_orphaned() -> None:
    codes = set(CODES) | set(LINT_CODES) | set(AUDIT_CODES) | set(TESTPLAN_CODES) | set(L10N_CODES)
    assert set(diagnostics()) == codes
    found = {p.stem for p in PAGES.glob("*.md") if p.name != INDEX}
    assert found == codes, f"missing {codes - found}, orphaned {found - codes}"


def test_the_pages_are_as_generated() -> None:
    """Fails when a registry or an example changed: run `python -m simulator.analysis.errors_doc`."""
    assert problems(PAGES) == []


def test_check_mode_reports_missing_stale_and_orphaned_pages(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--out", str(tmp_path)]) == 0
    assert main(["--out", str(tmp_path), "--check"]) == 0
    (tmp_path / "dead-end.md").unlink()
    (tmp_path / "alias.md").write_text("edited by hand\n")
    (tmp_path / "no-such-code.md").write_text("old\n")
    capsys.readouterr()
    assert main(["--out", str(tmp_path), "--check"]) == 1
    out = capsys.readouterr().out
    assert "dead-end.md: missing" in out
    assert "alias.md: stale" in out
    assert "no-such-code.md: no such code" in out
    main(["--out", str(tmp_path)])
    assert not (tmp_path / "no-such-code.md").exists()
    assert problems(tmp_path) == []


@pytest.mark.parametrize("code", list(diagnostics()))
def test_each_page_says_what_the_code_means_shows_yaml_and_the_fix(code: str) -> None:
    text = (PAGES / f"{code}.md").read_text()
    assert text.startswith(f"# `{code}`\n")
    assert diagnostics()[code].fix.lower().rstrip(".") in text.lower()
    assert "## Example" in text and "## Fix" in text
    assert text.count("```yaml") == 2


def test_examples_belong_to_registered_codes() -> None:
    assert set(EXAMPLES) <= set(diagnostics())


def test_a_code_without_an_example_still_gets_a_page() -> None:
    from simulator.analysis.errors_doc import Diagnostic

    text = page(Diagnostic("brand-new", "warning", "something new", "do the new thing", "lint"))
    assert "Something new." in text and "Do the new thing." in text and "No example" in text


def test_the_index_links_every_page() -> None:
    index = (PAGES / INDEX).read_text()
    assert re.findall(r"\[`([a-z0-9-]+)`\]\(\1\.md\)", index) == list(diagnostics())


def test_the_format_reference_points_to_the_pages() -> None:
    assert "errors/README.md" in (ROOT / "docs" / "format.md").read_text()
