"""Home: every pack's scenarios with their details and the player's best score; Enter starts one."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Header, OptionList, Static
from textual.widgets.option_list import Option

from simulator.catalog.index import Entry
from simulator.i18n import _
from simulator.tui.messages import OpenPrep, OpenScenario, ReloadPacks
from simulator.tui.when import ago, plural

if TYPE_CHECKING:
    from simulator.storage.saves import SaveSummary
    from simulator.tui.base import AppBase


def objective_names(codes: list[str]) -> str:
    """`EO4 Marketing; EO2.4 Interests vs positions, BATNA`: each code with its name."""
    from simulator.content.vocabulary import OBJECTIVE_TITLES

    names = {str(o): title for o, title in OBJECTIVE_TITLES.items()}
    return "; ".join(f"{code} {names[code]}" if code in names else code for code in codes)


def in_progress(summary: SaveSummary) -> str:
    """`3 moves, 5 minutes ago`."""
    return f"{plural(summary.moves, 'move')}, {ago(summary.saved_at)}"


class HomeScreen(Screen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "start", "Start", id="home.start", priority=True),
        Binding("ctrl+r,f5", "reload", "Reload packs", id="home.reload"),
        Binding("p", "prepare", "Prepare", id="home.prepare"),
    ]

    app: AppBase

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal():
            yield OptionList(id="scenarios")
            with VerticalScroll(id="details"):
                yield Static(id="detail")
        yield Footer()

    def on_mount(self) -> None:
        self.best: dict[str, tuple[int, int]] = {}
        self.saved: dict[str, SaveSummary] = {}
        self.refresh_list(with_scores=False)
        if self.app.first_frame_shown:
            self.call_after_refresh(self.refresh_list)
        # else the app calls refresh_list once its first frame is on screen (YesableApp.on_ready)

    def refresh_list(self, with_scores: bool = True) -> None:
        """List the scenarios; best scores come from the progress DB, read after the first frame."""
        self.entries: list[Entry] = [e.in_language(self.app.language) for e in self.app.entries()]
        if with_scores:
            from simulator.storage.progress import ProgressError

            try:
                self.best = self.app.progress.best()
            except ProgressError as error:  # a broken progress DB must not stop play
                self.notify(f"Progress database unreadable: {error}", severity="warning", markup=False)
        self.saved = {e.ref: s for e in self.entries if (s := self.app.saves.peek(e.ref)) is not None}
        options = self.query_one("#scenarios", OptionList)
        was = options.get_option_at_index(options.highlighted).id if options.highlighted is not None else None
        options.clear_options()
        pack = None
        for entry in self.entries:
            if entry.pack_title != pack:
                pack = entry.pack_title
                options.add_option(Option(Text(pack, style="bold underline"), disabled=True))
            best = self.best.get(entry.ref)
            label = Text.assemble(
                f"  {entry.title}",
                (f"  best {best[0]}" if best else "", "green"),
                ("  ▶ in progress" if entry.ref in self.saved else "", "yellow"),
            )
            options.add_option(Option(label, id=entry.ref))
        if not self.entries:
            self.query_one("#detail", Static).update(Text("No scenarios found. Run `yesable check` to see why."))
            return
        first = next(i for i, o in enumerate(options.options) if not o.disabled)
        same = next((i for i, o in enumerate(options.options) if was is not None and o.id == was), None)
        options.highlighted = first if same is None else same
        options.focus()

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        entry = next((e for e in self.entries if e.ref == event.option.id), None)
        if entry is not None:
            self.query_one("#detail", Static).update(self.describe(entry))

    def describe(self, entry: Entry) -> Text:
        best = self.best.get(entry.ref)
        text = Text.assemble((entry.title, "bold"), "\n", (entry.ref, "dim"), "\n\n", entry.summary, "\n\n")
        text.append(
            _("Difficulty: {difficulty}   About {minutes} minutes").format(
                difficulty=entry.difficulty, minutes=entry.minutes
            )
            + "\n"
        )
        text.append(_("Objectives: {objectives}").format(objectives=objective_names(entry.objectives)) + "\n")
        saved = self.saved.get(entry.ref)
        if saved is not None:
            text.append(_("In progress: {progress}").format(progress=in_progress(saved)) + "\n", style="bold yellow")
        if best:
            text.append(
                _("Best score: {best} after {attempts} attempt(s)").format(best=best[0], attempts=best[1]) + "\n"
            )
        elif saved is None:
            text.append(_("Not played yet") + "\n")
        text.append(
            "\n" + (_("Press Enter to resume or start over.") if saved else _("Press Enter to start.")), style="dim"
        )
        text.append("\n" + _("Press p to prepare first: read the room on a preparation sheet."), style="dim")
        return text

    def action_reload(self) -> None:
        self.post_message(ReloadPacks())

    def action_prepare(self) -> None:
        """The preparation sheet for the highlighted scenario, before its brief."""
        options = self.query_one("#scenarios", OptionList)
        if options.highlighted is None:
            return
        ref = options.get_option_at_index(options.highlighted).id
        if ref:
            self.post_message(OpenPrep(ref))

    def action_start(self) -> None:
        options = self.query_one("#scenarios", OptionList)
        if options.highlighted is None:
            return
        ref = options.get_option_at_index(options.highlighted).id
        if ref:
            self.post_message(OpenScenario(ref))
