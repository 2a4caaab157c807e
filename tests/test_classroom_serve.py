"""`yesable serve`: textual-serve on loopback, one app process per browser connection."""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from browser import Page, needs_chromium, wait_in_page

from simulator.cli.commands import serve
from simulator.cli.main import build_parser, main

HAS_APP = importlib.util.find_spec("simulator.tui.app") is not None
needs_app = pytest.mark.skipif(not HAS_APP, reason="the TUI (simulator.tui.app) is not built yet")


CODE = "c0de42"


def get(url: str, timeout: float = 5) -> tuple[bytes, str]:
    """The body and Set-Cookie header of a GET, with the connection closed."""
    with urllib.request.urlopen(url, timeout=timeout) as response:
        return response.read(), response.headers.get("Set-Cookie", "")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def server(tmp_path: Path) -> Iterator[str]:
    port = free_port()
    env = os.environ | {"YESABLE_HOME": str(tmp_path / "home")}
    proc = subprocess.Popen(
        [sys.executable, "-m", "simulator", "serve", "--port", str(port), "--code", CODE, "--max-sessions", "1"],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        env=env,
    )
    url = f"http://127.0.0.1:{port}/?code={CODE}"
    try:
        deadline = time.monotonic() + 20
        while True:
            try:
                get(url, timeout=2)
                break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    raise AssertionError(f"serve did not start: {proc.stdout.read()!r}") from None  # type: ignore[union-attr]
                time.sleep(0.2)
        yield url
    finally:
        proc.terminate()
        proc.wait(timeout=10)
        if proc.stdout is not None:
            proc.stdout.close()


def parse(*argv: str) -> argparse.Namespace:
    return build_parser().parse_args(["serve", *argv])


def test_command_runs_this_python_and_passes_round_options(tmp_path: Path) -> None:
    assert serve.app_command(parse()) == [sys.executable, "-m", "simulator"]
    args = parse("--scenario", "release_scope", "--round", "mon", "--results", str(tmp_path), "--minutes", "20")
    assert serve.app_command(args) == [
        sys.executable,
        "-m",
        "simulator",
        "play",
        "release_scope",
        "--round",
        "mon",
        "--results",
        str(tmp_path.resolve()),
        "--minutes",
        "20",
    ]


def test_round_options_need_a_scenario(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["serve", "--round", "mon"]) == 2
    assert "--round need --scenario" in capsys.readouterr().err


def test_bad_port_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["serve", "--port", "70000"])
    assert exit_.value.code == 2 and "outside 1-65535" in capsys.readouterr().err


def test_textual_serve_is_imported_lazily() -> None:
    code = "import sys, simulator.cli.main as m; m.build_parser(); print('textual_serve' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_serves_the_page_on_loopback(server: str) -> None:
    page = get(server)[0].decode()
    assert "Yesable" in page and "/ws" in page


@needs_app
def test_a_browser_connection_starts_the_app(server: str) -> None:
    """Speak textual-serve's websocket protocol as its page does and wait for a drawn frame."""
    import asyncio

    import aiohttp

    async def first_frame() -> bytes:
        received = b""
        url = server.replace("http", "ws", 1).split("?")[0] + f"ws?width=100&height=30&code={CODE}"
        async with aiohttp.ClientSession() as session, session.ws_connect(url) as ws:
            deadline = time.monotonic() + 20
            while time.monotonic() < deadline and len(received) < 2000:
                msg = await ws.receive(timeout=20)
                if msg.type == aiohttp.WSMsgType.BINARY:
                    received += msg.data
                elif msg.type == aiohttp.WSMsgType.TEXT:
                    received += msg.data.encode()
                else:
                    break
        return received

    frame = asyncio.run(first_frame())
    assert len(frame) >= 2000 and b"\x1b[" in frame


@needs_chromium
@needs_app
def test_app_draws_in_headless_chromium(server: str, tmp_path: Path) -> None:
    """A real browser loads the page, the websocket starts the app, and the app draws a frame.

    textual-serve's page marks the body `-first-byte` once the app's output arrives; the screenshot
    (saved beside the test's temporary files) shows the drawn terminal.
    """
    import asyncio

    held, png = asyncio.run(
        wait_in_page(server, "document.body.classList.contains('-first-byte')", settle=1.5)
    )  # the terminal fades in
    (tmp_path / "serve.png").write_bytes(png)
    assert held is True and len(png) > 20_000


