"""A play session: one scenario, one state, the rules of a move (engine.rules) and dialogue.

A move is the rules' `react`, `route` and `arrive` on the session's state; the session adds what a
player sees: the menu in its offered order and every line rendered. It knows nothing of
presentation: it hands out choices and utterances as data. Its state
is plain pydantic data (`SessionState`) that round-trips through JSON; `Session.restore` continues
exactly where a saved state left off.
"""

from __future__ import annotations

import copy
import zlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from simulator import errors
from simulator.content.loaded import LoadedScenario, PerScenario
from simulator.content.models import Choice, Ending, Interest, Scene
from simulator.engine.agreement import refusal_text
from simulator.engine.conditions import Predicate, compile_condition
from simulator.engine.dialogue import Dialogue, plain_text
from simulator.engine.order import offered_order
from simulator.engine.rules import Plan, Reaction, arrive, mood_for, plans, react, route
from simulator.engine.state import Meter, Move, SessionState


class EngineError(errors.EngineError):
    """Base of the engine's errors."""


class InvalidChoice(EngineError):
    """The player asked for a choice that is not available now."""

    def __init__(self, asked: str, available: list[str]) -> None:
        self.asked = asked
        self.available = available
        listing = ", ".join(f"{i}={cid}" for i, cid in enumerate(available, 1)) or "none"
        super().__init__(f"no choice {asked!r} here; available: {listing}")


class StateMismatch(EngineError):
    """A saved state does not fit the scenario it is restored on."""


@dataclass(frozen=True)
class Utterance:
    """A piece of dialogue: `speaker` is a persona id, or None for narration."""

    speaker: str | None
    text: str
    mood: str | None = None


@dataclass
class MoveResult:
    move: Move
    reactions: list[Reaction]
    lines: list[Utterance] = field(default_factory=list)
    ending: Ending | None = None


def _picker(key: str) -> Callable[[Sequence[str]], str]:
    """A deterministic choice among lines, the same for the same key in every process."""
    digest = zlib.crc32(key.encode())
    return lambda lines: lines[digest % len(lines)]


class _Compiled:
    """Plans and predicates for one scenario, built once and shared by its sessions."""

    def __init__(self, loaded: LoadedScenario) -> None:
        self.plans: dict[tuple[str, str], Plan] = plans(loaded)
        self.choice_guards: dict[tuple[str, str], Predicate] = {}
        self.line_guards: dict[tuple[str, int], Predicate] = {}
        self.menus: dict[str, tuple[bool, tuple[str, ...], tuple[tuple[Choice, Predicate], ...]]]
        self.menus = {}
        """Scene id: (ordered, the choice ids as written, each choice with its guard)."""
        for scene in loaded.scenario.scenes:
            for choice in scene.choices:
                self.choice_guards[(scene.id, choice.id)] = compile_condition(choice.if_)
            self.menus[scene.id] = (
                scene.ordered,
                scene.choice_ids,
                tuple((c, self.choice_guards[(scene.id, c.id)]) for c in scene.choices),
            )
            for index, line in enumerate(scene.lines):
                self.line_guards[(scene.id, index)] = compile_condition(line.if_)


compiled = PerScenario(_Compiled)
"""The plans and predicates of a scenario, built once per scenario object."""


def initial_state(loaded: LoadedScenario, seed: int = 0) -> SessionState:
    scenario = loaded.scenario
    return SessionState(
        scenario=loaded.ref,
        seed=seed,
        scene=scenario.start,
        visited=[scenario.start],
        meters={m.persona: Meter(trust=m.trust, satisfaction=m.satisfaction) for m in scenario.cast},
    )


def available_choices(loaded: LoadedScenario, state: SessionState) -> list[Choice]:
    """The choices whose conditions hold in `state`, in the order they are offered (engine.order)."""
    return _available(compiled(loaded), loaded, state)


def _available(built: _Compiled, loaded: LoadedScenario, state: SessionState) -> list[Choice]:
    scene = state.scene
    if scene is None:
        return []
    ordered, written, menu = built.menus[scene]
    open_now = [c for c, guard in menu if guard(state)]
    if ordered or len(open_now) < 2:
        return open_now
    return offered_order(state.seed, scene, ordered, written, open_now, [c.id for c in open_now])


