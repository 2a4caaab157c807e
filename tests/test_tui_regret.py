"""The app's debrief shows each move's regret once the solver, run in a child process, is done."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from textual.widgets import Static
from tui_kit import app_for, play_through

from simulator.tui.screens.debrief import DebriefScreen


async def test_debrief_shows_regret_per_move(tmp_path: Path) -> None:
    app = app_for(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await play_through(pilot, app)
        assert isinstance(app.screen, DebriefScreen)
        await app.screen.workers.wait_for_complete()
        await pilot.pause()
        text = str(app.screen.query_one("#debrief-text", Static).render())
        moves = len(app.game.session.state.history)  # type: ignore[union-attr]
        assert "Best achievable total: " in text
        assert text.count(" regret ") == moves
        reviews = [r for r in app.transcript.moves] if app.transcript else []  # rewritten with regrets
        assert [m.regret is not None for m in reviews] == [True] * moves
        costly = [m for m in reviews if m.regret]
        assert text.count("Better here (+") == len(costly)
        assert all(m.better is not None for m in costly)


def test_regrets_come_from_a_child_process_on_the_played_content(tmp_path: Path) -> None:
    """The child runs the library call (analysis.regrets) and hands back the same typed answer."""
    from tui_kit import bundled

    from simulator.analysis.regrets import Regrets, regrets_for, regrets_in_child
    from simulator.engine import Session

    loaded = next(s for s in bundled().scenarios() if s.ref == "critical_supporters/release_scope")
    session = Session.start(loaded)
    for choice in ("call_out_drift", "restate_commitment"):
        session.choose(choice)
    answer = regrets_in_child(loaded, session.state.history)
    assert isinstance(answer, Regrets) and answer.content_hash == loaded.content_hash
    assert answer == regrets_for(loaded, session.state.history)
    best, reviews = answer.best_total, answer.reviews
    assert len(reviews) == 2 and reviews[0].regret > 0 and best >= 90
    assert reviews[0].better is not None and reviews[0].better.choice != "call_out_drift"
    assert reviews[0].better.gain > 0 and reviews[0].better.text
    assert regrets_in_child(loaded, session.state.history, cancelled=lambda: True) is None
    assert regrets_in_child(loaded, session.state.history, timeout=0.0) is None


def test_the_app_does_not_import_the_solver_at_start_up() -> None:
    code = (
        "import sys, simulator.tui.app, simulator.tui.screens.debrief; "
        "print([m for m in sys.modules if m.startswith('simulator.analysis')])"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_the_analysis_tools_do_not_import_textual() -> None:
    code = (
        "import sys, simulator.analysis.solve, simulator.analysis.simulate, "
        "simulator.cli.commands.solve, simulator.cli.commands.simulate; print('textual' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
