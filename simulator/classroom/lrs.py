"""Sending xAPI statements to a Learning Record Store: in batches, with retries, through an outbox.

Statements are first written to an outbox in the data folder (one JSON file per batch, atomically),
then posted batch by batch to the LRS's `statements` resource; a batch leaves the outbox only when
the LRS has accepted it. A network that drops, an LRS that is down or busy (5xx, 429) is retried
with a growing pause and, if it stays down, the batches wait in the outbox for the next send: nothing
is lost. An LRS that refuses the address or the credentials stops the send with the reason and
keeps every batch; a batch the LRS rejects as such (400, 409, 413) is moved to `rejected/` with the
LRS's reply, so one bad batch never blocks the others.

Credentials come from the environment only, never from the command line (which shell history and
process lists keep): `YESABLE_LRS_USER` and `YESABLE_LRS_PASSWORD` for HTTP basic auth, or
`YESABLE_LRS_TOKEN` for an `Authorization` header (`Bearer <token>` unless it names its scheme).
Statement ids are derived from transcripts, so sending the same statements twice stores them once.
"""

from __future__ import annotations

import base64
import hashlib
import http.client
import json
import os
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from simulator.errors import UsageError
from simulator.storage.files import atomic_write
from simulator.storage.jsonfile import UnreadableJson, read_json_file
from simulator.storage.paths import data_home

ENV_USER = "YESABLE_LRS_USER"
ENV_PASSWORD = "YESABLE_LRS_PASSWORD"
ENV_TOKEN = "YESABLE_LRS_TOKEN"
XAPI_VERSION = "1.0.3"
BATCH_SIZE = 50
"""Statements per POST: small enough for any LRS's request limit, large enough to be few requests."""
RETRIES = 3
"""Retries of one batch after a network failure or a busy LRS (so 4 tries), pausing 1, 2, 4 s."""
PAUSE = 1.0
"""The first pause before a retry, in seconds; each later pause doubles it."""
TIMEOUT = 20.0
OUTBOX_FORMAT = "yesable-lrs-outbox"
TRANSIENT = frozenset({408, 425, 429, 500, 502, 503, 504})
"""HTTP statuses worth trying again: the LRS or a proxy is busy or briefly down."""
BATCH_REJECTED = frozenset({400, 409, 413, 422})
"""The LRS refuses this batch's statements (malformed, conflicting ids, too large): set it aside."""
LOOPBACK = ("127.0.0.1", "localhost", "::1")


def outbox_root() -> Path:
    """Where outboxes live: `<data folder>/lrs-outbox/`, one folder per LRS address."""
    return data_home() / "lrs-outbox"


def statements_url(url: str) -> str:
    """The LRS's statements resource for `url` (its xAPI endpoint, or the resource itself).

    `https://lrs.example.org/xAPI/` and `https://lrs.example.org/xAPI/statements` both give the
    latter. Credentials in the address are refused: they would stay in the shell's history.
    """
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https") or not parts.hostname or any(c.isspace() for c in url.strip()):
        raise UsageError(f"--lrs {url!r}: give the LRS's xAPI endpoint, e.g. https://lrs.example.org/xAPI/")
    if parts.username is not None or parts.password is not None:
        raise UsageError(
            f"--lrs: put no credentials in the address (shell history keeps it); set {ENV_USER} and "
            f"{ENV_PASSWORD}, or {ENV_TOKEN}, in the environment"
        )
    if parts.query or parts.fragment:
        raise UsageError(f"--lrs {url!r}: give the endpoint without a query or fragment")
    path = parts.path.rstrip("/")
    if not path.endswith("/statements"):
        path += "/statements"
    return urlunsplit((parts.scheme, parts.netloc, path, "", ""))


def authorization(env: Mapping[str, str]) -> str | None:
    """The `Authorization` header from the environment, or None when no credentials are set."""
    token = env.get(ENV_TOKEN, "").strip()
    user, password = env.get(ENV_USER, ""), env.get(ENV_PASSWORD, "")
    if token and (user or password):
        raise UsageError(f"set either {ENV_TOKEN} or {ENV_USER} and {ENV_PASSWORD}, not both")
    if token:
        scheme = token.split(" ", 1)[0].lower()
        return token if scheme in ("basic", "bearer") and " " in token else f"Bearer {token}"
    if bool(user) != bool(password):
        missing = ENV_PASSWORD if user else ENV_USER
        raise UsageError(f"{missing} is not set: basic auth needs {ENV_USER} and {ENV_PASSWORD}")
    if not user:
        return None
    if ":" in user:
        raise UsageError(f"{ENV_USER} cannot hold ':' (HTTP basic auth separates the password with it)")
    return "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode("ascii")


