"""A store that already holds dates and weeks outside the supported years (1900 to 2999).

stratui refuses such values where they come in (typed, or imported), but a store written
by an older stratui, or a file a teammate's clone synced, may hold them: every reader
must show them, never crash on them. The records are written through the store, whose
schema accepts the whole calendar Python knows (years 1 to 9999), at both of its ends.

Today is Sunday 2026-11-22 (2026-W47) and me is ana, as in the CLI and TUI fixtures.
"""

from __future__ import annotations

from stratui.usecases import people
from stratui.usecases.workspace import Workspace

STAMP = "2026-11-20T09:00:00Z"
THIS_WEEK = "2026-W47"

GOAL = "f0a1000000000001"  # active from year 1 to 9999, with a key result
CHILD = "f0a1000000000002"  # under GOAL, ending in 9999
LATE = "c0a1000000000001"  # a commitment of 9999-W52
EARLY = "c0a1000000000002"  # a commitment of 0001-W01
NOW = "c0a1000000000003"  # this week's, due 9999-12-31, carried from EARLY
LAST = "c0a1000000000004"  # last week's, closed on 0001-01-01
FAR_VALUES = ("0001-01-01", "9999-12-31", "0001-W01", "9999-W52", "9999-Q4", "0001-Q1")


def _record(rid: str, stamp: str = STAMP, **fields: object) -> dict:
    return {"id": rid, "created_at": stamp, "updated_at": stamp, **fields}


def _commitment(rid: str, title: str, week: str, status: str, **fields: object) -> dict:
    return _record(
        rid, title=title, owner="ana", week=week, status=status, source="manual", **fields
    )


def _review(rid: str, ritual: str, period: str, **fields: object) -> dict:
    return _record(
        rid,
        ritual=ritual,
        period=period,
        participants=["ana", "ben"],
        status="complete",
        started_at="9999-12-31T23:00:00Z",
        completed_at="9999-12-31T23:59:59Z",
        **fields,
    )


def far_records() -> dict[str, list[dict]]:
    """The records, by collection: each date, week and period field at a far value."""
    return {
        "goals": [
            _record(
                GOAL,
                "0001-01-01T00:00:00Z",
                title="Forever",
                owner="ana",
                team="Platform",
                start="0001-01-01",
                end="9999-12-31",
                status="active",
                priority=1,
                metric={"name": "widgets", "baseline": 0, "target": 10},
            ),
            _record(CHILD, title="Someday", parent_id=GOAL, end="9999-12-31", status="active"),
        ],
        "goal_checkins": [
            _record("e0a1000000000001", goal_id=GOAL, date="0001-01-01", value=1, confidence=2),
            _record("e0a1000000000002", goal_id=GOAL, date="9999-12-31", value=5, confidence=4),
        ],
        "commitments": [
            _commitment(
                LATE,
                "Ship in the far future",
                "9999-W52",
                "done",
                goal_id=GOAL,
                due="9999-12-31",
                closed_on="9999-12-31",
                progress=100,
                confidence=3,
            ),
            _commitment(EARLY, "Ship in year one", "0001-W01", "missed", closed_on="0001-01-01"),
            _commitment(
                NOW,
                "Ship this week",
                THIS_WEEK,
                "open",
                goal_id=GOAL,
                due="9999-12-31",
                carried_from=EARLY,
            ),
            _commitment(LAST, "Shipped last week", "2026-W46", "done", closed_on="0001-01-01"),
        ],
        "roadblocks": [
            _record(
                "b0a1000000000001",
                title="Blocked since year one",
                kind="dependency",
                severity="high",
                owner="ana",
                commitment_id=NOW,
                raised_on="0001-01-01",
            ),
            _record(
                "b0a1000000000002",
                title="Solved in 9999",
                kind="other",
                severity="low",
                owner="ana",
                goal_id=GOAL,
                raised_on="9999-12-31",
                resolved_on="9999-12-31",
                resolution="waited",
            ),
        ],
        "adjustments": [
            _record("a0a1000000000001", kind="add", description="Later", decided_on="9999-12-31"),
            _record("a0a1000000000002", kind="drop", description="Once", decided_on="0001-01-01"),
        ],
        "reviews": [
            _review("d0a1000000000001", "weekly", "9999-W52", owner="ana", pulse=4, answers={}),
            _review("d0a1000000000002", "weekly", "0001-W01", owner="ana", pulse=2, answers={}),
            _review("d0a1000000000003", "team", "0001-W01", team="Platform", answers={}),
            _review("d0a1000000000004", "quarterly", "9999-Q4", team="Platform", answers={}),
            _review("d0a1000000000005", "retro", "9999-W52", team="Platform", answers={}),
        ],
    }


def fill_far_store(ws: Workspace) -> None:
    """ana and ben in team Platform, then :func:`far_records`, in one transaction."""
    people.add_person(ws, "ana")
    people.add_person(ws, "ben")
    people.add_team(ws, "Platform", ["ana", "ben"])
    with ws.store.transaction() as tx:
        for collection, records in far_records().items():
            for record in records:
                tx.put(collection, record)
