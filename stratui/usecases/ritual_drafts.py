"""What every ritual's service shares: its draft review records and its summary file.

Each ritual (the weekly review, the team review, the retrospective, the quarterly
review) keeps its draft the same way: a review record with status ``draft`` whose
``answers`` hold the draft, sharded by its period and saved at every step. The weekly
rituals' drafts are found by reading only the shards of the :data:`DRAFT_WEEKS_BACK`
weeks before this week, this week and the next, whatever the length of the history.

The services (:mod:`stratui.usecases.weekly_review`, :mod:`stratui.usecases.team_review`,
:mod:`stratui.usecases.retro`, :mod:`stratui.usecases.quarterly`) keep what is their
ritual's own: who a review belongs to, what its draft holds and what it may change.

No Textual and no Rich here; TinyDB only through the store.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import tempfile
from collections.abc import Iterable
from pathlib import Path

from stratui.domain import records as rec
from stratui.domain.weeks import shift_week, week_of, week_range
from stratui.store.errors import UnknownId
from stratui.store.store import Store

DRAFT_WEEKS_BACK = 8
"""How many weeks back the resume offer (and the next review due) looks."""


class ReviewError(ValueError):
    """A review cannot change as asked; the message names the review and says why."""


# -- finding reviews ------------------------------------------------------------------------


def recent_weeks(today: dt.date, weeks_back: int = DRAFT_WEEKS_BACK) -> list[str]:
    """The weeks from ``weeks_back`` weeks before today's week to the next week."""
    this_week = week_of(today)
    return week_range(shift_week(this_week, -weeks_back), shift_week(this_week, 1))


def newest_first(reviews: Iterable[dict]) -> list[dict]:
    """``reviews`` by their last update, newest first (the order of a resume offer)."""
    return sorted(reviews, key=lambda r: (r["updated_at"], r["id"]), reverse=True)


def week_drafts(
    store: Store, ritual: str, today: dt.date, period: str | None = None, **who: str
) -> list[dict]:
    """The draft reviews of a weekly ``ritual`` whose fields ``who`` names (``owner=`` or
    ``team=``), of ``period`` if given, else of the recent weeks; newest first."""
    equals: dict[str, object] = {"ritual": ritual, "status": "draft", **who}
    periods = recent_weeks(today) if period is None else [period]
    return newest_first(store.find("reviews", periods=periods, **equals))


def recent_completed(store: Store, ritual: str, today: dt.date, **who: str) -> list[dict]:
    """The completed reviews of a weekly ``ritual`` of the recent weeks that ``who`` names."""
    return store.find(
        "reviews", periods=recent_weeks(today), ritual=ritual, status="complete", **who
    )


def refuse_completed_week(store: Store, ritual: str, period: str, **who: str) -> None:
    """Refuse a second review of the week ``period``: ``who`` names whose (one field,
    ``owner=`` or ``team=``).

    Raises:
        ReviewError: the period has a completed review of ``ritual`` of them (the
            message starts with ``period:``).
    """
    done = store.find(
        "reviews",
        periods=[period],
        ritual=ritual,
        status="complete",
        **who,
        period=period,
    )
    if done:
        name = ", ".join(who.values())
        raise ReviewError(
            f"period: the {ritual} review of {period} for {name} is already complete "
            f"(review {done[0]['id']})"
        )


# -- a draft's life -------------------------------------------------------------------------


def new_draft_record(ritual: str, fields: dict, *, answers: dict, now: dt.datetime) -> dict:
    """A new draft review record of ``ritual``, started now.

    ``fields`` are the ritual's own (its period, whose review it is, who takes part), in
    the order they are stored.
    """
    return rec.new_record(
        "reviews",
        {
            "ritual": ritual,
            **fields,
            "status": "draft",
            "started_at": rec.stamp(now),
            "answers": answers,
        },
        now,
    )


def current_draft(store: Store, rid: str) -> dict:
    """The draft review ``rid`` as stored now.

    Raises:
        UnknownId: it was deleted.
        ReviewError: it was completed meanwhile.
    """
    current = store.get("reviews", rid)
    if current is None:
        raise UnknownId(f"no review {rid}: it was deleted")
    if current.get("status") != "draft":
        raise ReviewError(f"review {rid} is already complete; start a new one")
    return current


def discard_draft(store: Store, review: dict, now: dt.datetime) -> dict:
    """Delete the draft ``review`` (a tombstone is kept for merges); returns the tombstone.

    Raises:
        UnknownId: it was deleted already.
        ReviewError: it was completed meanwhile.
    """
    with store.transaction() as tx:
        current = current_draft(store, review["id"])
        return tx.delete("reviews", current["id"], now)


# -- a completed review ---------------------------------------------------------------------


def completed_review(store: Store, review_id: str, ritual: str) -> dict:
    """The completed review of ``ritual`` whose id starts with ``review_id``.

    Raises:
        UnknownId, AmbiguousId: no single review matches.
        ReviewError: it is not a completed review of ``ritual``.
    """
    review = store.resolve("reviews", review_id)
    if review.get("ritual") != ritual or review.get("status") != "complete":
        raise ReviewError(
            f"review {review['id']} is not a completed {ritual} review "
            f"({review.get('ritual')}, {review.get('status')})"
        )
    return review


def by_ids(store: Store, collection: str, ids: Iterable[object]) -> list[dict]:
    """The live records of ``ids``, in that order (missing ones left out)."""
    found = (store.get(collection, str(rid)) for rid in ids)
    return [record for record in found if record is not None]


def written(review: dict) -> dict[str, list]:
    """The ids a completed review lists in ``answers.written``, by part."""
    answers = review.get("answers")
    made = answers.get("written") if isinstance(answers, dict) else None
    if not isinstance(made, dict):
        return {}
    return {key: value for key, value in made.items() if isinstance(value, list)}


# -- the summary file -----------------------------------------------------------------------


def file_safe(name: object) -> str:
    """``name`` made safe for a file name (``"Ana M"`` -> ``"Ana-M"``), or ``"me"``."""
    safe = re.sub(r"[^A-Za-z0-9._-]+", "-", str(name or "")).strip("-.")
    return safe or "me"


def write_summary_file(text: str, path: str | os.PathLike | None, default_name: str) -> Path:
    """Write a summary to ``path`` (default: ``default_name`` in the current directory)
    atomically; returns the absolute path written.

    The file is written next to its destination and renamed into place, so a reader
    never sees half a summary.
    """
    target = (Path(path) if path is not None else Path.cwd() / default_name).absolute()
    handle, temporary = tempfile.mkstemp(
        prefix=f".{target.name}.", suffix=".tmp", dir=target.parent
    )
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as out:
            out.write(text)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return target
