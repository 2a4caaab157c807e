"""Times and counts in words for the screens: "5 minutes ago", "1 move", "04:59"."""

from __future__ import annotations

from datetime import UTC, datetime


def plural(count: int, word: str) -> str:
    """`1 move`, `3 moves`."""
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def ago(then: str | datetime, now: datetime | None = None) -> str:
    """How long ago `then` (an ISO timestamp or a datetime) was, in words: "just now",
    "5 minutes ago", "2 hours ago", "yesterday", "3 days ago", else the date; "some time ago"
    when `then` is not a time."""
    if isinstance(then, str):
        try:
            then = datetime.fromisoformat(then)
        except ValueError:
            return "some time ago"
    if then.tzinfo is None:
        then = then.replace(tzinfo=UTC)
    now = now or datetime.now(UTC)
    seconds = (now - then).total_seconds()
    if seconds < 60:
        return "just now"  # a clock a little ahead of this one counts as now too
    minutes = int(seconds // 60)
    if minutes < 60:
        return f"{plural(minutes, 'minute')} ago"
    hours = minutes // 60
    if hours < 24:
        return f"{plural(hours, 'hour')} ago"
    days = hours // 24
    if days == 1:
        return "yesterday"
    if days < 14:
        return f"{days} days ago"
    return f"on {then.date().isoformat()}"


def clock(seconds: float) -> str:
    """A countdown's face: `mm:ss`, never below 00:00 (hours count as minutes: `90:00`)."""
    import math

    whole = max(0, math.ceil(seconds))  # whole seconds left, rounded up: 00:00 only when time is up
    return f"{whole // 60:02d}:{whole % 60:02d}"
