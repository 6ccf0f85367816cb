"""Reading the dates and weeks that people type: ``2026-12-04``, ``fri``, ``+3d``, ``eow``.

The CLI (``--due``, ``--week``) and the TUI's inputs go through :func:`parse_date` and
:func:`parse_week_arg`, so every door accepts the same words and gives the same message
when it cannot read one. Both take ``today`` as a parameter: callers and tests decide what
"today" is, nothing here reads the clock.

Pure module: no Textual, no TinyDB, and cheap to import. The CLI's fast path imports it,
so ``dateutil`` is imported only inside the two branches that need it (month offsets such
as ``+1m`` and month names such as ``dec 4``); ISO dates, the day words, weekdays, day and
week offsets and ``eow`` never load it.
"""

from __future__ import annotations

import datetime as dt
import re

from stratui.domain.weeks import (
    DATES_TAKEN,
    SUPPORTED_YEARS,
    WEEKS_TAKEN,
    next_week,
    parse_week,
    previous_week,
    week_of,
)

DATE_FORMS = (
    "YYYY-MM-DD, today, tomorrow, yesterday, a weekday (fri), next monday, "
    "+3d, +2w, +1m, -1d, eow, eom, eoy, or a month and day (dec 4, 4 december 2026)"
)
WEEK_FORMS = (
    "YYYY-Www (2026-W07), this, next, last, "
    "or a date (2026-12-04, today, fri, next monday, +2w, eow)"
)

_WEEKDAY_NAMES = (
    ("mon", "monday"),
    ("tue", "tues", "tuesday"),
    ("wed", "weds", "wednesday"),
    ("thu", "thur", "thurs", "thursday"),
    ("fri", "friday"),
    ("sat", "saturday"),
    ("sun", "sunday"),
)
_MONTH_NAMES = (
    ("jan", "january"),
    ("feb", "february"),
    ("mar", "march"),
    ("apr", "april"),
    ("may",),
    ("jun", "june"),
    ("jul", "july"),
    ("aug", "august"),
    ("sep", "sept", "september"),
    ("oct", "october"),
    ("nov", "november"),
    ("dec", "december"),
)
_WEEKDAYS = {name: index for index, names in enumerate(_WEEKDAY_NAMES) for name in names}
_MONTHS = {name: index for index, names in enumerate(_MONTH_NAMES, start=1) for name in names}

_ISO_RE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_OFFSET_RE = re.compile(r"([+-]?)\s*([0-9]{1,6})\s*(d|w|m|y|days?|weeks?|months?|years?)")
_WEEK_LIKE_RE = re.compile(r"[0-9]{4}-?w[0-9]+")
_TOKEN_RE = re.compile(r"[a-z]+|[0-9]+|\S")
_FILLER = frozenset({"st", "nd", "rd", "th", "of", ",", ".", "-", "/"})
_SPACES_RE = re.compile(r"\s+")


class OutsideSupportedYears(ValueError):
    """What was typed names a day or week outside the years stratui takes
    (:data:`~stratui.domain.weeks.SUPPORTED_YEARS`); the message says which are taken."""


def _outside(text: str, taken: str, meant: object = None) -> OutsideSupportedYears:
    """``cannot take '+1000y' (3026-12-02): stratui takes dates from ... to ...``."""
    shown = repr(text) if meant is None or str(meant) == text.strip() else f"{text!r} ({meant})"
    return OutsideSupportedYears(f"cannot take {shown}: stratui takes {taken}")


def _cannot_read(text: object, why: str = "") -> ValueError:
    reason = f" ({why})" if why else ""
    return ValueError(f"cannot read {text!r} as a date{reason}; expected a date: {DATE_FORMS}")


