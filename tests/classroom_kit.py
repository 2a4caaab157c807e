"""A simulated class for classroom tests: transcripts of seeded random plays of a bundled scenario."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta
from pathlib import Path

from simulator.classroom.installed import find_scenario
from simulator.classroom.transcript import Transcript, build_transcript, write_transcript
from simulator.engine import Session

SCENARIO = "critical_supporters/release_scope"
START = datetime(2026, 11, 24, 9, 0, tzinfo=UTC)


def random_transcript(
    seed: int, alias: str, round_id: str = "r1", scenario: str = SCENARIO, name: str | None = None
) -> Transcript:
    loaded = find_scenario(scenario)
    session = Session.start(loaded, seed=seed)
    rng = random.Random(seed)
    times = []
    clock = START
    while not session.ended and len(session.state.history) < 60:
        clock += timedelta(seconds=rng.randint(20, 120))
        session.choose(rng.choice(session.available()).id)
        times.append(clock)
    return build_transcript(
        session,
        player=alias,
        name=name,
        round_id=round_id,
        started_at=START,
        finished_at=clock + timedelta(seconds=30),
        move_times=times,
    )


def write_class(folder: Path, size: int = 6, round_id: str = "r1") -> list[Path]:
    aliases = ["falcon", "otter", "heron", "lynx", "badger", "wren", "ibis", "moth", "newt", "vole"]
    return [
        write_transcript(
            random_transcript(seed, aliases[seed % len(aliases)] + str(seed // len(aliases) or ""), round_id), folder
        )
        for seed in range(size)
    ]
