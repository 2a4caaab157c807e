"""The pre-commit hook other pack repositories use: `.pre-commit-hooks.yaml` parses, names the
`yesable-check` hook, and its entry, given the changed files as pre-commit gives them, checks the packs
they belong to and ignores other YAML files."""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from test_loader import DATA, VALID

from simulator.analysis.lint import ADVISORY

ROOT = Path(__file__).resolve().parents[1]


def hook() -> dict[str, Any]:
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())
    assert isinstance(hooks, list)
    (found,) = [h for h in hooks if h["id"] == "yesable-check"]
    assert isinstance(found, dict)
    return found


def test_the_hook_definition_parses() -> None:
    h = hook()
    assert {"id", "name", "entry", "language"} <= set(h)
    assert h["language"] == "python"
    assert shlex.split(h["entry"])[:2] == ["yesable", "check"]
    assert h["pass_filenames"] is True
    files = re.compile(h["files"])
    assert files.search("my_pack/pack.yaml") and files.search("notes.yml")
    assert not files.search("README.md") and not files.search("tool.py")


def entry_command() -> list[str]:
    """The hook's entry, run with this interpreter's `yesable` as pre-commit's environment would."""
    words = shlex.split(hook()["entry"])
    script = Path(sys.executable).parent / "yesable"
    program = [str(script)] if script.exists() else [sys.executable, "-m", "simulator"]
    return program + words[1:]


def run_hook(repo: Path) -> subprocess.CompletedProcess[str]:
    files = re.compile(hook()["files"])
    changed = sorted(str(p.relative_to(repo)) for p in repo.rglob("*") if p.is_file() and files.search(p.name))
    env = {**os.environ, "YESABLE_HOME": str(repo.parent / "home"), "YESABLE_PACKS": ""}
    return subprocess.run(
        entry_command() + changed, cwd=repo, env=env, capture_output=True, text=True, timeout=120, check=False
    )


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A pack repository: a pack, its pre-commit config and a CI workflow, all YAML."""
    repo = tmp_path / "repo"
    shutil.copytree(VALID, repo / "tiny")
    (repo / ".pre-commit-config.yaml").write_text("repos: []\n")
    (repo / ".github" / "workflows").mkdir(parents=True)
    (repo / ".github" / "workflows" / "ci.yml").write_text("on: push\n")
    return repo


def test_the_entry_passes_a_clean_pack_and_ignores_other_yaml(repo: Path) -> None:
    done = run_hook(repo)
    assert (done.returncode, done.stderr) == (0, "")
    assert_clean_but_for_advice(done.stdout)


def test_the_entry_fails_a_commit_that_breaks_a_pack(repo: Path) -> None:
    (repo / "tiny" / "deal.yaml").write_bytes((DATA / "broken" / "unknown_key" / "deal.yaml").read_bytes())
    done = run_hook(repo)
    assert done.returncode == 1
    assert done.stdout.splitlines() == [
        "tiny/deal.yaml:26:5: error[unknown-key]: unknown key 'satisfation'; did you mean 'satisfaction'?",
        "1 pack, 1 scenario checked: 1 error, 0 warnings",
    ]


def test_a_commit_with_no_pack_files_checks_nothing(repo: Path) -> None:
    shutil.rmtree(repo / "tiny")
    done = run_hook(repo)
    assert (done.returncode, done.stdout) == (0, "0 packs, 0 scenarios checked: ok\n")


def test_only_the_hook_skips_yaml_outside_packs(
    repo: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from simulator.cli.main import main

    monkeypatch.setenv("YESABLE_HOME", str(repo.parent / "home"))
    monkeypatch.setenv("YESABLE_PACKS", "")
    monkeypatch.chdir(repo)
    assert main(["check", ".pre-commit-config.yaml"]) == 2  # by hand, a file in no pack is a mistake
    assert "not a pack" in capsys.readouterr().err
    assert main(["check", "--skip-non-pack", ".pre-commit-config.yaml", "tiny/deal.yaml"]) == 0
    assert_clean_but_for_advice(capsys.readouterr().out)
    assert main(["check", "--skip-non-pack", "no/such/file.yaml"]) == 2  # a missing file is still one


def assert_clean_but_for_advice(out: str) -> None:
    """One pack checked with no problem but the advisory warnings the tiny pack's `yielded` ending
    draws on purpose (an agreement that is the lesson)."""
    *problems, summary = out.splitlines()
    assert summary.startswith("1 pack, 1 scenario checked: ")
    assert all(any(f"warning[{code}]" in line for code in ADVISORY) for line in problems), problems
