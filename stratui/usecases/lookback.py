"""The look-back's suggestion sources: the ``[lookback]`` section of the person's
config.toml, read, and each source it names read for a week.

```toml
[lookback]
git = ["~/src/api", "~/src/web"]     # your own commits of the week
author = "ana@example.org"           # optional: else each repository's user.email
taskwarrior = "~/.cache/task-export.json"
github = ["~/.cache/gh-issues.json"]
```

Reading never breaks the review: a bad section, a missing repository or file, git not
installed or too slow, a file that is not the expected JSON: each is one line naming
the source (:attr:`Suggestions.problems`), and the other sources are still read. git
runs with a timeout. What the tools printed is read by :mod:`stratui.exchange.suggestions`.

No Textual and no Rich here, and no store: a suggestion is no record.
"""

from __future__ import annotations

import json
import os
import subprocess
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from stratui.exchange import suggestions as hints
from stratui.exchange.suggestions import Suggestion, SuggestionError
from stratui.store.user_config import UserConfigError, config_path, config_section

SECTION = "lookback"
GIT_TIMEOUT = 5.0
"""Seconds one ``git`` command may take before its repository is reported too slow."""
KEYS = ("git", "author", "taskwarrior", "github")

Run = Callable[..., subprocess.CompletedProcess]


@dataclass
class Sources:
    """What the ``[lookback]`` section names: paths already expanded (``~``, and
    relative to the config file's folder)."""

    git: list[Path] = field(default_factory=list)
    author: str = ""
    taskwarrior: list[Path] = field(default_factory=list)
    github: list[Path] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.git or self.taskwarrior or self.github)


@dataclass
class Suggestions:
    """The week's suggestions from every source that could be read, and one line for
    each that could not."""

    found: list[Suggestion] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    configured: bool = False


def read_sources(path: Path | None = None) -> Sources:
    """The ``[lookback]`` section of config.toml (empty when there is none).

    Raises:
        UserConfigError: the file cannot be read, or a key has a value of the wrong
            kind (naming the key and what is accepted).
    """
    path = path or config_path()
    section = config_section(SECTION, path)
    unknown = sorted(set(section) - set(KEYS))
    if unknown:
        raise UserConfigError(
            path, f"{SECTION}.{unknown[0]}", f"unknown key; expected one of {', '.join(KEYS)}"
        )
    author = section.get("author", "")
    if not isinstance(author, str):
        raise UserConfigError(path, f"{SECTION}.author", "expected text (a name or e-mail)")
    return Sources(
        git=_paths(section, "git", path),
        author=author.strip(),
        taskwarrior=_paths(section, "taskwarrior", path),
        github=_paths(section, "github", path),
    )


def week_suggestions(
    period: str,
    *,
    path: Path | None = None,
    run: Run = subprocess.run,
    stop: Callable[[], bool] = lambda: False,
) -> Suggestions:
    """Everything the configured sources suggest for ``period``; never raises for a
    source that cannot be read (its problem is a line of the result). ``stop()`` is
    asked before each source: a review left meanwhile reads no further (each git call
    is bounded by its timeout)."""
    result = Suggestions()
    try:
        sources = read_sources(path)
    except UserConfigError as error:
        result.problems.append(f"look-back sources: {error}")
        return result
    result.configured = bool(sources)
    for repo in sources.git:
        _collect(result, f"git {_shown(repo)}", partial(_commits, repo, sources, period, run), stop)
    for file in sources.taskwarrior:
        _collect(result, f"taskwarrior {_shown(file)}", partial(_tasks, file, period), stop)
    for file in sources.github:
        _collect(result, f"github {_shown(file)}", partial(_issues, file, period), stop)
    return result


def _collect(
    result: Suggestions, name: str, read: Callable[[], list[Suggestion]], stop: Callable[[], bool]
) -> None:
    if stop():
        return
    try:
        result.found.extend(read())
    except (SourceError, SuggestionError) as error:
        result.problems.append(f"{name}: {error}")


class SourceError(Exception):
    """A source could not be read (the message says why, without naming the source)."""


def _commits(repo: Path, sources: Sources, period: str, run: Run) -> list[Suggestion]:
    if not repo.is_dir():
        raise SourceError("no such folder")
    author = sources.author or _git(repo, ["config", "user.email"], run).strip()
    if not author:
        raise SourceError('no user.email in that repository: set `author = "..."` in [lookback]')
    output = _git(repo, hints.git_log_args(author, period), run)
    return hints.git_suggestions(output, period, f"git {repo.name}")


def _tasks(file: Path, period: str) -> list[Suggestion]:
    return hints.task_suggestions(_json(file), period, "task")


def _issues(file: Path, period: str) -> list[Suggestion]:
    return hints.github_suggestions(_json(file), period, file.name)


def _git(repo: Path, args: list[str], run: Run) -> str:
    """The output of ``git -C repo args`` (config lookups print nothing when unset)."""
    command = ["git", "-C", str(repo), *args]
    try:
        done = run(
            command,
            capture_output=True,
            timeout=GIT_TIMEOUT,
            env={**os.environ, "GIT_TERMINAL_PROMPT": "0", "LC_ALL": "C"},
            stdin=subprocess.DEVNULL,
        )
    except FileNotFoundError:
        raise SourceError("git is not installed (not found on PATH)") from None
    except subprocess.TimeoutExpired:
        raise SourceError(f"git took longer than {GIT_TIMEOUT:g} s, skipped") from None
    if done.returncode and args[0] == "config" and not done.stderr.strip():
        return ""  # the key is not set
    if done.returncode:
        lines = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise SourceError(lines[-1] if lines else f"git exited with {done.returncode}")
    return done.stdout.decode("utf-8", "replace")


def _json(file: Path) -> object:
    try:
        text = file.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise SourceError("no such file") from None
    except (OSError, UnicodeDecodeError) as error:
        raise SourceError(f"cannot be read ({getattr(error, 'strerror', None) or error})") from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise SourceError(f"not JSON (line {error.lineno}, column {error.colno})") from None


def _paths(section: dict, key: str, path: Path) -> list[Path]:
    value = section.get(key, [])
    items = [value] if isinstance(value, str) else value
    if not isinstance(items, list) or not all(isinstance(i, str) and i.strip() for i in items):
        raise UserConfigError(path, f"{SECTION}.{key}", "expected a path or a list of paths")
    return [path.parent / Path(item.strip()).expanduser() for item in items]


def _shown(path: Path) -> str:
    """A path as the person would write it: ``~/src/api``."""
    home = Path.home()
    return f"~/{path.relative_to(home)}" if path.is_relative_to(home) else str(path)
