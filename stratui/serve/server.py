"""The web server of ``stratui serve``: textual-serve, with personal links and limits.

textual-serve runs one app process per browser connection; this subclass decides who
may open one and keeps a shared host in order:

* **Who.** The page (``/?token=T``) and its websocket (``/ws/T``) answer only a valid
  personal token (:class:`~stratui.serve.access.Passes`); anything else is HTTP 403 and
  starts no process (textual-serve's own ``/ws`` is refused too). Each app process runs
  as the token's person (``STRATUI_ME``) on the served store.
* **How many.** At most ``max_sessions`` app processes at once; the next person gets a
  page saying so (HTTP 503) and no process.
* **How long.** A session with no key, click or resize from its browser for
  ``idle_seconds`` ends; a browser that went away ends its session (the socket closes,
  or the heartbeat finds it gone). An app that does not quit when told is killed, so no
  process is left behind; stopping the server ends every session it started.
* **Quiet about secrets.** No access log (it would print the token in every URL); the
  server's own lines name people and sessions, never a token.

Tokens and the ``NAME URL`` lines are the command line's (:mod:`stratui.cli.serve`).
"""

from __future__ import annotations

import asyncio
import contextlib
import html
import shlex
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import aiohttp_jinja2
from aiohttp import WSMsgType, web
from textual_serve.app_service import AppService
from textual_serve.server import Server, to_int

from stratui.serve.access import Passes

ACTIVE = ("stdin", "resize", "focus")
"""Messages from a browser that show someone is there (a ping does not)."""

QUIT_SECONDS = 5.0
"""How long an app has to quit when its session ends before it is killed."""


def _say(line: str) -> None:
    """One line of the server's own log, on stderr (stdout holds the links)."""
    print(line, file=sys.stderr, flush=True)


class PersonalApp(AppService):
    """One person's app process: textual-serve's, run as that person."""

    def __init__(self, command: str, person: str, store: str, **options: Any) -> None:
        super().__init__(command, **options)
        self.person = person
        self.store = store

    def _build_environment(self, width: int = 80, height: int = 24) -> dict[str, str]:
        environment = super()._build_environment(width, height)
        environment["STRATUI_ME"] = self.person
        environment["STRATUI_DB"] = self.store
        return environment

    @property
    def pid(self) -> int | None:
        return self._process.pid if self._process is not None else None

    async def end(self) -> None:
        """Tell the app to quit, and kill it if it has not within :data:`QUIT_SECONDS`."""
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self.stop(), QUIT_SECONDS)
        process = self._process
        if process is not None and process.returncode is None:
            with contextlib.suppress(ProcessLookupError):
                process.kill()
            await process.wait()


@dataclass
class Session:
    """One browser connection and its app process."""

    person: str
    app: PersonalApp
    websocket: web.WebSocketResponse
    last_active: float = field(default_factory=time.monotonic)


