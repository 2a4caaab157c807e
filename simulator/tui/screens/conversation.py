"""Conversation: the dialogue so far, a panel per stakeholder present, and the numbered choices.

Under 100 columns the panel folds into a one-line meter strip above the dialogue (yesable.tcss);
the dialogue follows its newest line, and the choices and the feedback line take the rows they need.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Header, OptionList, Static
from textual.widgets.option_list import Option

from simulator.i18n import _
from simulator.scoring.labels import LABEL_STYLES
from simulator.tui.messages import GameOver, GoHome, SaveGame
from simulator.tui.widgets.meters import meter

if TYPE_CHECKING:
    from simulator.tui.base import AppBase
    from simulator.tui.game import Game


def meter_strip(game: Game, present: list[str], blind: bool) -> Text:
    """The side panel in one line: `Zainab T 40 +5 S 35 ✓1 │ Alex T 60 S 55` (first names, trust,
    satisfaction, the last move's changes and uncovered interests unless blind)."""
    from simulator.engine.reactions import hidden_interests

    state = game.session.state
    last = state.history[-1] if state.history and not blind else None
    text = Text(no_wrap=True, overflow="ellipsis")
    for index, who in enumerate(present):
        persona, m = game.loaded.personas[who], state.meters[who]
        if index:
            text.append(" │ ", style="dim")
        text.append(persona.name.split()[0], style=f"bold {game.colour(who)}")
        for short, value, changes in (
            ("T", m.trust, last.trust if last else {}),
            ("S", m.satisfaction, last.satisfaction if last else {}),
        ):
            style = "green" if value >= 60 else "yellow" if value >= 35 else "red"
            text.append(f" {short} ")
            text.append(str(value), style=style)
            delta = changes.get(who)
            if delta:
                text.append(f"{delta:+d}", style="bold green" if delta > 0 else "bold red")
        found = sum(
            1
            for i in hidden_interests(game.loaded.scenario, game.loaded.personas, who)
            if f"{who}.{i.id}" in state.revealed
        )
        if found and not blind:
            text.append(f" ✓{found}", style="italic")
        if m.walked_out:
            text.append(" " + _("walked out"), style="bold red")
    return text


def feedback_text(game: Game) -> Text:
    """Each move so far, newest first: what you said, its label, the reason and the author's note."""
    text = Text()
    moves = [line for line in game.log if line.plain.startswith("You: ")]
    for index in reversed(range(len(game.grades))):
        label, reason, note = game.grades[index]
        live = game.live.get(index)
        head = label if live is None else live[0] + (f" (regret {live[1]:.0f})" if live[1] else "")
        text.append(_("Move {number}: ").format(number=index + 1), style="bold")
        text.append(head, style=LABEL_STYLES.get(head.split()[0], "bold"))
        text.append("\n")
        if index < len(moves):
            text.append_text(moves[index])
            text.append("\n")
        text.append(f"{reason}\n", style="dim")
        if note:
            text.append(f"{note}\n", style="italic")
        text.append("\n")
    text.rstrip()
    return text


class ConversationScreen(Screen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        *(Binding(str(n), f"choose({n})", f"Choice {n}", show=False) for n in range(1, 10)),
        Binding("g", "toggle_grades", "Blind", id="conversation.grades"),
        Binding("f", "feedback", "Feedback", id="conversation.feedback"),
        Binding("u", "take_back", "Undo", id="conversation.takeback"),
        Binding("escape", "home", "Home (saved)", id="conversation.home"),
    ]

    app: AppBase

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="strip")
        with Horizontal(id="stage"):
            yield VerticalScroll(id="log")
            yield VerticalScroll(id="people")
        yield Static(id="feedback")
        yield OptionList(id="choices")
        yield Footer()

    @property
    def game(self) -> Game:
        assert self.app.game is not None
        return self.app.game

    async def on_mount(self) -> None:
        self.sub_title = self.game.loaded.scenario.title
        self.shown = 0
        await self.refresh_all()
        self.app.attach_countdown(self)
        if self.game.session.state.history:  # resumed: the latest exchange, the line to answer in view
            self.call_after_refresh(self.query_one("#log", VerticalScroll).scroll_end, animate=False)

    async def refresh_all(self) -> None:
        game = self.game
        title = game.loaded.scenario.title
        self.sub_title = _("{title} (practice)").format(title=title) if game.practice else title
        log = self.query_one("#log", VerticalScroll)
        lines = game.log[self.shown :]
        self.shown = len(game.log)
        if lines:  # a widget per line; the first of an exchange (your move, or the opening) is marked
            await log.mount_all(
                [Static(line, classes="line first" if i == 0 else "line") for i, line in enumerate(lines)]
            )
            self.follow_log()  # after a move the replies are in view, not only "You: ..."
        self.refresh_people()
        self.refresh_feedback()
        choices = self.query_one("#choices", OptionList)
        choices.clear_options()
        session = game.session
        for index, choice in enumerate(session.available(), 1):
            choices.add_option(Option(Text(f"{index}. {session.choice_text(choice)}"), id=choice.id))
        choices.highlighted = 0 if choices.option_count else None
        choices.focus()

    def follow_log(self) -> None:
        """Scroll the dialogue to its newest line once the layout (choices, feedback) has settled."""
        log = self.query_one("#log", VerticalScroll)
        self.call_after_refresh(log.scroll_end, animate=False)

    def on_resize(self) -> None:
        self.follow_log()

    def refresh_people(self) -> None:
        from simulator.engine.reactions import hidden_interests

        game, panel = self.game, self.query_one("#people", VerticalScroll)
        state, scene = game.session.state, game.session.scene
        blind = not self.app.show_grades  # blind play: no deltas, no reveal ticks until the debrief
        last = state.history[-1] if state.history and not blind else None
        panel.remove_children()
        present = scene.present if scene is not None else [m.persona for m in game.loaded.scenario.cast]
        self.query_one("#strip", Static).update(meter_strip(game, present, blind))
        for who in present:
            persona, m = game.loaded.personas[who], state.meters[who]
            text = Text.assemble((persona.name, f"bold {game.colour(who)}"), "\n", (persona.title, "dim"), "\n")
            text.append_text(meter(_("Trust"), m.trust, last.trust.get(who) if last else None))
            text.append("\n")
            text.append_text(meter(_("Satis."), m.satisfaction, last.satisfaction.get(who) if last else None))
            found = [
                i
                for i in hidden_interests(game.loaded.scenario, game.loaded.personas, who)
                if f"{who}.{i.id}" in state.revealed and not blind
            ]
            for interest in found:
                text.append(f"\n✓ {interest.text}", style="italic")
            if m.walked_out:
                text.append("\n" + _("has walked out"), style="bold red")
            panel.mount(Static(text, classes="person"))

    def refresh_feedback(self) -> None:
        feedback = self.query_one("#feedback", Static)
        grades = self.game.grades
        if not grades:
            # one row at 80 columns: rows are what the dialogue needs most there
            feedback.update(
                Text(_("1-9 or arrows + Enter to choose. g plays blind: grades wait for the debrief."), style="dim")
            )
        elif self.app.show_grades:
            label, reason, note = grades[-1]
            live = self.game.live.get(len(grades) - 1)
            head = label if live is None else live[0] + (f" (regret {live[1]:.0f})" if live[1] else "")
            # the note teaches; the generic reason stands in where the author wrote none
            feedback.update(
                Text.assemble(
                    (f"{head}: ", LABEL_STYLES.get(head.split()[0], "bold")),
                    note or reason,
                    (_(" (f: in full)"), "dim"),
                )
            )
        else:
            feedback.update(
                Text(
                    _("Blind: labels, notes, meter changes and reveals wait for the debrief (g to show them)."),
                    style="dim",
                )
            )

    async def play(self, token: str) -> None:
        game = self.game
        game.choose(token)
        if game.session.ended:
            self.post_message(GameOver())
            return
        self.post_message(SaveGame())
        await self.refresh_all()
        if self.app.config.live_regrets and self.app.show_grades:
            self.weigh_last_move()

    def relabel(self) -> None:
        if self.is_attached and self.app.screen is self:  # the player may have moved on meanwhile
            self.refresh_feedback()

    def weigh_last_move(self) -> None:
        """Ask the solver, in a child process, what the last move cost; relabel it when it answers.

        Exclusive: a new move cancels the question about the previous one (and stops its child).
        """
        from textual.worker import get_current_worker

        from simulator.analysis.regrets import regrets_in_child

        game = self.game
        history = list(game.session.state.history)

        def work() -> None:
            from simulator.scoring import grade_move

            worker = get_current_worker()
            answer = regrets_in_child(game.loaded, history, lambda: worker.is_cancelled)
            if answer is None or worker.is_cancelled:
                return
            index = len(history) - 1
            regret = answer.reviews[index].regret
            game.live[index] = (grade_move(game.loaded.scenario, history[index]).label(regret), regret)
            self.app.call_from_thread(self.relabel)

        self.run_worker(work, name="live-regret", thread=True, exclusive=True)

    async def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        if event.option.id:
            await self.play(event.option.id)

    async def action_choose(self, number: int) -> None:
        if number <= len(self.game.session.available()):
            await self.play(str(number))

    def action_toggle_grades(self) -> None:
        self.app.show_grades = not self.app.show_grades
        self.refresh_people()
        self.refresh_feedback()

    def action_feedback(self) -> None:
        """Every move's label, reason and the author's note so far, in full (not while blind)."""
        from simulator.tui.screens.feedback import FeedbackScreen

        if not self.app.show_grades:
            self.notify(_("Blind play: feedback waits for the debrief (g to show it)."), markup=False)
            return
        if not self.game.grades:
            self.notify(_("No move yet: feedback appears after your first move."), markup=False)
            return
        self.app.push_screen(FeedbackScreen(feedback_text(self.game)))

    async def action_take_back(self) -> None:
        """Take back the last move: the game goes on from before it, as practice (not counted)."""
        was_practice = self.game.practice
        if not self.app.take_back():
            self.notify(_("No move to take back yet."), markup=False)
            return
        if not was_practice:
            self.notify(
                _(
                    "Move taken back. This game is practice now: it is not saved, and its result "
                    "does not count in your progress."
                ),
                title=_("Practice"),
                markup=False,
                timeout=8,
            )
        await self.query_one("#log", VerticalScroll).remove_children()
        self.shown = 0
        await self.refresh_all()

    def action_home(self) -> None:
        self.post_message(SaveGame())
        self.post_message(GoHome())
