"""ISO weeks: which weeks exist, the week of a date, and walking across year ends.

Year ends are where week arithmetic goes wrong (53-week years, early January belonging to
the previous ISO year), so most cases here sit on one.
"""

import datetime as dt

import pytest

from stratui.domain import weeks


@pytest.mark.parametrize(
    ("year", "count"), [(2020, 53), (2024, 52), (2025, 52), (2026, 53), (2032, 53)]
)
def test_weeks_in_year_counts_53_week_years(year, count):
    """Only years whose last ISO week holds Dec 28th as week 53 have 53 weeks."""
    assert weeks.weeks_in_year(year) == count


@pytest.mark.parametrize("week", ["2026-W53", "2020-W53", "2026-W01", "2025-W52"])
def test_existing_weeks_are_valid(week):
    """Week 53 exists in 53-week years; weeks 1 and 52 always exist."""
    assert weeks.is_valid_week(week)
    year, number = weeks.parse_week(week)
    assert weeks.format_week(year, number) == week


def test_2025_w53_is_rejected_and_the_message_says_why():
    """2025 has 52 weeks: the error must say so, not just "invalid"."""
    assert not weeks.is_valid_week("2025-W53")
    with pytest.raises(ValueError, match="2025 has 52 ISO weeks"):
        weeks.parse_week("2025-W53")


@pytest.mark.parametrize(
    "text",
    [
        "2026-W7",
        "2026W07",
        "",
        "abc",
        "2026-W00",
        "2026-W54",
        "2026-w07",
        "26-W07",
        "\uff12\uff10\uff12\uff16-W07",  # full-width digits: \d would match them
    ],
)
def test_malformed_weeks_are_rejected(text):
    """Anything but an existing ``YYYY-Www`` raises ValueError and is not valid."""
    assert not weeks.is_valid_week(text)
    with pytest.raises(ValueError, match=r"2026-W07|ISO weeks"):
        weeks.parse_week(text)


def test_non_text_is_not_a_week():
    """A number or None is not a week, and is_valid_week says so instead of crashing."""
    assert not weeks.is_valid_week(None)
    assert not weeks.is_valid_week(202607)


def test_parse_week_forgives_surrounding_spaces():
    """Typed input may carry spaces; the week itself is read exactly."""
    assert weeks.parse_week(" 2026-W07 ") == (2026, 7)


def test_format_week_zero_pads():
    """``(2026, 7)`` is written ``2026-W07`` so that week ids sort as text."""
    assert weeks.format_week(2026, 7) == "2026-W07"


@pytest.mark.parametrize(
    ("day", "week"),
    [
        (dt.date(2027, 1, 1), "2026-W53"),
        (dt.date(2027, 1, 3), "2026-W53"),
        (dt.date(2027, 1, 4), "2027-W01"),
        (dt.date(2024, 12, 30), "2025-W01"),
        (dt.date(2024, 12, 29), "2024-W52"),
        (dt.date(2021, 1, 3), "2020-W53"),
        (dt.date(2026, 11, 22), "2026-W47"),
    ],
)
def test_week_of_across_year_ends(day, week):
    """Early January can belong to the previous ISO year and late December to the next."""
    assert weeks.week_of(day) == week


def test_monday_and_sunday_bound_the_week():
    """Monday and Sunday are the first and last day, even when they straddle a year end."""
    assert weeks.monday("2026-W53") == dt.date(2026, 12, 28)
    assert weeks.sunday("2026-W53") == dt.date(2027, 1, 3)
    assert weeks.monday("2025-W01") == dt.date(2024, 12, 30)
    assert weeks.sunday("2025-W01") == dt.date(2025, 1, 5)
    assert weeks.monday("2026-W47").weekday() == 0
    assert weeks.sunday("2026-W47").weekday() == 6


def test_monday_of_a_missing_week_raises():
    """Asking for the Monday of a week that does not exist is an error, not a guess."""
    with pytest.raises(ValueError, match="52 ISO weeks"):
        weeks.monday("2025-W53")


@pytest.mark.parametrize(
    ("week", "after"),
    [
        ("2026-W52", "2026-W53"),
        ("2026-W53", "2027-W01"),
        ("2025-W52", "2026-W01"),
        ("2020-W53", "2021-W01"),
        ("2026-W07", "2026-W08"),
    ],
)
def test_next_and_previous_week_across_year_ends(week, after):
    """next_week and previous_week are inverses, also over 52- and 53-week year ends."""
    assert weeks.next_week(week) == after
    assert weeks.previous_week(after) == week


