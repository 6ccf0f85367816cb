"""``stratui`` opens the terminal app, as a user starts it: a real process on a terminal.

The Pilot tests build the app in the test's process; these start ``python -m stratui``
on a pseudo-terminal of 80x24, wait for the screen to show what it should, and quit with
ctrl+q, so the path from the command line to the drawn app (every import on the way) is
the one a user's shell takes.
"""

from __future__ import annotations

import fcntl
import os
import pty
import select
import struct
import subprocess
import sys
import termios
import time
from pathlib import Path

import pytest

WAIT = 60.0  # seconds a start may take on a busy 2-core machine


def _start(args: list[str], env: dict[str, str], cwd: Path) -> tuple[subprocess.Popen, int]:
    """``python -m stratui ARGS`` on a new 80x24 pseudo-terminal; the process and the
    terminal's file descriptor (what the app draws is read from it)."""
    main, child = pty.openpty()
    fcntl.ioctl(child, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    process = subprocess.Popen(
        [sys.executable, "-m", "stratui", *args],
        stdin=child,
        stdout=child,
        stderr=child,
        env={**env, "TERM": "xterm-256color", "COLUMNS": "80", "LINES": "24"},
        cwd=cwd,
        start_new_session=True,
    )
    os.close(child)
    return process, main


def _read_until(fd: int, wanted: bytes, process: subprocess.Popen) -> bytes:
    """What the terminal received until ``wanted`` appears (fails after :data:`WAIT`)."""
    seen = b""
    deadline = time.monotonic() + WAIT
    while wanted not in seen:
        left = deadline - time.monotonic()
        assert left > 0 and process.poll() is None, seen[-2000:].decode("utf-8", "replace")
        ready, _, _ = select.select([fd], [], [], min(left, 0.5))
        if ready:
            try:
                seen += os.read(fd, 65536)
            except OSError:  # the app has gone: the terminal is closed
                break
    return seen


def _quit(process: subprocess.Popen, fd: int) -> int:
    os.write(fd, b"\x11")  # ctrl+q
    try:
        return process.wait(timeout=WAIT)
    finally:
        if process.poll() is None:
            process.kill()
        os.close(fd)


@pytest.mark.parametrize(
    ("args", "shown"),
    [
        ([], b"This week"),
        (["review", "weekly"], b"Weekly review"),
        (["review", "retro", "--team", "Platform"], b"Retrospective"),
        (["review", "retro", "--team", "Platform", "--facilitate"], b"Retrospective"),
    ],
)
def test_the_app_starts_on_a_terminal_and_quits(run, store, user_env, tmp_path, args, shown):
    assert run("person", "add", "ana").returncode == 0
    assert run("team", "add", "Platform", "--members", "ana").returncode == 0
    env = {**user_env, "STRATUI_DB": str(store), "STRATUI_CONFIG_DIR": str(tmp_path / "cfg")}
    process, fd = _start(args, env, tmp_path)
    try:
        screen = _read_until(fd, shown, process)
        assert b"Traceback" not in screen
    except BaseException:
        process.kill()
        process.wait()
        os.close(fd)
        raise
    assert _quit(process, fd) == 0
