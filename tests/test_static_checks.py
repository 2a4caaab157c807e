"""Static checks, configured in pyproject.toml: `mypy --strict`, ruff (lint and format) and the
import-linter layers pass, and stay passing."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_mypy_strict_finds_no_errors() -> None:
    out = subprocess.run([sys.executable, "-m", "mypy"], check=False, cwd=ROOT, capture_output=True, text=True)
    assert out.returncode == 0, out.stdout + out.stderr


def test_ruff_finds_nothing_in_the_program_tests_or_benchmarks() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "ruff", "check", "simulator", "tests", "bench"],
        check=False,
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert out.returncode == 0, out.stdout + out.stderr


def test_the_code_is_formatted_as_ruff_formats_it() -> None:
    """`ruff format --check` (pyproject.toml's line length): run `ruff format simulator tests bench`."""
    out = subprocess.run(
        [sys.executable, "-m", "ruff", "format", "--check", "simulator", "tests", "bench"],
        check=False,
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert out.returncode == 0, out.stdout + out.stderr


def test_the_layers_hold() -> None:
    """import-linter's contracts (pyproject.toml): cli -> tui -> classroom -> analysis -> scoring ->
    engine -> content -> storage with no arrow back up, and no Textual below the TUI."""
    out = subprocess.run(
        [str(Path(sys.executable).with_name("lint-imports"))], check=False, cwd=ROOT, capture_output=True, text=True
    )
    assert out.returncode == 0, out.stdout + out.stderr