def test_shift_week_by_many_weeks():
    """Shifting by a year's worth lands on the same week number only in 52-week years."""
    assert weeks.shift_week("2025-W10", 52) == "2026-W10"
    assert weeks.shift_week("2026-W10", 52) == "2027-W09"
    assert weeks.shift_week("2026-W10", 0) == "2026-W10"
    assert weeks.shift_week("2027-W02", -2) == "2026-W53"


def test_week_range_across_a_53_week_year_end():
    """The range walks through W53 and into the next year, inclusive at both ends."""
    assert weeks.week_range("2026-W52", "2027-W02") == [
        "2026-W52",
        "2026-W53",
        "2027-W01",
        "2027-W02",
    ]
    assert weeks.week_range("2025-W52", "2026-W01") == ["2025-W52", "2026-W01"]


def test_week_range_edges():
    """A one-week range has that week; a reversed range is empty."""
    assert weeks.week_range("2026-W07", "2026-W07") == ["2026-W07"]
    assert weeks.week_range("2026-W08", "2026-W07") == []


def test_weeks_between_counts_across_year_end():
    """W53 counts: 2026-W52 to 2027-W01 is two weeks."""
    assert weeks.weeks_between("2026-W52", "2027-W01") == 2
    assert weeks.weeks_between("2026-W07", "2026-W07") == 0
    assert weeks.weeks_between("2027-W01", "2026-W52") == -2


def test_window_ends_with_the_given_week():
    """window(end, n) is the n weeks ending with ``end``, oldest first."""
    assert weeks.window("2027-W01", 3) == ["2026-W52", "2026-W53", "2027-W01"]
    assert weeks.window("2026-W07", 1) == ["2026-W07"]
    assert len(weeks.window("2026-W07", 8)) == 8


def test_window_needs_at_least_one_week():
    """A window of zero weeks is a caller error, said plainly."""
    with pytest.raises(ValueError, match="at least one week"):
        weeks.window("2026-W07", 0)


# -- the calendar's ends and the supported years ---------------------------------------------


def test_the_supported_years_are_1900_to_2999():
    """One constant; its first and last days and weeks follow from it."""
    assert (weeks.SUPPORTED_YEARS[0], weeks.SUPPORTED_YEARS[-1]) == (1900, 2999)
    assert weeks.FIRST_DAY.isoformat() == "1900-01-01"
    assert weeks.LAST_DAY.isoformat() == "2999-12-31"
    assert (weeks.FIRST_WEEK, weeks.LAST_WEEK) == ("1900-W01", "2999-W52")


@pytest.mark.parametrize(
    ("week", "supported"),
    [
        ("1900-W01", True),
        ("2999-W52", True),
        ("1899-W52", False),
        ("3000-W01", False),
        ("0001-W01", False),
        ("9999-W52", False),
        ("2025-W53", False),  # no such week at all
    ],
)
def test_is_supported_week(week, supported):
    assert weeks.is_supported_week(week) is supported


def test_a_range_ending_in_the_calendars_last_week_ends_there():
    """9999-W52 is the last ISO week Python knows: stepping past it used to overflow."""
    assert weeks.week_range("9999-W51", "9999-W52") == ["9999-W51", "9999-W52"]
    assert weeks.week_range("0001-W01", "0001-W02") == ["0001-W01", "0001-W02"]


@pytest.mark.parametrize(
    ("week", "by"), [("9999-W52", 1), ("0001-W01", -1), ("2026-W47", -(10**6))]
)
def test_shifting_past_the_calendar_is_a_value_error(week, by):
    """Not an OverflowError: callers that catch ValueError for a bad week catch this too."""
    with pytest.raises(ValueError, match="past the calendar's end"):
        weeks.shift_week(week, by)


def test_clamp_to_supported_keeps_a_walk_of_weeks_within_1900_and_2999():
    assert weeks.clamp_to_supported(dt.date(1, 1, 1)) == dt.date(1900, 1, 1)
    assert weeks.clamp_to_supported(dt.date(9999, 12, 31)) == dt.date(2999, 12, 31)
    assert weeks.clamp_to_supported(dt.date(2026, 11, 22)) == dt.date(2026, 11, 22)
