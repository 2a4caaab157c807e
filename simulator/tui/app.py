"""The Yesable app: home -> brief -> conversation -> debrief, with help, autosave and progress."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.events import AppFocus, DeliveryComplete, DeliveryFailed, Resize
from textual.screen import Screen

from simulator.tui.index import (
    Entry,
    current_fingerprint,
    entries_of,
    read_index,
    read_index_body,
    write_index,
)

if TYPE_CHECKING:
    from textual.theme import Theme

    from simulator.classroom.transcript import Practice, Transcript
    from simulator.content.loaded import LoadedScenario
    from simulator.content.loader import Library
    from simulator.content.locations import Stamp
    from simulator.engine import SessionState
    from simulator.engine.start import StartPoint
    from simulator.scoring import Lesson
    from simulator.storage.progress import Progress
    from simulator.storage.saves import Saves
    from simulator.storage.settings import Settings
    from simulator.tui.game import Game, PrepDraft
    from simulator.tui.screens.home import HomeScreen
    from simulator.tui.watch import PackWatch

MIN_WIDTH, MIN_HEIGHT = 60, 20
"""Below this the app shows the too-small screen; from here to 80x24 (and any width under 100) it lays
out compactly: the side panel folds into a one-line meter strip (yesable.tcss, Screen.-narrow/-short)."""


def fresh_seed() -> int:
    """A new attempt's seed: the choice order and lines differ between attempts and between
    players, so nobody can learn "it's option 3". Never 0, the headless default."""
    import secrets

    return 1 + secrets.randbelow(2**31 - 2)


@dataclass
class AppConfig:
    """Where the app keeps its files and which packs it shows; tests pass their own."""

    data_dir: Path
    library: Library | None = None
    pack_dirs: list[Path] | None = None
    round_id: str | None = None
    """Class round tag written into transcripts (`yesable serve --round`)."""
    results_dir: Path | None = None
    """A second folder that receives each finished transcript (a class's results)."""
    minutes: int | None = None
    """Time box per session; when it runs out the session closes at the impasse ending."""
    player: str | None = None
    """The player's alias in transcripts (`--player`); a round without one asks for it."""
    watch: bool = False
    """Reload the scenario's pack when its files change, replaying the moves made so far (`--watch`)."""
    start_from: StartPoint | None = None
    """`play --from SCENE`: the scenario's games begin at this scene and state, as practice."""
    player_homes: Path | None = None
    """Served play (`yesable serve`): ask every player's alias first, then keep their saves and
    progress in a folder of their own below this one, named by the alias."""
    live_regrets: bool = False
    """After each move, ask the solver (in a child process) what the move cost, so the move line's
    label follows regret as the debrief's does; off (the default), the move line shows the label by
    the move's tags and the debrief the label by regret. Off by default: each child solves the
    scenario afresh, seconds of CPU per move on the largest bundled scenarios."""


class YesableApp(App[int]):
    CSS_PATH = Path(__file__).with_name("yesable.tcss")
    TITLE = "Yesable"
    SUB_TITLE = "leading without authority"
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-wide")]  # noqa: RUF012 (Textual declares it without ClassVar; mypy refuses one)
    """Under 100 columns the conversation's side panel folds into a one-line meter strip."""
    VERTICAL_BREAKPOINTS = [(0, "-short"), (30, "-tall")]  # noqa: RUF012
    """Under 30 rows boxes lose their borders and the dialogue its blank lines (yesable.tcss)."""
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("question_mark,f1", "help", "Help", id="app.help"),
        Binding("ctrl+q", "quit", "Quit", id="app.quit"),
    ]

    clock: Callable[[], float]
    """Seconds on a monotonic clock, read by the time box; tests replace it to freeze or move time."""

    def __init__(self, config: AppConfig, scenario_ref: str | None = None, seed: int | None = None) -> None:
        super().__init__()
        self.config = config
        self.cache_dir = config.data_dir
        """Caches shared by every player of this machine (the home index, compiled scenarios)."""
        self.start_ref = scenario_ref
        self.seed = seed
        """The seed every attempt plays with (`--seed`); None: each new attempt draws a fresh one."""
        self._library = config.library
        self._alone: LoadedScenario | None = None
        """The last scenario loaded from its pack alone (the pack's other scenarios are not kept)."""
        self._pack_dirs: dict[str, Path] = {}
        """Folders of the packs loaded alone, by pack id."""
        self._warned = False
        self._saves: Saves | None = None
        self._progress: Progress | None = None
        self.game: Game | None = None
        self._show_grades = True
        import time

        from simulator.storage.settings import Settings

        self.settings: Settings = Settings()
        """The player's preferences (settings.json in the data folder), read on mount."""
        self._settings_failed = False
        self.clock = time.monotonic
        self.deadline: float | None = None
        """When the time box of the game being played runs out (on `clock`); None: no time box."""
        self.time_warned = False
        self._ticking = False
        self._fingerprint: Stamp | None = None
        """The pack files' fingerprint when the shown scenarios were read (AppFocus reloads on a change)."""
        self.transcript: Transcript | None = None
        """The last finished game's transcript, rewritten with regrets once the solver answers."""
        self.watcher: PackWatch | None = None
        self.first_frame_shown = False
        """Set on Ready: work the first frame does not need (home's best scores) waits for it."""
        self.prep_drafts: dict[str, PrepDraft] = {}
        """Preparation sheets of this run by scenario ref (`open_prep`); a game takes the one marked
        done when it begins, and a finished game uses it up."""

    # ------------------------------------------------------------------ state
    @property
    def library(self) -> Library:
        if self._library is None:
            from simulator.content.compiled import stamp, write_library
            from simulator.content.loader import load_library
            from simulator.content.locations import default_pack_dirs

            before = current_fingerprint(self.config.pack_dirs)  # stamps first: an edit during the load
            folders = self.config.pack_dirs if self.config.pack_dirs is not None else default_pack_dirs()
            stamps = {folder: stamp(folder) for folder in (d.resolve() for d in folders)}
            if self.config.pack_dirs is not None:  # exactly these packs (tests, embedding)
                self._library = load_library(self.config.pack_dirs, include_bundled=False, include_user=False)
            else:
                self._library = load_library()
            self._fingerprint = before
            errors = [p for p in self._library.problems if p.severity == "error"]
            write_index(self.index_path, entries_of(self._library), before, len(errors))
            write_library(self.compiled_dir, self._library, stamps)
            self.warn_problems(len(errors))
        return self._library

    @property
    def show_grades(self) -> bool:
        """Show each move's label, note, meter changes and revealed interests as it is played
        (g toggles: blind play keeps every quality signal for the debrief); kept in the settings."""
        return self._show_grades

    @show_grades.setter
    def show_grades(self, value: bool) -> None:
        self._show_grades = value
        if self.settings.blind == value:
            self.save_settings(blind=not value)

    # ------------------------------------------------------------------ settings
    def load_settings(self) -> None:
        """Read settings.json from the data folder and apply it: theme, blind mode, key map.
        Whatever cannot be used is said in a notice; the rest still applies."""
        from simulator.storage.settings import read_settings, settings_path
        from simulator.tui.keys import BINDING_IDS

        self.settings, problems = read_settings(settings_path(self.config.data_dir))
        for line in problems:
            self.notify(line, title="Settings", severity="warning", timeout=10, markup=False)
        theme = self.settings.theme
        if theme is not None and theme != self.theme:
            if theme in self.available_themes:
                self.theme = theme
            else:
                self.notify(f"settings.json: no theme called {theme!r}; keeping {self.theme}.",
                            title="Settings", severity="warning", timeout=10, markup=False)
        self._show_grades = not self.settings.blind
        keymap = {k: v for k, v in self.settings.keymap.items() if k in BINDING_IDS}
        unknown = sorted(set(self.settings.keymap) - set(keymap))
        if unknown:
            self.notify(f"settings.json: no key binding with the id {', '.join(unknown)}; "
                        "docs/playing.md lists the ids.", title="Settings", severity="warning",
                        timeout=10, markup=False)
        self.set_keymap(keymap)

    def save_settings(self, **changes: object) -> None:
        """Change the settings and write them (atomically); a failure is said once, never raised."""
        from dataclasses import replace

        from simulator.storage.settings import settings_path, write_settings

        self.settings = replace(self.settings, **changes)  # type: ignore[arg-type]
        try:
            write_settings(settings_path(self.config.data_dir), self.settings)
        except OSError as error:
            if not self._settings_failed:
                self._settings_failed = True
                self.notify(f"Could not save your settings: {error}", title="Settings", severity="warning",
                            markup=False)

    def remember_theme(self, theme: Theme) -> None:
        if theme.name != self.settings.theme:
            self.save_settings(theme=theme.name)

    def warn_problems(self, errors: int) -> None:
        if errors and not self._warned:
            self._warned = True
            self.notify(f"{errors} problem(s) in your packs kept some scenarios out; "
                        "run `yesable check` to see them.", severity="warning", markup=False)

    @property
    def index_path(self) -> Path:
        return self.cache_dir / "index.json"

    @property
    def compiled_dir(self) -> Path:
        """Validated scenarios as JSON (simulator.content.compiled): playing one skips YAML and pydantic."""
        return self.cache_dir / "compiled"

    @property
    def saves(self) -> Saves:
        if self._saves is None:
            from simulator.content.vocabulary import SCHEMA_VERSION
            from simulator.storage.saves import Saves

            self._saves = Saves(self.config.data_dir / "saves", state_version=SCHEMA_VERSION)
        return self._saves

    @property
    def progress(self) -> Progress:
        if self._progress is None:
            from simulator.storage.progress import Progress

            self._progress = Progress(self.config.data_dir / "progress.sqlite3")
        return self._progress

    def entries(self) -> list[Entry]:
        if self._library is None:
            cached = read_index(self.index_path, self.config.pack_dirs)
            if cached is not None:
                if self._fingerprint is None:
                    self._fingerprint = current_fingerprint(self.config.pack_dirs)
                return cached
        return entries_of(self.library)

    def reload_packs(self) -> None:
        """Read the pack files again (a pack added, edited or fixed) and show the home list anew."""
        from simulator.tui.screens.home import HomeScreen
        from simulator.tui.when import plural

        before = {e.ref for e in self.entries()}
        self._library = None
        self._alone = None
        self._pack_dirs.clear()
        self._warned = False
        after = {e.ref for e in entries_of(self.library)}  # a full load: rewrites the index, warns of problems
        added, removed = len(after - before), len(before - after)
        change = ", ".join(part for part in (f"{added} new" if added else "",
                                             f"{removed} gone" if removed else "") if part)
        self.notify(plural(len(after), "scenario") + (f" ({change})" if change else ""),
                    title="Packs reloaded", timeout=5, markup=False)
        for screen in self.screen_stack:
            if isinstance(screen, HomeScreen):
                screen.refresh_list()

    def on_app_focus(self, event: AppFocus) -> None:
        """Back in the terminal: if pack files changed meanwhile, the home screen shows them."""
        from simulator.tui.screens.home import HomeScreen

        if not isinstance(self.screen, HomeScreen) or self._fingerprint is None:
            return
        if current_fingerprint(self.config.pack_dirs) != self._fingerprint:
            self.reload_packs()

    def scenario(self, ref: str) -> LoadedScenario:
        if self._library is None:
            alone = self._scenario_from_its_pack(ref)
            if alone is not None:
                return alone
        from simulator.content.resolve import resolve_scenario

        return resolve_scenario(self.library, ref)

    def _scenario_from_its_pack(self, ref: str) -> LoadedScenario | None:
        """`ref` loaded with its pack only, found through a current index; None: load the library.

        The index was written from a full load of these very pack files, so it names the pack a
        ref resolves to; one pack costs a fraction of the whole library's memory and time, and the
        scenario's compiled form, when current, a fraction of that pack's.
        """
        found = read_index_body(self.index_path, self.config.pack_dirs)
        if found is None:
            return None
        entries, errors = found
        matches = [e for e in entries if e.ref == ref] or [e for e in entries if e.ref.split("/", 1)[1] == ref]
        if len(matches) != 1 or not matches[0].pack_dir:
            return None
        entry = matches[0]
        if self._alone is not None and self._alone.ref == entry.ref:
            return self._alone
        from simulator.content.compiled import read_compiled, stamp, write_compiled

        pack_dir = Path(entry.pack_dir)
        files = stamp(pack_dir)
        loaded = read_compiled(self.compiled_dir, entry.ref, files)
        if loaded is None:
            from simulator.content.loader import load_pack

            pack, _ = load_pack(pack_dir)
            loaded = pack.scenarios.get(entry.ref.split("/", 1)[1]) if pack is not None else None
            if loaded is None or loaded.ref != entry.ref:
                return None
            write_compiled(self.compiled_dir, loaded, files)
        self.warn_problems(errors)
        self._pack_dirs[loaded.pack.id] = pack_dir
        self._alone = loaded
        return loaded

    def pack_dir(self, loaded: LoadedScenario) -> Path:
        """The folder of the pack `loaded` came from."""
        if self._library is None and loaded.pack.id in self._pack_dirs:
            return self._pack_dirs[loaded.pack.id]
        return next(p.path for p in self.library.packs if p.manifest.id == loaded.pack.id)

    # ------------------------------------------------------------------ flow
    def get_default_screen(self) -> HomeScreen:
        from simulator.tui.screens.home import HomeScreen

        return HomeScreen()

    def on_ready(self) -> None:
        from simulator.tui.screens.home import HomeScreen

        self.first_frame_shown = True
        if isinstance(self.screen, HomeScreen):
            self.screen.refresh_list()  # with the best scores, read from the progress database

    def on_mount(self) -> None:
        self.load_settings()
        self.theme_changed_signal.subscribe(self, self.remember_theme)
        if self.config.watch and self.start_ref is not None:
            self.start_watch(self.start_ref)
        if self.config.player_homes is not None and self.config.player is None or self.config.round_id is not None and self.config.player is None:
            self.call_after_refresh(self.ask_alias)
        elif self.start_ref is not None:
            self.call_after_refresh(self.open_scenario, self.start_ref)

    def ask_alias(self) -> None:
        """A class round needs an alias for the report: ask before anything is played."""
        from simulator.tui.screens.alias import AliasScreen

        def answer(alias: str | None) -> None:
            self.config.player = alias
            if self.config.player_homes is not None and alias:
                self.use_player_home(alias)
            if self.start_ref is not None:
                self.open_scenario(self.start_ref)

        self.push_screen(AliasScreen(self.config.round_id or ""), answer)

    def use_player_home(self, alias: str) -> None:
        """From now on keep saves and progress in `alias`'s own folder (served play)."""
        from simulator.storage.saves import file_name
        from simulator.tui.screens.home import HomeScreen

        assert self.config.player_homes is not None
        self.config.data_dir = self.config.player_homes / file_name(alias.strip().lower())
        self._saves = self._progress = None
        self.load_settings()  # the player's own preferences
        if isinstance(self.screen, HomeScreen):
            self.screen.refresh_list()

    # ------------------------------------------------------------------ --watch
    def start_watch(self, ref: str) -> None:
        from simulator.content.locations import bundled_personas
        from simulator.tui.watch import PackWatch

        loaded = self.scenario(ref)
        pack = next(p for p in self.library.packs if p.manifest.id == loaded.pack.id)
        self.watcher = PackWatch(pack.path, [bundled_personas()])
        self.set_interval(0.5, self.poll_watch, name="watch")

    def poll_watch(self) -> None:
        """Reload and restart the watched scenario when its pack changed; show problems if it broke."""
        from simulator.tui.screens.problems import ProblemsScreen
        from simulator.tui.watch import reload, with_pack

        if self.watcher is None or self.start_ref is None or not self.watcher.changed():
            return
        ref = self.start_ref
        result = reload(self.watcher.pack_dir, ref.split("/", 1)[-1])
        while len(self.screen_stack) > 1:
            self.pop_screen()
        if result.pack is None or result.loaded is None or result.errors:  # the game is kept for the fix
            self.push_screen(ProblemsScreen(ref, result.problems))
            return
        self._library = with_pack(self.library, result.pack)
        self.saves.delete(ref)
        warnings = f" ({len(result.problems)} problem(s): `yesable check` lists them)" if result.problems else ""
        self.continue_after_reload(result.loaded, warnings)

    def continue_after_reload(self, loaded: LoadedScenario, warnings: str) -> None:
        """Replay the moves of the game in play on the reloaded scenario, as far as they still go."""
        from simulator.tui.game import replayed_game
        from simulator.tui.screens.conversation import ConversationScreen

        old = self.game
        if old is None:
            self.notify(f"Reloaded {loaded.scenario.title}{warnings}", title="Watch", markup=False)
            self.begin(loaded, push=True)
            return
        seed = old.session.state.seed
        choices = [m.choice for m in old.session.state.history]
        if old.session.ended or old.timed_out:  # back before the ending: the author plays it again
            choices = choices[:-1]
        start = self.start_state(loaded, seed) if old.start is not None else None  # --from, rebuilt
        game, stopped = replayed_game(loaded, seed, choices, start)
        if game.session.ended:  # the edit ends the path sooner: stop before its ending
            game, _ = replayed_game(loaded, seed, [m.choice for m in game.session.state.history[:-1]], start)
        game.taken_back = old.taken_back
        game.move_times = old.move_times[: len(game.session.state.history)]
        self.game = game
        where = (f"at the same point (move {len(choices)})" if stopped is None
                 else f"as far as the path still goes ({stopped})")
        self.notify(f"Reloaded {loaded.scenario.title}: {where}{warnings}", title="Watch", markup=False,
                    severity="information" if stopped is None else "warning", timeout=8)
        self.autosave()
        self.push_screen(ConversationScreen())

    def on_resize(self, event: Resize) -> None:
        from simulator.tui.screens.too_small import TooSmallScreen

        small = event.size.width < MIN_WIDTH or event.size.height < MIN_HEIGHT
        showing = isinstance(self.screen, TooSmallScreen)
        if small and not showing:
            self.push_screen(TooSmallScreen())
        elif not small and showing:
            self.pop_screen()

    def open_scenario(self, ref: str) -> None:
        """Offer to resume a save for `ref`, else show its brief."""
        from simulator.tui.screens.resume import ResumeScreen

        practice = self.config.start_from is not None and ref == self.start_ref  # --from: no resume
        saved = None if practice else self.saves.read(ref)
        self.report_problems()
        if saved is None:
            self.show_brief(ref)
            return

        def answer(resume: bool | None) -> None:
            if resume:
                self.resume(ref)
            elif resume is False:
                self.saves.delete(ref)
                self.show_brief(ref)
            # None (Esc): back where the player was, the save kept

        self.push_screen(ResumeScreen(ref, saved.saved_at, saved.moves), answer)

    # ------------------------------------------------------------------ preparation sheet
    def open_prep(self, ref: str) -> None:
        """The preparation sheet for `ref`, as the player left it earlier in this run."""
        from simulator.scoring.prep import PrepSheet
        from simulator.tui.game import PrepDraft
        from simulator.tui.screens.prep import PrepScreen

        loaded = self.scenario(ref)
        draft = self.prep_drafts.get(loaded.ref)
        if draft is None:
            seed = self.seed if self.seed is not None else fresh_seed()
            draft = self.prep_drafts[loaded.ref] = PrepDraft(PrepSheet(), seed)
        self.push_screen(PrepScreen(loaded, draft))

    @staticmethod
    def prep_of(game: Game) -> dict[str, object] | None:
        """`game`'s sheet as a save keeps it (None: no sheet)."""
        from simulator.scoring.prep import sheet_data

        return None if game.prep is None else sheet_data(game.prep)

    def restore_prep(self, game: Game, data: dict[str, object] | None) -> None:
        """Give a resumed game its saved sheet; one that no longer fits is said and dropped."""
        from simulator.scoring.prep import PrepSheetError, sheet_from_data

        if data is None:
            return
        try:
            game.prep = sheet_from_data(game.loaded, data)
        except PrepSheetError as error:
            self.notify(f"The saved preparation sheet no longer fits the scenario ({error}); "
                        "it was dropped.", title="Preparation", severity="warning", markup=False)

    # ------------------------------------------------------------------ flow (continued)
    def show_brief(self, ref: str) -> None:
        from simulator.tui.screens.brief import BriefScreen

        self.push_screen(BriefScreen(self.scenario(ref)))

    def begin(self, loaded: LoadedScenario, push: bool = False) -> None:
        from simulator.tui.game import new_game
        from simulator.tui.screens.conversation import ConversationScreen

        seed = self.seed if self.seed is not None else fresh_seed()
        self.game = new_game(loaded, seed, self.start_state(loaded, seed))
        draft = self.prep_drafts.get(loaded.ref)
        self.game.prep = draft.sheet if draft is not None and draft.done else None
        self.autosave()
        self.start_clock()
        if push:
            self.push_screen(ConversationScreen())
        else:
            self.switch_screen(ConversationScreen())

    def start_state(self, loaded: LoadedScenario, seed: int) -> SessionState | None:
        """`play --from`'s starting state for `loaded` (None: the scenario's start); a starting
        point the scenario no longer has (after a reload) is said, and the game starts normally."""
        start = self.config.start_from
        if start is None or loaded.ref != self.start_ref:
            return None
        from simulator.engine.start import StartError, state_at

        try:
            return state_at(loaded, start, seed)
        except StartError as error:
            self.notify(f"--from: {error}; starting at the beginning.", severity="warning", markup=False)
            return None

    def take_back(self) -> bool:
        """Take back the game's last move (the game becomes practice: its save is removed, its
        transcript marked, its result not counted); False when there is no move to take back."""
        game = self.game
        if game is None or not game.session.state.history or game.session.ended:
            return False
        if not game.practice:
            self.saves.delete(game.ref)
        self.game = game.take_back()
        return True

    def resume(self, ref: str) -> None:
        from simulator.engine import EngineError
        from simulator.tui.game import restored_game
        from simulator.tui.screens.conversation import ConversationScreen

        saved = self.saves.read(ref)
        loaded = self.scenario(ref)
        if saved is None:
            self.show_brief(ref)
            return
        try:
            self.game = restored_game(loaded, saved.state_json, saved.move_times)
        except (EngineError, ValueError) as error:
            self.saves.set_aside(ref, str(error).splitlines()[0])
            self.report_problems()
            self.show_brief(ref)
            return
        self.restore_prep(self.game, saved.prep)
        self.start_clock()
        self.push_screen(ConversationScreen())

    # ------------------------------------------------------------------ time box
    def start_clock(self) -> None:
        """Start the game's time box (`--minutes`): a countdown in the header, a warning before the
        end (`warn_before`), and the meeting closed at the impasse when it runs out."""
        if self.config.minutes is None:
            return
        self.deadline = self.clock() + self.config.minutes * 60
        self.time_warned = False
        if not self._ticking:
            self._ticking = True
            self.set_interval(1, self.tick_time_box, name="time box")

    def time_left(self) -> float | None:
        """Seconds left in the time box (negative once over); None without one."""
        return None if self.deadline is None else self.deadline - self.clock()

    def warn_before(self) -> float:
        """Seconds before the end the warning comes: two minutes, or half the box under four minutes."""
        box = (self.config.minutes or 0) * 60
        return 120.0 if box >= 240 else box / 2

    def attach_countdown(self, screen: Screen[Any]) -> None:
        """Put the time box's countdown at the right of `screen`'s header (when there is a time box)."""
        from textual.widgets import Header

        from simulator.tui.widgets.countdown import Countdown

        headers = screen.query(Header)
        if self.deadline is not None and headers and not screen.query(Countdown):
            headers.first().mount(Countdown())

    def tick_time_box(self) -> None:
        """Each second: the countdown shows the time left; the warning once; time up at zero."""
        from simulator.tui.widgets.countdown import Countdown

        left, game = self.time_left(), self.game
        if left is None or game is None or game.session.ended or game.timed_out:
            return
        for countdown in self.screen.query(Countdown):
            countdown.show(left)
        if left <= 0:
            self.time_up()
        elif not self.time_warned and left <= self.warn_before():
            import math

            from simulator.tui.when import plural

            self.time_warned = True
            minutes, seconds = divmod(math.ceil(left), 60)
            words = " ".join(part for part in (plural(minutes, "minute") if minutes else "",
                                               plural(seconds, "second") if seconds else "") if part)
            self.notify(f"{words} left: when time runs out the meeting closes at the impasse.",
                        title="Time box", severity="warning", timeout=10)

    def time_up(self) -> None:
        game = self.game
        if game is not None and not game.session.ended and not game.timed_out:
            game.timed_out = True
            self.notify("Time is up: the meeting ends here.", title="Time box", severity="warning")
            self.finish()

    def autosave(self) -> None:
        game = self.game
        if game is None or game.practice:  # practice is never saved: a resumed save would count
            return
        try:
            self.saves.write(game.ref, game.session.state.to_json(),
                             [t.isoformat() for t in game.move_times], prep=self.prep_of(game))
        except OSError as error:
            self.notify(f"Could not autosave: {error}", severity="error", markup=False)

    def finish(self) -> None:
        """Record a finished game: transcript, progress row, no more save; then show the debrief."""
        from simulator.classroom.transcript import build_transcript, write_transcript
        from simulator.storage.progress import ProgressError
        from simulator.tui.screens.debrief import DebriefScreen

        game = self.game
        assert game is not None
        transcript_path: str | None = None
        try:
            transcript = build_transcript(game.session, player=self.config.player,
                                          round_id=self.config.round_id,
                                          started_at=game.started_at, move_times=game.move_times,
                                          time_box_minutes=self.config.minutes, timed_out=game.timed_out,
                                          practice=practice_of(game), prep=game.prep)
            self.transcript = transcript
            transcript_path = str(write_transcript(transcript, self.config.data_dir / "transcripts"))
            if self.config.results_dir is not None:
                write_transcript(transcript, self.config.results_dir)
        except OSError as error:
            self.notify(f"Could not write this attempt's transcript: {error}", severity="error", markup=False)
        else:
            if game.practice:
                self.notify("A practice game: its transcript is marked practice and your progress and "
                            "best scores leave it out.", title="Practice", markup=False)
            try:
                if not game.practice:
                    self.progress.record(game.ref, transcript.scores, transcript.ending, transcript_path)
            except ProgressError as error:  # a broken progress database must not cost the debrief
                self.notify(f"Could not record this attempt in your progress: {error}", severity="warning",
                            markup=False)
        self.prep_drafts.pop(game.ref, None)  # the sheet was for this game: a replay starts anew
        try:
            self.saves.delete(game.ref)
        except OSError as error:
            self.notify(f"Could not clear the finished game's save: {error}", severity="warning", markup=False)
        self.switch_screen(DebriefScreen(transcript_path))

    def add_reviews(self, lesson: Lesson) -> None:
        """Rewrite the last transcript with each move's regret, label and better move."""
        from simulator.classroom.transcript import with_reviews, write_transcript

        if self.transcript is None or lesson.reviews is None:
            return
        self.transcript = with_reviews(self.transcript, lesson.labels, lesson.reviews)
        try:
            write_transcript(self.transcript, self.config.data_dir / "transcripts")
            if self.config.results_dir is not None:
                write_transcript(self.transcript, self.config.results_dir)
        except OSError as error:
            self.notify(f"Could not add regrets to the transcript: {error}", severity="error", markup=False)

    def go_home(self) -> None:
        from simulator.tui.screens.home import HomeScreen

        self.game = None
        while len(self.screen_stack) > 1:
            self.pop_screen()
        if not isinstance(self.screen, HomeScreen):
            self.switch_screen(HomeScreen())
        else:
            self.screen.refresh_list()

    def report_problems(self) -> None:
        for line in self.saves.problems:
            self.notify(line, title="Save set aside", severity="warning", timeout=10, markup=False)
        self.saves.problems.clear()

    def on_delivery_complete(self, event: DeliveryComplete) -> None:
        self.notify(f"Transcript exported to {event.path}", title="Export", timeout=8, markup=False)

    def on_delivery_failed(self, event: DeliveryFailed) -> None:
        self.notify(f"Could not export the transcript: {event.exception}", title="Export", severity="error", markup=False)

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        """Command palette entries: Textual's own plus ours, each naming its key."""
        yield from super().get_system_commands(screen)
        yield SystemCommand("Help and glossary", "Concepts moves are graded on, and the keys (? or F1)",
                            self.action_help)
        yield SystemCommand("Home", "Back to the scenario list (your game is saved)", self.go_home)
        toggle = getattr(screen, "action_toggle_grades", None)
        if toggle is not None:
            yield SystemCommand("Show or hide grades",
                                "Play blind (labels, notes, meter changes and reveals wait for the debrief), "
                                "or see them after each move (g)", toggle)
        export = getattr(screen, "action_export", None)
        if export is not None:
            yield SystemCommand("Export transcript", "Save this session's transcript (e)", export)

    def action_help(self) -> None:
        from simulator.tui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())


