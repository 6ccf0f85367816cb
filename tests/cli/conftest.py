"""Fixtures of the command-line tests: the CLI run as a user runs it.

``run`` starts ``python -m stratui --db <tmp>/store ...`` in a real process, with today
pinned to Sunday 2026-11-22 (ISO week 2026-W47) and ``me`` set to ana. ``cli`` calls
``stratui.cli.main`` in this process under the same environment, for the many small
cases where a process each would make the suite slow; both return the same
:class:`subprocess.CompletedProcess`, and both refuse a traceback on stderr.
"""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest

from stratui import cli as cli_module

from ._support import ME, TODAY


@pytest.fixture
def store(tmp_path: Path) -> Path:
    """Where the tests' store lives; it does not exist until a command writes to it."""
    return tmp_path / "store"


@pytest.fixture
def user_env(tmp_path: Path) -> dict[str, str]:
    """The environment of a user's shell: today and me pinned, no STRATUI_DB."""
    env = {
        k: v for k, v in os.environ.items() if not k.startswith("STRATUI_") and k != "XDG_DATA_HOME"
    }
    env.update(STRATUI_TODAY=TODAY, STRATUI_ME=ME, HOME=str(tmp_path / "home"))
    return env


@pytest.fixture
def run(tmp_path: Path, store: Path, user_env: dict[str, str]):
    """``run(*args, input=None, db=True, cwd=None, env=None)``: stratui in a subprocess.

    ``--db <store>`` is put first unless ``db=False``; ``env`` adds to the user's
    environment (a None value removes the variable); the working directory is
    ``tmp_path`` unless ``cwd`` says otherwise.
    """

    def run_cli(
        *args: str,
        input: str | None = None,
        db: bool = True,
        cwd: Path | None = None,
        env: dict[str, str | None] | None = None,
    ) -> subprocess.CompletedProcess:
        argv = [sys.executable, "-m", "stratui"]
        if db:
            argv += ["--db", str(store)]
        done = subprocess.run(
            [*argv, *args],
            input=input,
            capture_output=True,
            text=True,
            encoding="utf-8",
            cwd=cwd or tmp_path,
            env={k: v for k, v in {**user_env, **(env or {})}.items() if v is not None},
            timeout=60,
        )
        assert "Traceback" not in done.stderr, done.stderr
        return done

    return run_cli


@pytest.fixture
def cli(tmp_path: Path, store: Path, monkeypatch, capsys):
    """``cli(*args, input=None)``: ``stratui --db <store> ...`` run by ``main()`` in-process."""
    for name in [k for k in os.environ if k.startswith("STRATUI_")]:
        monkeypatch.delenv(name)
    monkeypatch.setenv("STRATUI_TODAY", TODAY)
    monkeypatch.setenv("STRATUI_ME", ME)
    monkeypatch.chdir(tmp_path)

    def run_main(*args: str, input: str | None = None) -> subprocess.CompletedProcess:
        argv = ["--db", str(store), *args]
        capsys.readouterr()
        if input is not None:
            monkeypatch.setattr(sys, "stdin", io.StringIO(input))
        try:
            code = cli_module.main(argv)
        except SystemExit as stop:  # argparse's own exits: --version, usage errors
            code = 0 if stop.code is None else stop.code if isinstance(stop.code, int) else 1
        out, err = capsys.readouterr()
        assert "Traceback" not in err, err
        return subprocess.CompletedProcess(["stratui", *argv], code, out, err)

    return run_main


@pytest.fixture
def with_ben(cli):
    """``cli`` on a store holding ana (me), ben, and a goal of ana's."""
    assert cli("person", "add", "ben").returncode == 0
    goal = cli("goal", "add", "Grow")
    assert goal.returncode == 0, goal.stderr
    return cli
