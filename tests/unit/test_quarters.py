"""Fiscal quarters: a fiscal year named by the calendar year in which it ends.

Worked by hand: with an April start, fiscal 2027 runs 2026-04-01 to 2027-03-31; with an
October start, fiscal 2027 runs 2026-10-01 to 2027-09-30; with a February start, fiscal
2027 runs 2026-02-01 to 2027-01-31.
"""

from __future__ import annotations

import datetime as dt

import pytest

from stratui.domain.quarters import (
    fiscal_year_of,
    fiscal_year_start,
    is_valid_quarter,
    next_quarter,
    normal_quarter,
    overlaps,
    parse_month,
    parse_quarter,
    parse_quarter_arg,
    previous_quarter,
    quarter_bounds,
    quarter_of,
    quarter_of_week,
    quarter_weeks,
    shift_quarter,
    supported_quarter,
)

D = dt.date


@pytest.mark.parametrize(
    ("day", "start", "quarter"),
    [
        (D(2026, 1, 1), 1, "2026-Q1"),
        (D(2026, 3, 31), 1, "2026-Q1"),
        (D(2026, 4, 1), 1, "2026-Q2"),
        (D(2026, 12, 31), 1, "2026-Q4"),
        # April start: the fiscal year is named by the year it ends in.
        (D(2026, 4, 1), 4, "2027-Q1"),
        (D(2026, 6, 30), 4, "2027-Q1"),
        (D(2026, 7, 1), 4, "2027-Q2"),
        (D(2026, 12, 31), 4, "2027-Q3"),
        (D(2027, 1, 1), 4, "2027-Q4"),
        (D(2027, 3, 31), 4, "2027-Q4"),
        (D(2027, 4, 1), 4, "2028-Q1"),
        # October start (the US federal year): October 2026 opens fiscal 2027.
        (D(2026, 9, 30), 10, "2026-Q4"),
        (D(2026, 10, 1), 10, "2027-Q1"),
        (D(2027, 1, 15), 10, "2027-Q2"),
        # February start: January belongs to the year that started last February.
        (D(2026, 1, 31), 2, "2026-Q4"),
        (D(2026, 2, 1), 2, "2027-Q1"),
        (D(2026, 11, 30), 2, "2027-Q4"),
        (D(2027, 1, 31), 2, "2027-Q4"),
    ],
)
def test_quarter_of_a_date(day, start, quarter):
    assert quarter_of(day, start) == quarter


@pytest.mark.parametrize(
    ("quarter", "start", "first", "last"),
    [
        ("2026-Q1", 1, D(2026, 1, 1), D(2026, 3, 31)),
        ("2024-Q1", 1, D(2024, 1, 1), D(2024, 3, 31)),
        ("2026-Q4", 1, D(2026, 10, 1), D(2026, 12, 31)),
        ("2027-Q1", 4, D(2026, 4, 1), D(2026, 6, 30)),
        ("2027-Q4", 4, D(2027, 1, 1), D(2027, 3, 31)),
        ("2027-Q1", 10, D(2026, 10, 1), D(2026, 12, 31)),
        ("2027-Q4", 10, D(2027, 7, 1), D(2027, 9, 30)),
        # February start, leap years: Q4 is November to January, Q1 February to April.
        ("2024-Q1", 2, D(2023, 2, 1), D(2023, 4, 30)),
        ("2024-Q4", 2, D(2023, 11, 1), D(2024, 1, 31)),
        ("2025-Q1", 2, D(2024, 2, 1), D(2024, 4, 30)),
    ],
)
def test_first_and_last_day_of_a_quarter(quarter, start, first, last):
    assert quarter_bounds(quarter, start) == (first, last)
    assert quarter_of(first, start) == quarter
    assert quarter_of(last, start) == quarter
    assert quarter_of(last + dt.timedelta(days=1), start) == next_quarter(quarter)


def test_the_fiscal_year_is_named_by_the_year_in_which_it_ends():
    assert fiscal_year_start(2027, 4) == D(2026, 4, 1)
    assert fiscal_year_start(2026, 1) == D(2026, 1, 1)
    assert fiscal_year_of(D(2026, 4, 1), 4) == 2027
    assert fiscal_year_of(D(2026, 3, 31), 4) == 2026
    assert fiscal_year_of(D(2026, 12, 31), 1) == 2026


@pytest.mark.parametrize("start", range(1, 13))
def test_quarters_tile_the_calendar_whatever_the_start(start):
    """Every day of two years lies in exactly one quarter, and quarters follow each other."""
    day, quarter = D(2025, 1, 1), quarter_of(D(2025, 1, 1), start)
    while day < D(2027, 1, 1):
        first, last = quarter_bounds(quarter, start)
        assert first <= day <= last
        if day == last:
            quarter = next_quarter(quarter)
        day += dt.timedelta(days=1)


def test_next_and_previous_cross_year_ends():
    assert next_quarter("2026-Q4") == "2027-Q1"
    assert previous_quarter("2027-Q1") == "2026-Q4"
    assert next_quarter("2026-Q1") == "2026-Q2"
    assert shift_quarter("2026-Q3", 6) == "2028-Q1"
    assert shift_quarter("2026-Q3", -7) == "2024-Q4"


