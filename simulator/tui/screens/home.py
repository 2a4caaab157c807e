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

from simulator.tui.index import Entry
from simulator.tui.when import ago, plural

if TYPE_CHECKING:
    from simulator.storage.saves import SaveSummary
    from simulator.tui.app import YesableApp


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

    app: YesableApp

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
        self.entries: list[Entry] = self.app.entries()
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
            label = Text.assemble(f"  {entry.title}", (f"  best {best[0]}" if best else "", "green"),
                                  ("  ▶ in progress" if entry.ref in self.saved else "", "yellow"))
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
        text.append(f"Difficulty: {entry.difficulty}   About {entry.minutes} minutes\n")
        text.append(f"Objectives: {objective_names(entry.objectives)}\n")
        saved = self.saved.get(entry.ref)
        if saved is not None:
            text.append(f"In progress: {in_progress(saved)}\n", style="bold yellow")
        if best:
            text.append(f"Best score: {best[0]} after {best[1]} attempt(s)\n")
        elif saved is None:
            text.append("Not played yet\n")
        text.append("\nPress Enter to resume or start over." if saved else "\nPress Enter to start.", style="dim")
        text.append("\nPress p to prepare first: read the room on a preparation sheet.",
                    style="dim")
        return text

    def action_reload(self) -> None:
        self.app.reload_packs()

    def action_prepare(self) -> None:
        """The preparation sheet for the highlighted scenario, before its brief."""
        options = self.query_one("#scenarios", OptionList)
        if options.highlighted is None:
            return
        ref = options.get_option_at_index(options.highlighted).id
        if ref:
            self.app.open_prep(ref)

    def action_start(self) -> None:
        options = self.query_one("#scenarios", OptionList)
        if options.highlighted is None:
            return
        ref = options.get_option_at_index(options.highlighted).id
        if ref:
            self.app.open_scenario(ref)
