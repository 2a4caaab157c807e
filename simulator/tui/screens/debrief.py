"""Debrief: scores, the style profile, the ending vs BATNAs, interests found or missed, every move graded."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Header, Static
from textual.worker import Worker, WorkerState, get_current_worker

from simulator.i18n import N_, _
from simulator.scoring.labels import LABEL_STYLES, LABELS
from simulator.tui.messages import GoHome, ReviewsReady, StartScenario
from simulator.tui.widgets.meters import bar

SCORE_NAMES = (N_("Outcome"), N_("Relationship"), N_("Discovery"), N_("Process"))
"""The score parts as the debrief names them (translated by `_`)."""

if TYPE_CHECKING:
    from pathlib import Path

    from rich.table import Table

    from simulator.analysis.regrets import Regrets
    from simulator.scoring import Debrief, GradedMove, Lesson, MoveReview
    from simulator.tui.base import AppBase
    from simulator.tui.game import Game


def debrief_text(
    game: Game, debrief: Debrief, attempts: int, best: int | None, lesson: Lesson, best_total: int | None = None
) -> Text:
    """The debrief; with the solver's answers in `lesson` each move shows its regret and, where it
    cost points, the better move there; `best_total` is the best achievable total."""
    text = Text.assemble((_("Total score") + " ", "bold"), (f"{debrief.total}", "bold reverse"), " / 100")
    if attempts:
        text.append(
            "   " + _("attempt {attempts}, best so far {best}").format(attempts=attempts, best=best), style="dim"
        )
    text.append("\n\n")
    if game.timed_out:
        text.append(
            _(
                "Time ran out: the round's time box closed the meeting before it ended, so it is "
                "scored at the scenario's impasse."
            )
            + "\n\n",
            style="bold yellow",
        )
    _scores(text, debrief)
    _outcome(text, game, debrief, lesson)
    _interests(text, game, debrief, lesson)
    _moves(text, game, debrief, lesson, best_total)
    if lesson.next is not None:
        text.append("\n" + _("Next scenario: "), style="bold")
        text.append(f"{lesson.next.title} ({lesson.next.ref})\n")
        text.append("  " + _("Why: {why}.").format(why=lesson.next.why) + "\n", style="dim")
    return text


def _scores(text: Text, debrief: Debrief) -> None:
    """The four score components and the conflict-style profile, as bars."""
    for name in ("outcome", "relationship", "discovery", "process"):
        text.append(f"{_(name.capitalize()):<13}")
        text.append_text(bar(debrief.scores[name], 30, "cyan"))
        text.append(f" {debrief.scores[name]:>3}\n")
    text.append("\n" + _("Conflict styles you used") + "\n", style="bold")
    pad = max(13, *(len(_(style)) + 1 for style in debrief.styles))
    for style, share in debrief.styles.items():
        text.append(f"{_(style):<{pad}}")
        text.append_text(bar(share * 100, 30, "magenta"))
        text.append(f" {round(share * 100):>3}%\n")


def _outcome(text: Text, game: Game, debrief: Debrief, lesson: Lesson) -> None:
    """The ending, the agreement's terms, each side against its BATNA and the ZOPA."""
    from simulator.scoring.lesson import zopa_lines

    scenario = game.loaded.scenario
    ending = scenario.ending(debrief.ending) if debrief.ending else None
    text.append("\n" + _("Ending: "), style="bold")
    text.append(f"{ending.title} ({ending.kind})\n" if ending else _("not reached") + "\n")
    if debrief.agreement:
        issues = {i.id: i for i in scenario.issues}
        for issue_id, option_id in debrief.agreement.items():
            issue = issues.get(issue_id)
            option = next((o for o in issue.options if o.id == option_id), None) if issue else None
            text.append(f"  {issue.title if issue else issue_id}: {option.title if option else option_id}\n")
    for party in debrief.parties:
        if party.value is None:
            text.append(
                f"  {party.name}: "
                + _("no agreement, falls back on a BATNA worth {value}").format(value=party.batna_value)
                + "\n"
            )
            continue
        verdict = (_("above it"), "green") if party.above_batna else (_("below it"), "red")
        text.append(
            f"  {party.name}: "
            + _("{value} vs BATNA {batna}, ").format(value=f"{party.value:.0f}", batna=party.batna_value)
        )
        text.append(f"{verdict[0]}\n", style=verdict[1])
    if lesson.zopa is not None:
        text.append("\nZOPA\n", style="bold")
        for line in zopa_lines(game.loaded, lesson.zopa):
            text.append(f"  {line}\n")


