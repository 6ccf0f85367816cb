"""ISO weeks, written ``YYYY-Www``: parsing, validity, the week of a date, and ranges.

ISO weeks start on Monday; week 1 is the week holding the year's first Thursday, so some
years have 53 weeks (2026 does, 2025 does not) and early January can belong to the
previous ISO year. Everything here rests on :meth:`datetime.date.isocalendar` and
:meth:`datetime.date.fromisocalendar`, so there is no calendar arithmetic of our own.

**The years stratui takes** are :data:`SUPPORTED_YEARS`, 1900 to 2999: dates from
1900-01-01 to 2999-12-31, ISO weeks from 1900-W01 to 2999-W52, quarters from 1900-Q1 to
2999-Q4. Typed input and imported documents outside them are refused; a value outside
them that a store already holds (an older stratui, a synced file) is shown as it is,
never a reason to crash. The functions here work on the whole calendar Python knows
(years 1 to 9999), so readers can still place such a value.

Pure module: no Textual, no TinyDB, and cheap to import (the CLI's fast path uses it).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

_WEEK_RE = re.compile(r"^(\d{4})-W(\d{2})$", re.ASCII)  # ASCII: \d alone takes any script's digits

SUPPORTED_YEARS = range(1900, 3000)
"""The years stratui takes dates, weeks and quarters in: 1900 to 2999, both included.

Wide enough for any plan and any history, and far from the ends of Python's calendar
(years 1 and 9999), where the week after a day, the Sunday of a week or a window of
weeks no longer exists and arithmetic on them raises."""


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
    """The week ``weeks`` after ``week`` (negative goes back), across year ends.

    Raises:
        ValueError: ``week`` does not exist, or the result lies outside the calendar
            (years 1 to 9999).
    """
    try:
        return week_of(monday(week) + dt.timedelta(weeks=weeks))
    except OverflowError:
        raise ValueError(f"no week {weeks:+d} from {week}: past the calendar's end") from None


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
    """Yield every week from ``first`` to ``last`` inclusive.

    Counted rather than stepped past ``last``, so a range ending in the calendar's last
    week (9999-W52) ends there instead of overflowing.
    """
    day, end = monday(first), monday(last)
    for offset in range((end - day).days // 7 + 1):
        yield week_of(day + dt.timedelta(weeks=offset))


def weeks_between(first: str, last: str) -> int:
    """How many weeks ``last`` lies after ``first`` (0 for the same week)."""
    return (monday(last) - monday(first)).days // 7


def window(end: str, weeks: int) -> list[str]:
    """The ``weeks`` weeks ending with ``end``, oldest first."""
    if weeks < 1:
        raise ValueError("a window has at least one week")
    return week_range(shift_week(end, -(weeks - 1)), end)


# -- the years stratui takes ------------------------------------------------------------------

FIRST_DAY = dt.date(SUPPORTED_YEARS[0], 1, 1)
"""The first date stratui takes: 1900-01-01."""
LAST_DAY = dt.date(SUPPORTED_YEARS[-1], 12, 31)
"""The last date stratui takes: 2999-12-31 (it lies in ISO week 3000-W01: a date, not a week)."""
FIRST_WEEK = format_week(SUPPORTED_YEARS[0], 1)
"""The first ISO week stratui takes: 1900-W01."""
LAST_WEEK = format_week(SUPPORTED_YEARS[-1], weeks_in_year(SUPPORTED_YEARS[-1]))
"""The last ISO week stratui takes: 2999-W52."""
DATES_TAKEN = f"dates from {FIRST_DAY} to {LAST_DAY}"
"""What a message says is taken: ``stratui takes dates from 1900-01-01 to 2999-12-31``."""
WEEKS_TAKEN = f"weeks from {FIRST_WEEK} to {LAST_WEEK}"
"""What a message says is taken: ``stratui takes weeks from 1900-W01 to 2999-W52``."""


def is_supported_date(day: dt.date) -> bool:
    """True when ``day`` lies in :data:`SUPPORTED_YEARS`."""
    return day.year in SUPPORTED_YEARS


def is_supported_week(week: str) -> bool:
    """True when ``week`` is an ISO week that exists and whose ISO year is supported."""
    try:
        return parse_week(week)[0] in SUPPORTED_YEARS
    except ValueError:
        return False


def clamp_to_supported(day: dt.date) -> dt.date:
    """``day``, moved into the supported years if it lies outside them: readers that walk
    the weeks up to a stored date (a goal ending in 9999) walk no further than 2999."""
    return min(max(day, FIRST_DAY), LAST_DAY)