@dataclass(frozen=True)
class Lrs:
    """One LRS: its statements resource and the credentials to use there."""

    url: str
    authorization: str | None = field(default=None, repr=False)
    timeout: float = TIMEOUT

    @classmethod
    def from_env(cls, url: str, env: Mapping[str, str] | None = None) -> Lrs:
        return cls(statements_url(url), authorization(os.environ if env is None else env))

    @property
    def key(self) -> str:
        """A file name for this address (its outbox folder)."""
        return hashlib.sha256(self.url.encode()).hexdigest()[:16]

    @property
    def exposes_credentials(self) -> bool:
        """Credentials would travel in clear text to another machine (plain http, not loopback)."""
        parts = urlsplit(self.url)
        return self.authorization is not None and parts.scheme == "http" and parts.hostname not in LOOPBACK


class Transient(Exception):
    """The batch did not get through this time (network, timeout, a busy LRS): try again later."""

    def __init__(self, reason: str, retry_after: float | None = None) -> None:
        super().__init__(reason)
        self.retry_after = retry_after


class Refused(Exception):
    """The LRS answered with an error that trying again will not change."""

    def __init__(self, status: int, reply: str) -> None:
        super().__init__(f"HTTP {status}" + (f": {reply}" if reply else ""))
        self.status = status


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    """A redirect is an error: credentials never follow it to another address."""

    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


_OPENER = urllib.request.build_opener(_NoRedirects())


def post(lrs: Lrs, batch: Sequence[Mapping[str, Any]]) -> int:
    """POST one batch; returns the HTTP status (200 or 204). Raises Transient or Refused."""
    body = json.dumps(list(batch), ensure_ascii=False, allow_nan=False).encode("utf-8")
    headers = {"Content-Type": "application/json", "X-Experience-API-Version": XAPI_VERSION}
    if lrs.authorization:
        headers["Authorization"] = lrs.authorization
    request = urllib.request.Request(lrs.url, data=body, headers=headers, method="POST")
    try:
        with _OPENER.open(request, timeout=lrs.timeout) as response:
            response.read()
            return int(response.status)
    except urllib.error.HTTPError as error:
        reply = _reply(error)
        if error.code in TRANSIENT:
            raise Transient(f"the LRS answered HTTP {error.code}", _retry_after(error)) from None
        raise Refused(error.code, reply) from None
    except (urllib.error.URLError, OSError, http.client.HTTPException) as error:
        reason = getattr(error, "reason", None) or error
        raise Transient(f"cannot reach {lrs.url}: {reason}") from None


def _reply(error: urllib.error.HTTPError) -> str:
    try:
        text = error.read(600).decode("utf-8", "replace")
    except OSError:
        return ""
    return " ".join(text.split())[:300]


def _retry_after(error: urllib.error.HTTPError) -> float | None:
    try:
        return min(60.0, max(0.0, float(error.headers.get("Retry-After", ""))))
    except ValueError:
        return None


@dataclass
class Flush:
    """What one send did."""

    sent: int = 0
    """Statements the LRS accepted (or already held: it stores each id once)."""
    batches: int = 0
    rejected: list[str] = field(default_factory=list)
    """One line per batch the LRS refused and that was set aside in `rejected/`."""
    waiting: int = 0
    """Statements still in the outbox after this send."""
    problem: str | None = None
    """Why sending stopped before the outbox was empty (network down, credentials refused)."""


