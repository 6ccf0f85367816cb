"""A real git repository with commits by two people across two weeks, for the look-back."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

needs_git = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")

ANA, BO = ("Ana", "ana@example.org"), ("Bo", "bo@example.org")

COMMITS = (  # (author, author date, subject): TODAY is Sunday 2026-11-22, in 2026-W47
    (ANA, "2026-11-12T10:00:00", "Draft the API (the week before)"),
    (ANA, "2026-11-17T09:30:00", "Fix the [red]login[/red] redirect"),
    (BO, "2026-11-18T11:00:00", "Bo's change in the same week"),
    (ANA, "2026-11-19T16:45:00", "Cache avatar lookups"),
)
OURS = ["Fix the [red]login[/red] redirect", "Cache avatar lookups"]  # Ana's of 2026-W47


def git_repo(folder: Path, commits=COMMITS) -> Path:
    """A repository at ``folder`` whose user.email is Ana's, holding ``commits``."""
    folder.mkdir(parents=True)
    env = {**os.environ, "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}

    def git(*args: str, **extra: str) -> None:
        subprocess.run(["git", "-C", str(folder), *args], check=True, env={**env, **extra})

    git("init", "-q", "-b", "main")
    git("config", "user.email", ANA[1])
    git("config", "user.name", ANA[0])
    for number, ((name, email), date, subject) in enumerate(commits):
        (folder / "work.txt").write_text(f"{number}\n", encoding="utf-8")
        git("add", "work.txt")
        git(
            "commit", "-q", "-m", subject,
            GIT_AUTHOR_NAME=name, GIT_AUTHOR_EMAIL=email, GIT_AUTHOR_DATE=date,
            GIT_COMMITTER_NAME=name, GIT_COMMITTER_EMAIL=email, GIT_COMMITTER_DATE=date,
        )  # fmt: skip
    return folder


def write_config(folder: Path, text: str) -> Path:
    """The person's config.toml in ``folder`` holding ``text``."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "config.toml"
    path.write_text(text, encoding="utf-8")
    return path
