"""A team sharing a store through a real git repository, for the sync tests.

The remote is a bare repository in the test's directory; each :class:`Member` is a clone
of it with the store in ``<clone>/store``. Members run stratui as a user does, in a
subprocess (``python -m stratui --db <clone>/store ...``), so git really runs the merge
driver that ``stratui sync setup`` configured. Actions the command line has no command for
(delete, carry over, a weekly review) go through the same services the TUI calls.

Git's identity, its global configuration and "today" are pinned: ``HOME`` is a directory
of the test, so the machine's own git configuration never leaks in.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

TODAY = "2026-11-22"  # a Sunday of 2026-W47, as in tests/cli
MONDAY, TUESDAY = "2026-11-23", "2026-11-24"  # later days: their edits are newer
THIS_WEEK = "2026-W47"


def git_environment(home: Path) -> dict[str, str]:
    """The environment of a user's shell: git identity pinned, nothing global leaking in."""
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("STRATUI_", "GIT_")) and k != "XDG_CONFIG_HOME"
    }
    home.mkdir(parents=True, exist_ok=True)
    (home / ".gitconfig").write_text(
        "[init]\n\tdefaultBranch = main\n[advice]\n\tdetachedHead = false\n", encoding="utf-8"
    )
    env.update(
        HOME=str(home),
        XDG_CONFIG_HOME=str(home / ".config"),
        GIT_CONFIG_NOSYSTEM="1",
        GIT_TERMINAL_PROMPT="0",
        GIT_AUTHOR_NAME="Test Author",
        GIT_AUTHOR_EMAIL="author@example.com",
        GIT_COMMITTER_NAME="Test Committer",
        GIT_COMMITTER_EMAIL="committer@example.com",
        STRATUI_TODAY=TODAY,
    )
    return env


def git(cwd: Path, *args: str, env: dict[str, str], check: bool = True) -> str:
    """Run git in ``cwd``; its stdout (the test fails with git's words if it fails)."""
    done = subprocess.run(
        ["git", *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=60
    )
    if check:
        assert done.returncode == 0, (args, done.stdout, done.stderr)
    return done.stdout


class Member:
    """One person of the team, with a clone of the team's repository."""

    def __init__(self, name: str, clone: Path, env: dict[str, str]) -> None:
        self.name, self.clone = name, clone
        self.store = clone / "store"
        self.env = {**env, "STRATUI_ME": name}

    def run(self, *args: str, today: str = TODAY) -> subprocess.CompletedProcess:
        """``stratui --db <store> ARGS`` in a subprocess, as this person, on ``today``."""
        done = subprocess.run(
            [sys.executable, "-m", "stratui", "--db", str(self.store), *args],
            cwd=self.clone,
            env={**self.env, "STRATUI_TODAY": today},
            capture_output=True,
            text=True,
            encoding="utf-8",
            timeout=120,
        )
        assert "Traceback" not in done.stderr, done.stderr
        return done

    def ok(self, *args: str, today: str = TODAY) -> str:
        """Run a command that must succeed; its stdout."""
        done = self.run(*args, today=today)
        assert done.returncode == 0, (args, done.stdout, done.stderr)
        return done.stdout

    def git(self, *args: str, check: bool = True) -> str:
        return git(self.clone, *args, env=self.env, check=check)

    def log(self, title: str, *options: str, today: str = TODAY) -> str:
        """Log a commitment; its id."""
        return self.ok("log", title, *options, today=today).strip()

    def commitments(self) -> dict[str, dict]:
        """Every live commitment, by id, as ``stratui list --all --json`` prints them."""
        return {r["id"]: r for r in json.loads(self.ok("list", "--all", "--json"))}

    def app(self, today: str = TODAY):
        """The services the TUI calls, on this person's store, on ``today``."""
        from stratui.clock import Clock
        from stratui.store.store import Store
        from stratui.usecases.workspace import Workspace

        return Workspace(Store.at(str(self.store)), Clock(dt.date.fromisoformat(today)))

    def sync(self) -> str:
        """``stratui sync``, which must succeed; its stdout."""
        return self.ok("sync")

    def check(self) -> None:
        """``stratui check`` passes."""
        done = self.run("check")
        assert done.returncode == 0, done.stderr
        assert "is sound" in done.stdout

    def fingerprint(self) -> dict[str, str]:
        """SHA-256 of every store file (``.stratui/`` excluded: it is this machine's)."""
        return {
            str(path.relative_to(self.store)): hashlib.sha256(path.read_bytes()).hexdigest()
            for path in sorted(self.store.rglob("*"))
            if path.is_file() and ".stratui" not in path.relative_to(self.store).parts
        }

    def no_conflict_markers(self) -> None:
        """No file of the clone (outside .git) holds a conflict marker."""
        for path in self.clone.rglob("*"):
            if path.is_file() and ".git" not in path.relative_to(self.clone).parts[:1]:
                text = path.read_bytes()
                for marker in (b"<<<<<<<", b">>>>>>>", b"\n=======\n"):
                    assert marker not in text, path


class Team:
    """A bare remote and the members who clone it."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.env = git_environment(root / "home")
        self.remote = root / "remote.git"
        git(root, "init", "--bare", "-q", str(self.remote), env=self.env)

    def clone(self, name: str) -> Member:
        """A new member: ``git clone`` of the team's repository into ``<root>/<name>``."""
        git(self.root, "clone", "-q", str(self.remote), name, env=self.env)
        return Member(name, self.root / name, self.env)

    def founded(self, lead: str = "lea") -> Member:
        """The lead clones the empty repository, sets the store up with the team's people
        (the lead, ana, ben and carl) and shares it."""
        member = self.clone(lead)
        member.ok("sync", "setup")
        for name in (lead, "ana", "ben", "carl"):
            member.ok("person", "add", name)
        member.sync()
        return member
