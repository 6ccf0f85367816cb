"""Reading typed dates and weeks, against a fixed "today".

Two anchors: Sunday 2026-11-22 (the last day of an ISO week, where "this week" and
"next" are easy to get wrong) and Wednesday 2026-11-25 (mid-week).
"""

import datetime as dt
import subprocess
import sys
import textwrap

import pytest

from stratui.domain.dates import (
    DATE_FORMS,
    WEEK_FORMS,
    OutsideSupportedYears,
    parse_date,
    parse_week_arg,
)

SUN = dt.date(2026, 11, 22)
WED = dt.date(2026, 11, 25)


def d(text: str) -> dt.date:
    """A date literal: ``d("2026-12-04")``."""
    return dt.date.fromisoformat(text)


def test_anchors_are_the_weekdays_the_tests_assume():
    """Guard: every expectation below rests on these weekdays."""
    assert SUN.weekday() == 6
    assert WED.weekday() == 2


@pytest.mark.parametrize("text", ["2026-12-04", " 2026-12-04 ", "2024-02-29"])
def test_iso_dates(text):
    """ISO dates are read as written, whatever today is."""
    assert parse_date(text, SUN) == d(text.strip())
    assert parse_date(text, WED) == d(text.strip())


@pytest.mark.parametrize("text", ["2026-02-30", "2025-02-29", "2026-13-01", "2026-00-10"])
def test_impossible_iso_dates_are_rejected_clearly(text):
    """A well-formed but impossible date says it is no such day and lists the forms."""
    with pytest.raises(ValueError, match="no such day") as info:
        parse_date(text, SUN)
    assert DATE_FORMS in str(info.value)


@pytest.mark.parametrize(
    ("text", "today", "expected"),
    [
        ("today", SUN, "2026-11-22"),
        ("TODAY", WED, "2026-11-25"),
        ("  Tomorrow ", SUN, "2026-11-23"),
        ("tomorrow", d("2026-12-31"), "2027-01-01"),
        ("yesterday", WED, "2026-11-24"),
        ("yesterday", d("2027-01-01"), "2026-12-31"),
    ],
)
def test_day_words(text, today, expected):
    """today/tomorrow/yesterday, case and spaces ignored, across a year end."""
    assert parse_date(text, today) == d(expected)


@pytest.mark.parametrize(
    ("text", "today", "expected"),
    [
        ("fri", WED, "2026-11-27"),
        ("Friday", WED, "2026-11-27"),
        ("wed", WED, "2026-11-25"),  # today is Wednesday: today
        ("wednesday", WED, "2026-11-25"),
        ("tue", WED, "2026-12-01"),  # already past this week: the coming one
        ("thurs", WED, "2026-11-26"),
        ("mon", SUN, "2026-11-23"),
        ("sun", SUN, "2026-11-22"),
        ("sat", SUN, "2026-11-28"),
    ],
)
def test_bare_weekday_is_the_coming_one_today_included(text, today, expected):
    """A bare weekday is the next such day on or after today."""
    assert parse_date(text, today) == d(expected)


@pytest.mark.parametrize(
    ("text", "today", "expected"),
    [
        ("next monday", WED, "2026-11-30"),
        ("next fri", WED, "2026-12-04"),  # not this Friday (the 27th)
        ("next wed", WED, "2026-12-02"),
        ("next  Monday", SUN, "2026-11-23"),  # Sunday ends the ISO week
        ("next sun", SUN, "2026-11-29"),
        ("next mon", d("2026-11-23"), "2026-11-30"),  # on a Monday: a week on
    ],
)
def test_next_weekday_is_in_the_next_iso_week(text, today, expected):
    """``next X`` is day X of the ISO week after today's week."""
    assert parse_date(text, today) == d(expected)


@pytest.mark.parametrize(
    ("text", "today", "expected"),
    [
        ("+3d", SUN, "2026-11-25"),
        ("3d", SUN, "2026-11-25"),
        ("+0d", SUN, "2026-11-22"),
        ("-1d", SUN, "2026-11-21"),
        ("+2w", WED, "2026-12-09"),
        ("-2w", WED, "2026-11-11"),
        ("+10d", d("2026-12-28"), "2027-01-07"),
        ("+1m", SUN, "2026-12-22"),
        ("+1m", d("2027-01-31"), "2027-02-28"),  # calendar months clip to month end
        ("-1m", d("2026-03-31"), "2026-02-28"),
        ("+1y", d("2028-02-29"), "2029-02-28"),
        ("+3 days", SUN, "2026-11-25"),
        ("2 weeks", WED, "2026-12-09"),
        ("+3D", SUN, "2026-11-25"),
    ],
)
def test_relative_offsets(text, today, expected):
    """Day and week offsets are plain arithmetic; months and years follow the calendar."""
    assert parse_date(text, today) == d(expected)


