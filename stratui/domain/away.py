"""Away periods: the weeks a person is not expected to review (holidays, leave).

A person's record may hold ``away``: a list of ``{"from": DATE, "to": DATE}`` periods,
both days included (``stratui away 2026-12-21..2027-01-03``). A week is an **away week**
when a period covers its Thursday, the day its weekly review falls due
(docs/METRICS.md): no review is due for it (``stratui due``, the dashboard), and the
review streak neither counts nor breaks on it.

Pure module: no Textual, no TinyDB, no store.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from stratui.domain.weeks import FIRST_DAY, LAST_DAY, week_of

DUE_WEEKDAY = 3
"""Thursday (Monday is 0): the day a week's review falls due, by which it is away."""


def periods(person: Mapping | None) -> list[tuple[dt.date, dt.date]]:
    """The person's away periods as (first, last) days, skipping any malformed one."""
    found = []
    for item in (person or {}).get("away") or ():
        if not isinstance(item, Mapping):
            continue
        try:
            first = dt.date.fromisoformat(str(item.get("from")))
            last = dt.date.fromisoformat(str(item.get("to")))
        except ValueError:
            continue
        if first <= last:
            found.append((first, last))
    return found


def away_weeks(person: Mapping | None) -> set[str]:
    """The ISO weeks whose Thursday an away period of ``person`` covers."""
    weeks: set[str] = set()
    for first, last in periods(person):
        first, last = max(first, FIRST_DAY), min(last, LAST_DAY - dt.timedelta(days=7))
        day = first + dt.timedelta(days=(DUE_WEEKDAY - first.weekday()) % 7)
        while day <= last:
            weeks.add(week_of(day))
            day += dt.timedelta(days=7)
    return weeks


def is_away(person: Mapping | None, day: dt.date) -> bool:
    """Whether an away period of ``person`` covers ``day``."""
    return any(first <= day <= last for first, last in periods(person))


def parse_period(text: str) -> tuple[dt.date, dt.date]:
    """``2026-12-21..2027-01-03`` as its first and last day; ValueError saying why."""
    first_text, sep, last_text = text.partition("..")
    try:
        first = dt.date.fromisoformat(first_text.strip())
        last = dt.date.fromisoformat(last_text.strip()) if sep else first
    except ValueError:
        raise ValueError(
            f"expected FIRST..LAST as ISO dates (2026-12-21..2027-01-03), got {text!r}"
        ) from None
    if not (first >= FIRST_DAY and last <= LAST_DAY):
        raise ValueError(f"expected days from {FIRST_DAY} to {LAST_DAY}, got {text!r}")
    if last < first:
        raise ValueError(f"the last day {last} is before the first {first}")
    if (last - first).days > 366:
        raise ValueError("an away period is at most a year; add another for longer")
    return first, last
