"""App state outside the widgets: the session being played and what the player has seen."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from rich.text import Text

if TYPE_CHECKING:
    from simulator.content.loaded import LoadedScenario
    from simulator.engine import Session, SessionState, Utterance
    from simulator.scoring.prep import PrepSheet

SPEAKER_COLOURS = ["cyan", "magenta", "green", "yellow", "blue", "red"]


@dataclass
class Game:
    """One play of one scenario: the engine session plus the dialogue log and move times."""

    loaded: LoadedScenario
    session: Session
    log: list[Text] = field(default_factory=list)
    move_times: list[datetime] = field(default_factory=list)
    started_at: datetime = field(default_factory=lambda: datetime.now(UTC))
    grades: list[tuple[str, str, str | None]] = field(default_factory=list)
    """(label by the move's tags, reason, the author's note) of each move, in order."""
    live: dict[int, tuple[str, float]] = field(default_factory=dict)
    """Move index: (label keyed to regret, regret), as the solver answered during play."""
    timed_out: bool = False
    """The round's time box ran out: the session is closed and scored at the impasse ending."""
    start: SessionState | None = None
    """The state a practice game began in (`play --from SCENE`); None: the scenario's start."""
    taken_back: int = 0
    """Moves taken back so far: any makes the game practice."""
    prep: PrepSheet | None = None
    """The preparation sheet filled before play (home's `p`); None: the player did not prepare."""

    @property
    def practice(self) -> bool:
        """Started mid-scenario or with a move taken back: not a real result (no progress row, the
        transcript marked, the class report leaves it out) and never autosaved."""
        return self.start is not None or self.taken_back > 0

    def final_state(self) -> SessionState:
        """The state to score: the session's, or its impasse closing when time ran out."""
        if self.timed_out and not self.session.ended:
            from simulator.classroom.transcript import timed_out_state

            return timed_out_state(self.loaded, self.session.state)
        return self.session.state

    @property
    def ref(self) -> str:
        return self.loaded.ref

    def colour(self, persona: str) -> str:
        ids = [m.persona for m in self.loaded.scenario.cast]
        return SPEAKER_COLOURS[ids.index(persona) % len(SPEAKER_COLOURS)] if persona in ids else "white"

    def say(self, utterances: list[Utterance]) -> None:
        for u in utterances:
            if u.speaker is None:
                self.log.append(Text(u.text, style="italic"))
            else:
                name = self.loaded.personas[u.speaker].name
                line = Text.assemble((f"{name}: ", f"bold {self.colour(u.speaker)}"), u.text)
                self.log.append(line)

    def you(self, text: str) -> None:
        self.log.append(Text.assemble(("You: ", "bold"), text))

    def choose(self, token: str) -> None:
        from simulator.scoring import grade_move

        choice = self.session.resolve(token)
        self.you(self.session.choice_text(choice))
        result = self.session.choose(choice.id)
        self.move_times.append(datetime.now(UTC))
        grade = grade_move(self.loaded.scenario, result.move)
        self.grades.append((grade.grade, grade.reason, choice.feedback))
        self.say(result.lines)

    def take_back(self) -> Game:
        """This game without its last move, marked practice: replayed from its start, so the log,
        grades and meters are exactly as they were before the move."""
        history = self.session.state.history
        assert history, "no move to take back"
        taken = next(c for c in self.loaded.scenario.scene(history[-1].scene).choices if c.id == history[-1].choice)
        back, _ = replayed_game(self.loaded, self.session.state.seed, [m.choice for m in history[:-1]], self.start)
        back.move_times = self.move_times[: len(history) - 1]
        back.started_at = self.started_at
        back.live = {i: v for i, v in self.live.items() if i < len(history) - 1}
        back.taken_back = self.taken_back + 1
        back.prep = self.prep
        back.log.append(
            Text(f"(You took back: {self.session.choice_text(taken)} — practice from here.)", style="dim italic")
        )
        return back


def new_game(loaded: LoadedScenario, seed: int = 0, start: SessionState | None = None) -> Game:
    """A game at the scenario's start, or (practice) in the state `start`."""
    import copy

    from simulator.engine import Session

    session = Session.start(loaded, seed) if start is None else Session(loaded, copy.deepcopy(start))
    game = Game(loaded, session, start=None if start is None else copy.deepcopy(start))
    game.say(game.session.opening())
    return game


def replayed_game(
    loaded: LoadedScenario, seed: int, choices: list[str], start: SessionState | None = None
) -> tuple[Game, str | None]:
    """A new game on `loaded` replaying `choices` for as long as each is offered: the game and,
    when the path stops short, why (which move, which scene). A `start` whose scene is gone is
    dropped: the game then begins at the scenario's start."""
    if start is not None and start.scene not in {s.id for s in loaded.scenario.scenes}:
        return new_game(loaded, seed), f"the scene {start.scene!r} is gone: back at the start"
    game = new_game(loaded, seed, start)
    for index, choice in enumerate(choices):
        session = game.session
        offered = [c.id for c in session.available()]
        if session.ended or choice not in offered:
            where = "the game has ended" if session.ended else f"scene {session.state.scene!r} offers no {choice!r}"
            return game, f"stopped after move {index} of {len(choices)}: {where}"
        game.choose(choice)
    return game, None


def restored_game(loaded: LoadedScenario, state_json: str, move_times: list[str]) -> Game:
    """A game from a save: the log is rebuilt by replaying the moves on a fresh session."""
    from simulator.engine import Session, SessionState

    state = SessionState.from_json(state_json)
    Session.restore(loaded, state)  # raises StateMismatch when the save does not fit
    game = new_game(loaded, state.seed)
    for move in state.history:
        game.choose(move.choice)
    if game.session.state.signature() != state.signature():
        from simulator.engine import StateMismatch

        raise StateMismatch("the save does not replay on this version of the scenario")
    times = [datetime.fromisoformat(t) for t in move_times[: len(state.history)]]
    game.move_times = times + game.move_times[len(times) :]
    return game


@dataclass
class PrepDraft:
    """A preparation sheet as the player left it in this run of the app (kept when they go back
    with Esc and open it again); `done` once they pressed Done: the next game of the scenario
    carries it, and its grade waits for the debrief."""

    sheet: PrepSheet
    seed: int
    """Orders the statements offered (the order gives nothing away), the same each time it opens."""
    done: bool = False
