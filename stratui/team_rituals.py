"""What the team rituals' services share: their draft review records and where to find them.

A team ritual (the team review, the retrospective) keeps its draft like the weekly
review does: a review record with status ``draft`` whose ``answers`` hold the draft,
saved at every step, sharded by its period. A team's drafts are found by reading only
the shards of the :data:`~stratui.review_service.DRAFT_WEEKS_BACK` weeks before this
week, this week and the next (see :mod:`stratui.review_service`).

No Textual and no Rich here; TinyDB only through the store.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from stratui.domain import records as rec
from stratui.domain.weeks import shift_week, week_of, week_range
from stratui.review_service import DRAFT_WEEKS_BACK, ReviewError
from stratui.store.errors import UnknownId
from stratui.store.layout import key_for_period, keys_for_weeks
from stratui.store.store import Store


def recent_keys(today: dt.date, weeks_back: int = DRAFT_WEEKS_BACK) -> list[str]:
    """The shard keys from ``weeks_back`` weeks before today's week to the next week."""
    this_week = week_of(today)
    return keys_for_weeks(week_range(shift_week(this_week, -weeks_back), shift_week(this_week, 1)))


def team_drafts(
    store: Store, ritual: str, team: str, today: dt.date, period: str | None = None
) -> list[dict]:
    """The team's draft reviews of ``ritual`` (of ``period``, if given), newest first."""
    equals: dict[str, object] = {"ritual": ritual, "status": "draft", "team": team}
    if period is None:
        keys = recent_keys(today)
    else:
        keys, equals["period"] = [key_for_period(period)], period
    found = store.find("reviews", keys=keys, **equals)
    return sorted(found, key=lambda r: (r["updated_at"], r["id"]), reverse=True)


def new_draft_review(
    ritual: str,
    *,
    period: str,
    team: str,
    facilitator: str,
    participants: list[str],
    answers: dict,
    now: dt.datetime,
) -> dict:
    """A new draft review record of a team ritual, started now."""
    return rec.new_record(
        "reviews",
        {
            "ritual": ritual,
            "period": period,
            "team": team,
            "facilitator": facilitator or None,
            "participants": participants,
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
