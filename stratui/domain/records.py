"""Making and changing records: ids, timestamps, validation, tombstones, carry-over.

A record is a plain ``dict`` in the shape of EXPORT-FORMAT.md. Every function here takes
the current time as a parameter (``now``), so callers and tests decide what "now" is.

Pure module: no Textual, no TinyDB.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable, Mapping

from stratui.domain.schema import REVIEWED_STATUSES, validate_record
from stratui.domain.weeks import next_week

ID_BYTES = 8  # 64 random bits: unique across machines at any size a team's store reaches


def new_id() -> str:
    """A fresh record id: 16 lowercase hex digits from the OS's random source."""
    return os.urandom(ID_BYTES).hex()


def stable_id(*parts: str) -> str:
    """An id that every machine computes alike from ``parts`` (16 hex digits, like
    :func:`new_id`): for a record two clones may each create before they sync, such as a
    team's next retrospective or a person's ballot in it, so that the merge finds one
    record, not two."""
    import hashlib  # only where such a record is made: not on `log`'s path

    digest = hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()
    return digest[: ID_BYTES * 2]


def stamp(now: dt.datetime) -> str:
    """``now`` as the format's UTC timestamp to the millisecond,
    ``2026-11-22T09:30:00.125Z`` (``2026-11-22T09:30:00Z`` on a whole second, as a pinned
    clock gives): two edits a moment apart get stamps in their order, so a merge that
    keeps "the later edit" keeps the later one (:func:`stamp_order` compares them)."""
    if now.tzinfo is not None:
        now = now.astimezone(dt.UTC).replace(tzinfo=None)
    whole = now.replace(microsecond=0).isoformat()
    millis = now.microsecond // 1000
    return f"{whole}.{millis:03d}Z" if millis else f"{whole}Z"


def stamp_order(value: str) -> str:
    """A sort key of a stamp that orders stamps by time (merges compare ``updated_at``).

    Plain string order is wrong within one second: ``"...:00Z"`` sorts after
    ``"...:00.5Z"`` (``Z`` > ``.``) although it is earlier. Fractions are padded to compare,
    so ``"...:00Z"`` and ``"...:00.000Z"`` get the same key.
    """
    return value[:19] + (value[19:-1] or ".").ljust(7, "0")


def _later_stamp(new: str, old: object) -> str:
    """The later of two stamps, so ``updated_at`` never moves backwards."""
    if not isinstance(old, str) or not old:
        return new
    return old if stamp_order(old) > stamp_order(new) else new


def clean(fields: Mapping[str, object]) -> dict[str, object]:
    """Drop the ``None`` values: optional fields are stored absent, not null."""
    return {key: value for key, value in fields.items() if value is not None}


def new_record(collection: str, fields: Mapping[str, object], now: dt.datetime) -> dict:
    """A validated new record of ``collection`` with a fresh id and both timestamps."""
    when = stamp(now)
    record = {"id": new_id(), **clean(fields), "created_at": when, "updated_at": when}
    validate_record(collection, record)
    return record


def updated(collection: str, record: Mapping, changes: Mapping, now: dt.datetime) -> dict:
    """A validated copy of ``record`` with ``changes`` applied (``None`` removes a field)."""
    result = dict(record)
    for key, value in changes.items():
        if value is None:
            result.pop(key, None)
        else:
            result[key] = value
    result["updated_at"] = _later_stamp(stamp(now), record.get("updated_at"))
    validate_record(collection, result)
    return result


def tombstone(record: Mapping, now: dt.datetime) -> dict:
    """The deleted form of ``record``: its fields kept, marked ``deleted``, stamped now."""
    result = dict(record)
    result["deleted"] = True
    result["updated_at"] = _later_stamp(stamp(now), record.get("updated_at"))
    return result


def is_live(record: Mapping) -> bool:
    """True unless the record is a tombstone."""
    return not record.get("deleted")


def new_commitment(
    *,
    title: str,
    owner: str,
    week: str,
    now: dt.datetime,
    goal_id: str | None = None,
    due: str | None = None,
    confidence: int | None = None,
    source: str = "manual",
    carried_from: str | None = None,
    review_id: str | None = None,
    notes: str | None = None,
) -> dict:
    """A new open commitment of ``owner`` for ``week``."""
    return new_record(
        "commitments",
        {
            "title": title.strip() if isinstance(title, str) else title,
            "owner": owner,
            "week": week,
            "goal_id": goal_id,
            "due": due,
            "confidence": confidence,
            "status": "open",
            "source": source,
            "carried_from": carried_from,
            "review_id": review_id,
            "notes": notes,
        },
        now,
    )


def close_commitment(
    record: Mapping,
    status: str,
    now: dt.datetime,
    today: dt.date,
    *,
    progress: float | None = None,
    note: str | None = None,
) -> dict:
    """Record the outcome of a commitment; ``closed_on`` is set when it leaves ``open``."""
    changes: dict[str, object] = {"status": status}
    if status in REVIEWED_STATUSES:
        changes["closed_on"] = record.get("closed_on") or today.isoformat()
        if status == "done" and progress is None:
            progress = 100
    else:
        changes["closed_on"] = None
    if progress is not None:
        changes["progress"] = progress
    if note:
        changes["notes"] = append_note(record.get("notes"), note)
    return updated("commitments", record, changes, now)


def append_note(existing: object, note: str) -> str:
    """Add ``note`` on a new line after ``existing`` notes, if any."""
    return f"{existing}\n{note}" if isinstance(existing, str) and existing else note


def carry_over(
    record: Mapping, now: dt.datetime, *, week: str | None = None, review_id: str | None = None
) -> dict:
    """A new open commitment in the next week (or ``week``) that points back to ``record``.

    The original keeps its own outcome; the slip is counted because the new commitment
    names it as ``carried_from`` (docs/METRICS.md: slip count, carry-over rate).
    """
    if record.get("status") == "done":
        raise ValueError("a done commitment cannot be carried over")
    return new_commitment(
        title=str(record["title"]),
        owner=str(record["owner"]),
        week=week or next_week(str(record["week"])),
        now=now,
        goal_id=record.get("goal_id"),
        confidence=record.get("confidence"),
        source="review" if review_id else str(record.get("source", "manual")),
        carried_from=str(record["id"]),
        review_id=review_id,
    )


def slip_count(record: Mapping, by_id: Mapping[str, Mapping]) -> int:
    """How many commitments precede ``record`` through ``carried_from`` (0 for an original)."""
    count, seen = 0, {record.get("id")}
    current = record.get("carried_from")
    while current and current not in seen:
        count += 1
        seen.add(current)
        previous = by_id.get(current)
        current = previous.get("carried_from") if previous else None
    return count


def live(records: Iterable[Mapping]) -> list[Mapping]:
    """The records that are not tombstones."""
    return [record for record in records if not record.get("deleted")]
