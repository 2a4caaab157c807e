"""The order a scene's choices are offered in: shuffled per session, so position never gives the
answer away.

Authors tend to write the best move first; a learner who notices that "1" always wins learns
nothing. Each scene's choices are therefore offered in an order drawn from the session's seed and
the scene's id: the same for every visit and every replay of a session (so `run --choose` indices,
saves and transcripts stay reproducible), different from scene to scene and from seed to seed. A
scene with `ordered: true` keeps the order its author wrote (for "yes / no / later" menus).
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from functools import lru_cache
from typing import TypeVar

T = TypeVar("T")


@lru_cache(maxsize=4096)
def _ranks(seed: int, scene_id: str, written: tuple[str, ...]) -> dict[str, int]:
    """Where each of the scene's written choices is offered, by choice id."""
    positions = list(range(len(written)))
    random.Random(f"{seed}:{scene_id}").shuffle(positions)  # str seeds hash with SHA-512: stable
    return dict(zip(written, positions, strict=True))


def offered_order(
    seed: int, scene_id: str, ordered: bool, written: tuple[str, ...], items: Sequence[T], key: Sequence[str]
) -> list[T]:
    """`items` (whose choice ids are `key`, a subset of the scene's `written` ids) in offered order."""
    if ordered or len(items) < 2:
        return list(items)
    rank = _ranks(seed, scene_id, written)
    return [item for _, item in sorted(zip((rank[k] for k in key), items, strict=True), key=lambda p: p[0])]
