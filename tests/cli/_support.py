"""What the command-line tests share: the pinned day, seed documents, store fingerprints."""

from __future__ import annotations

import hashlib
import json
import re
import subprocess
from pathlib import Path

TODAY = "2026-11-22"  # a Sunday
THIS_WEEK = "2026-W47"
ME = "ana"
STAMP = "2026-11-22T12:00:00Z"  # "now" when STRATUI_TODAY pins the day (noon UTC)

ID_LINE = re.compile(r"[0-9a-f]{16}\n")

# EXPORT-FORMAT.md, copied by hand: the contract, not what the code happens to write.
COLLECTIONS = (
    "people",
    "teams",
    "goals",
    "goal_checkins",
    "commitments",
    "roadblocks",
    "adjustments",
    "reviews",
    "retro_items",
    "retro_ballots",
)
COMMITMENT_FIELDS = {
    "id",
    "created_at",
    "updated_at",
    "title",
    "owner",
    "week",
    "goal_id",
    "due",
    "confidence",
    "status",
    "progress",
    "carried_from",
    "source",
    "review_id",
    "notes",
    "closed_on",
}
COMMITMENT_REQUIRED = {"id", "created_at", "updated_at", "title", "owner", "week", "status"}

GOAL_ID = "9f00aa11bb22cc33"
TWIN_A = "aaaa1111aaaa1111"  # two commitments sharing the prefix "aaaa"
TWIN_B = "aaaa2222aaaa2222"
SOLO = "bbbb3333bbbb3333"  # a commitment of ben next week
CLASH_GOAL = "cccc1111cccc1111"  # a goal and a commitment sharing the prefix "cccc"
CLASH_COMMITMENT = "cccc2222cccc2222"
ANA = "dddd1111dddd1111"  # the people the seed's records name
BEN = "dddd2222dddd2222"


def _stamp(second: int) -> str:
    return f"2026-11-20T09:00:{second:02d}Z"


def commitment(rid: str, title: str, second: int, **fields) -> dict:
    """An open manual commitment of ana this week, as an export file holds it."""
    record = {
        "id": rid,
        "title": title,
        "owner": ME,
        "week": THIS_WEEK,
        "status": "open",
        "source": "manual",
        "created_at": _stamp(second),
        "updated_at": _stamp(second),
    }
    record.update(fields)
    return record


def goal(rid: str, title: str, second: int) -> dict:
    return {
        "id": rid,
        "title": title,
        "status": "active",
        "created_at": _stamp(second),
        "updated_at": _stamp(second),
    }


def document(**collections: list[dict]) -> dict:
    """An interchange document (version 1) holding ``collections``."""
    return {"format": "stratui", "version": 1, "exported_at": _stamp(59), **collections}


def person(rid: str, name: str, second: int) -> dict:
    return {
        "id": rid,
        "name": name,
        "teams": [],
        "created_at": _stamp(second),
        "updated_at": _stamp(second),
    }


def seed_document() -> dict:
    """Records with chosen ids: twins sharing a prefix, a goal, ben's commitment next week
    (and ana and ben, whom they name)."""
    return document(
        people=[person(ANA, ME, 0), person(BEN, "ben", 1)],
        goals=[goal(GOAL_ID, "Ship v2", 0), goal(CLASH_GOAL, "Hire two", 1)],
        commitments=[
            commitment(TWIN_A, "First twin", 2),
            commitment(TWIN_B, "Second twin", 3, status="done", progress=100),
            commitment(SOLO, "Ben's plan", 4, owner="ben", week="2026-W48"),
            commitment(CLASH_COMMITMENT, "Clashing prefix", 5, goal_id=GOAL_ID),
        ],
    )


def write_json(path: Path, value: object) -> Path:
    path.write_text(json.dumps(value), encoding="utf-8")
    return path


def fingerprint(store: Path) -> dict[str, str] | None:
    """SHA-256 of every store file outside ``.stratui/``; None when there is no store dir."""
    if not store.exists():
        return None
    return {
        str(path.relative_to(store)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(store.rglob("*"))
        if path.is_file() and path.relative_to(store).parts[0] != ".stratui"
    }


def one_error_line(done: subprocess.CompletedProcess, code: int = 2) -> str:
    """Check a refused command: ``code``, no output, one ``stratui...`` line; return it."""
    assert done.returncode == code, (done.returncode, done.stdout, done.stderr)
    assert done.stdout == ""
    lines = done.stderr.splitlines()
    assert len(lines) == 1, done.stderr
    assert lines[0].startswith("stratui"), lines[0]
    assert "Traceback" not in done.stderr
    return lines[0]


def records(done: subprocess.CompletedProcess) -> list[dict]:
    """The records ``stratui list --json`` printed (it must have succeeded)."""
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def without_stamp(export_text: str) -> str:
    """An export's text with its ``exported_at`` value blanked."""
    return re.sub(r'"exported_at": "[^"]*"', '"exported_at": ""', export_text, count=1)


def as_ben(cli, monkeypatch, *args: str):
    """``cli(*args)`` run as ben, then back to ana (me)."""
    monkeypatch.setenv("STRATUI_ME", "ben")
    try:
        return cli(*args)
    finally:
        monkeypatch.setenv("STRATUI_ME", "ana")