class Outbox:
    """The batches waiting for one LRS: `<root>/<key>/*.json`, sent oldest first."""

    def __init__(self, lrs: Lrs, root: Path | None = None) -> None:
        self.lrs = lrs
        self.folder = (root if root is not None else outbox_root()) / lrs.key

    def add(self, statements: Sequence[Mapping[str, Any]], batch_size: int = BATCH_SIZE) -> int:
        """Queue `statements` in batches of `batch_size`; returns how many batches were new (the
        same batch already waiting is not queued twice)."""
        added = 0
        for start in range(0, len(statements), batch_size):
            chunk = list(statements[start : start + batch_size])
            digest = _digest(chunk)
            if self.folder.is_dir() and any(self.folder.glob(f"*-{digest}.json")):
                continue
            text = json.dumps(
                {
                    "format": OUTBOX_FORMAT,
                    "version": 1,
                    "endpoint": self.lrs.url,
                    "statements": chunk,
                },
                ensure_ascii=False,
                allow_nan=False,
            )
            atomic_write(self.folder / f"{time.time_ns():020d}-{digest}.json", text)
            added += 1
        return added

    def pending(self) -> list[Path]:
        """The batch files waiting, oldest first."""
        if not self.folder.is_dir():
            return []
        return sorted(p for p in self.folder.glob("*.json") if not p.name.startswith("."))

    def waiting(self) -> int:
        """Statements waiting (unreadable batch files count as none)."""
        total = 0
        for path in self.pending():
            try:
                total += len(_batch(path))
            except ValueError:
                continue
        return total

    def flush(
        self,
        *,
        retries: int = RETRIES,
        pause: float | None = None,
        sleep: Callable[[float], None] = time.sleep,
        send: Callable[[Lrs, Sequence[Mapping[str, Any]]], int] = post,
    ) -> Flush:
        """Send every waiting batch, oldest first, until the outbox is empty or the LRS cannot be
        reached or refuses the credentials."""
        result = Flush()
        pause = PAUSE if pause is None else pause
        for path in self.pending():
            try:
                batch = _batch(path)
            except ValueError as error:
                result.rejected.append(self._set_aside(path, None, f"not a batch Yesable wrote: {error}"))
                continue
            try:
                _send_with_retries(self.lrs, batch, retries, pause, sleep, send)
            except Transient as error:
                result.problem = f"{error} (tried {retries + 1} times)"
                break
            except Refused as error:
                if error.status not in BATCH_REJECTED:
                    result.problem = _refusal(self.lrs, error)
                    break
                result.rejected.append(self._set_aside(path, batch, str(error)))
                continue
            path.unlink(missing_ok=True)
            result.sent += len(batch)
            result.batches += 1
        result.waiting = self.waiting()
        return result

    def _set_aside(self, path: Path, batch: list[Any] | None, why: str) -> str:
        target = self.folder / "rejected" / path.name
        note = {
            "format": OUTBOX_FORMAT,
            "version": 1,
            "endpoint": self.lrs.url,
            "rejected": why,
            "statements": batch,
        }
        try:
            atomic_write(
                target,
                json.dumps(note, ensure_ascii=False) if batch is not None else path.read_text(),
            )
            path.unlink(missing_ok=True)
        except (OSError, UnicodeDecodeError):
            path.replace(target)
        return f"{target}: {len(batch or [])} statements set aside: {why}"


def _send_with_retries(
    lrs: Lrs,
    batch: Sequence[Mapping[str, Any]],
    retries: int,
    pause: float,
    sleep: Callable[[float], None],
    send: Callable[[Lrs, Sequence[Mapping[str, Any]]], int],
) -> None:
    for attempt in range(retries + 1):
        try:
            send(lrs, batch)
            return
        except Transient as error:
            if attempt == retries:
                raise
            sleep(error.retry_after if error.retry_after is not None else pause * 2**attempt)


def _refusal(lrs: Lrs, error: Refused) -> str:
    if error.status in (401, 403):
        how = f"check {ENV_USER} and {ENV_PASSWORD} (or {ENV_TOKEN})"
        return f"the LRS refused the credentials ({error}): {how}"
    if 300 <= error.status < 400:
        return f"{lrs.url} redirects ({error}): give the address it redirects to"
    return f"{lrs.url} refused the statements ({error}): is this the LRS's xAPI endpoint?"


def _digest(batch: Sequence[Mapping[str, Any]]) -> str:
    """Names a batch by its whole content: the same statements again are the same batch."""
    text = json.dumps(list(batch), sort_keys=True, ensure_ascii=False, allow_nan=False)
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def _batch(path: Path) -> list[Any]:
    try:
        data = read_json_file(path)
    except UnreadableJson as error:
        raise ValueError(str(error)) from None
    if not isinstance(data, dict) or data.get("format") != OUTBOX_FORMAT:
        raise ValueError("no outbox header")
    statements = data.get("statements")
    if not isinstance(statements, list) or not all(isinstance(s, dict) for s in statements):
        raise ValueError("no list of statements")
    return statements


def send_statements(outbox: Outbox, statements: Iterable[Mapping[str, Any]], batch_size: int = BATCH_SIZE) -> Flush:
    """Queue `statements` and send everything the outbox holds (earlier batches first)."""
    outbox.add(list(statements), batch_size)
    return outbox.flush()