class StratuiServer(Server):
    """textual-serve's server for one store, behind personal links (see the module)."""

    def __init__(
        self,
        store: str,
        passes: Passes,
        *,
        host: str = "127.0.0.1",
        port: int = 8000,
        public_url: str | None = None,
        max_sessions: int = 30,
        idle_seconds: float = 30 * 60,
    ) -> None:
        command = f"exec {shlex.quote(sys.executable)} -m stratui --db {shlex.quote(store)}"
        super().__init__(command, host=host, port=port, title="stratui", public_url=public_url)
        self.store = store
        self.passes = passes
        self.max_sessions = max_sessions
        self.idle_seconds = idle_seconds
        self.fixed_url = public_url
        self.sessions: dict[str, Session] = {}
        self._stop = asyncio.Event()

    # -- routes ------------------------------------------------------------------------

    async def _make_app(self) -> web.Application:
        app = await super()._make_app()
        app.router.add_get("/ws/{token}", self.handle_session, name="session")
        return app

    async def handle_index(self, request: web.Request) -> web.StreamResponse:  # type: ignore[override]
        """The app's page for a valid personal link; 403 without one, 503 when full."""
        token = request.query.get("token")
        if self.passes.person_of(token) is None:
            return _refused(403, "This link is not valid (any more). Ask for a new one.")
        if len(self.sessions) >= self.max_sessions:
            return _full(self.max_sessions)
        base = self._base_url(request)
        path = request.app.router["session"].url_for(token=str(token))
        websocket = ("wss:" if base.startswith("https:") else "ws:") + base.partition(":")[2]
        static = request.app.router["static"].url_for(filename="/")
        context = {
            "font_size": to_int(request.query.get("fontsize", "16"), 16),
            "app_websocket_url": f"{websocket}{path}",
            "config": {"static": {"url": f"{base}{str(static).rstrip('/')}/"}},
            "application": {"name": "stratui"},
            "ping_url": "",
        }
        response = aiohttp_jinja2.render_template("app_index.html", request, context)
        response.headers["Cache-Control"] = "no-store"  # the page holds the token
        response.headers["Referrer-Policy"] = "no-referrer"
        return response

    async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
        """textual-serve's own websocket, which knows no one: refused."""
        raise web.HTTPForbidden(text="stratui serve: open your personal link")

    async def handle_session(self, request: web.Request) -> web.StreamResponse:
        """One person's session: their app process, for as long as the page is open."""
        person = self.passes.person_of(request.match_info.get("token"))
        if person is None:
            raise web.HTTPForbidden(text="stratui serve: this link is not valid")
        if len(self.sessions) >= self.max_sessions:
            raise web.HTTPServiceUnavailable(text="stratui serve: every session is in use")
        websocket = web.WebSocketResponse(heartbeat=15)
        if not websocket.can_prepare(request).ok:
            raise web.HTTPBadRequest(text="stratui serve: open your personal link in a browser")
        app = PersonalApp(
            self.command,
            person,
            self.store,
            write_bytes=websocket.send_bytes,
            write_str=websocket.send_str,
            close=websocket.close,
            download_manager=self.download_manager,
            debug=self.debug,
        )
        session = Session(person, app, websocket)
        self.sessions[app.app_service_id] = session  # counted before the first await
        try:
            await websocket.prepare(request)
            width = to_int(request.query.get("width", "80"), 80)
            height = to_int(request.query.get("height", "24"), 24)
            await app.start(width, height)
            _say(f"{person}: session started ({len(self.sessions)} of {self.max_sessions})")
            gone = asyncio.create_task(self._close_when_app_ends(session))
            try:
                why = await self._follow(session)
            finally:
                gone.cancel()
            _say(f"{person}: session ended ({why})")
        except (asyncio.CancelledError, ConnectionError):
            pass
        finally:
            del self.sessions[app.app_service_id]
            await app.end()
            if websocket.prepared:
                await websocket.close()
        return websocket

    # -- a session ---------------------------------------------------------------------

    async def _follow(self, session: Session) -> str:
        """Pass the browser's keys and sizes to the app until the page goes away, the
        app quits or no one has touched it for ``idle_seconds``; returns which."""
        websocket, app = session.websocket, session.app
        while True:
            left = session.last_active + self.idle_seconds - time.monotonic()
            if left <= 0:
                return "idle"
            try:
                message = await websocket.receive(timeout=left)
            except TimeoutError:
                return "idle"
            if message.type in (WSMsgType.CLOSE, WSMsgType.CLOSING, WSMsgType.CLOSED):
                return "closed"
            if message.type == WSMsgType.ERROR:
                return "connection lost"
            if message.type != WSMsgType.TEXT:
                continue
            try:
                envelope = message.json()
            except ValueError:
                continue  # not ours to read: the page speaks JSON
            if not isinstance(envelope, list) or len(envelope) < 2:
                continue
            kind = envelope[0]
            if kind in ACTIVE:
                session.last_active = time.monotonic()
            if kind == "stdin":
                await app.send_bytes(str(envelope[1]).encode("utf-8"))
            elif kind == "resize" and isinstance(envelope[1], dict):
                size = envelope[1]
                await app.set_terminal_size(int(size["width"]), int(size["height"]))
            elif kind == "ping":
                await websocket.send_json(["pong", envelope[1]])
            elif kind == "blur":
                await app.blur()
            elif kind == "focus":
                await app.focus()

    async def _close_when_app_ends(self, session: Session) -> None:
        """The app process ended by itself (quit, or crashed): end its page's session."""
        process = session.app._process
        if process is not None:
            await process.wait()
            await session.websocket.close()

    def _base_url(self, request: web.Request) -> str:
        """Where the browser reached us: ``--public-url``, else the request's own host."""
        if self.fixed_url:
            return self.fixed_url.rstrip("/")
        return f"{request.scheme}://{request.host}"

    # -- running -----------------------------------------------------------------------

    async def on_startup(self, app: web.Application) -> None:
        """Nothing to print: the command line prints the links once the port is bound."""

    async def on_shutdown(self, app: web.Application) -> None:
        """End every session: each page is told, each app quits or is killed."""
        for session in list(self.sessions.values()):
            await session.websocket.close(code=1001, message=b"stratui serve stopped")

    async def run(self, ready: Callable[[int], None]) -> None:
        """Serve until :meth:`stop`; ``ready`` is called with the port once it is bound.

        Raises:
            OSError: the address cannot be bound (in use, not ours).
        """
        runner = web.AppRunner(await self._make_app(), access_log=None, handle_signals=False)
        await runner.setup()
        try:
            await web.TCPSite(runner, self.host, self.port).start()
            bound = [a for a in runner.addresses if isinstance(a, tuple)]
            ready(int(bound[0][1]) if bound else self.port)
            await self._stop.wait()
        finally:
            await runner.cleanup()

    def stop(self) -> None:
        """End :meth:`run` (Ctrl+C, SIGTERM)."""
        self._stop.set()


def _refused(status: int, message: str) -> web.Response:
    page = (
        "<!DOCTYPE html><html><head><meta charset='utf-8'><title>stratui</title></head>"
        f"<body><h1>stratui</h1><p>{html.escape(message)}</p></body></html>"
    )
    return web.Response(status=status, text=page, content_type="text/html")


def _full(limit: int) -> web.Response:
    return _refused(
        503,
        f"All {limit} sessions of this stratui are in use. Try again when someone leaves, "
        "or ask whoever runs it to raise --max-sessions.",
    )
