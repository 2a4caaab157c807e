"""The built wheel works on its own: bundled packs are inside it and the CLI runs from it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The project built as a wheel and unpacked into a folder of its own (dependencies reused)."""
    work = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(work / "dist"), str(ROOT)],
        check=True,
        capture_output=True,
    )
    wheel = next((work / "dist").glob("yesable-*.whl"))
    target = work / "site"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(target), str(wheel)],
        check=True,
        capture_output=True,
    )
    return target


def run_installed(site: Path, *args: str, home: Path) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PYTHONPATH=str(site), YESABLE_HOME=str(home), YESABLE_PACKS="")
    return subprocess.run(
        [sys.executable, "-m", "simulator", *args],
        check=False,
        capture_output=True,
        text=True,
        env=env,
        cwd=home,  # away from the checkout, so only the wheel's copy can be imported
    )


def test_wheel_carries_bundled_packs_and_plays_them(installed: Path, tmp_path: Path) -> None:
    probe = run_installed(installed, "--version", home=tmp_path)
    assert probe.returncode == 0, probe.stderr
    where = subprocess.run(
        [sys.executable, "-c", "import simulator; print(simulator.__file__)"],
        check=False,
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=dict(os.environ, PYTHONPATH=str(installed)),
    )
    assert where.stdout.strip().startswith(str(installed))
    assert (installed / "simulator" / "_bundled" / "scenarios").is_dir()
    assert (installed / "simulator" / "_bundled" / "personas").is_dir()

    listing = run_installed(installed, "list", "--json", home=tmp_path)
    assert listing.returncode == 0, listing.stderr
    packs = json.loads(listing.stdout)["packs"]
    refs = [f"{p['id']}/{s['id']}" for p in packs for s in p["scenarios"]]
    assert len(refs) >= 3

    played = run_installed(installed, "run", refs[0], "--choose", "random", "--json", home=tmp_path)
    assert played.returncode == 0, played.stderr
    assert json.loads(played.stdout)["ended"] is True
