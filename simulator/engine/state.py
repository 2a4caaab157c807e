"""The one serialisable state of a play session.

Everything that changes while a scenario is played lives here, as plain pydantic data, so a
session can be saved, restored, replayed and compared. Nothing here knows about presentation.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from simulator.content.vocabulary import SCHEMA_VERSION, PowerBase, Principle, Style


class _Data(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Meter(_Data):
    """How one stakeholder stands towards the player."""

    trust: int = Field(ge=0, le=100)
    satisfaction: int = Field(ge=0, le=100)
    strikes: int = Field(0, ge=0, description="Poor moves so far; at their patience they walk out.")
    walked_out: bool = False


class Move(_Data):
    """One choice the player made and what it did."""

    step: int = Field(ge=0)
    scene: str
    choice: str
    style: Style
    principles: list[Principle] = Field(default_factory=list)
    violates: list[Principle] = Field(default_factory=list)
    power: PowerBase | None = None
    fits: bool = Field(description="Whether the style fits the scene it was played in.")
    addressed: list[str] = Field(default_factory=list)
    trust: dict[str, int] = Field(default_factory=dict, description="Trust change per stakeholder.")
    satisfaction: dict[str, int] = Field(default_factory=dict)
    revealed: list[str] = Field(default_factory=list, description="Interests this move revealed.")
    walked_out: list[str] = Field(default_factory=list)
    to: str = Field(description="The scene or ending the move led to.")


class SessionState(_Data):
    """A play session at one point in time; round-trips through JSON."""

    schema_version: int = SCHEMA_VERSION
    scenario: str = Field(description="`pack/scenario` reference.")
    seed: int = 0
    scene: str | None = Field(description="Current scene id; None once an ending is reached.")
    ending: str | None = None
    meters: dict[str, Meter]
    revealed: list[str] = Field(default_factory=list, description="`persona.interest`, in order found.")
    flags: list[str] = Field(default_factory=list)
    settled: dict[str, str] = Field(default_factory=dict, description="issue id: option id")
    visited: list[str] = Field(default_factory=list)
    history: list[Move] = Field(default_factory=list)

    @property
    def step(self) -> int:
        return len(self.history)

    @property
    def ended(self) -> bool:
        return self.ending is not None

    @property
    def chosen(self) -> set[str]:
        return {move.choice for move in self.history}

    def signature(self) -> tuple[object, ...]:
        """Everything that can change what happens next: a key for memoising searches."""
        return (
            self.scene,
            self.ending,
            tuple(
                (p, m.trust, m.satisfaction, m.strikes, m.walked_out)
                for p, m in sorted(self.meters.items())
            ),
            tuple(sorted(self.revealed)),
            tuple(sorted(self.flags)),
            tuple(sorted(self.settled.items())),
            tuple(sorted(set(self.visited))),
            tuple(sorted(self.chosen)),
        )
