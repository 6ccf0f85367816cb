"""Fiscal quarters, written ``YYYY-Qn``: parsing, the quarter of a date, bounds, weeks.

A quarter here is a quarter of the organisation's **fiscal year**, whose first month is
configurable (``fiscal_start``, 1 for January, the default; see :mod:`stratui.usecases.fiscal`
for where the setting lives). Every function takes it as a parameter, so nothing here
reads a configuration.

**Which year names a fiscal year.** A fiscal year is named by the calendar year in which
it *ends* (the convention of the US federal government, Microsoft and Apple). With the
default January start the two agree: fiscal 2026 is calendar 2026. With an April start,
fiscal 2027 runs from 2026-04-01 to 2027-03-31, so ``2027-Q1`` is April to June 2026 and
``2027-Q4`` is January to March 2027. With an October start, ``2027-Q1`` is October to
December 2026.

**The weeks of a quarter** are the ISO weeks whose Thursday lies in it: the rule ISO
itself uses to give a week to a year. Consecutive quarters so share no week and miss
none, and a week's commitments count in exactly one quarter.

The store's shard keys (``commitments/2026-Q4.json``, thirteen ISO weeks each, see
``stratui.store.layout``) look alike but are a storage detail unrelated to these
quarters.

Pure module: no Textual, no TinyDB. Month arithmetic is ``dateutil.relativedelta``.
"""

from __future__ import annotations

import datetime as dt
import re

from dateutil.relativedelta import relativedelta

from stratui.domain.weeks import SUPPORTED_YEARS, week_of, week_range

DEFAULT_FISCAL_START = 1
"""The first month of the fiscal year when none is configured: January."""

QUARTER_FORMS = "YYYY-Qn (2026-Q4), this, next, last, or a date (2026-12-04, today)"
QUARTERS_TAKEN = f"quarters from {SUPPORTED_YEARS[0]}-Q1 to {SUPPORTED_YEARS[-1]}-Q4"
MONTH_FORMS = "a month: 1-12 or its name (4, apr, april)"

MONTH_NAMES = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)

_QUARTER_RE = re.compile(r"^(\d{4})-Q(\d)\Z", re.ASCII | re.IGNORECASE)
_ONE_DAY = dt.timedelta(days=1)
_THURSDAY = 3


# -- reading and writing quarter ids --------------------------------------------------------


def parse_quarter(text: str) -> tuple[int, int]:
    """``"2026-Q4"`` -> ``(2026, 4)``; surrounding spaces and the case of ``q`` are forgiven.

    Raises:
        ValueError: not ``YYYY-Qn`` with n from 1 to 4 and a year from 1 to 9998; the
            message says what is accepted.
    """
    match = _QUARTER_RE.match(text.strip()) if isinstance(text, str) else None
    if not match or not 1 <= int(match[2]) <= 4 or not 1 <= int(match[1]) <= 9998:
        raise ValueError(f"expected a quarter YYYY-Qn with n from 1 to 4 (2026-Q4), got {text!r}")
    return int(match[1]), int(match[2])


def is_valid_quarter(text: object) -> bool:
    """True when ``text`` is exactly a quarter id ``YYYY-Qn`` (no spaces, capital Q)."""
    if not isinstance(text, str) or text != text.strip() or "q" in text:
        return False
    try:
        parse_quarter(text)
    except ValueError:
        return False
    return True


def format_quarter(year: int, number: int) -> str:
    """``(2026, 4)`` -> ``"2026-Q4"``."""
    return f"{year:04d}-Q{number}"


def normal_quarter(text: str) -> str:
    """A typed quarter id in its stored form: ``" 2026-q4 "`` -> ``"2026-Q4"``."""
    return format_quarter(*parse_quarter(text))


def supported_quarter(text: str) -> str:
    """A typed quarter id in its stored form, if its fiscal year is one of the supported
    years (:data:`~stratui.domain.weeks.SUPPORTED_YEARS`): what a command or a field
    takes.

    Raises:
        ValueError: not a quarter id, or outside the supported years; the message says
            what is taken.
    """
    match = _QUARTER_RE.match(text.strip()) if isinstance(text, str) else None
    if match and int(match[1]) not in SUPPORTED_YEARS:
        raise ValueError(f"cannot take {text!r}: stratui takes {QUARTERS_TAKEN}")
    return normal_quarter(text)


