"""App startup and memory: the Yesable app as ratios to a minimal Textual app, measured in this run.

- First frame: wall time from spawning a fresh Python process to the home screen's first frame
  (`on_ready`, sent once the first frame is shown), headless, against a minimal Textual app that
  exits on its first frame. Median of --runs alternating runs, after one warm-up each (which also
  writes the home screen's pack index cache). Target: ratio <= 1.25.
- First frame after a pack changed: the same, but before each Yesable run a pack file changes (an
  extra pack in $YESABLE_PACKS gets a new line), so the index is stale every time: the app shows the
  stale index and remakes it in a child process (simulator.catalog.rebuild). Target: ratio <= 1.25.
- Peak memory: max RSS of a process that plays a whole scenario by keys to the debrief against the
  minimal app's. Target: ratio <= 1.6. The play runs as every start after the first does: on the
  compiled copy of the scenario (simulator.content.compiled) that the first start wrote, so neither
  YAML nor pydantic is imported. The first play after a pack changed loads the YAML and validates
  it; that peak is printed too, without a target (it happens once per change).

Run: .venv/bin/python bench/bench_tui.py [--runs N] [--scenario REF]
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

MINIMAL = """
import resource, sys, time
from textual.app import App
class Minimal(App):
    def on_ready(self) -> None:
        print(time.time())
        self.exit()
Minimal().run(headless=True, size=(80, 24))
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""

YESABLE_FIRST_FRAME = """
import sys, time
sys.path.insert(0, {root!r})
from pathlib import Path
from simulator.tui.app import AppConfig, YesableApp
class Timed(YesableApp):
    def on_ready(self) -> None:
        print(time.time())
        heavy = [m for m in ("pydantic", "transitions", "jinja2", "yaml") if m in sys.modules]
        print(",".join(heavy) or "-")
        self.exit()
Timed(AppConfig(Path({data!r}))).run(headless=True, size=(80, 24))
"""

YESABLE_PLAY = """
import resource, sys
sys.path.insert(0, {root!r})
from pathlib import Path
from simulator.tui.app import make_app
from simulator.tui.screens.conversation import ConversationScreen
app = make_app(data_dir=Path({data!r}), scenario_ref={ref!r})
async def play(pilot):
    await pilot.pause()
    await pilot.press("enter")
    for _ in range(60):
        await pilot.pause()
        if not isinstance(app.screen, ConversationScreen):
            if app.game is not None:
                break
            continue
        await pilot.press("1")
    assert app.game is not None and app.game.session.ended, "the playthrough did not finish"
    app.exit()
app.run(headless=True, size=(80, 24), auto_pilot=play)
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""


def first_frame(code: str, env: dict[str, str] | None = None) -> tuple[float, str]:
    start = time.time()
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env).stdout
    lines = out.split()
    return float(lines[0]) - start, (lines[1] if len(lines) > 1 else "")


def peak_kb(code: str) -> int:
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    return int(out.split()[-1])


def changed_ratio(ours: str, data: Path, runs: int) -> None:
    """First frame right after a pack changed, paired with the minimal app, median of `runs`."""
    import os

    pack = data / "extra" / "bench_copy"
    shutil.copytree(ROOT / "scenarios" / "critical_supporters", pack)
    manifest = pack / "pack.yaml"
    manifest.write_text(manifest.read_text().replace("id: critical_supporters", "id: bench_copy", 1))
    env = os.environ | {"YESABLE_PACKS": str(pack)}
    first_frame(ours, env)  # an index that knows the extra pack
    minimal_times, our_times, heavy = [], [], ""
    for run in range(runs):
        with manifest.open("a") as handle:
            handle.write(f"# change {run}\n")
        minimal_times.append(first_frame(MINIMAL)[0])
        seconds, heavy = first_frame(ours, env)
        our_times.append(seconds)
    minimal, yesable = statistics.median(minimal_times), statistics.median(our_times)
    print(f"first frame after a pack change: minimal {minimal * 1000:.0f} ms, yesable {yesable * 1000:.0f} ms")
    print(f"  ratio {yesable / minimal:.2f} (target <= 1.25); heavy modules loaded by then: {heavy}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--scenario", default="critical_supporters/release_scope")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as data:
        ours = YESABLE_FIRST_FRAME.format(root=str(ROOT), data=data)
        cold, _ = first_frame(ours)  # builds the pack index cache
        first_frame(MINIMAL)
        minimal_times, our_times, heavy = [], [], ""
        for _ in range(args.runs):
            minimal_times.append(first_frame(MINIMAL)[0])
            seconds, heavy = first_frame(ours)
            our_times.append(seconds)
        minimal, yesable = statistics.median(minimal_times), statistics.median(our_times)
        print(
            f"first frame: minimal {minimal * 1000:.0f} ms, yesable {yesable * 1000:.0f} ms "
            f"(cold, building the index: {cold * 1000:.0f} ms)"
        )
        print(f"  ratio {yesable / minimal:.2f} (target <= 1.25); heavy modules loaded by then: {heavy}")
        changed_ratio(ours, Path(data), args.runs)
        minimal_kb = peak_kb(MINIMAL)
        play = YESABLE_PLAY.format(root=str(ROOT), data=data, ref=args.scenario)
        play_kb = peak_kb(play)
        print(f"peak memory: minimal {minimal_kb / 1024:.1f} MB, full playthrough {play_kb / 1024:.1f} MB")
        print(f"  ratio {play_kb / minimal_kb:.2f} (target <= 1.6)")
        shutil.rmtree(Path(data) / "compiled")
        first_kb = peak_kb(play)
        print(
            f"  first play after a pack change (YAML + pydantic, then compiled): {first_kb / 1024:.1f} MB, "
            f"ratio {first_kb / minimal_kb:.2f} (no target)"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