def practice_of(game: Game) -> Practice | None:
    """What makes `game` practice, for its transcript (None for a real attempt)."""
    if not game.practice:
        return None
    from simulator.classroom.transcript import Practice

    return Practice(taken_back=game.taken_back, start=game.start)


def make_app(data_dir: Path | None = None, library: Library | None = None, scenario_ref: str | None = None,
             seed: int | None = None, pack_dirs: list[Path] | None = None) -> YesableApp:
    """The app with its configuration; tests pass a temporary data dir and a library."""
    import os

    if data_dir is None:
        from simulator.content.locations import user_data_dir

        data_dir = user_data_dir()
    config = AppConfig(data_dir, library, pack_dirs)
    homes = os.environ.get("YESABLE_PLAYER_HOMES")  # set by `yesable serve` for the sessions it starts
    if homes:
        config.player_homes = Path(homes)
        config.data_dir = config.player_homes / "_before-alias"  # nobody's: until the alias is given
    return YesableApp(config, scenario_ref, seed)


def run_app(scenario_ref: str | None = None, seed: int | None = None) -> int:
    """Run the app; its exit status is non-zero when it stopped on an error (Textual's return code)."""
    app = make_app(scenario_ref=scenario_ref, seed=seed)
    result = app.run()
    return app.return_code or result or 0
