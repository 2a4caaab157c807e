"""Issue 15 parts 2, 3 and 5 played through the app: resume that orients, a visible time box,
and preferences that persist (settings.json, objective names, pack reload, `list` on an empty pack)."""

from __future__ import annotations

import json
import re
import shutil
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_loader import VALID
from textual.events import AppFocus
from textual.widgets import Header, OptionList, Static
from tui_kit import REF, app_for

from simulator.cli.main import main
from simulator.content.locations import user_packs
from simulator.storage.saves import save_name
from simulator.storage.settings import Settings, read_settings, settings_path, write_settings
from simulator.tui.app import YesableApp, make_app
from simulator.tui.keys import BINDING_IDS
from simulator.tui.screens.brief import BriefScreen
from simulator.tui.screens.conversation import ConversationScreen
from simulator.tui.screens.debrief import DebriefScreen
from simulator.tui.screens.help import HelpScreen
from simulator.tui.screens.home import HomeScreen
from simulator.tui.screens.resume import ResumeScreen
from simulator.tui.when import ago, clock, plural
from simulator.tui.widgets.countdown import Countdown

ROOT = Path(__file__).resolve().parents[1]


def screen_text(app: YesableApp) -> str:
    return "\n".join(str(s.render()) for s in app.screen.query(Static))


def home_labels(app: YesableApp) -> str:
    options = app.screen.query_one("#scenarios", OptionList)
    return "\n".join(str(options.get_option_at_index(i).prompt) for i in range(options.option_count))


def notices(app: YesableApp) -> list[str]:
    return [n.message for n in app._notifications]


async def play_moves(pilot, app: YesableApp, moves: int) -> None:  # type: ignore[no-untyped-def]
    """From home: open, begin, and play `moves` first choices."""
    for key in ("enter", "enter"):
        await pilot.pause()
        await pilot.press(key)
    for _ in range(moves):
        await pilot.pause()
        assert isinstance(app.screen, ConversationScreen)
        await pilot.press("1")
    await pilot.pause()


# ---------------------------------------------------------------- words


def test_times_and_counts_read_as_words() -> None:
    now = datetime(2026, 12, 4, 12, 0, tzinfo=UTC)
    assert ago((now - timedelta(seconds=20)).isoformat(), now) == "just now"
    assert ago((now - timedelta(minutes=1, seconds=5)).isoformat(), now) == "1 minute ago"
    assert ago((now - timedelta(minutes=5)).isoformat(), now) == "5 minutes ago"
    assert ago((now - timedelta(hours=3)).isoformat(), now) == "3 hours ago"
    assert ago((now - timedelta(days=1, hours=2)).isoformat(), now) == "yesterday"
    assert ago((now - timedelta(days=40)).isoformat(), now) == "on 2026-10-25"
    assert ago("not a time", now) == "some time ago"
    assert [plural(n, "move") for n in (0, 1, 3)] == ["0 moves", "1 move", "3 moves"]
    assert [clock(s) for s in (600, 599.2, 61, 0.4, 0, -5)] == ["10:00", "10:00", "01:01", "00:01", "00:00", "00:00"]


# ---------------------------------------------------------------- part 2: resume that orients


