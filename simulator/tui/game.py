"""App state outside the widgets: the session being played and what the player has seen."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from rich.text import Text

if TYPE_CHECKING:
    from simulator.content.loaded import LoadedScenario
    from simulator.engine import Session, SessionState, Utterance

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


def new_game(loaded: LoadedScenario, seed: int = 0) -> Game:
    from simulator.engine import Session

    game = Game(loaded, Session.start(loaded, seed))
    game.say(game.session.opening())
    return game


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
    game.move_times = times + game.move_times[len(times):]
    return game
