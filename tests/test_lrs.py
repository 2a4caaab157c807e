"""Sending xAPI statements to an LRS: batches, retries, the outbox, credentials from the environment.

The integration tests post to a real Ralph LRS run on loopback (tests/lrs_kit.py); the unit tests
drive the outbox's policy (what is retried, kept, set aside) with a stand-in sender.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections.abc import Mapping, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from classroom_kit import random_transcript, write_class
from lrs_kit import PASSWORD, USER, free_port, running_ralph

from simulator.classroom import lrs
from simulator.classroom.lrs import Lrs, Outbox, Refused, Transient
from simulator.classroom.lrs_live import LiveExport
from simulator.classroom.transcript import write_transcript
from simulator.cli.main import main

BASE = "https://lms.example.org/xapi/yesable/"
HOME = "https://lms.example.org"


def statement(n: int) -> dict[str, Any]:
    return {
        "id": f"00000000-0000-4000-8000-{n:012d}",
        "verb": {"id": "http://adlnet.gov/expapi/verbs/attempted"},
    }


# ---------------------------------------------------------------- addresses and credentials
@pytest.mark.parametrize(
    ("given", "url"),
    [
        ("https://lrs.example.org/xAPI/", "https://lrs.example.org/xAPI/statements"),
        ("https://lrs.example.org/xAPI", "https://lrs.example.org/xAPI/statements"),
        ("http://127.0.0.1:8100/xAPI/statements", "http://127.0.0.1:8100/xAPI/statements"),
        ("https://lrs.example.org", "https://lrs.example.org/statements"),
    ],
)
def test_the_statements_resource_of_an_endpoint(given: str, url: str) -> None:
    assert lrs.statements_url(given) == url


@pytest.mark.parametrize(
    "bad",
    [
        "ftp://lrs.example.org/",
        "lrs.example.org/xAPI",
        "https:///xAPI",
        "https://lrs.example.org/xAPI/?x=1",
    ],
)
def test_an_address_that_is_no_lrs_is_a_usage_error(bad: str) -> None:
    with pytest.raises(lrs.UsageError):
        lrs.statements_url(bad)


def test_credentials_in_the_address_are_refused_and_never_echoed(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code = main(["export-xapi", "--lrs", "https://me:hunter2@lrs.example.org/xAPI/"])
    err = capsys.readouterr().err
    assert code == 2 and "YESABLE_LRS_USER" in err and "hunter2" not in err


def test_credentials_come_from_the_environment() -> None:
    assert lrs.authorization({}) is None
    basic = lrs.authorization({"YESABLE_LRS_USER": "ann", "YESABLE_LRS_PASSWORD": "pw"})
    assert basic == "Basic YW5uOnB3"  # base64("ann:pw")
    assert lrs.authorization({"YESABLE_LRS_TOKEN": "abc"}) == "Bearer abc"
    assert lrs.authorization({"YESABLE_LRS_TOKEN": "Basic YW5uOnB3"}) == "Basic YW5uOnB3"
    for half in (
        {"YESABLE_LRS_USER": "ann"},
        {"YESABLE_LRS_PASSWORD": "pw"},
        {"YESABLE_LRS_TOKEN": "t", "YESABLE_LRS_USER": "ann", "YESABLE_LRS_PASSWORD": "pw"},
    ):
        with pytest.raises(lrs.UsageError):
            lrs.authorization(half)


def test_credentials_sent_to_plain_http_elsewhere_are_flagged() -> None:
    auth = {"YESABLE_LRS_TOKEN": "t"}
    assert Lrs.from_env("http://lrs.example.org/xAPI/", auth).exposes_credentials
    assert not Lrs.from_env("https://lrs.example.org/xAPI/", auth).exposes_credentials
    assert not Lrs.from_env("http://127.0.0.1:8100/xAPI/", auth).exposes_credentials
    assert not Lrs.from_env("http://lrs.example.org/xAPI/", {}).exposes_credentials


# ---------------------------------------------------------------- the outbox's policy
class Sender:
    """Answers each POST from a script: an int status or an exception; records the batches."""

    def __init__(self, *script: int | Exception) -> None:
        self.script = list(script)
        self.batches: list[list[str]] = []

    def __call__(self, _lrs: Lrs, batch: Sequence[Mapping[str, Any]]) -> int:
        answer = self.script.pop(0) if self.script else 200
        if isinstance(answer, Exception):
            raise answer
        self.batches.append([s["id"] for s in batch])
        return answer


def outbox(tmp_path: Path) -> Outbox:
    return Outbox(Lrs("https://lrs.example.org/xAPI/statements"), tmp_path / "outbox")


def test_statements_go_in_batches_oldest_first_and_leave_the_outbox(tmp_path: Path) -> None:
    box = outbox(tmp_path)
    assert box.add([statement(n) for n in range(7)], batch_size=3) == 3
    send = Sender()
    result = box.flush(send=send)
    assert [len(b) for b in send.batches] == [3, 3, 1]
    assert [s for b in send.batches for s in b] == [statement(n)["id"] for n in range(7)]
    assert (result.sent, result.batches, result.waiting, result.problem) == (7, 3, 0, None)
    assert box.pending() == []


def test_a_batch_already_waiting_is_not_queued_twice(tmp_path: Path) -> None:
    box = outbox(tmp_path)
    box.add([statement(n) for n in range(4)], batch_size=2)
    assert box.add([statement(n) for n in range(4)], batch_size=2) == 0
    assert box.waiting() == 4


def test_a_dropped_network_is_retried_with_growing_pauses(tmp_path: Path) -> None:
    box = outbox(tmp_path)
    box.add([statement(1)])
    pauses: list[float] = []
    send = Sender(Transient("connection refused"), Transient("timed out"), 200)
    result = box.flush(send=send, sleep=pauses.append, pause=1.0)
    assert pauses == [1.0, 2.0] and result.sent == 1 and result.waiting == 0


def test_a_busy_lrs_is_given_the_pause_it_asks_for(tmp_path: Path) -> None:
    box = outbox(tmp_path)
    box.add([statement(1)])
    pauses: list[float] = []
    box.flush(send=Sender(Transient("HTTP 429", retry_after=7.0)), sleep=pauses.append)
    assert pauses == [7.0]


def test_an_lrs_that_stays_down_keeps_everything_for_the_next_send(tmp_path: Path) -> None:
    box = outbox(tmp_path)
    box.add([statement(n) for n in range(5)], batch_size=2)
    down = Sender(*[Transient("connection refused")] * 4)
    result = box.flush(send=down, sleep=lambda _: None, retries=3)
    assert result.sent == 0 and result.waiting == 5 and "connection refused" in (result.problem or "")
    assert down.batches == []  # never got through
    back = Sender()
    assert box.flush(send=back).sent == 5 and box.pending() == []


def test_refused_credentials_stop_the_send_and_keep_every_batch(tmp_path: Path) -> None:
    box = outbox(tmp_path)
    box.add([statement(n) for n in range(4)], batch_size=2)
    result = box.flush(send=Sender(Refused(401, "Invalid authentication credentials")))
    assert result.sent == 0 and result.waiting == 4
    assert "refused the credentials" in (result.problem or "") and "YESABLE_LRS_USER" in (result.problem or "")


def test_a_batch_the_lrs_rejects_is_set_aside_and_the_rest_go(tmp_path: Path) -> None:
    box = outbox(tmp_path)
    box.add([statement(n) for n in range(4)], batch_size=2)
    result = box.flush(send=Sender(Refused(409, "Differing statements already exist")))
    assert result.sent == 2 and result.waiting == 0 and len(result.rejected) == 1
    aside = list((box.folder / "rejected").glob("*.json"))
    assert len(aside) == 1
    kept = json.loads(aside[0].read_text())
    assert "409" in kept["rejected"] and len(kept["statements"]) == 2


def test_a_file_in_the_outbox_that_is_no_batch_is_set_aside(tmp_path: Path) -> None:
    box = outbox(tmp_path)
    box.add([statement(1)])
    (box.folder / "0-junk.json").write_text("{not json")
    result = box.flush(send=Sender())
    assert result.sent == 1 and len(result.rejected) == 1 and box.pending() == []


def test_the_outbox_is_in_the_data_folder_and_owner_only(tmp_path: Path) -> None:
    box = Outbox(Lrs("https://lrs.example.org/xAPI/statements"))
    assert box.folder.is_relative_to(Path(os.environ["YESABLE_HOME"]))
    box.add([statement(1)])
    if sys.platform != "win32":
        assert box.pending()[0].stat().st_mode & 0o077 == 0


def test_nothing_listening_is_a_transient_failure() -> None:
    with pytest.raises(Transient):
        lrs.post(Lrs(f"http://127.0.0.1:{free_port()}/xAPI/statements", timeout=2), [statement(1)])


# ---------------------------------------------------------------- placeholder addresses
def test_placeholder_addresses_are_warned_about(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write_transcript(random_transcript(1, "falcon"), tmp_path)
    assert main(["export-xapi", str(tmp_path), "--out", str(tmp_path / "s.json")]) == 0
    err = capsys.readouterr().err
    assert "warning: --base-iri and --home-page are placeholder addresses" in err
    assert "YESABLE_XAPI_BASE_IRI" in err


def test_real_addresses_from_the_environment_silence_the_warning(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    write_transcript(random_transcript(1, "falcon"), tmp_path)
    monkeypatch.setenv("YESABLE_XAPI_BASE_IRI", BASE)
    monkeypatch.setenv("YESABLE_XAPI_HOME_PAGE", HOME)
    assert main(["export-xapi", str(tmp_path), "--out", str(tmp_path / "s.json")]) == 0
    assert "placeholder" not in capsys.readouterr().err
    statements = json.loads((tmp_path / "s.json").read_text())
    assert statements[0]["object"]["id"].startswith(BASE)
    assert statements[0]["actor"]["account"]["homePage"] == HOME


# ---------------------------------------------------------------- a real LRS
@pytest.fixture
def ralph_env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("YESABLE_LRS_USER", USER)
    monkeypatch.setenv("YESABLE_LRS_PASSWORD", PASSWORD)
    monkeypatch.setattr(lrs, "PAUSE", 0.05)


def exported_ids(folder: Path, out: Path) -> list[str]:
    assert main(["export-xapi", str(folder), "--out", str(out), "--base-iri", BASE, "--home-page", HOME]) == 0
    return [s["id"] for s in json.loads(out.read_text())]


@pytest.mark.slow
@pytest.mark.usefixtures("ralph_env")
def test_a_class_reaches_ralph_in_batches_and_a_second_export_stores_nothing_twice(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    results = tmp_path / "results"
    write_class(results, size=4)
    expected = exported_ids(results, tmp_path / "statements.json")
    with running_ralph(tmp_path / "ralph") as ralph:
        args = [
            "export-xapi",
            str(results),
            "--lrs",
            ralph.url,
            "--batch",
            "7",
            "--base-iri",
            BASE,
            "--home-page",
            HOME,
        ]
        assert main(args) == 0
        err = capsys.readouterr().err
        batches = -(-len(expected) // 7)
        assert f"{len(expected)} statement(s) sent in {batches} batch(es)" in err
        stored = ralph.statements()
        assert sorted(s["id"] for s in stored) == sorted(expected)
        assert {s["actor"]["account"]["homePage"] for s in stored} == {HOME}
        assert main(args) == 0  # the LRS already holds them all: it answers 204 and keeps one copy
        assert len(ralph.statements()) == len(expected)
    assert Outbox(Lrs.from_env(ralph.url)).pending() == []


@pytest.mark.slow
@pytest.mark.usefixtures("ralph_env")
def test_statements_wait_in_the_outbox_while_the_lrs_is_down_and_go_when_it_is_back(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    results = tmp_path / "results"
    write_class(results, size=2)
    expected = exported_ids(results, tmp_path / "statements.json")
    port = free_port()
    url = f"http://127.0.0.1:{port}/xAPI/"
    assert main(["export-xapi", str(results), "--lrs", url, "--base-iri", BASE, "--home-page", HOME]) == 1
    err = capsys.readouterr().err
    assert "cannot reach" in err and f"{len(expected)} statement(s) wait in" in err
    box = Outbox(Lrs.from_env(url))
    assert box.waiting() == len(expected)
    with running_ralph(tmp_path / "ralph", port) as ralph:
        assert main(["export-xapi", "--lrs", url]) == 0  # no transcripts: send what waits
        assert sorted(s["id"] for s in ralph.statements()) == sorted(expected)
    assert box.pending() == []


@pytest.mark.slow
def test_wrong_credentials_are_refused_and_the_statements_kept(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    results = tmp_path / "results"
    write_class(results, size=1)
    monkeypatch.setenv("YESABLE_LRS_USER", USER)
    monkeypatch.setenv("YESABLE_LRS_PASSWORD", "wrong")
    with running_ralph(tmp_path / "ralph") as ralph:
        assert (
            main(
                [
                    "export-xapi",
                    str(results),
                    "--lrs",
                    ralph.url,
                    "--base-iri",
                    BASE,
                    "--home-page",
                    HOME,
                ]
            )
            == 1
        )
        err = capsys.readouterr().err
        assert "refused the credentials" in err and "wrong" not in err
        assert ralph.statements() == []
        assert Outbox(Lrs.from_env(ralph.url)).waiting() > 0


@pytest.mark.slow
@pytest.mark.usefixtures("ralph_env")
def test_a_live_export_sends_each_session_as_it_arrives(tmp_path: Path) -> None:
    """What `serve --lrs` runs beside the server: a transcript a player's app writes is in the LRS
    at the next poll; one the solver has not reviewed yet waits until it is final."""
    homes = tmp_path / "players"
    with running_ralph(tmp_path / "ralph") as ralph:
        clock = [time.time()]
        live = LiveExport(
            Outbox(Lrs.from_env(ralph.url)),
            homes,
            "*/transcripts/*.json",
            BASE,
            HOME,
            clock=lambda: clock[0],
        )
        assert live.poll() == []
        first = random_transcript(3, "otter")
        path = write_transcript(first, homes / "otter" / "transcripts")
        assert live.poll() == [] and ralph.statements() == []  # not reviewed yet: the app may add regrets
        reviewed = replace(first, moves=[replace(m, regret=0.0) for m in first.moves])
        write_transcript(reviewed, homes / "otter" / "transcripts")
        lines = live.poll()
        assert any("sent to" in line for line in lines), lines
        held = {s["id"] for s in ralph.statements()}
        assert len(held) == len(first.moves) + 2 and path.exists()
        second = random_transcript(4, "heron")
        write_transcript(second, homes / "heron" / "transcripts")
        clock[0] += 120  # never reviewed (a scenario the solver cannot solve): taken once quiet
        live.poll()
        assert len(ralph.statements()) == len(held) + len(second.moves) + 2


@pytest.mark.slow
def test_serve_with_lrs_sends_a_finished_session_during_the_round(tmp_path: Path) -> None:
    """`yesable serve --lrs URL` with Ralph: a session a player finishes (its transcript written in
    the player's folder, as the served app does) reaches the LRS while the server runs."""
    home = tmp_path / "home"
    env = os.environ | {
        "YESABLE_HOME": str(home),
        "YESABLE_LRS_USER": USER,
        "YESABLE_LRS_PASSWORD": PASSWORD,
        "YESABLE_XAPI_BASE_IRI": BASE,
        "YESABLE_XAPI_HOME_PAGE": HOME,
    }
    with running_ralph(tmp_path / "ralph") as ralph:
        proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "simulator",
                "serve",
                "--port",
                str(free_port()),
                "--code",
                "abc123",
                "--lrs",
                ralph.url,
            ],
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )
        try:
            assert proc.stderr is not None
            line = proc.stderr.readline()
            while "sending finished sessions" not in line and proc.poll() is None:
                line = proc.stderr.readline()
            assert f"sending finished sessions to {ralph.url}statements" in line
            t = random_transcript(5, "wren")
            t = replace(t, moves=[replace(m, regret=0.0) for m in t.moves])
            write_transcript(t, home / "served" / "players" / "wren" / "transcripts")
            deadline = time.monotonic() + 30
            while len(ralph.statements()) < len(t.moves) + 2 and time.monotonic() < deadline:
                time.sleep(0.5)
            assert len(ralph.statements()) == len(t.moves) + 2
        finally:
            proc.terminate()
            proc.wait(timeout=40)
            if proc.stderr is not None:
                proc.stderr.close()


def test_serve_keeps_the_lrs_credentials_from_the_players_app_processes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from simulator.cli.commands import serve

    monkeypatch.setenv("YESABLE_LRS_USER", USER)
    monkeypatch.setenv("YESABLE_LRS_PASSWORD", PASSWORD)
    stop = serve._live_export(f"http://127.0.0.1:{free_port()}/xAPI/", tmp_path)
    try:  # textual-serve starts each player's app with this process's environment
        assert "YESABLE_LRS_USER" not in os.environ and "YESABLE_LRS_PASSWORD" not in os.environ
    finally:
        stop()


def test_serve_with_a_bad_lrs_address_is_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["serve", "--port", str(free_port()), "--lrs", "https://a:b@lrs.example.org/"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "put no credentials in the address" in err and "a:b" not in err
