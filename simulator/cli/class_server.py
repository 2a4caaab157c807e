"""textual-serve made fit for a class: an access code, an Origin check and a connection cap.

textual-serve alone has no login, accepts websockets from any web page, and starts a process for
every connection. `ClassServer` keeps its page and protocol and adds, in front of them:

- an access code: the page and the websocket answer only a browser that brought the code
  (`/?code=...` once; a cookie after that); anyone else sees a page that asks for it;
- an Origin check: a websocket from a page of another site (any tab open on the trainer's
  machine) is refused, so no other page can drive a session;
- a cap on simultaneous sessions, with a page that says the class is full;
- a page that works offline: textual-serve's page asks Google Fonts for Roboto Mono, which a
  classroom without internet (or a privacy-minded school) never gets; `_offline` drops that link
  and declares the font from the copy textual-serve itself serves under /static/fonts/.

Imported only by `yesable serve`'s `run` (textual-serve and aiohttp are slow to import).
"""

from __future__ import annotations

import hmac
import html
import re
from typing import Any
from urllib.parse import urlsplit

from aiohttp import web
from textual_serve.server import Server

COOKIE = "yesable_code"


class ClassServer(Server):
    def __init__(self, command: str, *, code: str, max_sessions: int, **options: Any) -> None:
        super().__init__(command, **options)
        self.code = code
        self.max_sessions = max_sessions
        self.sessions = 0

    # ------------------------------------------------------------------ checks
    def _has_code(self, request: web.Request) -> bool:
        given = request.query.get("code") or request.cookies.get(COOKIE) or ""
        return hmac.compare_digest(given.encode(), self.code.encode())

    def _origin_ok(self, request: web.Request) -> bool:
        """A browser's websocket carries the page's Origin: it must be this server's own page."""
        origin = request.headers.get("Origin")
        if origin is None:  # not a browser (a script): the code alone decides
            return True
        allowed = {_origin(self.public_url), f"{request.scheme}://{request.host}"}
        return origin.rstrip("/") in allowed

    # ------------------------------------------------------------------ routes
    async def handle_index(self, request: web.Request) -> Any:
        if not self._has_code(request):
            return _page(
                403,
                "Yesable",
                "This class round needs the access code your trainer was given when the round started.",
                form=True,
            )
        response = await _render_index(self, request)
        response.set_cookie(COOKIE, self.code, httponly=True, samesite="Strict")
        return response

    async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
        if not self._has_code(request):
            raise web.HTTPForbidden(text="access code missing or wrong")
        if not self._origin_ok(request):
            raise web.HTTPForbidden(text="this session can only be opened from the round's own page")
        if self.sessions >= self.max_sessions:
            raise web.HTTPServiceUnavailable(
                text=f"the class is full: {self.max_sessions} sessions are open (serve --max-sessions)"
            )
        self.sessions += 1
        try:
            return await super().handle_websocket(request)
        finally:
            self.sessions -= 1


async def _render_index(server: ClassServer, request: web.Request) -> web.StreamResponse:
    """textual-serve's own page (its handler is wrapped by aiohttp_jinja2's template decorator),
    made to load nothing from other sites."""
    response = await Server.handle_index(server, request)
    if isinstance(response, web.Response) and response.text is not None:
        response.text = _offline(response.text, server.public_url)
    return response


_LINK = re.compile(r"<link\b[^>]*\bhref=\s*[\"']?([^\"'\s>]+)[^>]*>", re.IGNORECASE)
_FONT_FACE = """<style>
@font-face { font-family: "Roboto Mono"; font-style: normal; font-weight: 100 700;
  src: url("/static/fonts/RobotoMono-VariableFont_wght.ttf") format("truetype"); }
@font-face { font-family: "Roboto Mono"; font-style: italic; font-weight: 100 700;
  src: url("/static/fonts/RobotoMono-Italic-VariableFont_wght.ttf") format("truetype"); }
</style>
"""


def _offline(page: str, own: str) -> str:
    """The page without links to other sites than `own` (this server's address), its font
    served by this server."""

    def keep_own(link: re.Match[str]) -> str:
        href = link.group(1)
        elsewhere = href.startswith("//") or (urlsplit(href).scheme != "" and not href.startswith(own + "/"))
        return "" if elsewhere else link.group(0)

    return _LINK.sub(keep_own, page).replace("</head>", _FONT_FACE + "</head>", 1)


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def _page(status: int, title: str, text: str, form: bool = False) -> web.Response:
    body = f"<p>{html.escape(text)}</p>"
    if form:
        body += (
            '<form method="get"><label>Access code <input name="code" autofocus autocomplete="off">'
            "</label> <button>Join</button></form>"
        )
    page = (
        f"<!doctype html><html><head><meta charset='utf-8'><title>{html.escape(title)}</title></head>"
        f"<body style='font-family: sans-serif; margin: 3em'><h1>{html.escape(title)}</h1>{body}</body></html>"
    )
    return web.Response(status=status, text=page, content_type="text/html")
