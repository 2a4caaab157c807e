"""`yesable play --watch`: a pack author edits files while the scenario is open."""

from __future__ import annotations

import shutil
from pathlib import Path

from textual.widgets import OptionList, Static
from tui_kit import app_for

from simulator.content.loader import load_library
from simulator.tui.screens.brief import BriefScreen
from simulator.tui.screens.conversation import ConversationScreen
from simulator.tui.screens.problems import ProblemsScreen
from simulator.tui.watch import PackWatch

TINY = Path(__file__).parent / "data" / "valid" / "tiny"


def screen_text(app) -> str:  # type: ignore[no-untyped-def]
    return "\n".join(str(s.render()) for s in app.screen.query(Static))


def test_pack_watch_sees_edits_new_and_deleted_files(tmp_path: Path) -> None:
    pack = tmp_path / "tiny"
    shutil.copytree(TINY, pack)
    watch = PackWatch(pack)
    assert not watch.changed()
    (pack / "deal.yaml").write_text((pack / "deal.yaml").read_text() + "\n# edited\n")
    assert watch.changed() and not watch.changed()
    (pack / "personas" / "extra.yaml").write_text("id: x\n")
    assert watch.changed()
    (pack / "personas" / "extra.yaml").unlink()
    assert watch.changed()


async def test_watch_shows_problems_then_restarts_the_fixed_scenario(tmp_path: Path) -> None:
    pack = tmp_path / "tiny"
    shutil.copytree(TINY, pack)
    library = load_library([pack], include_bundled=False, include_user=False)
    app = app_for(tmp_path / "data", library, scenario_ref="tiny/deal")
    app.config.watch = True
    deal = pack / "deal.yaml"
    original = deal.read_text(encoding="utf-8")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, BriefScreen)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ConversationScreen)

        deal.write_text(original.replace("next: table", "next: tabel", 1), encoding="utf-8")
        app.poll_watch()
        await pilot.pause()
        assert isinstance(app.screen, ProblemsScreen), "a broken pack is shown, not a crash"
        text = screen_text(app)
        assert "deal.yaml:" in text and "unknown-scene" in text and "'table'" in text

        deal.write_text(original.replace('"I need it by Friday."', '"Friday, or the client walks."'), encoding="utf-8")
        app.poll_watch()
        await pilot.pause()
        assert isinstance(app.screen, ConversationScreen)
        assert "Friday, or the client walks." in screen_text(app)
        assert app.game is not None and app.game.session.state.history == []

        app.poll_watch()  # nothing changed: the game goes on untouched
        await pilot.pause()
        assert isinstance(app.screen, ConversationScreen)


async def test_watch_keeps_the_position_where_the_path_still_exists(tmp_path: Path) -> None:
    pack = tmp_path / "tiny"
    shutil.copytree(TINY, pack)
    library = load_library([pack], include_bundled=False, include_user=False)
    app = app_for(tmp_path / "data", library, scenario_ref="tiny/deal")
    app.config.watch = True
    deal = pack / "deal.yaml"
    original = deal.read_text(encoding="utf-8")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert app.game is not None
        app.game.choose("ask")
        assert app.game.session.state.scene == "table"

        # an edit to a later scene's text: the game is replayed to where it was, showing the edit
        deal.write_text(
            original.replace('"Here is the usage data."', '"Here is what the usage says."'), encoding="utf-8"
        )
        app.poll_watch()
        await pilot.pause()
        assert isinstance(app.screen, ConversationScreen)
        assert [m.choice for m in app.game.session.state.history] == ["ask"]
        assert app.game.session.state.scene == "table"
        options = app.screen.query_one(OptionList)
        prompts = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
        assert any("Here is what the usage says." in p for p in prompts), prompts

        # the move made is gone from the edited scenario: the game stops where the path ends, and says so
        deal.write_text(original.replace("{id: ask,", "{id: ask_why,"), encoding="utf-8")
        app.poll_watch()
        await pilot.pause()
        assert isinstance(app.screen, ConversationScreen)
        assert app.game.session.state.history == [] and app.game.session.state.scene == "open"
        notices = [n.message for n in app._notifications]
        assert any(
            "as far as the path still goes (stopped after move 0 of 1: scene 'open' offers no 'ask')" in n
            for n in notices
        ), notices
