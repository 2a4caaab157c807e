"""One errors module: every error Yesable reports belongs to one small hierarchy with its exit code,
and the command line turns any of them into one line on stderr."""

from __future__ import annotations

import importlib
import inspect
import pkgutil

import pytest

import simulator
from simulator.cli.main import main
from simulator.errors import (
    ContentError,
    EngineError,
    StorageError,
    UsageError,
    YesableError,
    exit_code,
)

INTERNAL = {"OverBudget", "BotGone", "BotTimeout", "Transient", "Refused"}
"""Raised and caught inside one module, never reaching a user as an error: a template over budget
shows as written; a bot that quits or times out is a row of the tournament's report; an LRS that
is out of reach or refuses a batch is a line of the send's summary (classroom/lrs.py)."""


def our_exceptions() -> list[type[BaseException]]:
    found = []
    for info in pkgutil.walk_packages(simulator.__path__, "simulator."):
        if ".tui" in info.name or info.name.endswith(("class_server", "__main__")):
            continue  # the app and the web server import Textual; their errors are not ours
        module = importlib.import_module(info.name)
        for _, obj in inspect.getmembers(module, inspect.isclass):
            if issubclass(obj, BaseException) and obj.__module__ == module.__name__:
                found.append(obj)
    return found


def test_every_error_of_ours_is_a_yesable_error() -> None:
    strays = [
        e.__qualname__ for e in our_exceptions() if not issubclass(e, YesableError) and e.__name__ not in INTERNAL
    ]
    assert not strays, strays


@pytest.mark.parametrize(
    ("error", "code"),
    [
        (UsageError("x"), 2),
        (ContentError("x"), 1),
        (EngineError("x"), 1),
        (StorageError("x"), 1),
        (KeyboardInterrupt(), 130),
        (RuntimeError("x"), 1),
    ],
)
def test_exit_codes_are_decided_in_one_place(error: BaseException, code: int) -> None:
    assert exit_code(error) == code


def test_a_content_error_from_a_command_is_one_line_with_exit_1(tmp_path, capsys: pytest.CaptureFixture[str]) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "t.json").write_text("{")
    assert main(["replay", str(tmp_path / "t.json")]) == 1
    assert main(["run", "no_such_scenario_here", "--choose", "1"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "no scenario" in err