class Session:
    def __init__(self, loaded: LoadedScenario, state: SessionState) -> None:
        self.loaded = loaded
        self.scenario = loaded.scenario
        self.personas = loaded.personas
        self.state = state
        self._dialogue = Dialogue()
        self._compiled = compiled(loaded)

    # ------------------------------------------------------------------ construction

    @classmethod
    def start(cls, loaded: LoadedScenario, seed: int = 0) -> Session:
        return cls(loaded, initial_state(loaded, seed))

    @classmethod
    def restore(cls, loaded: LoadedScenario, state: SessionState) -> Session:
        """Continue a saved state; raises StateMismatch when it does not fit this scenario."""
        scenario = loaded.scenario
        if state.scenario != loaded.ref:
            raise StateMismatch(f"saved for {state.scenario!r}, not {loaded.ref!r}")
        scene_ids = {s.id for s in scenario.scenes}
        ending_ids = {e.id for e in scenario.endings}
        if state.scene is not None and state.scene not in scene_ids:
            raise StateMismatch(f"scene {state.scene!r} is not in this version of the scenario")
        if state.ending is not None and state.ending not in ending_ids:
            raise StateMismatch(f"ending {state.ending!r} is not in this version of the scenario")
        if (state.scene is None) == (state.ending is None):
            raise StateMismatch("a saved state must be in exactly one scene or ending")
        if set(state.meters) != {m.persona for m in scenario.cast}:
            raise StateMismatch("the saved cast differs from this version of the scenario")
        return cls(loaded, copy.deepcopy(state))

    # ------------------------------------------------------------------ reading

    @property
    def ended(self) -> bool:
        return self.state.ended

    @property
    def scene(self) -> Scene | None:
        return None if self.state.scene is None else self.scenario.scene(self.state.scene)

    @property
    def ending(self) -> Ending | None:
        return None if self.state.ending is None else self.scenario.ending(self.state.ending)

    def available(self) -> list[Choice]:
        return _available(self._compiled, self.loaded, self.state)

    def choice_text(self, choice: Choice) -> str:
        return self._say(choice.text, None)

    def opening(self) -> list[Utterance]:
        """Narration and lines of the current scene (or the ending's text once ended)."""
        ending = self.ending
        if ending is not None:
            return [Utterance(None, self._say(ending.text, None))]
        scene = self.scene
        assert scene is not None
        lines: list[Utterance] = []
        if scene.narration:
            lines.append(Utterance(None, self._say(scene.narration, None)))
        guards = self._compiled.line_guards
        for index, line in enumerate(scene.lines):
            if guards[(scene.id, index)](self.state):
                mood = self._mood(line.speaker)
                text = self._say(line.text, line.speaker)
                lines.append(Utterance(line.speaker, text, mood))
        return lines

    # ------------------------------------------------------------------ playing

    def resolve(self, token: str) -> Choice:
        """A choice by id, or by 1-based index among the available ones."""
        token = token.strip()
        scene = self.state.scene
        plan = self._compiled.plans.get((scene, token)) if scene is not None else None
        if plan is not None and self._compiled.choice_guards[(plan.scene, token)](self.state):
            return plan.choice  # by id, and open now: the menu's order does not matter
        available = self.available()
        if token.isdigit() and 1 <= int(token) <= len(available):
            return available[int(token) - 1]
        for choice in available:
            if choice.id == token:
                return choice
        raise InvalidChoice(token, [c.id for c in available])

    def choose(self, token: str) -> MoveResult:
        """Play a choice (id or 1-based index); returns what happened."""
        if self.ended:
            raise InvalidChoice(token, [])
        choice = self.resolve(token)
        state = self.state
        assert state.scene is not None
        plan = self._compiled.plans[(state.scene, choice.id)]
        move, reactions = react(plan, state)
        way = route(plan, state, move)
        if way is None:
            raise EngineError(f"choice {choice.id!r} in scene {state.scene!r} leads nowhere")
        arrive(self.scenario, state, move, way)
        spoken = [self._reaction_line(choice, r, set(move.addressed)) for r in reactions]
        refusals = [self.refusal_line(who) for who in move.refused_by]
        lines = [u for group in spoken for u in group] + refusals + self.opening()
        return MoveResult(move, reactions, lines, self.ending)

    # ------------------------------------------------------------------ speech

    def _mood(self, who: str) -> str:
        return mood_for(self.state.meters[who].trust)

    def _say(self, source: str, who: str | None) -> str:
        """Render a template; the context is only built for text that uses it."""
        if "{" not in source:
            return plain_text(source)
        return self._dialogue.render(source, self._context(who))

    def _context(self, who: str | None) -> dict[str, Any]:
        state = self.state
        context: dict[str, Any] = {
            "player": self.scenario.player.role,
            "flags": list(state.flags),
            "revealed": list(state.revealed),
            "settled": dict(state.settled),
            "cast": {pid: p.name for pid, p in self.personas.items()},
            "name": "",
            "title": "",
            "mood": "",
            "trust": 0,
            "satisfaction": 0,
        }
        if who is not None and who in self.personas:
            persona, meter = self.personas[who], state.meters[who]
            context.update(
                name=persona.name,
                title=persona.title,
                mood=self._mood(who),
                trust=meter.trust,
                satisfaction=meter.satisfaction,
            )
        return context

    def _reaction_line(self, choice: Choice, reaction: Reaction, addressed: set[str]) -> list[Utterance]:
        who = reaction.persona
        persona = self.personas[who]
        if reaction.walked_out:
            source = self._pick(who, persona.voice.walkout)
        elif who in choice.reply:
            source = choice.reply[who]
        elif who not in addressed and not reaction.revealed:
            return []
        else:
            source = self._pick(who, getattr(persona.voice, reaction.mood))
        lines = [Utterance(who, self._say(source, who), reaction.mood)]
        for ref in reaction.revealed:
            interest = self._interest(ref)
            if interest is not None and interest.reveal_line:
                lines.append(Utterance(who, self._say(interest.reveal_line, who), reaction.mood))
        return lines

    def _pick(self, who: str, lines: Sequence[str]) -> str:
        """One of `lines` for `who`, the same for this seed and step in every process."""
        return _picker(f"{self.state.seed}:{self.state.step}:{who}")(lines)

    def refusal_line(self, who: str) -> Utterance:
        """What `who` says when refusing an agreement below their BATNA: their scenario's
        `refusal` line, else one built from their position and BATNA (engine.agreement)."""
        member = self.scenario.cast_member(who)
        mood = self._mood(who)
        if member.refusal is not None:
            return Utterance(who, self._say(member.refusal, who), mood)
        return Utterance(who, plain_text(refusal_text(member)), mood)

    def _interest(self, ref: str) -> Interest | None:
        who, interest_id = ref.split(".", 1)
        member = self.scenario.cast_member(who)
        for interest in (*member.interests, *self.personas[who].interests):
            if interest.id == interest_id:
                return interest
        return None
