"""The app's state as screens see it: configuration, catalog, game, settings and the time box.

Screens type `self.app` as `AppBase` and post messages (simulator.tui.messages) for everything
that changes what is shown; `simulator.tui.app.YesableApp` adds the flow and handles them, so no
screen imports the app module that imports the screens.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual.app import App
from textual.screen import Screen

from simulator.catalog.catalog import Catalog
from simulator.storage.paths import Paths

if TYPE_CHECKING:
    from collections.abc import Callable

    from textual.theme import Theme

    from simulator.catalog.index import Entry
    from simulator.content.loaded import LoadedScenario
    from simulator.content.loader import Library
    from simulator.engine.start import StartPoint
    from simulator.storage.progress import Progress
    from simulator.storage.saves import Saves
    from simulator.storage.settings import Settings
    from simulator.tui.game import Game

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
    """The player's files: saves, progress, transcripts, settings (simulator.storage.paths)."""
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
    language: str | None = None
    """The language to play in (`play --lang`); None: the settings' `language`, else English."""
    cache_dir: Path | None = None
    """The machine's caches (home index, compiled scenarios) when not in `data_dir` (served play)."""
    live_regrets: bool = False
    """After each move, ask the solver (in a child process) what the move cost, so the move line's
    label follows regret as the debrief's does; off (the default), the move line shows the label by
    the move's tags and the debrief the label by regret. Off by default: each child solves the
    scenario afresh, seconds of CPU per move on the largest bundled scenarios."""


class AppBase(App[int]):
    """State and readers shared by the app and its screens (no flow: that is YesableApp's)."""

    clock: Callable[[], float]
    """Seconds on a monotonic clock, read by the time box; tests replace it to freeze or move time."""

    def __init__(self, config: AppConfig) -> None:
        super().__init__()
        import time

        from simulator.storage.settings import Settings

        self.config = config
        self.cache_dir = config.cache_dir if config.cache_dir is not None else config.data_dir
        """Caches shared by every player of this machine (the home index, compiled scenarios)."""
        self.catalog = Catalog(self.paths, config.pack_dirs, config.library, on_errors=self.warn_problems)
        self._warned = False
        self.game: Game | None = None
        self._show_grades = True
        self.settings: Settings = Settings()
        """The player's preferences (settings.json in the data folder), read on mount."""
        self._settings_failed = False
        self.clock = time.monotonic
        self.deadline: float | None = None
        """When the time box of the game being played runs out (on `clock`); None: no time box."""
        self.first_frame_shown = False
        """Set on Ready: work the first frame does not need (home's best scores) waits for it."""

    # ------------------------------------------------------------------ files and packs
    @property
    def paths(self) -> Paths:
        """The player's files (`config.data_dir`) and the machine's caches (`cache_dir`)."""
        return Paths(self.config.data_dir, cache_root=self.cache_dir)

    @property
    def saves(self) -> Saves:
        return self.catalog.saves

    @property
    def progress(self) -> Progress:
        return self.catalog.progress

    def entries(self) -> list[Entry]:
        """The scenarios to list (from the index when it is current)."""
        return self.catalog.entries()

    @property
    def language(self) -> str | None:
        """The language scenarios and the app's strings are shown in (None: English)."""
        return self.config.language or self.settings.language

    def pack_dir(self, loaded: LoadedScenario) -> Path:
        """The folder of the pack `loaded` came from."""
        return self.catalog.pack_dir(loaded)

    def warn_problems(self, errors: int) -> None:
        if errors and not self._warned:
            self._warned = True
            self.notify(
                f"{errors} problem(s) in your packs kept some scenarios out; run `yesable check` to see them.",
                severity="warning",
                markup=False,
            )

    # ------------------------------------------------------------------ settings
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

    def load_settings(self) -> None:
        """Read settings.json from the data folder and apply it: theme, blind mode, key map.
        Whatever cannot be used is said in a notice; the rest still applies."""
        from simulator.storage.settings import read_settings
        from simulator.tui.keys import BINDING_IDS

        self.settings, problems = read_settings(self.paths.settings)
        from simulator.i18n import set_language

        set_language(self.language)
        for line in problems:
            self.notify(line, title="Settings", severity="warning", timeout=10, markup=False)
        theme = self.settings.theme
        if theme is not None and theme != self.theme:
            if theme in self.available_themes:
                self.theme = theme
            else:
                self.notify(
                    f"settings.json: no theme called {theme!r}; keeping {self.theme}.",
                    title="Settings",
                    severity="warning",
                    timeout=10,
                    markup=False,
                )
        self._show_grades = not self.settings.blind
        keymap = {k: v for k, v in self.settings.keymap.items() if k in BINDING_IDS}
        unknown = sorted(set(self.settings.keymap) - set(keymap))
        if unknown:
            self.notify(
                f"settings.json: no key binding with the id {', '.join(unknown)}; docs/playing.md lists the ids.",
                title="Settings",
                severity="warning",
                timeout=10,
                markup=False,
            )
        self.set_keymap(keymap)

    def save_settings(self, **changes: object) -> None:
        """Change the settings and write them (atomically); a failure is said once, never raised."""
        from dataclasses import replace

        from simulator.storage.settings import write_settings

        self.settings = replace(self.settings, **changes)  # type: ignore[arg-type]
        try:
            write_settings(self.paths.settings, self.settings)
        except OSError as error:
            if not self._settings_failed:
                self._settings_failed = True
                self.notify(
                    f"Could not save your settings: {error}",
                    title="Settings",
                    severity="warning",
                    markup=False,
                )

    def remember_theme(self, theme: Theme) -> None:
        if theme.name != self.settings.theme:
            self.save_settings(theme=theme.name)

    # ------------------------------------------------------------------ time box
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
