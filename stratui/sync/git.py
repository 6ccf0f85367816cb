"""The git plumbing ``stratui sync`` needs, through ``subprocess`` and git's own commands.

Every call runs ``git -C <top of the work tree>`` with a C locale (the few outputs read
here are git's porcelain and stable English), never with a shell, and captures its
output; a failure raises :class:`GitFailed` carrying git's own words, which the caller
turns into a message saying what happened and what was kept.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterable


class GitFailed(Exception):
    """A git command failed; ``detail`` is the last meaningful line git printed."""

    def __init__(self, args: list[str], code: int, stdout: str, stderr: str) -> None:
        self.args_run, self.code, self.stdout, self.stderr = args, code, stdout, stderr
        lines = [line.strip() for line in (stderr or stdout).splitlines() if line.strip()]
        hints = [line for line in lines if not line.lower().startswith("hint:")]
        self.detail = (hints or lines or [f"git {args[0]} exited with {code}"])[-1]
        super().__init__(f"git {' '.join(args)}: {self.detail}")


def _environment() -> dict[str, str]:
    env = dict(os.environ)
    env.update(LC_ALL="C", LANGUAGE="C", GIT_MERGE_AUTOEDIT="no")
    return env


def run_git(
    args: list[str], cwd: str, *, check: bool = True, input: bytes | None = None
) -> subprocess.CompletedProcess:
    """``git -C cwd ARGS``; raises :class:`GitFailed` on a non-zero exit when ``check``."""
    try:
        done = subprocess.run(
            ["git", "-C", cwd, *args],
            input=input,
            capture_output=True,
            env=_environment(),
        )
    except FileNotFoundError:
        raise GitFailed(args, 127, "", "git is not installed (no git command found)") from None
    if check and done.returncode != 0:
        raise GitFailed(args, done.returncode, _text(done.stdout), _text(done.stderr))
    return done


def _text(data: bytes) -> str:
    return data.decode("utf-8", errors="replace")


class Repo:
    """A git work tree, by the absolute path of its top directory."""

    def __init__(self, top: str) -> None:
        self.top = top

    @classmethod
    def containing(cls, path: str) -> Repo | None:
        """The work tree holding ``path`` (or its nearest existing parent), or None."""
        path = os.path.abspath(path)
        while not os.path.isdir(path):
            parent = os.path.dirname(path)
            if parent == path:
                return None
            path = parent
        done = run_git(["rev-parse", "--show-toplevel"], path, check=False)
        if done.returncode != 0:
            return None
        return cls(_text(done.stdout).strip())

    # -- asking -------------------------------------------------------------------------

    def git(self, *args: str, check: bool = True, input: bytes | None = None) -> str:
        """Run git in this work tree; its standard output as text."""
        return _text(run_git(list(args), self.top, check=check, input=input).stdout)

    def succeeds(self, *args: str) -> bool:
        """True when ``git ARGS`` exits with 0."""
        return run_git(list(args), self.top, check=False).returncode == 0

    def relative(self, path: str) -> str:
        """``path`` relative to the top of the work tree, with ``/`` separators."""
        rel = os.path.relpath(os.path.realpath(path), os.path.realpath(self.top))
        return "" if rel == "." else rel.replace(os.sep, "/")

    def config(self, key: str) -> str | None:
        """The value of ``key`` in this repository's configuration, or None."""
        done = run_git(["config", "--get", key], self.top, check=False)
        return _text(done.stdout).strip() if done.returncode == 0 else None

    def set_config(self, key: str, value: str) -> None:
        """Set ``key`` in this clone's own configuration (``.git/config``)."""
        self.git("config", "--local", key, value)

    def head(self) -> str | None:
        """The commit HEAD names, or None before the first commit."""
        done = run_git(["rev-parse", "-q", "--verify", "HEAD^{commit}"], self.top, check=False)
        return _text(done.stdout).strip() or None

    def branch(self) -> str | None:
        """The current branch's short name, or None on a detached HEAD."""
        done = run_git(["symbolic-ref", "-q", "--short", "HEAD"], self.top, check=False)
        return _text(done.stdout).strip() or None

    def operation_in_progress(self) -> str | None:
        """The git operation left unfinished in this work tree (a merge, a rebase...)."""
        for ref, what in (
            ("MERGE_HEAD", "a merge"),
            ("CHERRY_PICK_HEAD", "a cherry-pick"),
            ("REVERT_HEAD", "a revert"),
        ):
            if self.succeeds("rev-parse", "-q", "--verify", ref):
                return what
        git_dir = self.git("rev-parse", "--absolute-git-dir").strip()
        for name in ("rebase-merge", "rebase-apply"):
            if os.path.exists(os.path.join(git_dir, name)):
                return "a rebase"
        return None

    def status(self) -> list[tuple[str, str]]:
        """Every changed path as ``(XY, path)`` (git's short status codes), untracked too."""
        out = self.git("status", "--porcelain=v1", "-z", "--untracked-files=all", "--no-renames")
        return [(entry[:2], entry[3:]) for entry in out.split("\0") if entry]

    def unmerged(self) -> list[str]:
        """The paths left in conflict by a merge."""
        out = self.git("diff", "--name-only", "-z", "--diff-filter=U")
        return sorted({path for path in out.split("\0") if path})

    def changed(self, old: str | None, new: str | None, under: str) -> list[str]:
        """The paths below ``under`` that differ between commit ``old`` and commit ``new``
        (the work tree when ``new`` is None); every path of ``new`` when ``old`` is None."""
        spec = [f"{under}/"] if under else []
        if old is None:
            listing = ["ls-tree", "-r", "--name-only", new] if new else ["ls-files"]
            out = self.git(*listing, "-z", "--", *spec)
        else:
            out = self.git(
                "diff", "--name-only", "-z", "--no-renames", old, *filter(None, [new]), "--", *spec
            )
        return [path for path in out.split("\0") if path]

    def show(self, rev: str, path: str) -> bytes | None:
        """The bytes of ``path`` at ``rev``, or None when it has no such file."""
        done = run_git(["cat-file", "blob", f"{rev}:{path}"], self.top, check=False)
        return done.stdout if done.returncode == 0 else None

    def is_ancestor(self, older: str, newer: str) -> bool:
        return self.succeeds("merge-base", "--is-ancestor", older, newer)

    def merge_base(self, one: str, other: str) -> str | None:
        done = run_git(["merge-base", one, other], self.top, check=False)
        return _text(done.stdout).strip() or None

    def remotes(self) -> list[str]:
        return self.git("remote").split()

    def upstream(self) -> tuple[str, str] | None:
        """The current branch's upstream as ``(remote, branch on the remote)``, or None."""
        branch = self.branch()
        if branch is None:
            return None
        remote = self.config(f"branch.{branch}.remote")
        merge = self.config(f"branch.{branch}.merge")
        if not remote or not merge or remote == ".":
            return None
        return remote, merge.removeprefix("refs/heads/")

    def resolve(self, ref: str) -> str | None:
        done = run_git(["rev-parse", "-q", "--verify", f"{ref}^{{commit}}"], self.top, check=False)
        return _text(done.stdout).strip() or None

    # -- changing -------------------------------------------------------------------------

    def add(self, paths: Iterable[str]) -> None:
        """Stage ``paths`` as they are in the work tree (deleted ones as deletions)."""
        spec = "\0".join(paths)
        if spec:
            self.git(
                "add", "-A", "--pathspec-from-file=-", "--pathspec-file-nul", input=spec.encode()
            )

    def has_staged(self) -> bool:
        return not self.succeeds("diff", "--cached", "--quiet")

    def commit(self, message: str | None) -> str:
        """Commit what is staged (``None``: git's prepared merge message); the new HEAD."""
        if message is None:
            self.git("commit", "--no-edit", "--quiet")
        else:
            self.git("commit", "--quiet", "--file=-", input=message.encode("utf-8"))
        return self.head() or ""

    def fetch(self, remote: str) -> None:
        self.git("fetch", "--quiet", "--no-write-fetch-head", remote)

    def merge(self, ref: str) -> subprocess.CompletedProcess:
        """Merge ``ref`` without committing (git still fast-forwards when it can)."""
        return run_git(
            ["merge", "--no-commit", "--ff", "--allow-unrelated-histories", ref],
            self.top,
            check=False,
        )

    def abort_merge(self) -> None:
        self.git("merge", "--abort")

    def push(self, remote: str, branch: str) -> subprocess.CompletedProcess:
        """Push HEAD to ``remote``'s ``branch``; the completed process (git's porcelain)."""
        return run_git(
            ["push", "--porcelain", remote, f"HEAD:refs/heads/{branch}"], self.top, check=False
        )

    def set_upstream(self, remote: str, branch: str) -> None:
        """Make ``remote``'s ``branch`` the current branch's upstream."""
        local = self.branch()
        if local:
            self.set_config(f"branch.{local}.remote", remote)
            self.set_config(f"branch.{local}.merge", f"refs/heads/{branch}")
