"""Helpers shared by the store tests: records built by the domain, files read raw."""

from __future__ import annotations

import datetime as dt
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
