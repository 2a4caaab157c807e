"""Headless Chromium for tests that check HTML the way a trainer sees it.

Tests install nothing: without `/usr/bin/chromium` they are skipped with the reason.
"""

from __future__ import annotations

import contextlib
import subprocess
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Self

import pytest

CHROMIUM = Path("/usr/bin/chromium")
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--no-first-run",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
]

needs_chromium = pytest.mark.skipif(
    not CHROMIUM.exists(), reason="headless Chromium not installed (/usr/bin/chromium; apt-get install chromium)"
)


def _run(args: list[str], timeout: float = 90) -> subprocess.CompletedProcess[str]:
    with tempfile.TemporaryDirectory(ignore_cleanup_errors=True) as profile:
        return subprocess.run(
            [str(CHROMIUM), *FLAGS, f"--user-data-dir={profile}", *args],
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )


def screenshot(url: str, out: Path, size: str = "1280,900", wait_ms: int = 0) -> Path:
    budget = [f"--virtual-time-budget={wait_ms}"] if wait_ms else []
    _run([f"--screenshot={out}", f"--window-size={size}", *budget, url])
    return out


def dom(url: str) -> str:
    """The page's DOM after scripts ran (`--dump-dom`)."""
    return _run(["--dump-dom", url]).stdout


def pdf(url: str, out: Path) -> Path:
    _run([f"--print-to-pdf={out}", "--no-pdf-header-footer", url])
    return out


def png_is_not_blank(path: Path) -> bool:
    """A PNG screenshot with some non-white pixels (crudely: the compressed size of a blank page)."""
    return path.exists() and path.stat().st_size > 8_000


KEYS: dict[str, tuple[str, int, str]] = {"Enter": ("Enter", 13, "\r")}
"""Named keys: (DevTools key name, Windows virtual key code, text typed)."""


class Page:
    """One headless Chromium tab driven over the DevTools protocol (`async with Page(url) as page`)."""

    def __init__(self, url: str, timeout: float = 30, setup: Sequence[tuple[str, dict[str, object]]] = ()) -> None:
        self.url, self.timeout, self.setup = url, timeout, setup
        self._stack = contextlib.AsyncExitStack()
        self._ids = iter(range(1, 1_000_000))
        self.events: list[dict[str, object]] = []
        """DevTools events received so far (e.g. `Network.requestWillBeSent` after `Network.enable`)."""

    async def __aenter__(self) -> Self:
        import asyncio
        import json
        import time

        import aiohttp

        profile = self._stack.enter_context(tempfile.TemporaryDirectory(ignore_cleanup_errors=True))
        proc = await asyncio.create_subprocess_exec(
            str(CHROMIUM),
            *FLAGS,
            f"--user-data-dir={profile}",
            "--remote-debugging-port=0",
            "--window-size=1200,800",
            "about:blank",
            stdout=asyncio.subprocess.DEVNULL,
            stderr=asyncio.subprocess.DEVNULL,
        )

        async def stop() -> None:
            proc.terminate()
            await proc.wait()

        self._stack.push_async_callback(stop)
        port_file = Path(profile) / "DevToolsActivePort"
        deadline = time.monotonic() + self.timeout
        while not port_file.exists() or not port_file.read_text().strip():
            if time.monotonic() > deadline:
                raise TimeoutError("Chromium did not open its DevTools port")
            await asyncio.sleep(0.1)
        port = port_file.read_text().split()[0]
        http = await self._stack.enter_async_context(aiohttp.ClientSession())
        async with http.put(f"http://127.0.0.1:{port}/json/new?{self.url}") as response:
            target = json.loads(await response.text())
        self._ws = await self._stack.enter_async_context(
            http.ws_connect(target["webSocketDebuggerUrl"], max_msg_size=0)
        )
        if self.setup:
            for method, params in self.setup:
                await self.call(method, **params)
            await self.call("Page.navigate", url=self.url)
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self._stack.aclose()

    async def call(self, method: str, **params: object) -> dict[str, object]:
        number = next(self._ids)
        await self._ws.send_json({"id": number, "method": method, "params": params})
        while True:
            message = await self._ws.receive_json(timeout=self.timeout)
            if message.get("id") == number:
                return dict(message.get("result", {}))
            if "method" in message:
                self.events.append(message)

    async def requested(self, quiet: float = 1.5, limit: float = 8) -> list[str]:
        """Every URL the page asked for (needs `Network.enable` in `setup`), once no event came for
        `quiet` seconds (or after `limit` seconds: a live page's websocket never falls quiet)."""
        import time

        deadline = time.monotonic() + limit
        while time.monotonic() < deadline:
            try:
                message = await self._ws.receive_json(timeout=quiet)
            except TimeoutError:
                break
            if "method" in message:
                self.events.append(message)
        urls = []
        for event in self.events:
            params = dict(event.get("params", {}))  # type: ignore[call-overload]
            if event["method"] == "Network.requestWillBeSent":
                urls.append(str(dict(params["request"])["url"]))
            elif event["method"] == "Network.webSocketCreated":
                urls.append(str(params["url"]))
        return urls

    async def wait_for(self, expression: str, timeout: float | None = None) -> object:
        """The value of the JavaScript `expression` once it is truthy (polled in real time)."""
        import asyncio
        import time

        deadline = time.monotonic() + (timeout or self.timeout)
        while True:
            result = await self.call("Runtime.evaluate", expression=expression, returnByValue=True)
            value = dict(result.get("result", {})).get("value")  # type: ignore[call-overload]
            if value:
                return value
            if time.monotonic() > deadline:
                raise TimeoutError(f"{expression!r} never held on {self.url}")
            await asyncio.sleep(0.25)

    async def press(self, key: str) -> None:
        """Type one key: a character, or a name in KEYS."""
        name, code, text = KEYS[key] if key in KEYS else (key, ord(key.upper()), key)
        for kind in ("keyDown", "keyUp"):
            await self.call(
                "Input.dispatchKeyEvent",
                type=kind,
                key=name,
                windowsVirtualKeyCode=code,
                **({"text": text} if kind == "keyDown" else {}),
            )

    async def screenshot(self, settle: float = 0) -> bytes:
        import asyncio
        import base64

        await asyncio.sleep(settle)
        shot = await self.call("Page.captureScreenshot", format="png")
        return base64.b64decode(str(shot["data"]))


async def wait_in_page(
    url: str,
    expression: str,
    timeout: float = 30,
    setup: Sequence[tuple[str, dict[str, object]]] = (),
    settle: float = 0,
) -> tuple[object, bytes]:
    """Open `url`, wait until the JavaScript `expression` is truthy and return it with a PNG.

    `setup` holds DevTools calls (method, params) made before the page is loaded again; `settle`
    is how long to let the page finish drawing (transitions) before the screenshot.
    """
    async with Page(url, timeout, setup) as page:
        value = await page.wait_for(expression)
        return value, await page.screenshot(settle)