def parse_date(text: str, today: dt.date) -> dt.date:
    """Turn what a person types into a date, relative to ``today``.

    Case and surrounding spaces do not matter. Accepted:

    * ``2026-12-04``: an ISO date; an impossible one (``2026-02-30``) is an error.
    * ``today``, ``tomorrow``, ``yesterday``.
    * a weekday, ``fri`` or ``friday``: the coming one, **today if today is that day**
      (a to-do tool's "due fri" on a Friday means today, not in a week).
    * ``next monday`` (any weekday): that day in the *next ISO week*, so always after
      this week; on a Monday, ``next fri`` is eleven days away, not four.
    * offsets ``+3d``, ``-1d``, ``+2w``, ``+1m``, ``+1y``; no sign means the future
      (``3d``). Months and years follow the calendar (Jan 31 ``+1m`` is Feb 28).
    * ``eow``: the end of the *working* week, the coming Friday (today if Friday; on a
      Saturday or Sunday the week just ended, so the Friday after). ``eom``: the last day
      of this month. ``eoy``: December 31st of this year.
    * a month name and a day, with an optional four-digit year: ``dec 4``,
      ``4 december 2026``, ``december 4th, 2026``. Without a year it is the next such
      day on or after today. All-numeric forms like ``12/04`` are refused: day-month
      order is ambiguous, and ISO is one keystroke away.

    The date meant must lie in the supported years, 1900-01-01 to 2999-12-31
    (:data:`~stratui.domain.weeks.SUPPORTED_YEARS`).

    Args:
        text: What the person typed.
        today: The date the words are relative to.

    Returns:
        The date meant.

    Raises:
        ValueError: ``text`` is none of the above; the message lists what is accepted.
            :class:`OutsideSupportedYears` (a ValueError) when it names a day outside
            the supported years.
    """
    if not isinstance(text, str):
        raise _cannot_read(text)
    if isinstance(today, dt.datetime):
        today = today.date()
    words = _SPACES_RE.sub(" ", text.strip().lower())
    if not words:
        raise _cannot_read(text, "it is empty")
    try:
        day = _parse_words(words, text, today)
    except OverflowError:  # e.g. +999999w runs past year 9999
        raise _outside(text, DATES_TAKEN) from None
    if day.year not in SUPPORTED_YEARS:
        raise _outside(text, DATES_TAKEN, day)
    return day


def _parse_words(words: str, text: str, today: dt.date) -> dt.date:
    if _ISO_RE.fullmatch(words):
        try:
            return dt.date.fromisoformat(words)
        except ValueError as exc:
            raise _cannot_read(text, f"no such day: {exc}") from None
    if words == "today":
        return today
    if words == "tomorrow":
        return today + dt.timedelta(days=1)
    if words == "yesterday":
        return today - dt.timedelta(days=1)
    if words == "eow":
        return _coming(today, _WEEKDAYS["fri"])
    if words == "eom":
        return _end_of_month(today)
    if words == "eoy":
        return dt.date(today.year, 12, 31)
    if words in _WEEKDAYS:
        return _coming(today, _WEEKDAYS[words])
    first, _, rest = words.partition(" ")
    if first == "next" and rest in _WEEKDAYS:
        next_monday = today + dt.timedelta(days=7 - today.weekday())
        return next_monday + dt.timedelta(days=_WEEKDAYS[rest])
    offset = _OFFSET_RE.fullmatch(words)
    if offset:
        return _shift(today, offset[1], int(offset[2]), offset[3][0], text)
    return _parse_month_day(words, text, today)


def _coming(today: dt.date, weekday: int) -> dt.date:
    """The next ``weekday`` (0 = Monday) on or after ``today``."""
    return today + dt.timedelta(days=(weekday - today.weekday()) % 7)


def _end_of_month(today: dt.date) -> dt.date:
    if today.month == 12:
        return dt.date(today.year, 12, 31)
    return dt.date(today.year, today.month + 1, 1) - dt.timedelta(days=1)


def _shift(today: dt.date, sign: str, amount: int, unit: str, text: str) -> dt.date:
    amount = -amount if sign == "-" else amount
    if unit == "d":
        return today + dt.timedelta(days=amount)
    if unit == "w":
        return today + dt.timedelta(weeks=amount)
    from dateutil.relativedelta import relativedelta  # lazy: keeps the fast path light

    delta = relativedelta(months=amount) if unit == "m" else relativedelta(years=amount)
    try:
        return today + delta
    except (ValueError, OverflowError):  # past year 9999 (or before year 1)
        raise _outside(text, DATES_TAKEN) from None