async def test_home_marks_a_game_in_progress_and_the_prompt_says_when_in_words(tmp_path: Path) -> None:
    app = app_for(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await play_moves(pilot, app, 3)
        await pilot.press("escape")  # home, saved
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert "in progress" in home_labels(app)
        assert "In progress: 3 moves, just now" in screen_text(app)
        assert "Not played yet" not in screen_text(app)
    save = tmp_path / "saves" / save_name(REF)
    body = json.loads(save.read_text())
    body["saved_at"] = (datetime.now(UTC) - timedelta(minutes=5, seconds=3)).isoformat(timespec="seconds")
    save.write_text(json.dumps(body))
    app = app_for(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.pause()
        assert "In progress: 3 moves, 5 minutes ago" in screen_text(app)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ResumeScreen)
        prompt = screen_text(app)
        assert "(3 moves, saved 5 minutes ago)" in prompt
        assert not re.search(r"\d{4}-\d\d-\d\dT", prompt), "no raw ISO timestamp"
        assert "move(s)" not in prompt


async def test_after_resume_the_log_shows_the_latest_exchange_and_everyone_present(tmp_path: Path) -> None:
    app = app_for(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await play_moves(pilot, app, 3)
        assert app.game is not None and not app.game.session.ended
        last_line = app.game.log[-1].plain
        await pilot.press("escape")
        await pilot.pause()
    app = app_for(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("r")
        for _ in range(3):
            await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ConversationScreen)
        log = screen.query_one("#log")
        assert log.max_scroll_y > 0, "the log is longer than its pane, so scrolling matters"
        assert log.scroll_y == log.max_scroll_y, "the log is scrolled to its end"
        latest = screen.query(".line").last()
        assert last_line in str(latest.render())
        view = log.content_region
        assert view.y < latest.region.bottom <= view.bottom, "the line being answered is on screen"
        game = app.game
        assert game is not None and game.session.scene is not None
        names = [game.loaded.personas[p].name for p in game.session.scene.present]
        panel = "\n".join(str(w.render()) for w in screen.query(".person"))
        assert names and all(name in panel for name in names)


async def test_escape_on_the_resume_prompt_goes_back_and_keeps_the_save(tmp_path: Path) -> None:
    app = app_for(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await play_moves(pilot, app, 1)
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ResumeScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert "In progress: 1 move" in screen_text(app)


# ---------------------------------------------------------------- part 3: a visible time box


class FrozenClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


async def test_the_countdown_shows_warns_two_minutes_before_and_the_debrief_says_time_ran_out(tmp_path: Path) -> None:
    app = app_for(tmp_path)
    app.config.minutes = 10
    frozen = FrozenClock()
    app.clock = frozen
    async with app.run_test(size=(80, 24)) as pilot:
        await play_moves(pilot, app, 0)
        header = app.screen.query_one(Header)
        countdown = header.query_one(Countdown)
        assert "10:00" in str(countdown.render())
        frozen.now += 61
        app.tick_time_box()
        await pilot.pause()
        assert "08:59" in str(countdown.render())
        assert not any("left" in m for m in notices(app))
        frozen.now += 6 * 60 + 59  # 2:00 left
        app.tick_time_box()
        await pilot.pause()
        assert "02:00" in str(countdown.render())
        assert any(m.startswith("2 minutes left") for m in notices(app))
        app.tick_time_box()
        assert sum(m.startswith("2 minutes left") for m in notices(app)) == 1, "warned once"
        frozen.now += 120
        app.tick_time_box()
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, DebriefScreen)
        assert "Time ran out" in screen_text(app)


async def test_a_short_time_box_warns_at_half_time(tmp_path: Path) -> None:
    app = app_for(tmp_path)
    app.config.minutes = 3
    frozen = FrozenClock()
    app.clock = frozen
    async with app.run_test(size=(80, 24)) as pilot:
        await play_moves(pilot, app, 0)
        frozen.now += 89
        app.tick_time_box()
        assert not notices(app)
        frozen.now += 1
        app.tick_time_box()
        await pilot.pause()
        assert any(m.startswith("1 minute 30 seconds left: when time runs out") for m in notices(app))
        assert "01:30" in str(app.screen.query_one(Countdown).render())


async def test_no_time_box_no_countdown(tmp_path: Path) -> None:
    app = app_for(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await play_moves(pilot, app, 0)
        assert not app.screen.query(Countdown)


# ---------------------------------------------------------------- part 5: preferences that persist


def test_settings_round_trip_and_unreadable_files(tmp_path: Path) -> None:
    path = settings_path(tmp_path)
    assert read_settings(path) == (Settings(), [])
    mine = Settings(theme="textual-light", blind=True, keymap={"app.help": "f2"})
    write_settings(path, mine)
    assert read_settings(path) == (mine, [])
    assert not list(tmp_path.glob(".*.tmp")), "written through a temporary file, nothing left over"
    for text in ("{not json", "[1, 2]", "\xff\xfe", '{"theme": {"a": 1}}'):
        path.write_bytes(text.encode("latin-1"))
        settings, problems = read_settings(path)
        assert settings == Settings() and len(problems) == 1
    path.write_text(json.dumps({"version": 1, "theme": "nord", "blind": "yes", "keymap": {"app.help": 3}}))
    settings, problems = read_settings(path)
    assert settings == Settings(theme="nord") and len(problems) == 2, "one bad field costs only itself"
    path.unlink()
    path.mkdir()
    assert read_settings(path)[0] == Settings()


async def test_a_corrupt_settings_file_gives_defaults_and_a_notice(tmp_path: Path) -> None:
    settings_path(tmp_path).write_text('{"theme": ', encoding="utf-8")
    app = app_for(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert any("settings.json could not be read" in m for m in notices(app))
        assert app.show_grades is True


async def test_theme_and_blind_mode_persist_across_two_runs(tmp_path: Path) -> None:
    app = app_for(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await play_moves(pilot, app, 0)
        app.theme = "textual-light"
        await pilot.press("g")  # blind
        await pilot.pause()
        await pilot.pause()
        assert app.show_grades is False
    saved = json.loads(settings_path(tmp_path).read_text())
    assert saved["theme"] == "textual-light" and saved["blind"] is True
    app = app_for(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.theme == "textual-light" and app.current_theme.dark is False
        assert app.show_grades is False
        assert not notices(app)


async def test_an_unknown_theme_is_a_notice_not_a_crash(tmp_path: Path) -> None:
    write_settings(settings_path(tmp_path), Settings(theme="no-such-theme"))
    app = app_for(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert any("no theme called 'no-such-theme'" in m for m in notices(app))


async def test_a_keymap_override_moves_a_binding_to_other_keys(tmp_path: Path) -> None:
    write_settings(settings_path(tmp_path), Settings(keymap={"app.help": "f2", "home.reload": "f6", "no.such": "x"}))
    app = app_for(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert any("no key binding with the id no.such" in m for m in notices(app))
        await pilot.press("question_mark")
        await pilot.pause()
        assert not isinstance(app.screen, HelpScreen), "the binding's old keys are replaced"
        await pilot.press("f2")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)


def test_every_binding_id_is_known_and_documented() -> None:
    import importlib
    import inspect

    from textual.binding import Binding
    from textual.dom import DOMNode

    ids = set()
    for path in (ROOT / "simulator" / "tui").rglob("*.py"):
        module = importlib.import_module(".".join(path.relative_to(ROOT).with_suffix("").parts))
        for _, cls in inspect.getmembers(module, inspect.isclass):
            if issubclass(cls, DOMNode) and cls.__module__ == module.__name__:
                ids |= {b.id for b in cls.BINDINGS if isinstance(b, Binding) and b.id}
    assert ids == set(BINDING_IDS)
    playing = (ROOT / "docs" / "playing.md").read_text(encoding="utf-8")
    assert all(f"`{binding_id}`" in playing for binding_id in BINDING_IDS)


async def test_objectives_are_shown_with_their_names(tmp_path: Path) -> None:
    app = app_for(tmp_path)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        await pilot.pause()
        home = screen_text(app)
        assert re.search(r"Objectives: EO[\d.]+ [A-Z][a-z]", home), home
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, BriefScreen)
        brief = screen_text(app)
        assert "You practise" in brief and re.search(r"EO[\d.]+ [A-Z][a-z]", brief)


async def test_the_reload_key_and_regaining_focus_pick_up_new_packs(tmp_path: Path) -> None:
    app = make_app(data_dir=tmp_path / "data", seed=0)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert "A tiny deal" not in home_labels(app)
        shutil.copytree(VALID, user_packs() / "tiny")
        await pilot.press("ctrl+r")
        await pilot.pause()
        assert "A tiny deal" in home_labels(app)
        assert any("1 new" in m for m in notices(app))
        shutil.copytree(VALID, user_packs() / "tiny2")
        (user_packs() / "tiny2" / "pack.yaml").write_text(
            (VALID / "pack.yaml").read_text().replace("id: tiny", "id: tiny2").replace("Tiny test pack", "Second")
        )
        app.post_message(AppFocus())
        await pilot.pause()
        await pilot.pause()
        assert "Second" in home_labels(app)
        count = len(notices(app))
        app.post_message(AppFocus())  # nothing changed: no reload
        await pilot.pause()
        assert len(notices(app)) == count


def test_list_says_why_a_pack_has_no_scenarios(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    broken = user_packs() / "broken"
    shutil.copytree(VALID, broken)
    (broken / "pack.yaml").write_text((broken / "pack.yaml").read_text().replace("id: tiny", "id: broken"))
    (broken / "deal.yaml").write_text("id: [")
    assert main(["list"]) == 0
    out = capsys.readouterr().out
    assert "(no scenarios: 1 problem kept them out; run `yesable check " in out
    assert str(broken) in out


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=12,
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    body=st.dictionaries(st.sampled_from(["version", "theme", "blind", "keymap", "other"]), json_values) | json_values
)
def test_any_json_in_the_settings_file_gives_settings_and_never_raises(tmp_path: Path, body: object) -> None:
    path = settings_path(tmp_path)
    path.write_text(json.dumps(body), encoding="utf-8")
    found, problems = read_settings(path)
    assert isinstance(found, Settings) and all(isinstance(p, str) for p in problems)
    assert found.theme is None or isinstance(found.theme, str)
    assert all(isinstance(k, str) and isinstance(v, str) and v for k, v in found.keymap.items())
    write_settings(path, found)
    assert read_settings(path) == (found, []), "what was read writes back cleanly"
