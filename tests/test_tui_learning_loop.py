"""The learning loop in the app: the author's note after each move, blind play that hides every
quality signal until the debrief, and a fresh seed for every attempt that still replays exactly."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Static
from tui_kit import app_for

from simulator.tui.app import YesableApp
from simulator.tui.screens.brief import BriefScreen
from simulator.tui.screens.conversation import ConversationScreen
from simulator.tui.screens.debrief import DebriefScreen
from simulator.tui.screens.home import HomeScreen


def text_of(app: YesableApp, selector: str) -> str:
    return "\n".join(str(s.render()) for s in app.screen.query(selector).results(Static))


async def start(pilot, app: YesableApp) -> None:  # type: ignore[no-untyped-def]
    await pilot.pause()
    assert isinstance(app.screen, HomeScreen)
    await pilot.press("enter")
    await pilot.pause()
    assert isinstance(app.screen, BriefScreen)
    await pilot.press("enter")
    await pilot.pause()
    assert isinstance(app.screen, ConversationScreen)


async def test_the_authored_note_follows_each_move(tmp_path: Path) -> None:
    app = app_for(tmp_path)
    async with app.run_test(size=(100, 40)) as pilot:
        await start(pilot, app)
        choice = app.game.session.available()[0]  # type: ignore[union-attr]
        await pilot.press("1")
        await pilot.pause()
        feedback = text_of(app, "#feedback")
        label = app.game.grades[-1][0]  # type: ignore[union-attr]
        assert feedback.startswith(f"{label}: ")
        assert " ".join((choice.feedback or "").split())[:40] in " ".join(feedback.split())


async def test_blind_mode_hides_labels_notes_deltas_and_reveals_until_the_debrief(tmp_path: Path) -> None:
    app = app_for(tmp_path)
    async with app.run_test(size=(100, 40)) as pilot:
        await start(pilot, app)
        await pilot.press("g")  # blind from the first move
        for _ in range(40):
            if not isinstance(app.screen, ConversationScreen):
                break
            await pilot.press("1")
            await pilot.pause()
            if not isinstance(app.screen, ConversationScreen):
                break
            state = app.game.session.state  # type: ignore[union-attr]
            feedback, people = text_of(app, "#feedback"), text_of(app, "#people")
            assert "Blind" in feedback
            label, _reason, note = app.game.grades[-1]  # type: ignore[union-attr]
            assert f"{label}:" not in feedback and (not note or note[:30] not in feedback)
            assert "✓" not in people, "revealed interests are ticked only in the debrief"
            last = state.history[-1]
            for delta in (*last.trust.values(), *last.satisfaction.values()):
                if delta:
                    assert f" {delta:+d}" not in people, "meter changes wait for the debrief"
            if state.revealed:
                await pilot.press("g")  # seeing again shows the ticks
                await pilot.pause()
                assert "✓" in text_of(app, "#people")
                await pilot.press("g")
                await pilot.pause()
        assert isinstance(app.screen, DebriefScreen)
        debrief = text_of(app, "#debrief-text")
        assert "Your moves" in debrief and "ZOPA" in debrief


async def test_every_new_attempt_draws_a_fresh_seed_kept_in_save_and_transcript(tmp_path: Path) -> None:
    from simulator.classroom.transcript import read_transcript

    app = app_for(tmp_path, seed=None)
    seeds: list[int] = []
    async with app.run_test(size=(80, 24)) as pilot:
        await start(pilot, app)
        seeds.append(app.game.session.state.seed)  # type: ignore[union-attr]
        saved = app.saves.read(app.game.ref)  # type: ignore[union-attr]
        assert saved is not None and f'"seed": {seeds[0]}' in saved.state_json
        for _ in range(40):
            if not isinstance(app.screen, ConversationScreen):
                break
            await pilot.press("1")
            await pilot.pause()
        assert isinstance(app.screen, DebriefScreen)
        assert app.screen.transcript_path is not None
        transcript = read_transcript(Path(app.screen.transcript_path))
        await pilot.press("r")  # replay: a new attempt
        await pilot.pause()
        assert isinstance(app.screen, ConversationScreen)
        seeds.append(app.game.session.state.seed)  # type: ignore[union-attr]
    assert transcript.seed == seeds[0] != 0
    assert seeds[0] != seeds[1] and 0 not in seeds


async def test_a_fixed_seed_still_fixes_every_attempt(tmp_path: Path) -> None:
    app = app_for(tmp_path, seed=41)
    async with app.run_test(size=(80, 24)) as pilot:
        await start(pilot, app)
        assert app.game.session.state.seed == 41  # type: ignore[union-attr]


def test_a_transcript_with_a_fresh_seed_replays_exactly(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    from tui_kit import REF, bundled

    from simulator.classroom.transcript import build_transcript, write_transcript
    from simulator.cli.main import main
    from simulator.engine import Session
    from simulator.tui.app import fresh_seed

    loaded = next(s for s in bundled().scenarios() if s.ref == REF)
    seed = fresh_seed()
    session = Session.start(loaded, seed)
    while not session.ended:
        session.choose("1")  # the first offered choice: which one depends on the seed
    path = write_transcript(build_transcript(session), tmp_path)
    assert main(["replay", str(path)]) == 0
    assert "reproduces" in capsys.readouterr().out
    other = Session.start(loaded, seed + 1 if seed + 1 < 2**31 else 1)
    orders = {tuple(c.id for c in s.available()) for s in (Session.start(loaded, seed), other)}
    assert len(orders) in (1, 2)  # (the first scene may be ordered by its author)


async def test_the_move_line_relabels_the_move_by_its_regret_once_the_solver_answers(tmp_path: Path) -> None:
    from simulator.analysis.solve import regrets

    app = app_for(tmp_path, live_regrets=True)
    async with app.run_test(size=(100, 40)) as pilot:
        await start(pilot, app)
        for key in ("1", "2"):
            await pilot.press(key)
            await pilot.pause()
        await app.screen.workers.wait_for_complete()
        await pilot.pause()
        game = app.game
        assert game is not None
        history = game.session.state.history
        expected = regrets(game.loaded, history)[-1]
        label, regret = game.live[len(history) - 1]
        assert regret == expected
        feedback = text_of(app, "#feedback")
        assert feedback.startswith(f"{label}" + (f" (regret {regret:.0f})" if regret else "") + ": ")
