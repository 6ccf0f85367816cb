"""A real ``stratui serve`` process for the tests, and what they look at around it.

:class:`Served` starts ``python -m stratui --db STORE serve --port 0 ...`` (any free
port), reads the ``NAME URL`` links it prints, and stops it with SIGINT (as Ctrl+C
does) at the end. :func:`children` lists the processes it started, from ``/proc``.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

TODAY = "2026-11-22"


def children(pid: int) -> list[int]:
    """The live (not zombie) processes whose parent is ``pid``."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        fields = stat.rpartition(")")[2].split()
        if fields[1] == str(pid) and fields[0] != "Z":
            found.append(int(entry.name))
    return found


def wait_until(check, timeout: float, what: str):
    """Poll ``check`` until it returns something true; fail naming ``what``."""
    deadline = time.monotonic() + timeout
    while True:
        value = check()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"not within {timeout} s: {what}")
        time.sleep(0.05)


def store_env(store: Path, me: str = "ana") -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("STRATUI_")}
    env.update(STRATUI_DB=str(store), STRATUI_TODAY=TODAY, STRATUI_ME=me)
    env.pop("TEXTUAL_DRIVER", None)
    return env


def stratui(store: Path, *args: str, me: str = "ana") -> str:
    """Run a stratui command on ``store``; its stdout (it must succeed)."""
    done = subprocess.run(
        [sys.executable, "-m", "stratui", *args],
        capture_output=True,
        text=True,
        env=store_env(store, me),
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


class Served:
    """``stratui serve`` on ``store`` with ``args``, as a context manager."""

    def __init__(self, store: Path, *args: str) -> None:
        self.store = store
        self.args = args
        self.links: dict[str, str] = {}
        self.process: subprocess.Popen | None = None
        self.log = ""

    def __enter__(self) -> Served:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "stratui", "serve", "--port", "0", *self.args],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=store_env(self.store),
        )
        assert self.process.stderr is not None and self.process.stdout is not None
        first = self.process.stderr.readline()  # printed once the links are out
        assert first.startswith("stratui serve: "), first + self.process.stderr.read()
        count = int(first.split()[2])
        for _ in range(count):
            name, url = self.process.stdout.readline().rstrip("\n").rsplit(" ", 1)
            self.links[name] = url
        return self

    def __exit__(self, *exc) -> None:
        assert self.process is not None
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                raise
        for stream in (self.process.stdout, self.process.stderr):
            if stream is not None:
                if stream is self.process.stderr:
                    self.log = stream.read()
                stream.close()
        if exc[0] is None:
            assert "Traceback" not in self.log, self.log  # every request answered cleanly

    @property
    def pid(self) -> int:
        assert self.process is not None
        return self.process.pid

    @property
    def base(self) -> str:
        url = next(iter(self.links.values()))
        parts = urlsplit(url)
        return f"{parts.scheme}://{parts.netloc}"

    def token(self, name: str) -> str:
        return parse_qs(urlsplit(self.links[name]).query)["token"][0]
