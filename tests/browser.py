"""Headless Chromium for tests that check HTML the way a trainer sees it.

Tests install nothing: without `/usr/bin/chromium` they are skipped with the reason.
"""

from __future__ import annotations

import subprocess
import tempfile
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run",
    "--disable-component-update", "--disable-sync", "--hide-scrollbars",
]

needs_chromium = pytest.mark.skipif(
    not CHROMIUM.exists(), reason="headless Chromium not installed (/usr/bin/chromium; apt-get install chromium)"
)


def _run(args: list[str], timeout: float = 90) -> subprocess.CompletedProcess[str]:
    with tempfile.TemporaryDirectory() as profile:
        return subprocess.run([str(CHROMIUM), *FLAGS, f"--user-data-dir={profile}", *args],
                              capture_output=True, text=True, timeout=timeout, check=False)


def screenshot(url: str, out: Path, size: str = "1280,900", wait_ms: int = 0) -> Path:
    budget = [f"--virtual-time-budget={wait_ms}"] if wait_ms else []
    _run([f"--screenshot={out}", f"--window-size={size}", *budget, url])
    return out


def dom(url: str) -> str:
    """The page's DOM after scripts ran (`--dump-dom`)."""
    return _run(["--dump-dom", url]).stdout


def pdf(url: str, out: Path) -> Path:
    _run([f"--print-to-pdf={out}", "--no-pdf-header-footer", url])
    return out


def png_is_not_blank(path: Path) -> bool:
    """A PNG screenshot with some non-white pixels (crudely: the compressed size of a blank page)."""
    return path.exists() and path.stat().st_size > 8_000