def _parse_month_day(words: str, text: str, today: dt.date) -> dt.date:
    """``dec 4``, ``4 december 2026``: checked by hand first, then read by dateutil.

    The strict token check keeps dateutil from turning garbage into a date: it reads
    ``banana 5`` or ``5`` or ``10:30`` happily, and those must be errors here.
    """
    months, days, years = [], [], []
    for token in _TOKEN_RE.findall(words):
        if token in _MONTHS:
            months.append(_MONTHS[token])
        elif token.isdigit() and len(token) <= 2:
            days.append(int(token))
        elif token.isdigit() and len(token) == 4:
            years.append(int(token))
        elif token not in _FILLER:
            raise _cannot_read(text)
    if len(months) != 1 or len(days) != 1 or len(years) > 1:
        raise _cannot_read(text)
    from dateutil import parser  # lazy: keeps the fast path light

    # Without a year: the next such day on or after today. Feb 29 may be up to 8 years on.
    candidates = years or range(today.year, today.year + 9)
    problem = ""
    for year in candidates:
        try:
            parsed = parser.parse(words, default=dt.datetime(year, 1, 1)).date()
        except (ValueError, OverflowError) as exc:  # ParserError is a ValueError
            problem = f"no such day: {exc}"
            continue
        if (parsed.year, parsed.month, parsed.day) != (year, months[0], days[0]):
            raise _cannot_read(text)  # dateutil read the tokens in another way
        if years or parsed >= today:
            return parsed
    raise _cannot_read(text, problem)


def parse_week_arg(text: str, today: dt.date) -> str:
    """Turn what a person types for a week into an ISO week id ``YYYY-Www``.

    Case and surrounding spaces do not matter. Accepted:

    * ``2026-W07`` (or ``2026-w07``): an ISO week that exists; ``2025-W53`` is an error
      that says 2025 has 52 weeks.
    * ``this`` / ``current``, ``next``, ``last`` / ``prev`` / ``previous``, each also
      followed by ``week`` (``next week``): relative to the week holding ``today``.
    * any date :func:`parse_date` reads (``2026-12-04``, ``fri``, ``+2w``): its ISO week.

    The week must lie in the supported years, 1900-W01 to 2999-W52
    (:data:`~stratui.domain.weeks.SUPPORTED_YEARS`).

    Args:
        text: What the person typed.
        today: The date the words are relative to.

    Returns:
        The ISO week id, e.g. ``"2026-W53"``.

    Raises:
        ValueError: ``text`` names no week; the message lists what is accepted.
            :class:`OutsideSupportedYears` (a ValueError) when it names a week outside
            the supported years.
    """
    week = _week_meant(text, today)
    if parse_week(week)[0] not in SUPPORTED_YEARS:
        raise _outside(text, WEEKS_TAKEN, week)
    return week


def _week_meant(text: str, today: dt.date) -> str:
    if not isinstance(text, str):
        raise ValueError(f"cannot read {text!r} as a week; expected {WEEK_FORMS}")
    if isinstance(today, dt.datetime):
        today = today.date()
    words = _SPACES_RE.sub(" ", text.strip().lower())
    if _WEEK_LIKE_RE.fullmatch(words):
        try:
            year, number = parse_week(words.upper())
        except ValueError as exc:
            raise ValueError(f"{exc}; expected {WEEK_FORMS}") from None
        return f"{year:04d}-W{number:02d}"
    relative = words.removesuffix(" week")
    current = week_of(today)
    try:
        if relative in ("this", "current"):
            return current
        if relative == "next":
            return next_week(current)
        if relative in ("last", "prev", "previous"):
            return previous_week(current)
    except ValueError:  # today is the calendar's first or last week
        raise _outside(text, WEEKS_TAKEN) from None
    try:
        return week_of(parse_date(text, today))
    except OutsideSupportedYears:
        raise _outside(text, WEEKS_TAKEN) from None
    except ValueError:
        raise ValueError(f"cannot read {text!r} as a week; expected {WEEK_FORMS}") from None
