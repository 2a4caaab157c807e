"""No sub-command: open the app on its home screen."""

from __future__ import annotations

import argparse
import sys


def add_arguments(parser: argparse.ArgumentParser) -> None:  # pragma: no cover - not a sub-command
    pass


def run(args: argparse.Namespace) -> int:
    try:
        from simulator.tui.app import run_app
    except ImportError:
        print("The app is not built yet; try `yesable list` and `yesable run`.", file=sys.stderr)
        return 2
    return run_app()
