"""Pages that stand alone: the class report, the handouts and the served page load nothing from
another site (no web fonts, stylesheets, scripts or images), checked in headless Chromium by
recording every request the page makes."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from browser import Page, needs_chromium
from classroom_kit import SCENARIO, write_class
from lrs_kit import free_port

from simulator.cli.main import main

NETWORK = [("Network.enable", {}), ("Network.setCacheDisabled", {"cacheDisabled": True})]
"""Record every request; none served from the cache of the first load (the page opens once before
the recording starts)."""


def requests_of(url: str, ready: str = "document.readyState === 'complete'") -> list[str]:
    async def load() -> list[str]:
        async with Page(url, setup=NETWORK) as page:
            await page.wait_for(ready)
            return await page.requested()

    return asyncio.run(load())


def outside(urls: list[str], origin: str) -> list[str]:
    """The requests that leave `origin` (data: URLs stay inside the page)."""
    return [u for u in urls if not u.startswith("data:") and not u.startswith(origin)]


@needs_chromium
def test_the_class_report_makes_no_request(tmp_path: Path) -> None:
    write_class(tmp_path / "results", size=3)
    out = tmp_path / "report.html"
    assert main(["report", str(tmp_path / "results"), "--out", str(out)]) == 0
    urls = requests_of(out.as_uri())
    assert urls[0] == out.as_uri()
    assert urls[1:] == [], urls  # fonts, styles and charts are all in the page


@needs_chromium
def test_every_handout_makes_no_request(tmp_path: Path) -> None:
    assert main(["handouts", SCENARIO, "--out", str(tmp_path / "h")]) == 0
    pages = sorted((tmp_path / "h").glob("*.html"))
    assert len(pages) >= 4
    for page in pages:
        urls = requests_of(page.as_uri())
        assert urls == [page.as_uri()], (page.name, urls)


@needs_chromium
def test_the_served_page_asks_only_its_own_server(tmp_path: Path) -> None:
    """The page, its script, styles, font and websocket all come from the round's server: a class
    on a network without internet gets the same page (textual-serve's own page asks Google Fonts)."""
    port = free_port()
    env = os.environ | {"YESABLE_HOME": str(tmp_path / "home")}
    proc = subprocess.Popen(
        [sys.executable, "-m", "simulator", "serve", "--port", str(port), "--code", "c0de42"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=env,
    )
    url = f"http://127.0.0.1:{port}/?code=c0de42"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                page = urllib.request.urlopen(url, timeout=2).read().decode()
                break
            except OSError:
                assert proc.poll() is None and time.monotonic() < deadline, "serve did not start"
                time.sleep(0.2)
        assert "fonts.googleapis.com" not in page and "RobotoMono-VariableFont_wght.ttf" in page
        urls = requests_of(url, "document.body.classList.contains('-first-byte')")
    finally:
        proc.terminate()
        proc.wait(timeout=10)
    origin = f"http://127.0.0.1:{port}/"
    assert outside([u.replace("ws://", "http://", 1) for u in urls], origin) == [], urls
    paths = {urlsplit(u).path for u in urls}
    assert {"/static/js/textual.js", "/static/css/xterm.css", "/ws"} <= paths, "\n".join(urls)
    assert any(p.startswith("/static/fonts/RobotoMono") for p in paths), paths  # the font is served here


@pytest.mark.parametrize("page", ["report", "handout"])
def test_pages_forbid_loading_anything_from_outside(tmp_path: Path, page: str) -> None:
    """A Content-Security-Policy in every page: even text that slipped through could load nothing."""
    if page == "report":
        write_class(tmp_path / "results", size=1)
        assert main(["report", str(tmp_path / "results"), "--out", str(tmp_path / "r.html")]) == 0
        html = (tmp_path / "r.html").read_text()
    else:
        assert main(["handouts", SCENARIO, "--out", str(tmp_path / "h")]) == 0
        html = (tmp_path / "h" / "facilitator-guide.html").read_text()
    assert "Content-Security-Policy" in html and "default-src 'none'" in html
