"""The Yesable app: home -> brief -> conversation -> debrief, with help, autosave and progress."""

from __future__ import annotations

import subprocess
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual.app import SystemCommand
from textual.binding import Binding, BindingType
from textual.events import AppFocus, DeliveryComplete, DeliveryFailed, Resize
from textual.screen import Screen

from simulator.tui.base import MIN_HEIGHT, MIN_WIDTH, AppBase, AppConfig, fresh_seed
from simulator.tui.messages import (
    GameOver,
    GoHome,
    OpenPrep,
    OpenScenario,
    ReloadPacks,
    ReviewsReady,
    SaveGame,
    StartScenario,
)

if TYPE_CHECKING:
    from textual.timer import Timer

    from simulator.catalog.index import Entry
    from simulator.classroom.transcript import Practice, Transcript
    from simulator.content.loaded import LoadedScenario
    from simulator.content.loader import Library
    from simulator.engine import SessionState
    from simulator.scoring import Lesson
    from simulator.tui.game import Game, PrepDraft
    from simulator.tui.screens.home import HomeScreen
    from simulator.tui.watch import PackWatch

__all__ = ["MIN_HEIGHT", "MIN_WIDTH", "AppConfig", "YesableApp", "fresh_seed", "make_app", "run_app"]


class YesableApp(AppBase):
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

    def __init__(self, config: AppConfig, scenario_ref: str | None = None, seed: int | None = None) -> None:
        super().__init__(config)
        self.start_ref = scenario_ref
        self.seed = seed
        """The seed every attempt plays with (`--seed`); None: each new attempt draws a fresh one."""
        self.time_warned = False
        self._ticking = False
        self.transcript: Transcript | None = None
        """The last finished game's transcript, rewritten with regrets once the solver answers."""
        self.watcher: PackWatch | None = None
        self._rebuild: subprocess.Popen[bytes] | None = None
        """The child process remaking the index after the packs changed (home shows the old one)."""
        self._rebuild_timer: Timer | None = None
        self._rebuild_wanted = False
        """The index is stale: remake it after the first frame (a child now would slow that frame)."""
        self.prep_drafts: dict[str, PrepDraft] = {}
        """Preparation sheets of this run by scenario ref (`open_prep`); a game takes the one marked
        done when it begins, and a finished game uses it up."""

    # ------------------------------------------------------------------ packs
    @property
    def library(self) -> Library:
        """The whole library (loaded on first use: YAML and pydantic; the index is rewritten)."""
        return self.catalog.library

    @property
    def index_path(self) -> Path:
        return self.paths.index

    @property
    def compiled_dir(self) -> Path:
        """Validated scenarios as JSON (simulator.content.compiled): playing one skips YAML and pydantic."""
        return self.paths.compiled

    def entries(self) -> list[Entry]:
        """The scenarios to list. Before the first frame, when the index is stale (a pack changed),
        the old index is listed and a child process remakes it (`rebuild_index`): the first frame
        after a pack changed waits for neither YAML nor pydantic. Without any index (the very first
        start) the packs are loaded here."""
        current = self.catalog.current_entries()
        if current is not None:
            return current
        if self._rebuild is not None or self._rebuild_wanted:
            return self.catalog.stale_entries()
        if not self.first_frame_shown:
            stale = self.catalog.stale_entries()
            if stale:
                self._rebuild_wanted = True  # started once the first frame is on screen (on_ready)
                return stale
        return self.catalog.entries()

    def rebuild_index(self) -> None:
        """Remake the index and compiled scenarios in a child process; home refreshes when it is done."""
        self._rebuild_wanted = False
        try:
            self._rebuild = subprocess.Popen(
                self.catalog.rebuild_command(),
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
        except OSError:
            return  # the index is made in this process instead
        self._rebuild_timer = self.set_interval(0.1, self.poll_rebuild, name="rebuild index")

    def poll_rebuild(self, wait: bool = False) -> None:
        """When the child remaking the index is done, list what it found (`wait`: wait for it)."""
        from simulator.tui.screens.home import HomeScreen

        child = self._rebuild
        if child is None or (child.poll() is None and not wait):
            return
        child.wait()
        self._rebuild = None
        if self._rebuild_timer is not None:
            self._rebuild_timer.stop()
        self.catalog.adopt_index()
        if not wait and isinstance(self.screen, HomeScreen):
            self.screen.refresh_list()

    def on_unmount(self) -> None:
        if self._rebuild is not None and self._rebuild.poll() is None:
            self._rebuild.kill()  # the next start remakes the index
            self._rebuild.wait()

    def reload_packs(self) -> None:
        """Read the pack files again (a pack added, edited or fixed) and show the home list anew."""
        from simulator.catalog.index import entries_of
        from simulator.tui.screens.home import HomeScreen
        from simulator.tui.when import plural

        pending = self._rebuild is not None or self._rebuild_wanted
        self._rebuild_wanted = False
        shown = None if pending else self.catalog.current_entries()
        before = {e.ref for e in (shown if shown is not None else self.catalog.stale_entries())}  # as listed
        self.poll_rebuild(wait=True)
        self.catalog.forget()
        self._warned = False
        after = {e.ref for e in entries_of(self.library)}  # a full load: rewrites the index, warns of problems
        added, removed = len(after - before), len(before - after)
        change = ", ".join(
            part for part in (f"{added} new" if added else "", f"{removed} gone" if removed else "") if part
        )
        self.notify(
            plural(len(after), "scenario") + (f" ({change})" if change else ""),
            title="Packs reloaded",
            timeout=5,
            markup=False,
        )
        for screen in self.screen_stack:
            if isinstance(screen, HomeScreen):
                screen.refresh_list()

    def on_app_focus(self, event: AppFocus) -> None:
        """Back in the terminal: if pack files changed meanwhile, the home screen shows them."""
        from simulator.tui.screens.home import HomeScreen

        if (
            isinstance(self.screen, HomeScreen)
            and self._rebuild is None
            and not self._rebuild_wanted
            and self.catalog.changed()
        ):
            self.reload_packs()

    def scenario(self, ref: str) -> LoadedScenario:
        from simulator.content.loaded import translated

        return translated(self.catalog.scenario(ref), self.language)

    # ------------------------------------------------------------------ flow
    def get_default_screen(self) -> HomeScreen:
        from simulator.tui.screens.home import HomeScreen

        return HomeScreen()

    def on_ready(self) -> None:
        from simulator.tui.screens.home import HomeScreen

        self.first_frame_shown = True
        if self._rebuild_wanted:
            self.rebuild_index()
        if isinstance(self.screen, HomeScreen):
            self.screen.refresh_list()  # with the best scores, read from the progress database

    def on_mount(self) -> None:
        self.load_settings()
        self.theme_changed_signal.subscribe(self, self.remember_theme)
        if self.config.watch and self.start_ref is not None:
            self.start_watch(self.start_ref)
        if (
            self.config.player_homes is not None
            and self.config.player is None
            or self.config.round_id is not None
            and self.config.player is None
        ):
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
        from simulator.tui.screens.home import HomeScreen

        assert self.config.player_homes is not None
        self.config.data_dir = self.paths.for_player(self.config.player_homes, alias).root
        self.catalog.use_paths(self.paths)
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
        self.catalog.set_library(with_pack(self.library, result.pack))
        self.saves.delete(ref)
        warnings = f" ({len(result.problems)} problem(s): `yesable check` lists them)" if result.problems else ""
        from simulator.content.loaded import translated

        self.continue_after_reload(translated(result.loaded, self.language), warnings)

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
        where = (
            f"at the same point (move {len(choices)})"
            if stopped is None
            else f"as far as the path still goes ({stopped})"
        )
        self.notify(
            f"Reloaded {loaded.scenario.title}: {where}{warnings}",
            title="Watch",
            markup=False,
            severity="information" if stopped is None else "warning",
            timeout=8,
        )
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
            self.notify(
                f"The saved preparation sheet no longer fits the scenario ({error}); it was dropped.",
                title="Preparation",
                severity="warning",
                markup=False,
            )

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
            words = " ".join(
                part
                for part in (plural(minutes, "minute") if minutes else "", plural(seconds, "second") if seconds else "")
                if part
            )
            self.notify(
                f"{words} left: when time runs out the meeting closes at the impasse.",
                title="Time box",
                severity="warning",
                timeout=10,
            )

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
            self.saves.write(
                game.ref,
                game.session.state.to_json(),
                [t.isoformat() for t in game.move_times],
                prep=self.prep_of(game),
            )
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
            transcript = build_transcript(
                game.session,
                player=self.config.player,
                round_id=self.config.round_id,
                started_at=game.started_at,
                move_times=game.move_times,
                time_box_minutes=self.config.minutes,
                timed_out=game.timed_out,
                practice=practice_of(game),
                prep=game.prep,
            )
            self.transcript = transcript
            transcript_path = str(write_transcript(transcript, self.paths.transcripts))
            if self.config.results_dir is not None:
                write_transcript(transcript, self.config.results_dir)
        except OSError as error:
            self.notify(f"Could not write this attempt's transcript: {error}", severity="error", markup=False)
        else:
            if game.practice:
                self.notify(
                    "A practice game: its transcript is marked practice and your progress and "
                    "best scores leave it out.",
                    title="Practice",
                    markup=False,
                )
            try:
                if not game.practice:
                    self.progress.record(game.ref, transcript.scores, transcript.ending, transcript_path)
            except ProgressError as error:  # a broken progress database must not cost the debrief
                self.notify(
                    f"Could not record this attempt in your progress: {error}", severity="warning", markup=False
                )
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
            write_transcript(self.transcript, self.paths.transcripts)
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
        self.notify(
            f"Could not export the transcript: {event.exception}", title="Export", severity="error", markup=False
        )

    # ------------------------------------------------------------------ what screens ask
    def on_open_scenario(self, message: OpenScenario) -> None:
        self.open_scenario(message.ref)

    def on_open_prep(self, message: OpenPrep) -> None:
        self.open_prep(message.ref)

    def on_start_scenario(self, message: StartScenario) -> None:
        self.begin(message.loaded)

    def on_save_game(self, message: SaveGame) -> None:
        self.autosave()

    def on_game_over(self, message: GameOver) -> None:
        self.finish()

    def on_go_home(self, message: GoHome) -> None:
        self.go_home()

    def on_reload_packs(self, message: ReloadPacks) -> None:
        self.reload_packs()

    def on_reviews_ready(self, message: ReviewsReady) -> None:
        self.add_reviews(message.lesson)

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        """Command palette entries: Textual's own plus ours, each naming its key."""
        yield from super().get_system_commands(screen)
        yield SystemCommand(
            "Help and glossary", "Concepts moves are graded on, and the keys (? or F1)", self.action_help
        )
        yield SystemCommand("Home", "Back to the scenario list (your game is saved)", self.go_home)
        toggle = getattr(screen, "action_toggle_grades", None)
        if toggle is not None:
            yield SystemCommand(
                "Show or hide grades",
                "Play blind (labels, notes, meter changes and reveals wait for the debrief), "
                "or see them after each move (g)",
                toggle,
            )
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


def make_app(
    data_dir: Path | None = None,
    library: Library | None = None,
    scenario_ref: str | None = None,
    seed: int | None = None,
    pack_dirs: list[Path] | None = None,
) -> YesableApp:
    """The app with its configuration; tests pass a temporary data dir and a library."""
    from simulator.storage.paths import BEFORE_ALIAS, data_home, player_homes

    config = AppConfig(data_dir if data_dir is not None else data_home(), library, pack_dirs)
    homes = player_homes()  # set by `yesable serve` for the sessions it starts
    if homes is not None:
        config.player_homes = homes
        config.cache_dir = config.data_dir  # shared by every player: serve made it before the first one came
        config.data_dir = homes / BEFORE_ALIAS  # nobody's: until the alias is given
    return YesableApp(config, scenario_ref, seed)


def run_app(scenario_ref: str | None = None, seed: int | None = None) -> int:
    """Run the app; its exit status is non-zero when it stopped on an error (Textual's return code)."""
    app = make_app(scenario_ref=scenario_ref, seed=seed)
    result = app.run()
    return app.return_code or result or 0
