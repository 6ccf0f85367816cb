"""Where each record lives: the store's directory layout and its shard keys.

A store is a directory::

    stratui-store.json          {"format": "stratui-store", "schema": 3}
    people.json teams.json goals.json            small collections, one file each
    commitments/2026-Q4.json   reviews/...       time series, one file per shard
    .stratui/                  local only (lock, journal, manifest, id index, backups)

Time-series collections are split into shards of thirteen ISO weeks (``2026-Q1`` holds
weeks 1-13, ``Q2`` 14-26, ``Q3`` 27-39, ``Q4`` 40-53), keyed by the week a record belongs
to. So what one command touches is a shard or two, whatever the length of the history,
and a git merge sees small files that change only where work happened.

Pure module: the keys are computed from record fields alone.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping

from stratui.domain.weeks import parse_week, week_of, week_range

META_FILE = "stratui-store.json"
LOCAL_DIR = ".stratui"
STORE_FORMAT = "stratui-store"

UNSHARDED = ("people", "teams", "goals")
SHARDED = (
    "goal_checkins",
    "commitments",
    "roadblocks",
    "adjustments",
    "reviews",
    "retro_items",
    "retro_ballots",
)
FOLLOW_REVIEW = ("retro_items", "retro_ballots")
"""The collections whose records have no period of their own: each lives in the shard of
the review it belongs to (``review_id``)."""

# The field whose week places a record in its shard; retro items follow their review.
_WEEK_FIELD = {
    "commitments": "week",
    "goal_checkins": "date",
    "roadblocks": "raised_on",
    "adjustments": "decided_on",
    "reviews": "period",
}


def key_for_week(week: str) -> str:
    """The shard key holding ``week``: ``2026-W47`` -> ``2026-Q4``."""
    year, number = parse_week(week)
    return f"{year}-Q{min((number - 1) // 13 + 1, 4)}"


def key_for_date(day: str | dt.date) -> str:
    """The shard key holding the ISO week of ``day``."""
    if isinstance(day, str):
        day = dt.date.fromisoformat(day)
    return key_for_week(week_of(day))


def key_for_period(period: str) -> str:
    """The shard of a review period: an ISO week, or a quarter ``YYYY-Qn`` (itself)."""
    return period if "-Q" in period else key_for_week(period)


def keys_for_weeks(weeks: Iterable[str]) -> list[str]:
    """The distinct shard keys covering ``weeks``, in order."""
    return sorted({key_for_week(week) for week in weeks})


def shard_key(collection: str, record: Mapping) -> str | None:
    """The shard key of ``record``, or ``None`` for an unsharded collection.

    Retro items and ballots have no period of their own: the store places them in their
    review's shard (:data:`FOLLOW_REVIEW`), so this raises ``KeyError`` for them.
    """
    if collection in UNSHARDED:
        return None
    field = _WEEK_FIELD.get(collection)
    if field is None:
        raise KeyError(collection)
    value = str(record[field])
    if collection == "reviews":
        return key_for_period(value)
    if collection == "commitments":
        return key_for_week(value)
    return key_for_date(value)


def relpath(collection: str, key: str | None) -> str:
    """The file of a shard, relative to the store: ``commitments/2026-Q4.json``."""
    return f"{collection}.json" if key is None else f"{collection}/{key}.json"


def parse_relpath(path: str) -> tuple[str, str | None] | None:
    """``commitments/2026-Q4.json`` -> ``("commitments", "2026-Q4")``; None if not a shard."""
    if not path.endswith(".json"):
        return None
    stem = path[: -len(".json")]
    collection, _, key = stem.partition("/")
    if key:
        return (collection, key) if collection in SHARDED and "/" not in key else None
    return (collection, None) if collection in UNSHARDED else None


def is_store_file(rel: str) -> bool:
    """Whether ``rel`` (relative to the store, ``/``-separated) names one of the files
    a store is made of: the meta file, a small collection's file or a shard. No such
    name leaves the store: its folder, if any, is a collection's, and a shard's name
    holds no ``/``."""
    if rel == META_FILE:
        return True
    parsed = parse_relpath(rel)
    return parsed is not None and relpath(*parsed) == rel and "\x00" not in rel


def key_weeks(key: str) -> tuple[str, str]:
    """The first and last ISO week a shard key holds: ``2026-Q4`` -> weeks 40 to 53
    (53 only in a year that has it). A year before 1000 has a shorter key (``1-Q1``)."""
    year_text, _, quarter_text = key.rpartition("-Q")
    year, quarter = int(year_text), int(quarter_text)
    first = (quarter - 1) * 13 + 1
    last = 53 if quarter == 4 else quarter * 13
    if last == 53 and not _has_week_53(year):
        last = 52
    return f"{year}-W{first:02d}", f"{year}-W{last:02d}"


def _has_week_53(year: int) -> bool:
    return dt.date(year, 12, 28).isocalendar()[1] == 53


def keys_for_days(first: dt.date, last: dt.date) -> list[str]:
    """The shard keys holding the days ``first`` to ``last``."""
    return keys_for_weeks(week_range(week_of(first), week_of(last)))


def placed_in(collection: str, record: Mapping, weeks: set[str]) -> bool:
    """Whether ``record`` is placed in one of ``weeks`` (by its week, date or period);
    True for retro items, placed by their review (which the caller names)."""
    field = _WEEK_FIELD.get(collection)
    if field is None:
        return True
    value = str(record.get(field, ""))
    if collection in ("commitments", "reviews"):
        return value in weeks
    try:
        return week_of(dt.date.fromisoformat(value[:10])) in weeks
    except ValueError:
        return False
