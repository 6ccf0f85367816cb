"""``stratui serve``: the app in a browser, one personal link per person.

Prints one line per person, ``NAME URL``, where the URL carries that person's secret
token, then serves until Ctrl+C (which ends every app process it started). Tokens are
new on each start and kept nowhere: restarting revokes every link. See
:mod:`stratui.serve.server` for who gets in and the limits of a shared host.
"""

from __future__ import annotations

import argparse
import asyncio
import ipaddress
import os
import signal
import socket
import sys
from urllib.parse import urlsplit

from stratui.cli import argtypes
from stratui.cli.common import UsageError, open_workspace, options_named, store_path

LOOPBACK_NAMES = ("localhost",)


def define_serve(serve: argparse.ArgumentParser) -> None:
    serve.description = (
        "Serve stratui to browsers on this host: one personal link per person (printed "
        "as NAME URL), each opening the app as that person on this store. Links are new "
        "on each start; Ctrl+C stops every session."
    )
    who = serve.add_mutually_exclusive_group()
    who.add_argument("--team", metavar="T", help="links for the team's members")
    who.add_argument(
        "--people", metavar="A,B", help="links for these people (default: everyone)"
    )
    serve.add_argument(
        "--host",
        default="127.0.0.1",
        type=argtypes.nonempty,
        help="the address to listen on (default 127.0.0.1: this host only)",
    )
    serve.add_argument("--port", default=8000, type=argtypes.port, help="default 8000; 0: any")
    serve.add_argument(
        "--public-url",
        metavar="URL",
        help="the address people reach it at, when behind a proxy (https://...)",
    )
    serve.add_argument(
        "--max-sessions",
        default=30,
        type=argtypes.positive,
        metavar="N",
        help="browser sessions at once (default 30)",
    )
    serve.add_argument(
        "--idle-minutes",
        default=30.0,
        type=argtypes.minutes,
        metavar="M",
        help="end a session untouched for M minutes (default 30)",
    )


def run_serve(args) -> int:
    names = _people(args)
    public_url = _public_url(args.public_url)
    from stratui.serve.access import Passes
    from stratui.serve.server import StratuiServer

    passes = Passes()
    tokens = passes.issue(names)
    server = StratuiServer(
        os.path.abspath(store_path(args.db)),
        passes,
        host=args.host,
        port=args.port,
        public_url=public_url,
        max_sessions=args.max_sessions,
        idle_seconds=args.idle_minutes * 60,
    )

    def ready(port: int) -> None:
        base = public_url or f"http://{_url_host(args.host)}:{port}"
        for name in names:
            print(f"{name} {base}/?token={tokens[name]}", flush=True)
        print(
            f"stratui serve: {len(names)} link{'' if len(names) == 1 else 's'} on {base}, "
            f"store {server.store}; links change on each start; Ctrl+C stops",
            file=sys.stderr,
            flush=True,
        )
        if not _is_loopback(args.host) and not public_url:
            print(
                f"stratui serve: listening on {args.host}, not only this host: anyone who "
                "can reach the port with a link gets in, and links travel unencrypted "
                "(README: an ssh tunnel, or a reverse proxy with TLS)",
                file=sys.stderr,
                flush=True,
            )

    try:
        asyncio.run(_serve(server, ready))
    except OSError as error:
        raise UsageError(
            f"--port: cannot listen on {args.host}:{args.port}: {error.strerror or error}"
        ) from None
    return 0


async def _serve(server, ready) -> None:
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(signum, server.stop)
    await server.run(ready)


def _people(args) -> list[str]:
    """Whom links are for: the team's members, the people named, else everyone."""
    from stratui.usecases import people

    ws = open_workspace(args)
    with options_named({"team": "--team", "person": "--people"}):
        if args.team:
            names = [str(n) for n in people.team(ws, args.team).get("members", ())]
            if not names:
                raise UsageError(f"--team: {args.team} has no members to serve")
            return names
        if args.people:
            wanted = [n.strip() for n in args.people.split(",") if n.strip()]
            if not wanted:
                raise UsageError("--people: expected names separated by commas")
            found = [people.person(ws, name, field="person")["name"] for name in wanted]
            return list(dict.fromkeys(found))
    everyone = [str(p["name"]) for p in people.people(ws)]
    if not everyone:
        raise UsageError("serve: no people in this store yet; add them with stratui person add")
    return everyone


def _public_url(text: str | None) -> str | None:
    if text is None:
        return None
    parts = urlsplit(text.strip())
    if parts.scheme not in ("http", "https") or not parts.netloc or parts.query:
        raise UsageError(f"--public-url: expected http(s)://host[:port][/path], got {text!r}")
    return text.strip().rstrip("/")


def _is_loopback(host: str) -> bool:
    if host in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _url_host(host: str) -> str:
    """The host as a link names it: this machine's name for a wildcard address."""
    if host in ("0.0.0.0", "::", ""):
        return socket.gethostname()
    return f"[{host}]" if ":" in host else host
