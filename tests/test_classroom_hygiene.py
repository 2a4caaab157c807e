"""Classroom modules are headless: handouts, reports and exports never load Textual or textual-serve."""

from __future__ import annotations

import subprocess
import sys

import pytest

MODULES = [
    "simulator.classroom.transcript",
    "simulator.classroom.handouts",
    "simulator.classroom.report",
    "simulator.classroom.replay",
    "simulator.classroom.xapi",
]


@pytest.mark.parametrize("module", MODULES)
def test_classroom_module_is_headless(module: str) -> None:
    code = f"import sys, {module}; print(any(m.split('.')[0] in ('textual', 'textual_serve') for m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
