"""The commitment use cases: log, list, change an outcome or plan, carry over, delete.

Each is a function of the workspace (the store, the clock, who me is), as every use case
is: it validates through the domain, reads and writes in one store transaction, and
returns the records it touched; the CLI and the TUI both call these.

No Textual and no Rich here; TinyDB only through the store.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping

from stratui.domain import records as rec
from stratui.usecases.workspace import Workspace

TYPE_CHECKING = False  # as typing.TYPE_CHECKING: `log` does not import typing
if TYPE_CHECKING:
    from typing import Any


def log(
    ws: Workspace,
    title: str,
    *,
    owner: str | None = None,
    week: str | None = None,
    goal: str | None = None,
    due: str | None = None,
    confidence: int | None = None,
    source: str = "manual",
    review_id: str | None = None,
    ref: str | None = None,
    notes: str | None = None,
) -> dict:
    """Record a new open commitment; ``goal`` may be an id prefix; ``ref`` is the
    external reference of what it was made from (a commit, a task, an issue)."""
    with ws.store.transaction() as tx:
        goal_id = ws.store.resolve("goals", goal)["id"] if goal else None
        record = rec.new_commitment(
            title=title,
            owner=ws.person_named(owner, "owner"),
            week=week or ws.this_week(),
            now=ws.clock.now(),
            goal_id=goal_id,
            due=due,
            confidence=confidence,
            source=source,
            review_id=review_id,
            notes=notes,
        )
        if ref:
            record["ref"] = ref
        return tx.insert("commitments", record)


def find(
    ws: Workspace,
    *,
    week: str | None = None,
    weeks: Iterable[str] | None = None,
    owner: str | None = None,
    status: str | None = None,
    everything: bool = False,
) -> list[dict]:
    """Commitments of ``week`` (default this week), or of all weeks, filtered.

    Sorted by week, owner, then creation, which is how a person reads a list.
    """
    equals: dict[str, Any] = {k: v for k, v in (("owner", owner), ("status", status)) if v}
    if everything:
        found = ws.store.find("commitments", **equals)
    else:
        chosen = list(weeks) if weeks is not None else [week or ws.this_week()]
        found = ws.store.find("commitments", weeks=chosen, **equals)
    return sorted(found, key=_listed_order)


def every(ws: Workspace, *, owner: str | None = None, status: str | None = None) -> Iterator[dict]:
    """The commitments of all weeks, filtered and sorted as :func:`find` sorts them, one
    at a time, holding a few of the store's files at once (``list --all --json`` on years
    of history: memory that does not grow with it). One consistent state is read."""
    from stratui.store.ordered import in_order

    equals = {k: v for k, v in (("owner", owner), ("status", status)) if v}

    def kept(record: dict) -> bool:
        return all(record.get(field) == value for field, value in equals.items())

    with ws.store.reading():
        if equals:
            yield from in_order(ws.store, "commitments", _listed_order, kept)
        else:
            yield from in_order(ws.store, "commitments", _listed_order, name="listed")


def _listed_order(record: Mapping[str, Any]) -> tuple:
    """How a person reads a list of commitments: by week, owner, then creation."""
    return (record["week"], record["owner"], record["created_at"], record["id"])


def get(ws: Workspace, ref: str) -> dict:
    """The commitment whose id starts with ``ref``."""
    return ws.store.resolve("commitments", ref)


def complete(ws: Workspace, ref: str, *, note: str | None = None) -> dict:
    """Mark a commitment done (progress 100, closed today)."""
    return change(ws, ref, status="done", note=note)


def change(
    ws: Workspace,
    ref: str,
    *,
    status: str | None = None,
    progress: float | None = None,
    note: str | None = None,
    title: str | None = None,
    week: str | None = None,
    goal: str | None = None,
    due: str | None = None,
    confidence: int | None = None,
) -> dict:
    """Change a commitment: its outcome, progress, notes or plan fields."""
    with ws.store.transaction() as tx:
        record = ws.store.resolve("commitments", ref)
        now, today = ws.clock.now(), ws.clock.today()
        changes: dict[str, object] = {}
        if title is not None:
            changes["title"] = title.strip()
        if week is not None:
            changes["week"] = week
        if goal is not None:
            changes["goal_id"] = ws.store.resolve("goals", goal)["id"] if goal else None
        if due is not None:
            changes["due"] = due or None
        if confidence is not None:
            changes["confidence"] = confidence
        if changes:
            record = rec.updated("commitments", record, changes, now)
        if status is not None:
            record = rec.close_commitment(record, status, now, today, progress=progress)
        elif progress is not None:
            record = rec.updated("commitments", record, {"progress": progress}, now)
        if note:
            record = rec.updated(
                "commitments",
                record,
                {"notes": rec.append_note(record.get("notes"), note)},
                now,
            )
        return tx.put("commitments", record)


def carry_over(ws: Workspace, ref: str, *, review_id: str | None = None) -> tuple[dict, dict]:
    """Carry an unfinished commitment into the next week; returns (old, new).

    An open original is closed as missed (or partial when it has progress), so the
    slip is counted once, on the week where it happened.
    """
    with ws.store.transaction() as tx:
        old = ws.store.resolve("commitments", ref)
        now, today = ws.clock.now(), ws.clock.today()
        if old.get("status") == "open":
            outcome = "partial" if old.get("progress") else "missed"
            old = tx.put("commitments", rec.close_commitment(old, outcome, now, today))
        new = tx.insert("commitments", rec.carry_over(old, now, review_id=review_id))
        return old, new


def delete(ws: Workspace, ref: str) -> dict:
    """Delete a commitment (a tombstone is kept for merges)."""
    with ws.store.transaction() as tx:
        record = ws.store.resolve("commitments", ref)
        return tx.delete("commitments", record["id"], ws.clock.now())
