"""Helpers shared by the store tests: records built by the domain, files read raw."""

from __future__ import annotations

import builtins
import datetime as dt
import errno
import json
import os
import subprocess
import sys
from pathlib import Path

from stratui.domain import records

CHILD = Path(__file__).with_name("_child.py")
NOW = dt.datetime(2026, 3, 20, 9, 30, tzinfo=dt.UTC)


def commitment(week: str = "2026-W12", title: str = "Ship it", now=NOW, **extra) -> dict:
    """A valid open commitment of ada in ``week``."""
    return records.new_commitment(title=title, owner="ada", week=week, now=now, **extra)


def goal(title: str = "Grow", now=NOW) -> dict:
    return records.new_record("goals", {"title": title, "status": "active"}, now)


def review(period: str = "2026-W12", now=NOW) -> dict:
    return records.new_record(
        "reviews",
        {
            "ritual": "retro",
            "period": period,
            "participants": ["ada"],
            "status": "draft",
            "started_at": records.stamp(now),
        },
        now,
    )


def retro_item(review_id: str, text: str = "More tests", now=NOW) -> dict:
    return records.new_record(
        "retro_items",
        {"review_id": review_id, "category": "start", "text": text, "votes": 0},
        now,
    )


def tree(root: Path) -> dict[str, bytes]:
    """Every file under ``root`` (relative path -> bytes), ``.stratui`` included."""
    found = {}
    for path in sorted(root.rglob("*")):
        if path.is_file():
            found[str(path.relative_to(root))] = path.read_bytes()
    return found


def shard(root: Path, rel: str) -> dict:
    """The records of one store file, parsed as plain JSON."""
    return json.loads((root / rel).read_text(encoding="utf-8"))


def child(*args: str, **kwargs) -> subprocess.Popen:
    """Start ``_child.py`` with ``args`` in a new Python process."""
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    return subprocess.Popen(
        [sys.executable, str(CHILD), *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        **kwargs,
    )


def run_child(*args: str, timeout: float = 20, returncode: int = 0) -> str:
    """Run ``_child.py`` to the end; return its stdout (and check its exit code)."""
    proc = child(*args)
    out, err = proc.communicate(timeout=timeout)
    assert proc.returncode == returncode, err
    return out


def unwritable(monkeypatch, root: Path, code: int = errno.EROFS) -> dict[str, bool]:
    """Make the folder ``root`` unwritable for this process, even as root (where chmod
    stops nothing): creating, writing, renaming and removing anything under it fails
    with ``code``, as on a read-only folder or file system (``EROFS``, ``EACCES``) or a
    full disk (``ENOSPC``: only what needs new space fails, so an existing file still
    opens for writing, and renames and removals work). Reading works.

    Returns a switch: set ``["on"]`` to False to let writes through again for a while.
    """
    switch = {"on": True}
    under = str(root.absolute())
    full = code == errno.ENOSPC

    def ours(path) -> bool:
        if not switch["on"] or isinstance(path, int):
            return False
        text = os.path.abspath(os.fsdecode(path))
        return text == under or text.startswith(under + os.sep)

    def refuse(path):
        raise OSError(code, os.strerror(code), os.fsdecode(path))

    real_open, real_os_open = builtins.open, os.open
    real = {name: getattr(os, name) for name in ("mkdir", "replace", "rename", "remove", "rmdir")}
    writing = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_TRUNC | os.O_APPEND

    def os_open(path, flags, *args, **kwargs):
        creates = not full or flags & os.O_TRUNC or not os.path.exists(path)
        if ours(path) and flags & writing and creates:
            refuse(path)
        return real_os_open(path, flags, *args, **kwargs)

    def open_(file, mode="r", *args, **kwargs):
        if ours(file) and any(c in mode for c in "wax+"):
            refuse(file)
        return real_open(file, mode, *args, **kwargs)

    def guarded(name):
        def call(path, *args, **kwargs):
            target = args[0] if name in ("replace", "rename") and args else path
            if (ours(path) or ours(target)) and not (full and name != "mkdir"):
                refuse(target if name in ("replace", "rename") else path)
            return real[name](path, *args, **kwargs)

        return call

    monkeypatch.setattr(builtins, "open", open_)
    monkeypatch.setattr(os, "open", os_open)
    for name in real:
        monkeypatch.setattr(os, name, guarded(name))
    return switch