# -- months ---------------------------------------------------------------------------------


def parse_month(text: str | int) -> int:
    """A month as a person names it: ``4``, ``"04"``, ``"apr"``, ``"April"`` -> 4.

    Raises:
        ValueError: not a month; the message says what is accepted.
    """
    if isinstance(text, int) and not isinstance(text, bool) and 1 <= text <= 12:
        return text
    word = text.strip().lower() if isinstance(text, str) else ""
    if word.isdigit() and 1 <= int(word) <= 12:
        return int(word)
    if len(word) >= 3:
        for number, name in enumerate(MONTH_NAMES, start=1):
            if name.startswith(word):
                return number
    raise ValueError(f"expected {MONTH_FORMS}, got {text!r}")


def month_name(month: int) -> str:
    """``4`` -> ``"April"``."""
    return MONTH_NAMES[month - 1].capitalize()


def _check_start(fiscal_start: int) -> int:
    if isinstance(fiscal_start, bool) or not isinstance(fiscal_start, int):
        raise ValueError(f"fiscal start: expected a month 1-12, got {fiscal_start!r}")
    if not 1 <= fiscal_start <= 12:
        raise ValueError(f"fiscal start: expected a month 1-12, got {fiscal_start!r}")
    return fiscal_start


# -- fiscal years and quarters ----------------------------------------------------------------


def fiscal_year_of(day: dt.date, fiscal_start: int = DEFAULT_FISCAL_START) -> int:
    """The fiscal year holding ``day``, named by the calendar year in which it ends."""
    _check_start(fiscal_start)
    if fiscal_start == 1:
        return day.year
    return day.year + 1 if day.month >= fiscal_start else day.year


def fiscal_year_start(year: int, fiscal_start: int = DEFAULT_FISCAL_START) -> dt.date:
    """The first day of fiscal ``year``: ``(2027, 4)`` -> 2026-04-01."""
    _check_start(fiscal_start)
    return dt.date(year if fiscal_start == 1 else year - 1, fiscal_start, 1)


