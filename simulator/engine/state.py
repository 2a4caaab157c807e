"""The one serialisable state of a play session.

Everything that changes while a scenario is played lives here, as plain dataclass records
(simulator.content.records), so a session can be saved, restored, replayed and compared. Nothing
here knows about presentation. Saving needs no pydantic; reading a save validates it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Annotated

from annotated_types import Ge

from simulator.content.constraints import Doc
from simulator.content.models import Percent
from simulator.content.records import Record, to_data
from simulator.content.vocabulary import SCHEMA_VERSION, PowerBase, Principle, Style


@dataclass(kw_only=True)
class Meter(Record):
    """How one stakeholder stands towards the player."""

    trust: Percent
    satisfaction: Percent
    strikes: Annotated[int, Ge(0), Doc("Poor moves so far; at their patience they walk out.")] = 0
    walked_out: bool = False


@dataclass(kw_only=True)
class Move(Record):
    """One choice the player made and what it did."""

    step: Annotated[int, Ge(0)]
    scene: str
    choice: str
    style: Style
    principles: list[Principle] = field(default_factory=list)
    violates: list[Principle] = field(default_factory=list)
    power: PowerBase | None = None
    fits: Annotated[bool, Doc("Whether the style fits the scene it was played in.")]
    addressed: list[str] = field(default_factory=list)
    trust: Annotated[dict[str, int], Doc("Trust change per stakeholder.")] = field(default_factory=dict)
    satisfaction: dict[str, int] = field(default_factory=dict)
    revealed: Annotated[list[str], Doc("Interests this move revealed.")] = field(default_factory=list)
    walked_out: list[str] = field(default_factory=list)
    refused_by: Annotated[
        list[str],
        Doc(
            "Stakeholders who refused the agreement the move reached, its terms being worth less to "
            "them than their BATNA (the move then led to the ending's `refused`)."
        ),
    ] = field(default_factory=list)
    to: Annotated[str, Doc("The scene or ending the move led to.")]


@dataclass(kw_only=True)
class SessionState(Record):
    """A play session at one point in time; round-trips through JSON."""

    schema_version: int = SCHEMA_VERSION
    scenario: Annotated[str, Doc("`pack/scenario` reference.")]
    seed: int = 0
    scene: Annotated[str | None, Doc("Current scene id; None once an ending is reached.")]
    ending: str | None = None
    meters: dict[str, Meter]
    revealed: Annotated[list[str], Doc("`persona.interest`, in order found.")] = field(default_factory=list)
    flags: list[str] = field(default_factory=list)
    settled: Annotated[dict[str, str], Doc("issue id: option id")] = field(default_factory=dict)
    visited: list[str] = field(default_factory=list)
    history: list[Move] = field(default_factory=list)

    @property
    def step(self) -> int:
        return len(self.history)

    @property
    def ended(self) -> bool:
        return self.ending is not None

    @property
    def chosen(self) -> set[str]:
        return {move.choice for move in self.history}

    def to_json(self) -> str:
        """The state as compact JSON, as a save holds it (`from_json` reads it back)."""
        return json.dumps(to_data(self), ensure_ascii=False, separators=(",", ":"))

    @classmethod
    def from_json(cls, text: str | bytes) -> SessionState:
        """A state from JSON, validated; raises ValueError (pydantic's ValidationError) when invalid."""
        from simulator.content.records import adapter

        return adapter(cls).validate_json(text)

    def signature(self) -> tuple[object, ...]:
        """Everything that can change what happens next: a key for memoising searches."""
        return (
            self.scene,
            self.ending,
            tuple((p, m.trust, m.satisfaction, m.strikes, m.walked_out) for p, m in sorted(self.meters.items())),
            tuple(sorted(self.revealed)),
            tuple(sorted(self.flags)),
            tuple(sorted(self.settled.items())),
            tuple(sorted(set(self.visited))),
            tuple(sorted(self.chosen)),
        )
