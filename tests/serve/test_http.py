"""``stratui serve`` over HTTP, against a real server process on 127.0.0.1: who gets in
(a personal link, and nothing else), that each session is an app process running as its
person, and the limits of a shared host (the cap, the idle timeout, Ctrl+C).

The browser's side is played by aiohttp's websocket client, which speaks what the page
speaks (``["stdin", keys]``); tests/serve/test_browser.py opens a real browser.
"""

from __future__ import annotations

import asyncio
import os
import re
import signal
import socket
import subprocess
import sys
import urllib.error
import urllib.request

import aiohttp
import pytest

from ._served import Served, children, store_env, stratui, wait_until

ESCAPES = re.compile(rb"\x1b(\[[0-9;?<>=$]*[ -/]*[@-~]|\][^\x07]*\x07|[()][0-9A-Za-z])")


@pytest.fixture
def store(tmp_path):
    store = tmp_path / "store"
    for name in ("ana", "ben", "cy"):
        stratui(store, "person", "add", name)
    stratui(store, "team", "add", "Platform", "--members", "ana,ben")
    return store


def status(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as answer:
            return answer.status, answer.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def screen_text(data: bytes) -> str:
    """What the app drew, escape sequences taken out, on one line."""
    return " ".join(ESCAPES.sub(b" ", data).decode("utf-8", "replace").split())


async def session(url: str, *, until: str, then=None, timeout: float = 30) -> str:
    """Open a session as the page does; read the screen until ``until`` is on it; then
    ``await then(websocket)`` if given. Returns the screen text read."""
    received = bytearray()
    async with (
        aiohttp.ClientSession() as client,
        client.ws_connect(f"{url}?width=100&height=30") as websocket,
    ):
        async with asyncio.timeout(timeout):
            while until not in screen_text(bytes(received)):
                message = await websocket.receive()
                if message.type == aiohttp.WSMsgType.BINARY:
                    received.extend(message.data)
                elif message.type != aiohttp.WSMsgType.TEXT:
                    break
        if then is not None:
            await then(websocket)
    return screen_text(bytes(received))


def ws_url(served: Served, name: str) -> str:
    return served.base.replace("http", "ws", 1) + "/ws/" + served.token(name)


def test_no_token_or_a_wrong_one_gets_403_and_no_process(store):
    with Served(store) as served:
        assert sorted(served.links) == ["ana", "ben", "cy"]  # everyone, by default
        right = served.token("ana")
        for path in (
            "/",
            "/?token=",
            "/?token=wrong",
            f"/?token={right[:-1]}",
            f"/?token={right}x",
            "/ws",
            "/ws/wrong",
        ):
            code, _page = status(served.base + path)
            assert code == 403, path
        assert children(served.pid) == []
    assert right not in served.log  # the server never echoes a token


def test_a_link_of_someone_no_longer_served_is_refused(store):
    with Served(store, "--people", "ana,ben") as first:
        old_ana, old_ben = first.links["ana"], first.links["ben"]
    with Served(store, "--people", "ana") as served:
        assert list(served.links) == ["ana"]
        port = served.base
        for old in (old_ana, old_ben):
            code, _page = status(port + "/?" + old.partition("?")[2])
            assert code == 403  # links change on each start: a restart revokes them
        assert status(served.links["ana"])[0] == 200
        assert children(served.pid) == []


def test_a_valid_link_runs_the_app_as_that_person(store):
    with Served(store, "--team", "Platform") as served:
        code, page = status(served.links["ben"])
        assert code == 200
        assert f"/ws/{served.token('ben')}" in page
        assert children(served.pid) == []  # the page alone starts nothing
        code, _said = status(served.base + "/ws/" + served.token("ben"))  # not a websocket
        assert code == 400
        assert children(served.pid) == []

        async def while_open(_websocket) -> None:
            assert len(children(served.pid)) == 1

        screen = asyncio.run(session(ws_url(served, "ben"), until="stratui · ben", then=while_open))
        assert "stratui · ben" in screen  # the header names who this session is
        wait_until(lambda: children(served.pid) == [], 15, "the app process ends with its page")


def test_sessions_beyond_the_cap_get_a_page_saying_so(store):
    with Served(store, "--max-sessions", "1") as served:

        async def second_person(_websocket) -> None:
            code, page = await asyncio.to_thread(status, served.links["cy"])
            assert code == 503
            assert "All 1 sessions of this stratui are in use" in page
            async with aiohttp.ClientSession() as client:
                with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
                    await client.ws_connect(ws_url(served, "cy"))
            assert refused.value.status == 503
            assert len(children(served.pid)) == 1

        asyncio.run(session(ws_url(served, "ana"), until="stratui · ana", then=second_person))
        wait_until(lambda: children(served.pid) == [], 15, "the session's process ends")
        assert status(served.links["cy"])[0] == 200  # a place is free again


def test_an_idle_session_ends_and_leaves_no_process(store):
    with Served(store, "--idle-minutes", "0.04") as served:  # 2.4 s

        async def stay_idle(websocket) -> None:
            async with asyncio.timeout(20):
                while not websocket.closed:
                    await websocket.receive()

        asyncio.run(session(ws_url(served, "ana"), until="stratui · ana", then=stay_idle))
        wait_until(lambda: children(served.pid) == [], 15, "the idle session's process ends")
    assert "ana: session ended (idle)" in served.log


def test_ctrl_c_ends_every_session_it_started(store):
    with Served(store) as served:
        started: list[int] = []

        async def stop_the_server(websocket) -> None:
            started.extend(children(served.pid))
            served.process.send_signal(signal.SIGINT)
            async with asyncio.timeout(20):
                while not websocket.closed:
                    await websocket.receive()

        asyncio.run(session(ws_url(served, "ben"), until="stratui · ben", then=stop_the_server))
        assert served.process.wait(timeout=20) == 0
    assert len(started) == 1
    assert not os.path.exists(f"/proc/{started[0]}") or _zombie(started[0])


def _zombie(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().rpartition(")")[2].split()[0] == "Z"
    except OSError:
        return True


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--people", "ana,zed"), "--people: no person named 'zed'"),
        (("--team", "Nope"), "--team: no team named 'Nope'"),
        (("--team", "Platform", "--people", "ana"), "not allowed with argument"),
        (("--port", "99999"), "--port: expected a port from 0 to 65535"),
        (("--idle-minutes", "0"), "--idle-minutes: expected a number of minutes above 0"),
        (("--max-sessions", "0"), "--max-sessions: expected a whole number >= 1"),
        (("--public-url", "ftp://x"), "--public-url: expected http(s)://host[:port][/path]"),
    ],
)
def test_bad_options_are_one_line_and_exit_2(store, args, message):
    done = subprocess.run(
        [sys.executable, "-m", "stratui", "serve", *args],
        capture_output=True,
        text=True,
        env=store_env(store),
        timeout=30,
    )
    assert done.returncode == 2
    assert message in done.stderr
    assert len(done.stderr.splitlines()) == 1 and done.stdout == ""


def test_a_port_in_use_is_refused(store):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        done = subprocess.run(
            [sys.executable, "-m", "stratui", "serve", "--port", str(port)],
            capture_output=True,
            text=True,
            env=store_env(store),
            timeout=30,
        )
    assert done.returncode == 2
    assert f"--port: cannot listen on 127.0.0.1:{port}" in done.stderr
    assert done.stdout == ""  # no link printed for a server that is not there