@pytest.mark.parametrize(
    "text", ["2026-Q5", "2026-Q0", "2026Q1", "26-Q1", "2026-W47", "", "Q1 2026", "2026-Q\u0661"]
)
def test_invalid_quarter_ids_are_refused_with_what_is_accepted(text):
    assert not is_valid_quarter(text)
    with pytest.raises(ValueError, match="YYYY-Qn"):
        parse_quarter(text)


def test_typed_quarters_are_forgiven_but_stored_ones_are_exact():
    assert parse_quarter(" 2026-q4 ") == (2026, 4)
    assert normal_quarter(" 2026-q4 ") == "2026-Q4"
    assert is_valid_quarter("2026-Q4")
    assert not is_valid_quarter("2026-q4")
    assert not is_valid_quarter(" 2026-Q4")
    assert not is_valid_quarter(None)


def test_weeks_of_a_quarter_are_those_whose_thursday_is_in_it():
    # 2026-10-01 is a Thursday (W40); 2026-12-31 is a Thursday (W53).
    weeks = quarter_weeks("2026-Q4")
    assert weeks[0] == "2026-W40" and weeks[-1] == "2026-W53" and len(weeks) == 14
    # 2027-01-01 is a Friday: its week 2026-W53 belongs to 2026-Q4, not 2027-Q1.
    assert quarter_weeks("2027-Q1")[0] == "2027-W01"
    assert quarter_of_week("2026-W53") == "2026-Q4"


@pytest.mark.parametrize("start", [1, 2, 4, 10])
def test_weeks_of_consecutive_quarters_neither_overlap_nor_leave_gaps(start):
    quarter = quarter_of(D(2025, 1, 1), start)
    seen: list[str] = []
    for _ in range(8):
        weeks = quarter_weeks(quarter, start)
        assert 12 <= len(weeks) <= 14
        assert all(quarter_of_week(week, start) == quarter for week in weeks)
        if seen:
            from stratui.domain.weeks import next_week

            assert weeks[0] == next_week(seen[-1])
        seen += weeks
        quarter = next_quarter(quarter)
    assert len(seen) == len(set(seen))


@pytest.mark.parametrize(
    ("text", "month"),
    [("4", 4), ("04", 4), ("apr", 4), ("April", 4), (" OCT ", 10), ("feb", 2), (12, 12)],
)
def test_months_by_number_or_name(text, month):
    assert parse_month(text) == month


@pytest.mark.parametrize("text", ["0", "13", "ap", "", "x", "Apri1", True])
def test_bad_months_are_refused(text):
    with pytest.raises(ValueError, match="1-12"):
        parse_month(text)


def test_a_fiscal_start_outside_1_to_12_is_refused():
    with pytest.raises(ValueError, match="fiscal start"):
        quarter_of(D(2026, 1, 1), 13)


def test_quarter_words_and_dates():
    today = D(2026, 11, 22)
    assert parse_quarter_arg("this", today) == "2026-Q4"
    assert parse_quarter_arg("next quarter", today) == "2027-Q1"
    assert parse_quarter_arg("last", today) == "2026-Q3"
    assert parse_quarter_arg("2025-q2", today) == "2025-Q2"
    assert parse_quarter_arg("2026-05-01", today) == "2026-Q2"
    assert parse_quarter_arg("this", today, 4) == "2027-Q3"
    with pytest.raises(ValueError, match="YYYY-Qn"):
        parse_quarter_arg("someday", today)
    with pytest.raises(ValueError, match="YYYY-Qn"):
        parse_quarter_arg("2026-Q7", today)


def test_overlap_treats_missing_dates_as_open():
    first, last = D(2026, 10, 1), D(2026, 12, 31)
    assert overlaps(D(2026, 1, 1), D(2026, 12, 31), first, last)
    assert overlaps(D(2026, 12, 31), None, first, last)
    assert not overlaps(D(2027, 1, 1), None, first, last)
    assert not overlaps(None, D(2026, 9, 30), first, last)
    assert overlaps(None, None, first, last)


# -- the supported years ------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["1900-Q1", "2999-Q4", " 2026-q4 "])
def test_supported_quarters_are_taken_in_their_stored_form(text):
    assert supported_quarter(text) == text.strip().upper()


@pytest.mark.parametrize("text", ["1899-Q4", "3000-Q1", "0001-Q1", "9999-Q4"])
def test_quarters_outside_the_supported_years_are_refused(text):
    with pytest.raises(ValueError, match="stratui takes quarters from 1900-Q1 to 2999-Q4"):
        supported_quarter(text)
    with pytest.raises(ValueError, match="stratui takes quarters from 1900-Q1 to 2999-Q4"):
        parse_quarter_arg(text, D(2026, 11, 22))


@pytest.mark.parametrize(
    ("text", "start"),
    [("9999-12-31", 1), ("0001-01-01", 1), ("0001-01-01", 4), ("2999-12-31", 4), ("+1000y", 1)],
)
def test_a_date_outside_the_supported_quarters_is_refused(text, start):
    """2999-12-31 is a date taken, but with an April start it lies in fiscal 3000-Q3."""
    with pytest.raises(ValueError, match="stratui takes quarters from 1900-Q1 to 2999-Q4"):
        parse_quarter_arg(text, D(2026, 11, 22), start)


def test_next_quarter_past_2999_is_refused_and_2999_q4_taken():
    assert parse_quarter_arg("this", D(2999, 12, 31)) == "2999-Q4"
    with pytest.raises(ValueError, match=r"'next' \(3000-Q1\)"):
        parse_quarter_arg("next", D(2999, 12, 31))