def _interests(text: Text, game: Game, debrief: Debrief, lesson: Lesson) -> None:
    """The hidden interests found and missed, with the move that would have surfaced a missed one."""
    from simulator.engine.reactions import hidden_interests

    loaded = game.loaded
    text.append("\n" + _("Hidden interests") + "\n", style="bold")
    hints = {h.interest: h for h in lesson.hints}
    for ref, found in [(r, True) for r in debrief.hidden_found] + [(r, False) for r in debrief.hidden_missed]:
        who, _dot, interest_id = ref.partition(".")
        interest = next(
            (i for i in hidden_interests(loaded.scenario, loaded.personas, who) if i.id == interest_id), None
        )
        name = loaded.personas[who].name if who in loaded.personas else who
        text.append(_("  found  ") if found else _("  missed "), style="green" if found else "red")
        text.append(f"{name}: {interest.text if interest else interest_id}\n")
        hint = hints.get(ref)
        if hint is not None:
            surfaced = _("would have surfaced it: {scene}: {choice}").format(scene=hint.scene_title, choice=hint.text)
            text.append(f"         {surfaced}\n", style="italic")
    if not debrief.hidden_found and not debrief.hidden_missed:
        text.append("  " + _("none in this scenario") + "\n")


def _moves(text: Text, game: Game, debrief: Debrief, lesson: Lesson, best_total: int | None) -> None:
    """Each move with its label (by regret when solved), the grade's reason, the note, a better move."""
    text.append("\n" + _("Your moves") + "\n", style="bold")
    if lesson.basis == "regret":
        text.append(
            _(
                "Best achievable total: {best_total}. Labels follow regret, what a move cost against the "
                "best move there: best 0, good up to 2, inaccuracy up to 5, mistake up to 10, blunder more; "
                "a move that breaks a principle is at most an inaccuracy."
            ).format(best_total=best_total)
            + "\n",
            style="dim",
        )
    else:
        text.append(
            _(
                "Labels by each move's tags for now; the solver weighs consequences (regret) "
                "when it can solve this scenario."
            )
            + "\n",
            style="dim",
        )
    label_pad = max(10, *(len(_(label)) for label in LABELS))
    for index, graded in enumerate(debrief.moves, 1):
        _move(text, game, graded, lesson, index, label_pad)


def _move(text: Text, game: Game, graded: GradedMove, lesson: Lesson, index: int, label_pad: int) -> None:
    move, grade = graded.move, graded.grade
    scene = game.loaded.scenario.scene(move.scene)
    choice = next((c for c in scene.choices if c.id == move.choice), None)
    said = game.session.choice_text(choice) if choice else move.choice
    label = lesson.labels[index - 1]
    text.append(f"{index:>2}. ")
    text.append(f"{_(label):<{label_pad}}", style=LABEL_STYLES.get(label, "bold"))
    regret = lesson.regret(index - 1)
    if regret is not None:
        text.append(
            " " + _("regret {regret}").format(regret=f"{regret:.0f}"), style="bold red" if regret > 0 else "green"
        )
    text.append(f" {said}\n")
    text.append(f"     {move.style}; {grade.reason}\n", style="dim")
    note = lesson.notes[index - 1]
    if note:
        text.append(f"     {note}\n", style="italic")
    better = lesson.better(index - 1)
    if better is not None:
        text.append("     " + _("Better here (+{gain}): ").format(gain=f"{better.gain:.0f}"), style="bold")
        text.append(f"{better.text}\n")


def prep_table(game: Game) -> Table | None:
    """The preparation sheet against the pack's truth, with its score; None when none was filled."""
    if game.prep is None:
        return None
    from rich import box
    from rich.table import Table

    from simulator.scoring.prep import grade_prep, grade_rows

    grade = grade_prep(game.loaded, game.prep)
    title = Text(f"Your preparation sheet: {grade.score} / 100", style="bold")
    table = Table(title=title, title_justify="left", box=box.SIMPLE_HEAD, expand=True, pad_edge=False)
    table.add_column("Item", ratio=2)
    table.add_column("Your read", ratio=3)
    table.add_column("The truth", ratio=3)
    table.add_column("Credit", justify="right", no_wrap=True)
    for item, answer, truth, credit in grade_rows(game.loaded, grade):
        style = "green" if credit == 100 else "red" if credit == 0 else "yellow"
        table.add_row(Text(item), Text(answer), Text(truth), Text(f"{credit}%", style=style))
    return table