@pytest.mark.parametrize(
    ("text", "today", "expected"),
    [
        ("eow", WED, "2026-11-27"),
        ("eow", d("2026-11-27"), "2026-11-27"),  # Friday: today
        ("eow", SUN, "2026-11-27"),  # weekend: the working week ahead
        ("EOW", d("2026-11-21"), "2026-11-27"),
        ("eom", SUN, "2026-11-30"),
        ("eom", d("2026-12-05"), "2026-12-31"),
        ("eom", d("2028-02-03"), "2028-02-29"),
        ("eom", d("2027-02-28"), "2027-02-28"),
        ("eoy", WED, "2026-12-31"),
    ],
)
def test_end_of_period_words(text, today, expected):
    """eow is the coming Friday (end of the working week); eom/eoy end the month/year."""
    assert parse_date(text, today) == d(expected)


@pytest.mark.parametrize(
    ("text", "today", "expected"),
    [
        ("dec 4", SUN, "2026-12-04"),
        ("4 december 2026", SUN, "2026-12-04"),
        ("December 4th, 2026", SUN, "2026-12-04"),
        ("4th of dec", SUN, "2026-12-04"),
        ("nov 22", SUN, "2026-11-22"),  # today counts as upcoming
        ("jan 5", SUN, "2027-01-05"),  # no year and already past: next year
        ("jan 5 2026", SUN, "2026-01-05"),  # a year given is kept, even in the past
        ("feb 29", SUN, "2028-02-29"),  # the next Feb 29 that exists
    ],
)
def test_month_and_day(text, today, expected):
    """A month name with a day, optional year; without a year, the next one from today."""
    assert parse_date(text, today) == d(expected)


@pytest.mark.parametrize(
    "text",
    [
        "banana",
        "",
        "   ",
        "next",
        "next banana",
        "next dec",
        "dec",
        "5",
        "2026",
        "10:30",
        "12/04/2026",
        "4/12",
        "dec 4 5",
        "dec 4 26",
        "dec 4 jan",
        "dec 4 2026 2027",
        "feb 30 2026",
        "fri dec 4",
        "+d",
        "+3x",
        "3dd",
        "2026-1-5",
        "20261204",
        "tomorrow!",
        "déc 4",
    ],
)
def test_non_dates_raise_with_the_accepted_forms(text):
    """Anything unreadable raises ValueError naming the input and listing what works."""
    with pytest.raises(ValueError) as info:
        parse_date(text, SUN)
    message = str(info.value)
    assert repr(text) in message
    assert "expected a date: YYYY-MM-DD, today, tomorrow" in message
    assert "next monday" in message and "+3d" in message and "eow" in message


@pytest.mark.parametrize("text", ["+999999w", "+99999y", "+999999m", "-999999w"])
def test_offsets_past_the_calendar_raise_value_error(text):
    """Huge offsets are a ValueError naming the dates taken, never an OverflowError."""
    with pytest.raises(ValueError, match="stratui takes dates from 1900-01-01 to 2999-12-31"):
        parse_date(text, SUN)


@pytest.mark.parametrize(
    "text", ["9999-12-31", "0001-01-01", "1899-12-31", "3000-01-01", "+1000y", "dec 4 1850"]
)
def test_dates_outside_the_supported_years_are_refused(text):
    """Dates exist from year 1 to 9999, but stratui takes 1900 to 2999: the message says
    so, and names the day an offset or a word meant."""
    with pytest.raises(OutsideSupportedYears, match="1900-01-01 to 2999-12-31") as info:
        parse_date(text, SUN)
    assert repr(text) in str(info.value)


def test_the_supported_years_are_taken_to_their_last_day():
    """1900-01-01 and 2999-12-31 are taken; a day past them is not, whatever today is."""
    assert parse_date("1900-01-01", SUN) == d("1900-01-01")
    assert parse_date("2999-12-31", SUN) == d("2999-12-31")
    last = dt.date(2999, 12, 31)
    assert parse_date("today", last) == last
    with pytest.raises(ValueError, match=r"'tomorrow' \(3000-01-01\)"):
        parse_date("tomorrow", last)
    with pytest.raises(ValueError, match="2999-12-31"):
        parse_date("today", dt.date(9999, 12, 31))


def test_non_text_input_is_a_value_error():
    """A caller passing None gets the same clear ValueError, not an AttributeError."""
    with pytest.raises(ValueError, match="expected a date"):
        parse_date(None, SUN)  # type: ignore[arg-type]


def test_a_datetime_today_is_read_as_its_date():
    """Callers holding a datetime get a date back, not a datetime."""
    result = parse_date("+3d", dt.datetime(2026, 11, 22, 23, 59))
    assert type(result) is dt.date
    assert result == d("2026-11-25")


