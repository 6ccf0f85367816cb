"""Figures of roadblocks: open on a date, age, time to resolve (docs/METRICS.md).

- open roadblocks (on a date): raised on or before the date, and not resolved on or
  before it;
- roadblock age: (``resolved_on``, or today if open) - ``raised_on``, in days;
- time to resolve: the median age of the roadblocks resolved in a period (of an even
  count, the mean of the two middle ages).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping

from stratui.domain.metrics.basics import day, day_or_none, median


def roadblock_age(roadblock: Mapping, today: dt.date) -> int:
    """Days from ``raised_on`` to ``resolved_on`` (or to today while it is open)."""
    resolved = day_or_none(roadblock.get("resolved_on"))
    return ((resolved or today) - day(roadblock["raised_on"])).days


def is_open_on(roadblock: Mapping, on: dt.date) -> bool:
    """True when the roadblock was raised on or before ``on`` and not yet resolved then."""
    if day(roadblock["raised_on"]) > on:
        return False
    resolved = day_or_none(roadblock.get("resolved_on"))
    return resolved is None or resolved > on


def open_roadblocks(roadblocks: Iterable[Mapping], on: dt.date) -> list[Mapping]:
    """The roadblocks open on ``on``, oldest first (then by title)."""
    found = [roadblock for roadblock in roadblocks if is_open_on(roadblock, on)]
    return sorted(found, key=lambda r: (-roadblock_age(r, on), str(r.get("title", ""))))


def resolved_between(roadblocks: Iterable[Mapping], first: dt.date, last: dt.date) -> list[Mapping]:
    """The roadblocks resolved from ``first`` to ``last``, both days included."""
    return [
        roadblock
        for roadblock in roadblocks
        if (resolved := day_or_none(roadblock.get("resolved_on"))) and first <= resolved <= last
    ]


def time_to_resolve(roadblocks: Iterable[Mapping], first: dt.date, last: dt.date) -> float | None:
    """Time to resolve: the median age in days of the roadblocks resolved from ``first``
    to ``last`` (both included); ``None`` when none was resolved then."""
    return median(
        roadblock_age(roadblock, last) for roadblock in resolved_between(roadblocks, first, last)
    )


SEVERITY_ORDER = {"critical": 0, "high": 1, "medium": 2, "low": 3}
"""Open roadblocks are shown worst first."""


def worst_first(roadblocks: Iterable[Mapping]) -> list:
    """Roadblocks by severity (unknown last), then the oldest raised first, then id: the
    order every screen, summary and export lists open roadblocks in."""
    return sorted(
        roadblocks,
        key=lambda r: (
            SEVERITY_ORDER.get(str(r.get("severity")), 9),
            str(r.get("raised_on", "")),
            str(r.get("id", "")),
        ),
    )
