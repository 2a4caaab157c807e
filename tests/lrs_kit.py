"""A real Learning Record Store for tests: Ralph (ralph-malph), run as a subprocess on loopback.

Ralph pins its own pydantic and FastAPI, so it lives in a virtual environment of its own, never in
Yesable's: `$YESABLE_RALPH_PYTHON` names that environment's Python, else the tests build
`.ralph-venv/` at the repository root once (about 30 s and 90 MB from the package registry) and
reuse it. If Ralph cannot be installed or started, the tests that need it fail and say why.

Ralph's `fs` backend is its development store: as released it creates its statements file on the
first POST and fails every later POST that adds statements (HTTP 500, `FileExistsError`), so it
could never take a second batch. The launcher below runs Ralph's own API app (its authentication,
statement validation and duplicate handling untouched) with that backend appending instead.
"""

from __future__ import annotations

import base64
import contextlib
import functools
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
from typing import Any

import pytest

RALPH = ["ralph-malph[cli,lrs]==5.1.0", "requests"]
"""Ralph's API imports requests (for OIDC) without declaring it."""
VENV = Path(__file__).resolve().parents[1] / ".ralph-venv"
USER, PASSWORD = "trainer", "not-a-real-secret-42"

LAUNCHER = """
import sys
import uvicorn
from ralph.backends.data.base import BaseOperationType
from ralph.backends.lrs.fs import FSLRSBackend

FSLRSBackend.default_operation_type = BaseOperationType.APPEND  # see tests/lrs_kit.py
uvicorn.run("ralph.api:app", host="127.0.0.1", port=int(sys.argv[1]), log_level="warning")
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _python(venv: Path) -> Path:
    return venv / ("Scripts/python.exe" if sys.platform == "win32" else "bin/python")


@functools.cache
def ralph_python() -> Path:
    """The Python of an environment with Ralph, built on first use."""
    given = os.environ.get("YESABLE_RALPH_PYTHON")
    if given:
        if not Path(given).exists():
            pytest.fail(f"YESABLE_RALPH_PYTHON={given} does not exist")
        return Path(given)
    python = _python(VENV)
    probe = [
        str(python),
        "-c",
        (
            "import importlib.metadata as m, ralph.backends.lrs.fs, requests, uvicorn; "
            f"assert m.version('ralph-malph') == {RALPH[0].split('==')[1]!r}"
        ),
    ]
    if python.exists() and subprocess.run(probe, capture_output=True, check=False).returncode == 0:
        return python
    steps = [
        [sys.executable, "-m", "venv", "--clear", str(VENV)],
        [str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check", *RALPH],
    ]
    for step in steps:
        done = subprocess.run(step, capture_output=True, text=True, timeout=900, check=False)
        if done.returncode != 0:
            pytest.fail(
                f"cannot install the Ralph LRS for the integration tests ({' '.join(step[2:4])}): "
                f"{(done.stderr or done.stdout).strip()[-800:]}"
            )
    return python


class Ralph:
    """A Ralph LRS on loopback with one basic-auth user; `url` is its xAPI endpoint."""

    def __init__(self, folder: Path, port: int | None = None) -> None:
        self.folder = folder
        self.port = port or free_port()
        self.url = f"http://127.0.0.1:{self.port}/xAPI/"
        self.proc: subprocess.Popen[bytes] | None = None
        app = folder / "app"
        app.mkdir(parents=True, exist_ok=True)
        self.env = os.environ | {
            "RALPH_APP_DIR": str(app),
            "RALPH_AUTH_FILE": str(app / "auth.json"),
            "RALPH_RUNSERVER_BACKEND": "fs",
            "RALPH_BACKENDS__LRS__FS__DEFAULT_DIRECTORY_PATH": str(folder / "store"),
        }

    def start(self) -> Ralph:
        python = ralph_python()
        ralph = python.parent / ("ralph.exe" if sys.platform == "win32" else "ralph")
        if not Path(self.env["RALPH_AUTH_FILE"]).exists():
            made = subprocess.run(
                [
                    str(ralph),
                    "auth",
                    "-u",
                    USER,
                    "-p",
                    PASSWORD,
                    "-s",
                    "all",
                    "-M",
                    f"mailto:{USER}@example.org",
                    "-w",
                ],
                capture_output=True,
                text=True,
                env=self.env,
                timeout=120,
                check=False,
            )
            if made.returncode != 0:
                pytest.fail(f"ralph auth failed: {made.stderr.strip()[-800:]}")
        log = open(self.folder / "ralph.log", "ab")  # noqa: SIM115 - closed in stop()
        self.proc = subprocess.Popen(
            [str(python), "-c", LAUNCHER, str(self.port)],
            env=self.env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        self._log = log
        deadline = time.monotonic() + 60
        while True:
            with contextlib.suppress(OSError):
                urllib.request.urlopen(f"http://127.0.0.1:{self.port}/__heartbeat__", timeout=2).read()
                return self
            if self.proc.poll() is not None or time.monotonic() > deadline:
                self.stop()
                pytest.fail(f"Ralph did not start: {(self.folder / 'ralph.log').read_text()[-1500:]}")
            time.sleep(0.3)

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=5)
        if self.proc is not None:
            self._log.close()
        self.proc = None

    def statements(self) -> list[dict[str, Any]]:
        """Every statement the LRS holds (following `more` links)."""
        auth = base64.b64encode(f"{USER}:{PASSWORD}".encode()).decode()
        headers = {"Authorization": f"Basic {auth}", "X-Experience-API-Version": "1.0.3"}
        out: list[dict[str, Any]] = []
        path = "/xAPI/statements?limit=500"
        while path:
            request = urllib.request.Request(f"http://127.0.0.1:{self.port}{path}", headers=headers)
            page = json.loads(urllib.request.urlopen(request, timeout=10).read())
            out += page["statements"]
            path = page.get("more") or ""
        return out


@contextlib.contextmanager
def running_ralph(folder: Path, port: int | None = None) -> Iterator[Ralph]:
    lrs = Ralph(folder, port).start()
    try:
        yield lrs
    finally:
        lrs.stop()
