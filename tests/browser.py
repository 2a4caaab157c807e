"""Headless Chromium for tests that check HTML the way a trainer sees it.

Tests install nothing: without `/usr/bin/chromium` they are skipped with the reason.
"""

from __future__ import annotations

import subprocess
import tempfile
from collections.abc import Sequence
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run",
    "--disable-component-update", "--disable-sync", "--hide-scrollbars",
]

needs_chromium = pytest.mark.skipif(
    not CHROMIUM.exists(), reason="headless Chromium not installed (/usr/bin/chromium; apt-get install chromium)"
)


def _run(args: list[str], timeout: float = 90) -> subprocess.CompletedProcess[str]:
    with tempfile.TemporaryDirectory(ignore_cleanup_errors=True) as profile:
        return subprocess.run([str(CHROMIUM), *FLAGS, f"--user-data-dir={profile}", *args],
                              capture_output=True, text=True, timeout=timeout, check=False)


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


async def wait_in_page(url: str, expression: str, timeout: float = 30,
                       setup: Sequence[tuple[str, dict[str, object]]] = (),
                       settle: float = 0) -> tuple[object, bytes]:
    """Open `url` in headless Chromium driven over the DevTools protocol, wait until the JavaScript
    `expression` is truthy (real time, so websockets get to talk), and return its value and a PNG.
    `setup` holds DevTools calls (method, params) made before the page is loaded again; `settle`
    is how long to let the page finish drawing (transitions) before the screenshot.

    Raises TimeoutError when it never holds.
    """
    import asyncio
    import base64
    import json
    import time

    import aiohttp

    with tempfile.TemporaryDirectory(ignore_cleanup_errors=True) as profile:
        proc = await asyncio.create_subprocess_exec(
            str(CHROMIUM), *FLAGS, f"--user-data-dir={profile}", "--remote-debugging-port=0",
            "--window-size=1200,800", "about:blank",
            stdout=asyncio.subprocess.DEVNULL, stderr=asyncio.subprocess.DEVNULL,
        )
        try:
            port_file = Path(profile) / "DevToolsActivePort"
            deadline = time.monotonic() + timeout
            while not port_file.exists() or not port_file.read_text().strip():
                if time.monotonic() > deadline:
                    raise TimeoutError("Chromium did not open its DevTools port")
                await asyncio.sleep(0.1)
            port = port_file.read_text().split()[0]
            async with aiohttp.ClientSession() as http:
                async with http.put(f"http://127.0.0.1:{port}/json/new?{url}") as response:
                    target = json.loads(await response.text())
                async with http.ws_connect(target["webSocketDebuggerUrl"], max_msg_size=0) as ws:
                    ids = iter(range(1, 1_000_000))

                    async def call(method: str, **params: object) -> dict[str, object]:
                        number = next(ids)
                        await ws.send_json({"id": number, "method": method, "params": params})
                        while True:
                            message = await ws.receive_json(timeout=timeout)
                            if message.get("id") == number:
                                return dict(message.get("result", {}))

                    if setup:
                        for method, params in setup:
                            await call(method, **params)
                        await call("Page.navigate", url=url)
                    value: object = None
                    while not value:
                        if time.monotonic() > deadline:
                            raise TimeoutError(f"{expression!r} never held on {url}")
                        await asyncio.sleep(0.25)
                        result = await call("Runtime.evaluate", expression=expression, returnByValue=True)
                        value = dict(result.get("result", {})).get("value")  # type: ignore[call-overload]
                    await asyncio.sleep(settle)
                    shot = await call("Page.captureScreenshot", format="png")
                    return value, base64.b64decode(str(shot["data"]))
        finally:
            proc.terminate()
            await proc.wait()
