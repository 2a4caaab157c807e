"""The core never imports Textual: headless commands stay fast and the engine stays UI-free."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

CORE = [
    "simulator.content.models",
    "simulator.engine",
    "simulator.scoring",
    "simulator.classroom.protocol",
    "simulator.classroom.tournament",
    "simulator.cli.commands.run",
    "simulator.cli.commands.tournament",
]


@pytest.mark.parametrize("module", CORE)
def test_core_module_does_not_import_textual(module: str) -> None:
    code = f"import sys, {module}; print('textual' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


PREPARE = """
import sys
from pathlib import Path
from pathlib import Path
from simulator.tui.app import make_app
make_app(data_dir=Path(sys.argv[1])).library  # what the first start does: index + compiled scenarios
"""

PLAY = """
import sys
from pathlib import Path
from pathlib import Path
from simulator.tui.app import make_app
from simulator.tui.screens.conversation import ConversationScreen
from simulator.tui.screens.debrief import DebriefScreen
app = make_app(data_dir=Path(sys.argv[1]), scenario_ref="critical_supporters/release_scope")
async def play(pilot):
    await pilot.pause()
    await pilot.press("enter")
    for _ in range(80):
        await pilot.pause()
        if isinstance(app.screen, DebriefScreen):
            break
        if isinstance(app.screen, ConversationScreen):
            await pilot.press("1")
    print(type(app.screen).__name__, sorted(m for m in ("pydantic", "yaml") if m in sys.modules))
    app.exit()
app.run(headless=True, size=(80, 24), auto_pilot=play)
"""


def _play(data_dir: Path) -> str:
    out = subprocess.run([sys.executable, "-c", PLAY, str(data_dir)], check=True, capture_output=True, text=True)
    return out.stdout.split("\n")[0]


def test_playing_a_scenario_after_the_first_start_imports_neither_pydantic_nor_yaml(tmp_path: Path) -> None:
    """Playing runs on compiled scenarios (content.compiled): pydantic and YAML cost ~10 MB."""
    subprocess.run([sys.executable, "-c", PREPARE, str(tmp_path)], check=True, capture_output=True)
    assert _play(tmp_path) == "DebriefScreen []"
    shutil.rmtree(tmp_path / "compiled")  # lost (or stale): the scenario is loaded from its YAML
    assert _play(tmp_path) == "DebriefScreen ['pydantic', 'yaml']"
    assert _play(tmp_path) == "DebriefScreen []"  # ... and compiled again for the next play