@needs_chromium
@needs_app
def test_a_browser_plays_to_the_first_choice(tmp_path: Path) -> None:
    """`serve --scenario --round` in headless Chromium: give an alias, begin the brief, play choice 1,
    see it autosaved."""
    import asyncio

    port = free_port()
    home = tmp_path / "home"
    env = os.environ | {"YESABLE_HOME": str(home)}
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "simulator",
            "serve",
            "--port",
            str(port),
            "--scenario",
            "critical_supporters/release_scope",
            "--round",
            "e2e",
            "--results",
            str(tmp_path / "results"),
            "--code",
            CODE,
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=env,
    )
    url = f"http://127.0.0.1:{port}/?code={CODE}"
    saves = tmp_path / "results" / "players" / "ana" / "saves"  # the player's own folder, named by alias

    def moves_saved() -> int:
        for save in saves.glob("*.json"):
            return len(json.loads(save.read_text())["state"]["history"])
        return 0

    async def play() -> bytes:
        async with Page(url) as page:
            await page.wait_for("document.body.classList.contains('-first-byte')")
            await asyncio.sleep(1.5)  # the brief is drawn
            await page.wait_for(
                "(document.querySelector('.xterm-helper-textarea')?.focus(), "
                "document.activeElement?.classList.contains('xterm-helper-textarea'))"
            )
            await asyncio.sleep(2)  # the round's alias prompt is drawn over home
            for key in "ana":  # a class round asks each browser for the player's alias
                await page.press(key)
            await page.press("Enter")
            await asyncio.sleep(1.5)  # the brief is drawn
            await page.press("Enter")  # begin
            await asyncio.sleep(1.5)  # the first scene is drawn
            first_choice = await page.screenshot()
            await page.press("1")
            deadline = time.monotonic() + 15
            while moves_saved() < 1 and time.monotonic() < deadline:
                await asyncio.sleep(0.25)
            return first_choice

    try:
        deadline = time.monotonic() + 20
        while True:
            try:
                get(url, timeout=2)
                break
            except OSError:
                assert proc.poll() is None and time.monotonic() < deadline, "serve did not start"
                time.sleep(0.2)
        png = asyncio.run(play())
    finally:
        proc.terminate()
        proc.wait(timeout=10)
    (tmp_path / "first-choice.png").write_bytes(png)
    assert moves_saved() == 1


def test_the_page_needs_the_access_code(server: str) -> None:
    bare = server.split("?")[0]
    with pytest.raises(urllib.error.HTTPError) as refused:
        get(bare)
    with refused.value:
        assert refused.value.code == 403 and b"access code" in refused.value.read()
    with pytest.raises(urllib.error.HTTPError) as wrong:
        get(bare + "?code=wrong")
    wrong.value.close()
    assert "yesable_code=" in get(server)[1]


def _ws_status(server: str, query: str, headers: dict[str, str] | None = None) -> int:
    import asyncio

    import aiohttp

    async def attempt() -> int:
        url = server.replace("http", "ws", 1).split("?")[0] + "ws?width=80&height=24" + query
        async with aiohttp.ClientSession() as session:
            try:
                async with session.ws_connect(url, headers=headers or {}) as ws:
                    await ws.close()
                    return 101
            except aiohttp.WSServerHandshakeError as error:
                return error.status

    return asyncio.run(attempt())


def test_a_websocket_needs_the_code_and_the_rounds_own_origin(server: str) -> None:
    assert _ws_status(server, "") == 403
    assert _ws_status(server, f"&code={CODE}", {"Origin": "http://evil.example"}) == 403
    own = server.split("/?")[0]
    assert _ws_status(server, f"&code={CODE}", {"Origin": own}) == 101


@needs_app
def test_the_session_cap_says_the_class_is_full(server: str) -> None:
    import asyncio

    import aiohttp

    async def two() -> int:
        url = server.replace("http", "ws", 1).split("?")[0] + f"ws?width=80&height=24&code={CODE}"
        async with aiohttp.ClientSession() as session, session.ws_connect(url) as first:
            await first.receive(timeout=20)  # the first session is running
            try:
                async with session.ws_connect(url):
                    return 101
            except aiohttp.WSServerHandshakeError as error:
                return error.status

    assert asyncio.run(two()) == 503


def test_a_port_in_use_is_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        assert main(["serve", "--port", str(port)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and f"cannot listen on 127.0.0.1:{port}" in err


def test_a_bad_host_is_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["serve", "--host", "no-such-host.invalid", "--port", str(free_port())]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "cannot listen on no-such-host.invalid" in err


def test_serve_reads_the_packs_once_before_players_come(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The catalog is loaded (index and compiled scenarios written) before the first session, and a
    misspelt --scenario is a usage error then, not a broken session in every tab."""
    from simulator.catalog.index import read_index
    from simulator.errors import UsageError
    from simulator.storage.paths import Paths

    monkeypatch.setenv("YESABLE_HOME", str(tmp_path / "home"))
    serve.warm_catalog("release_scope")
    paths = Paths.default()
    assert any(e.ref == "critical_supporters/release_scope" for e in read_index(paths.index) or [])
    assert (paths.compiled / "critical_supporters" / "release_scope.json").is_file()
    with pytest.raises(UsageError, match="--scenario: no scenario 'release_scop'; did you mean"):
        serve.warm_catalog("release_scop")
