"""ISO weeks, written ``YYYY-Www``: parsing, validity, the week of a date, and ranges.

ISO weeks start on Monday; week 1 is the week holding the year's first Thursday, so some
years have 53 weeks (2026 does, 2025 does not) and early January can belong to the
previous ISO year. Everything here rests on :meth:`datetime.date.isocalendar` and
:meth:`datetime.date.fromisocalendar`, so there is no calendar arithmetic of our own.

Pure module: no Textual, no TinyDB, and cheap to import (the CLI's fast path uses it).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

_WEEK_RE = re.compile(r"^(\d{4})-W(\d{2})$", re.ASCII)  # ASCII: \d alone takes any script's digits


def parse_week(text: str) -> tuple[int, int]:
    """Return ``(iso_year, week)`` for ``YYYY-Www``; raise ``ValueError`` if it does not exist."""
    match = _WEEK_RE.match(text.strip()) if isinstance(text, str) else None
    if not match:
        raise ValueError(f"expected an ISO week like 2026-W07, got {text!r}")
    year, week = int(match[1]), int(match[2])
    if not 1 <= week <= weeks_in_year(year):
        raise ValueError(
            f"{text.strip()} does not exist: {year} has {weeks_in_year(year)} ISO weeks"
        )
    return year, week


def is_valid_week(text: str) -> bool:
    """True when ``text`` is an ISO week id that exists (``2026-W53`` yes, ``2025-W53`` no)."""
    try:
        parse_week(text)
    except ValueError:
        return False
    return True


def format_week(year: int, week: int) -> str:
    """``(2026, 7)`` -> ``"2026-W07"``."""
    return f"{year:04d}-W{week:02d}"


def weeks_in_year(year: int) -> int:
    """52 or 53: December 28th always lies in the year's last ISO week."""
    return dt.date(year, 12, 28).isocalendar()[1]


def week_of(day: dt.date) -> str:
    """The ISO week id holding ``day``: ``date(2027, 1, 1)`` -> ``"2026-W53"``."""
    year, week, _ = day.isocalendar()
    return format_week(year, week)


def monday(week: str) -> dt.date:
    """The first day (Monday) of ``week``."""
    year, number = parse_week(week)
    return dt.date.fromisocalendar(year, number, 1)


def sunday(week: str) -> dt.date:
    """The last day (Sunday) of ``week``."""
    year, number = parse_week(week)
    return dt.date.fromisocalendar(year, number, 7)


def shift_week(week: str, weeks: int) -> str:
    """The week ``weeks`` after ``week`` (negative goes back), across year ends."""
    return week_of(monday(week) + dt.timedelta(weeks=weeks))


def next_week(week: str) -> str:
    """The week after ``week``: ``"2026-W53"`` -> ``"2027-W01"``."""
    return shift_week(week, 1)


def previous_week(week: str) -> str:
    """The week before ``week``: ``"2027-W01"`` -> ``"2026-W53"``."""
    return shift_week(week, -1)


def week_range(first: str, last: str) -> list[str]:
    """Every week from ``first`` to ``last`` inclusive, in order (empty if ``last`` < ``first``)."""
    return list(iter_weeks(first, last))


def iter_weeks(first: str, last: str) -> Iterator[str]:
    """Yield every week from ``first`` to ``last`` inclusive."""
    day, end = monday(first), monday(last)
    step = dt.timedelta(weeks=1)
    while day <= end:
        yield week_of(day)
        day += step


def weeks_between(first: str, last: str) -> int:
    """How many weeks ``last`` lies after ``first`` (0 for the same week)."""
    return (monday(last) - monday(first)).days // 7


def window(end: str, weeks: int) -> list[str]:
    """The ``weeks`` weeks ending with ``end``, oldest first."""
    if weeks < 1:
        raise ValueError("a window has at least one week")
    return week_range(shift_week(end, -(weeks - 1)), end)