class DebriefScreen(Screen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("r", "replay", "Replay", id="debrief.replay"),
        Binding("h,escape", "home", "Home", id="debrief.home"),
        Binding("e", "export", "Export transcript", id="debrief.export"),
    ]

    app: AppBase

    def __init__(self, transcript_path: str | None) -> None:
        super().__init__()
        self.transcript_path = transcript_path

    def compose(self) -> ComposeResult:
        from simulator.scoring import score_session

        game = self.app.game
        assert game is not None
        self.debrief = score_session(game.loaded, game.final_state())
        from simulator.storage.progress import ProgressError

        try:
            attempts = self.app.progress.attempts(game.ref)
        except ProgressError:  # the debrief goes on without the history (finish() said why)
            attempts = []
        self.attempts = (len(attempts), max((a.total for a in attempts), default=None))
        yield Header()
        with VerticalScroll(id="debrief"):
            yield Static(debrief_text(game, self.debrief, *self.attempts, self.lesson(None)), id="debrief-text")
            prep = prep_table(game)
            if prep is not None:
                yield Static(prep, id="debrief-prep")
        yield Footer()

    def lesson(self, reviews: list[MoveReview] | None) -> Lesson:
        """Labels, notes, better moves, hints, ZOPA and the next scenario (from the app's index and
        the progress database: scenarios already mastered are not suggested)."""
        from simulator.scoring import build_lesson
        from simulator.scoring.next_step import Candidate

        game = self.app.game
        assert game is not None
        library = [Candidate(e.ref, e.title, e.difficulty, tuple(e.objectives)) for e in self.app.entries()]
        from simulator.storage.progress import ProgressError

        try:
            best = {ref: total for ref, (total, _) in self.app.progress.best().items()}
        except ProgressError:  # without progress, any scenario may be suggested
            best = {}
        return build_lesson(game.loaded, self.debrief, reviews, game.session.choice_text, library, best)

    def on_mount(self) -> None:
        game = self.app.game
        assert game is not None
        self.title = "Yesable Debrief"
        self.sub_title = game.loaded.scenario.title
        self.query_one("#debrief").focus()
        history = list(game.session.state.history)
        if history:  # the exact search runs in a child process: it can take seconds and memory
            from simulator.analysis.regrets import regrets_in_child

            def work() -> Regrets | None:
                worker = get_current_worker()
                return regrets_in_child(game.loaded, history, lambda: worker.is_cancelled)

            self.run_worker(work, name="regrets", thread=True, exclusive=True)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """Show each move's regret, label and better move once the solver is done (nothing new
        when it could not solve)."""
        if event.worker.name != "regrets" or event.state is not WorkerState.SUCCESS:
            return
        result = event.worker.result
        game = self.app.game
        if result is None or game is None:
            return
        best_total, reviews = result.best_total, result.reviews
        lesson = self.lesson(reviews)
        self.query_one("#debrief-text", Static).update(
            debrief_text(game, self.debrief, *self.attempts, lesson, best_total)
        )
        self.post_message(ReviewsReady(lesson))

    def action_replay(self) -> None:
        game = self.app.game
        assert game is not None
        self.post_message(StartScenario(game.loaded))

    def action_home(self) -> None:
        self.post_message(GoHome())

    def action_export(self) -> None:
        if self.transcript_path is None:
            self.notify(_("No transcript was written for this session."), severity="error")
            return
        from pathlib import Path

        path = Path(self.transcript_path)
        if self.app.is_web:  # the browser downloads it (yesable serve)
            self.app.deliver_text(path, save_filename=path.name, encoding="utf-8")
            return
        from simulator.tui.screens.export import ExportScreen

        default = self.app.paths.exports / path.name

        def export_to(target: Path | None) -> None:
            if target is not None:
                self.export_transcript(path, target)

        self.app.push_screen(ExportScreen(default), export_to)

    def export_transcript(self, source: Path, target: Path) -> None:
        """Copy the transcript to `target`, readable by whoever collects it (0644, as transcripts are)."""
        from simulator.classroom.transcript import FILE_MODE
        from simulator.storage.files import atomic_write

        try:
            atomic_write(target, source.read_text(encoding="utf-8"), mode=FILE_MODE)
        except OSError as error:
            self.notify(
                _("Could not export the transcript: {error}").format(error=error),
                title=_("Export"),
                severity="error",
                markup=False,
            )
            return
        self.notify(
            _("Transcript exported to {target}").format(target=target), title=_("Export"), timeout=8, markup=False
        )
