"""The core never imports Textual: headless commands stay fast and the engine stays UI-free."""

from __future__ import annotations

import subprocess
import sys

import pytest

CORE = [
    "simulator.content.models",
    "simulator.engine",
    "simulator.scoring",
]


@pytest.mark.parametrize("module", CORE)
def test_core_module_does_not_import_textual(module: str) -> None:
    code = f"import sys, {module}; print('textual' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