def quarter_of(day: dt.date, fiscal_start: int = DEFAULT_FISCAL_START) -> str:
    """The fiscal quarter holding ``day``: ``(2026-05-10, April start)`` -> ``"2027-Q1"``."""
    if isinstance(day, dt.datetime):
        day = day.date()
    months_in = (day.month - _check_start(fiscal_start)) % 12
    return format_quarter(fiscal_year_of(day, fiscal_start), months_in // 3 + 1)


def quarter_start(quarter: str, fiscal_start: int = DEFAULT_FISCAL_START) -> dt.date:
    """The first day of ``quarter``: ``("2027-Q1", April start)`` -> 2026-04-01."""
    year, number = parse_quarter(quarter)
    return fiscal_year_start(year, fiscal_start) + relativedelta(months=3 * (number - 1))


def quarter_end(quarter: str, fiscal_start: int = DEFAULT_FISCAL_START) -> dt.date:
    """The last day of ``quarter``: ``("2026-Q1", January start)`` -> 2026-03-31."""
    return quarter_start(quarter, fiscal_start) + relativedelta(months=3) - _ONE_DAY


def quarter_bounds(
    quarter: str, fiscal_start: int = DEFAULT_FISCAL_START
) -> tuple[dt.date, dt.date]:
    """``(first day, last day)`` of ``quarter``, both included."""
    return quarter_start(quarter, fiscal_start), quarter_end(quarter, fiscal_start)


def shift_quarter(quarter: str, quarters: int) -> str:
    """The quarter ``quarters`` after ``quarter`` (negative goes back), across years.

    Independent of the fiscal start: Q4 is always followed by Q1 of the next year.
    """
    year, number = parse_quarter(quarter)
    index = year * 4 + (number - 1) + quarters
    shifted = format_quarter(index // 4, index % 4 + 1)
    parse_quarter(shifted)  # refuses years outside 1..9998
    return shifted


def next_quarter(quarter: str) -> str:
    """The quarter after ``quarter``: ``"2026-Q4"`` -> ``"2027-Q1"``."""
    return shift_quarter(quarter, 1)


def previous_quarter(quarter: str) -> str:
    """The quarter before ``quarter``: ``"2027-Q1"`` -> ``"2026-Q4"``."""
    return shift_quarter(quarter, -1)


def quarter_weeks(quarter: str, fiscal_start: int = DEFAULT_FISCAL_START) -> list[str]:
    """The ISO weeks of ``quarter``: those whose Thursday lies in it, in order.

    Usually thirteen; twelve or fourteen when the quarter holds that many Thursdays
    (2027-Q1 of a January fiscal year has twelve, 2026-Q4 fourteen).
    """
    first, last = quarter_bounds(quarter, fiscal_start)
    first_thursday = first + dt.timedelta(days=(_THURSDAY - first.weekday()) % 7)
    last_thursday = last - dt.timedelta(days=(last.weekday() - _THURSDAY) % 7)
    return week_range(week_of(first_thursday), week_of(last_thursday))


def quarter_of_week(week: str, fiscal_start: int = DEFAULT_FISCAL_START) -> str:
    """The quarter an ISO week belongs to: the one holding its Thursday."""
    from stratui.domain.weeks import monday

    return quarter_of(monday(week) + dt.timedelta(days=_THURSDAY), fiscal_start)


def overlaps(start: dt.date | None, end: dt.date | None, first: dt.date, last: dt.date) -> bool:
    """True when the span ``start..end`` shares a day with ``first..last``.

    A missing ``start`` means "since ever" and a missing ``end`` "open-ended", so a span
    with neither overlaps everything.
    """
    return (start is None or start <= last) and (end is None or end >= first)


def parse_quarter_arg(text: str, today: dt.date, fiscal_start: int = DEFAULT_FISCAL_START) -> str:
    """What a person types for a quarter, as a quarter id ``YYYY-Qn``.

    Accepted: ``2026-Q4`` (any case), ``this``/``current``, ``next``, ``last``/``previous``
    (each also followed by ``quarter``), or any date :func:`stratui.domain.dates.parse_date`
    reads (its quarter). The quarter's fiscal year must be one of the supported years
    (:data:`~stratui.domain.weeks.SUPPORTED_YEARS`).

    Raises:
        ValueError: none of these, or outside the supported years; the message lists
            what is accepted.
    """
    quarter = _quarter_meant(text, today, fiscal_start)
    if parse_quarter(quarter)[0] not in SUPPORTED_YEARS:
        shown = repr(text) if quarter == str(text).strip().upper() else f"{text!r} ({quarter})"
        raise ValueError(f"cannot take {shown}: stratui takes {QUARTERS_TAKEN}")
    return quarter


def _quarter_meant(text: str, today: dt.date, fiscal_start: int) -> str:
    from stratui.domain.dates import OutsideSupportedYears, parse_date

    words = " ".join(str(text).lower().split()) if isinstance(text, str) else ""
    if _QUARTER_RE.match(words):
        if int(words[:4]) not in SUPPORTED_YEARS:
            raise ValueError(f"cannot take {text!r}: stratui takes {QUARTERS_TAKEN}")
        try:
            return normal_quarter(words)
        except ValueError:
            raise ValueError(
                f"cannot read {text!r} as a quarter; expected {QUARTER_FORMS}"
            ) from None
    current = quarter_of(today, fiscal_start)
    relative = words.removesuffix(" quarter")
    if relative in ("this", "current"):
        return current
    if relative == "next":
        return next_quarter(current)
    if relative in ("last", "prev", "previous"):
        return previous_quarter(current)
    try:
        day = parse_date(str(text), today)
    except OutsideSupportedYears:
        raise ValueError(f"cannot take {text!r}: stratui takes {QUARTERS_TAKEN}") from None
    except ValueError:
        raise ValueError(f"cannot read {text!r} as a quarter; expected {QUARTER_FORMS}") from None
    return quarter_of(day, fiscal_start)
