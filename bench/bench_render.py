"""Dialogue rendering under a budget vs plain jinja2, on every template of the bundled library.

Both sides render the same templates with the same context, measured in this run:
- floor: jinja2's own `ImmutableSandboxedEnvironment` (StrictUndefined), templates compiled once,
  `Template.render` (what the engine did before templates had a budget);
- ours: `simulator.engine.dialogue.Dialogue.render`: the same sandbox plus the loop, size, width
  and time budget checked while rendering, output streamed and capped.
Target: ours / floor <= 1.5 (the budget may not make play noticeably slower).

Run: .venv/bin/python bench/bench_render.py [--runs N]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from jinja2 import StrictUndefined
from jinja2.sandbox import ImmutableSandboxedEnvironment

from simulator.content.loader import load_library
from simulator.content.templates import persona_templates, scenario_templates
from simulator.engine import Session
from simulator.engine.dialogue import Dialogue

TARGET = 1.5


def templates_and_contexts() -> list[tuple[str, dict[str, object]]]:
    """Every template of the bundled library (with `{`), each with a context a session would give."""
    out: list[tuple[str, dict[str, object]]] = []
    for loaded in load_library(include_user=False).scenarios():
        session = Session.start(loaded, seed=0)
        context = session._context(loaded.scenario.cast[0].persona)  # what a line of theirs sees
        texts = [t for _, t in scenario_templates(loaded)]
        for member in loaded.scenario.cast:
            texts += [t for _, t in persona_templates(loaded.personas[member.persona])]
        out += [(t, context) for t in dict.fromkeys(texts) if "{" in t]
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    work = templates_and_contexts()
    env = ImmutableSandboxedEnvironment(undefined=StrictUndefined, autoescape=False)
    plain = [(env.from_string(t), c) for t, c in work]
    ours = Dialogue()
    for t, c in work:  # compile both once, outside the timing
        ours.render(t, c)
    floor_times, our_times = [], []
    for _ in range(args.runs):
        began = time.perf_counter()
        for template, context in plain:
            template.render(context)
        floor_times.append(time.perf_counter() - began)
        began = time.perf_counter()
        for source, context in work:
            ours.render(source, context)
        our_times.append(time.perf_counter() - began)
    floor, mine = min(floor_times), min(our_times)
    ratio = mine / floor
    print(
        f"{len(work)} templates: plain jinja2 {floor * 1e6 / len(work):.1f} us each; "
        f"budgeted {mine * 1e6 / len(work):.1f} us each; ratio {ratio:.2f} (target <= {TARGET})"
    )
    print(f"ratio {ratio:.2f}: {'meets' if ratio <= TARGET else 'MISSES'} the target")
    return 0


if __name__ == "__main__":
    sys.exit(main())