# --- weeks ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "today", "expected"),
    [
        ("2026-W53", SUN, "2026-W53"),
        (" 2026-w07 ", SUN, "2026-W07"),
        ("this", SUN, "2026-W47"),
        ("current", WED, "2026-W48"),
        ("this week", SUN, "2026-W47"),
        ("next", SUN, "2026-W48"),
        ("Next Week", SUN, "2026-W48"),
        ("next", d("2026-12-30"), "2027-W01"),
        ("last", SUN, "2026-W46"),
        ("prev", WED, "2026-W47"),
        ("previous", d("2027-01-04"), "2026-W53"),
        ("2027-01-01", SUN, "2026-W53"),
        ("today", SUN, "2026-W47"),
        ("tomorrow", SUN, "2026-W48"),
        ("+2w", WED, "2026-W50"),
        ("fri", SUN, "2026-W48"),
    ],
)
def test_week_args(text, today, expected):
    """Week ids, relative words, and any date word (its ISO week)."""
    assert parse_week_arg(text, today) == expected


def test_week_that_does_not_exist_names_the_year_length():
    """2025-W53 fails with the reason (52 weeks) and the accepted forms."""
    with pytest.raises(ValueError, match="2025 has 52 ISO weeks") as info:
        parse_week_arg("2025-W53", SUN)
    assert WEEK_FORMS in str(info.value)


@pytest.mark.parametrize("text", ["banana", "", "2026W07", "2026-W7", "2026-W00", "week", "W07"])
def test_bad_week_args_list_the_accepted_forms(text):
    """Anything that is not a week says what is accepted."""
    with pytest.raises(ValueError) as info:
        parse_week_arg(text, SUN)
    assert "YYYY-Www" in str(info.value)
    assert "this, next, last" in str(info.value)


@pytest.mark.parametrize(
    ("text", "today", "shown"),
    [
        ("9999-W52", SUN, "'9999-W52'"),
        ("0001-W01", SUN, "'0001-W01'"),
        ("1899-W52", SUN, "'1899-W52'"),
        ("3000-W01", SUN, "'3000-W01'"),
        ("2999-12-31", SUN, "'2999-12-31' (3000-W01)"),  # a date taken, in a week not taken
        ("next", d("2999-12-27"), "'next' (3000-W01)"),
        ("+999999w", SUN, "'+999999w'"),
        ("9999-12-31", SUN, "'9999-12-31'"),
    ],
)
def test_weeks_outside_the_supported_years_are_refused(text, today, shown):
    """ISO weeks of 1900 to 2999 only; the message names what was typed and the weeks taken."""
    with pytest.raises(OutsideSupportedYears) as info:
        parse_week_arg(text, today)
    assert str(info.value) == (
        f"cannot take {shown}: stratui takes weeks from 1900-W01 to 2999-W52"
    )


def test_the_first_and_last_supported_weeks_are_taken():
    assert parse_week_arg("1900-W01", SUN) == "1900-W01"
    assert parse_week_arg("2999-W52", SUN) == "2999-W52"
    assert parse_week_arg("1900-01-01", SUN) == "1900-W01"
    assert parse_week_arg("2999-12-29", SUN) == "2999-W52"


# --- import cost ----------------------------------------------------------------------


def _modules_after(code: str) -> set[str]:
    """The names in ``sys.modules`` after running ``code`` in a fresh interpreter."""
    script = textwrap.dedent(code) + "\nimport sys\nprint('\\n'.join(sys.modules))\n"
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, timeout=60
    )
    return set(done.stdout.split())


def test_fast_path_forms_do_not_import_dateutil():
    """The CLI's hot path: importing dates and reading everyday forms leaves dateutil out."""
    modules = _modules_after(
        """
        import datetime
        from stratui.domain.dates import parse_date, parse_week_arg
        today = datetime.date(2026, 11, 22)
        for text in ["2026-12-04", "today", "+3d", "fri", "eow", "next monday", "+2w", "eom"]:
            parse_date(text, today)
        for text in ["2026-W53", "next", "+1d"]:
            parse_week_arg(text, today)
        """
    )
    assert "stratui.domain.dates" in modules
    assert not {name for name in modules if name.split(".")[0] == "dateutil"}


@pytest.mark.parametrize("text", ["+1m", "dec 4"])
def test_month_forms_do_load_dateutil(text):
    """Control for the test above: the subprocess probe does see a lazy dateutil import."""
    modules = _modules_after(
        f"""
        import datetime
        from stratui.domain.dates import parse_date
        parse_date({text!r}, datetime.date(2026, 11, 22))
        """
    )
    assert "dateutil" in modules
