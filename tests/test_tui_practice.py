"""Author's play: take back the last move (u), and `play --from SCENE` with a chosen state; both
make the game practice: not saved, marked in the transcript, left out of progress and reports."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import pytest
from textual.widgets import OptionList, Static
from tui_kit import app_for

from simulator.classroom.report import build_report
from simulator.classroom.transcript import read_transcript
from simulator.classroom.verify import rederive
from simulator.cli.commands.play import add_arguments, start_point
from simulator.cli.errors import UsageError
from simulator.content.loader import load_library
from simulator.engine.start import StartError, StartPoint, state_at
from simulator.tui.screens.conversation import ConversationScreen
from simulator.tui.screens.debrief import DebriefScreen

TINY = Path(__file__).parent / "data" / "valid" / "tiny"


def library():  # type: ignore[no-untyped-def]
    return load_library([TINY], include_bundled=False, include_user=False)


def screen_text(app) -> str:  # type: ignore[no-untyped-def]
    return "\n".join(str(s.render()) for s in app.screen.query(Static))


def transcripts(data: Path) -> list[Path]:
    return sorted((data / "transcripts").glob("*.json"))


async def test_taking_back_a_move_replays_before_it_and_the_result_is_practice(
    tmp_path: Path,
) -> None:
    data = tmp_path / "data"
    app = app_for(data, library(), scenario_ref="tiny/deal")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ConversationScreen)
        shown = {b.binding.id: b.binding for b in app.screen.active_bindings.values()}
        assert shown["conversation.takeback"].show and shown["conversation.takeback"].description == "Undo"
        await pilot.press("u")  # nothing to take back yet: said, nothing changes
        await pilot.pause()
        assert app.game is not None and not app.game.practice
        assert app.saves.read("tiny/deal") is not None

        await app.screen.play("ask")
        await pilot.pause()
        assert app.game.session.state.scene == "table"
        await pilot.press("u")
        await pilot.pause()
        game = app.game
        assert game.practice and game.taken_back == 1
        assert game.session.state.history == [] and game.session.state.scene == "open"
        assert game.session.state.meters["tiny_sales"].trust == 50 and game.session.state.revealed == []
        assert "You took back: Why Friday?" in screen_text(app)
        assert app.saves.read("tiny/deal") is None, "a practice game is never saved"

        await app.screen.play("give")  # the ending: a practice result
        await pilot.pause()
        assert isinstance(app.screen, DebriefScreen)
    (path,) = transcripts(data)
    transcript = read_transcript(path)
    assert transcript.practice is not None and transcript.practice.taken_back == 1
    assert [m.choice for m in transcript.moves] == ["give"]
    assert app.progress.best() == {}, "practice is not counted in progress or best scores"
    assert json.loads(path.read_text())["practice"] == {"taken_back": 1, "start": None}
    report = build_report([transcript], {"tiny/deal": None})
    assert report.groups == [] and "a practice game (1 move taken back), not a result" in report.skipped[0]


async def test_a_real_game_still_counts(tmp_path: Path) -> None:
    data = tmp_path / "data"
    app = app_for(data, library(), scenario_ref="tiny/deal")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        await app.screen.play("give")
        await pilot.pause()
    (path,) = transcripts(data)
    assert read_transcript(path).practice is None
    assert app.progress.best()["tiny/deal"][1] == 1


def parsed(*argv: str) -> argparse.Namespace:
    parser = argparse.ArgumentParser()
    add_arguments(parser)
    return parser.parse_args(["tiny/deal", *argv])


def test_from_options_are_checked_against_the_scenario() -> None:
    loaded = library().packs[0].scenarios["deal"]
    start = start_point(
        parsed(
            "--from",
            "table",
            "--set",
            "tiny_sales.trust=70",
            "--reveal",
            "tiny_sales.renewal",
            "--settle",
            "feature=config",
            "--flag",
            "asked",
        ),
        loaded,
    )
    assert start == StartPoint(
        "table",
        {"tiny_sales.trust": 70},
        ("asked",),
        ("tiny_sales.renewal",),
        {"feature": "config"},
    )
    assert start_point(parsed(), loaded) is None
    for argv, message in [
        (("--from", "tabel"), "no scene 'tabel'; did you mean 'table'?"),
        (("--from", "table", "--set", "tiny_sale.trust=70"), "no cast member 'tiny_sale'"),
        (("--from", "table", "--set", "tiny_sales.trust=170"), "trust goes from 0 to 100"),
        (("--from", "table", "--set", "tiny_sales.trust"), "write PERSONA.METER=N"),
        (("--from", "table", "--settle", "feature=cheap"), "no option of feature 'cheap'"),
        (("--set", "tiny_sales.trust=70"), "choose the state --from SCENE begins in"),
    ]:
        with pytest.raises(UsageError, match=message.replace("?", r"\?").replace("(", r"\(")):
            start_point(parsed(*argv), loaded)
    with pytest.raises(StartError):
        state_at(loaded, StartPoint("open", revealed=("tiny_dev.nope",)))


async def test_play_from_a_scene_starts_there_in_the_chosen_state_as_practice(
    tmp_path: Path,
) -> None:
    data = tmp_path / "data"
    app = app_for(data, library(), scenario_ref="tiny/deal")
    app.config.start_from = StartPoint("table", {"tiny_sales.trust": 70}, (), ("tiny_sales.renewal",))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ConversationScreen)
        game = app.game
        assert game is not None and game.practice
        state = game.session.state
        assert state.scene == "table" and state.meters["tiny_sales"].trust == 70
        options = app.screen.query_one(OptionList)
        assert {options.get_option_at_index(i).id for i in range(options.option_count)} == {
            "data",
            "ask_team",
        }
        assert app.saves.read("tiny/deal") is None
        await app.screen.play("data")  # the renewal is known: the deal
        await pilot.pause()
        assert isinstance(app.screen, DebriefScreen)
    (path,) = transcripts(data)
    transcript = read_transcript(path)
    assert transcript.ending == "deal_done"
    assert transcript.practice is not None and transcript.practice.start is not None
    assert transcript.practice.start.scene == "table" and transcript.practice.describe() == "started at scene table"
    assert app.progress.best() == {}
    # the transcript replays from its starting state
    again = rederive(transcript, library().packs[0].scenarios["deal"])
    assert again.ending == "deal_done" and again.scores == transcript.scores


async def test_watch_keeps_a_practice_game_from_its_scene(tmp_path: Path) -> None:
    import shutil

    pack = tmp_path / "tiny"
    shutil.copytree(TINY, pack)
    lib = load_library([pack], include_bundled=False, include_user=False)
    app = app_for(tmp_path / "data", lib, scenario_ref="tiny/deal")
    app.config.watch = True
    app.config.start_from = StartPoint("table", {"tiny_sales.trust": 70})
    deal = pack / "deal.yaml"
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert app.game is not None and app.game.session.state.scene == "table"
        deal.write_text(deal.read_text().replace('"Here is the usage data."', '"The usage data says so."'))
        app.poll_watch()
        await pilot.pause()
        game = app.game
        assert isinstance(app.screen, ConversationScreen) and game is not None
        assert game.practice and game.session.state.scene == "table"
        assert game.session.state.meters["tiny_sales"].trust == 70
        assert app.screen.sub_title.endswith("(practice)")
