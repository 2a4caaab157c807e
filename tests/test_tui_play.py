"""Pilot tests: the app played by keys at 80x24, as a learner would."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from textual.widgets import Static
from tui_kit import MARKUP, REF, app_for, markup_library

from simulator.content.records import to_data
from simulator.storage.progress import Progress
from simulator.storage.saves import save_name
from simulator.tui.app import YesableApp
from simulator.tui.screens.alias import AliasScreen
from simulator.tui.screens.brief import BriefScreen
from simulator.tui.screens.conversation import ConversationScreen
from simulator.tui.screens.debrief import DebriefScreen
from simulator.tui.screens.help import HelpScreen
from simulator.tui.screens.home import HomeScreen
from simulator.tui.screens.resume import ResumeScreen
from simulator.tui.screens.too_small import TooSmallScreen


def screen_text(app: YesableApp) -> str:
    return "\n".join(str(s.render()) for s in app.screen.query(Static))


async def start(pilot, app: YesableApp) -> None:  # type: ignore[no-untyped-def]
    await pilot.pause()
    assert isinstance(app.screen, HomeScreen)
    await pilot.press("enter")
    await pilot.pause()
    assert isinstance(app.screen, BriefScreen)
    await pilot.press("enter")
    await pilot.pause()
    assert isinstance(app.screen, ConversationScreen)


def home_text(app: YesableApp) -> str:
    from textual.widgets import OptionList

    options = app.screen.query_one("#scenarios", OptionList)
    labels = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
    return "\n".join(labels) + "\n" + screen_text(app)


async def test_home_shows_best_scores_and_attempts_from_the_progress_database(tmp_path: Path) -> None:
    progress = Progress(tmp_path / "progress.sqlite3")
    for total in (41, 77, 63):
        progress.record(REF, {"total": total, "outcome": 50}, "ending")
    app = app_for(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        text = home_text(app)
        assert "best 77" in text and "Best score: 77 after 3 attempt(s)" in text


async def test_play_to_debrief_by_keys_records_progress(tmp_path: Path) -> None:
    app = app_for(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await start(pilot, app)
        for _ in range(40):
            if not isinstance(app.screen, ConversationScreen):
                break
            await pilot.press("1")
            await pilot.pause()
        assert isinstance(app.screen, DebriefScreen)
        assert "Debrief" in app.screen.title
        text = screen_text(app)
        assert "Total score" in text and "Your moves" in text and "Hidden interests" in text
        ending = app.game.session.state.ending  # type: ignore[union-attr]
        await pilot.press("h")
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        home = home_text(app)
    attempts = Progress(tmp_path / "progress.sqlite3").attempts(REF)
    assert len(attempts) == 1 and attempts[0].ending == ending
    assert f"best {attempts[0].total}" in home, "home shows the new best score"
    assert Path(attempts[0].transcript or "").is_file()
    assert not list((tmp_path / "saves").glob("*.json")), "a finished game leaves no save behind"


async def test_arrows_and_enter_choose_too(tmp_path: Path) -> None:
    app = app_for(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await start(pilot, app)
        second = app.game.session.available()[1].id  # type: ignore[union-attr]
        await pilot.press("down", "enter")
        await pilot.pause()
        assert app.game.session.state.history[0].choice == second  # type: ignore[union-attr]


async def test_quit_and_restart_offers_to_resume_exactly(tmp_path: Path) -> None:
    app = app_for(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await start(pilot, app)
        await pilot.press("2")
        await pilot.pause()
        await pilot.press("1")
        await pilot.pause()
        before = to_data(app.game.session.state)  # type: ignore[union-attr]
        log_before = [t.plain for t in app.game.log]  # type: ignore[union-attr]
    again = app_for(tmp_path)
    async with again.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(again.screen, ResumeScreen)
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(again.screen, ConversationScreen)
        assert to_data(again.game.session.state) == before  # type: ignore[union-attr]
        assert [t.plain for t in again.game.log] == log_before  # type: ignore[union-attr]


async def test_start_over_discards_the_save(tmp_path: Path) -> None:
    app = app_for(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await start(pilot, app)
        await pilot.press("1")
        await pilot.pause()
    again = app_for(tmp_path)
    async with again.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(again.screen, BriefScreen)


async def test_grade_toggle_hides_and_shows_the_last_grade(tmp_path: Path) -> None:
    app = app_for(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await start(pilot, app)
        await pilot.press("1")
        await pilot.pause()
        grade, _reason, _note = app.game.grades[-1]  # type: ignore[union-attr]
        feedback = app.screen.query_one("#feedback", Static)
        assert str(feedback.render()).startswith(f"{grade}: ")
        await pilot.press("g")
        await pilot.pause()
        assert "Blind" in str(feedback.render()) and grade not in str(feedback.render())
        await pilot.press("g")
        await pilot.pause()
        assert grade in str(feedback.render())


async def test_too_small_terminal_gets_a_message(tmp_path: Path) -> None:
    app = app_for(tmp_path)
    async with app.run_test(size=(59, 20)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, TooSmallScreen)
        assert "too small" in screen_text(app) and "60x20" in screen_text(app)
        await pilot.resize_terminal(60, 20)  # the compact layout's smallest size
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)


async def test_help_opens_on_question_mark_and_f1(tmp_path: Path) -> None:
    app = app_for(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        for key in ("question_mark", "f1"):
            await pilot.press(key)
            await pilot.pause()
            assert isinstance(app.screen, HelpScreen)
            assert "BATNA" in screen_text(app)
            await pilot.press("escape")
            await pilot.pause()
            assert isinstance(app.screen, HomeScreen)


async def test_pack_markup_is_shown_literally(tmp_path: Path) -> None:
    app = app_for(tmp_path / "data", markup_library(tmp_path))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert MARKUP in screen_text(app)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, BriefScreen)
        assert MARKUP in screen_text(app)


async def test_corrupt_save_is_set_aside_and_reported(tmp_path: Path) -> None:
    saves = tmp_path / "saves"
    saves.mkdir()
    (saves / save_name(REF)).write_text("{not json", encoding="utf-8")
    other = saves / save_name("other/one")
    other.write_text(json.dumps({"save_version": 1, "scenario": "other/one", "state": {}}), encoding="utf-8")
    app = app_for(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, BriefScreen)
        assert any("moved aside" in n.message for n in app._notifications)
    assert len(list(saves.glob(save_name(REF) + ".corrupt-*"))) == 1
    assert other.is_file()


async def test_play_command_opens_the_brief(tmp_path: Path) -> None:
    app = app_for(tmp_path, scenario_ref=REF)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, BriefScreen)


async def test_debrief_exports_the_transcript_and_replays(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import asyncio

    out = tmp_path / "out"
    out.mkdir()
    monkeypatch.setenv("HOME", str(tmp_path / "nohome"))
    monkeypatch.chdir(out)
    app = app_for(tmp_path / "data")
    async with app.run_test(size=(80, 24)) as pilot:
        await start(pilot, app)
        while isinstance(app.screen, ConversationScreen):
            await pilot.press("1")
            await pilot.pause()
        await pilot.press("e")  # a prompt offers the data folder's exports/ (issue 15)
        await pilot.pause()
        await pilot.press("enter")
        for _ in range(50):
            await asyncio.sleep(0.02)
            await pilot.pause()
            if any("exported" in n.message for n in app._notifications):
                break
        assert list(out.glob("*.json")) == []  # never the current folder
        exported = list((tmp_path / "data" / "exports").glob("*.json"))
        assert len(exported) == 1 and json.loads(exported[0].read_text())["scenario"] == REF
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(app.screen, ConversationScreen)
        assert app.game.session.state.history == []  # type: ignore[union-attr]


async def test_command_palette_offers_our_actions(tmp_path: Path) -> None:
    app = app_for(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await start(pilot, app)
        titles = [c.title for c in app.get_system_commands(app.screen)]
        assert {"Help and glossary", "Home", "Show or hide grades"} <= set(titles)


async def test_a_save_that_no_longer_fits_the_scenario_is_set_aside(tmp_path: Path) -> None:
    app = app_for(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await start(pilot, app)
        await pilot.press("1")
        await pilot.pause()
    save = tmp_path / "saves" / save_name(REF)
    body = json.loads(save.read_text())
    body["state"]["scene"] = "a_scene_removed_in_a_later_version"
    save.write_text(json.dumps(body))
    again = app_for(tmp_path)
    async with again.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(again.screen, BriefScreen)
        assert any("moved aside" in n.message for n in again._notifications)
    assert not save.exists()
    assert len(list(save.parent.glob("*.corrupt-*"))) == 1


async def test_light_theme_plays_too(tmp_path: Path) -> None:
    app = app_for(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        app.theme = "textual-light"
        await start(pilot, app)
        await pilot.press("1")
        await pilot.pause()
        assert len(app.game.session.state.history) == 1  # type: ignore[union-attr]
        assert app.current_theme.dark is False


async def test_a_save_problem_with_markup_in_it_is_reported_literally(tmp_path: Path) -> None:
    saves = tmp_path / "saves"
    saves.mkdir()
    (saves / save_name(REF)).write_text(
        json.dumps({"save_version": "[/bold]", "scenario": REF, "state": {}}), encoding="utf-8"
    )
    app = app_for(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, BriefScreen)
        assert any("[/bold]" in n.message for n in app._notifications)


async def test_a_round_time_box_closes_the_meeting_and_tags_the_transcript(tmp_path: Path) -> None:
    results = tmp_path / "results"
    app = app_for(tmp_path / "data")
    app.config.minutes, app.config.round_id, app.config.results_dir = 20, "r1", results
    app.config.player = "ana"
    async with app.run_test(size=(80, 24)) as pilot:
        await start(pilot, app)
        await pilot.press("1")
        await pilot.pause()
        app.time_up()
        await pilot.pause()
        assert isinstance(app.screen, DebriefScreen)
    (written,) = results.glob("*.json")
    transcript = json.loads(written.read_text())
    assert transcript["timed_out"] is True and transcript["round"] == "r1"
    assert transcript["time_box_minutes"] == 20 and transcript["ending"] is not None
    assert transcript["player"]["alias"] == "ana" and "-ana-" in written.name


async def test_a_round_without_player_asks_for_an_alias_before_the_brief(tmp_path: Path) -> None:
    results = tmp_path / "results"
    app = app_for(tmp_path / "data", scenario_ref=REF)
    app.config.round_id, app.config.results_dir = "mon-am", results
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, AliasScreen)
        await pilot.press("!", "enter")
        await pilot.pause()
        assert isinstance(app.screen, AliasScreen), "an invalid alias is refused"
        assert "letters, digits" in screen_text(app)
        await pilot.press("backspace", *"blue-3", "enter")
        await pilot.pause()
        assert isinstance(app.screen, BriefScreen)
        await pilot.press("enter")
        await pilot.pause()
        app.time_up()
        await pilot.pause()
    (written,) = results.glob("*.json")
    assert json.loads(written.read_text())["player"]["alias"] == "blue-3"


def test_a_scenario_loads_with_its_pack_alone_when_the_index_is_current(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With a current home index the app loads only the played scenario's pack, to the same content."""
    from simulator.content.loader import load_library
    from simulator.tui.app import make_app

    monkeypatch.setenv("YESABLE_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("YESABLE_PACKS", "")
    full = make_app(data_dir=tmp_path / "data")
    full.entries()  # no index yet: loads the library and writes the index
    assert full.catalog.loaded is not None
    app = make_app(data_dir=tmp_path / "data")
    loaded = app.scenario(REF)
    assert app.catalog.loaded is None, "the whole library was loaded"
    assert app.scenario(loaded.scenario.id) is loaded
    expected = next(s for s in load_library().scenarios() if s.ref == REF)
    assert loaded.content_hash == expected.content_hash
    assert loaded.scenario == expected.scenario and loaded.personas == expected.personas
    assert app.pack_dir(loaded) == next(p.path for p in full.library.packs if p.manifest.id == loaded.pack.id)
    assert app.catalog.loaded is None
