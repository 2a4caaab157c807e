"""Text renderings of meters and bars: pure functions, so panels and the debrief share them."""

from __future__ import annotations

from rich.text import Text


def bar(value: float, width: int, style: str) -> Text:
    """A bar of `width` cells filled to `value` out of 100."""
    filled = max(0, min(width, round(value * width / 100)))
    return Text.assemble(("█" * filled, style), ("░" * (width - filled), "dim"))


def meter(label: str, value: int, delta: int | None, width: int = 10) -> Text:
    """`Trust ██████░░░░ 60 +5`: the change since the last move shows next to the value."""
    style = "green" if value >= 60 else "yellow" if value >= 35 else "red"
    text = Text.assemble(f"{label:<6}", bar(value, width, style), f" {value:>3}")
    if delta:
        text.append(f" {delta:+d}", style="bold green" if delta > 0 else "bold red")
    return text
