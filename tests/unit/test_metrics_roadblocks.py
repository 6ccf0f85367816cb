"""Figures of roadblocks (METRICS.md): open on a date, age, time to resolve."""

import datetime as dt

from stratui.domain.metrics.roadblocks import (
    is_open_on,
    open_roadblocks,
    resolved_between,
    roadblock_age,
    time_to_resolve,
)

D = dt.date


def rb(rid: str, raised: str, resolved: str | None = None) -> dict:
    record = {"id": rid, "title": rid, "kind": "other", "severity": "low", "raised_on": raised}
    if resolved:
        record["resolved_on"] = resolved
    return record


# The window 2026-W45..W47 runs from Monday 2026-11-02 to Sunday 2026-11-22.
FIRST, LAST = D(2026, 11, 2), D(2026, 11, 22)
R1 = rb("r1", "2026-11-01", "2026-11-10")  # age 9, resolved in the window
R2 = rb("r2", "2026-11-05")  # open: age 17 on 11-22
R3 = rb("r3", "2026-11-20", "2026-11-22")  # resolved on the window's last day: age 2
R4 = rb("r4", "2026-11-23")  # raised after the as-of date
R5 = rb("r5", "2026-10-01", "2026-11-15")  # raised before the window: age 45
R6 = rb("r6", "2026-11-09", "2026-11-13")  # age 4
R0 = rb("r0", "2026-09-01", "2026-09-05")  # resolved long before the window
ALL = [R0, R1, R2, R3, R4, R5, R6]


def test_age_runs_to_the_resolution_or_to_today():
    assert roadblock_age(R1, LAST) == 9
    assert roadblock_age(R2, LAST) == 17
    assert roadblock_age(R2, D(2026, 11, 5)) == 0


def test_open_on_a_date_means_raised_by_then_and_not_yet_resolved():
    assert [r["id"] for r in open_roadblocks(ALL, LAST)] == ["r2"]  # r3 resolved that day
    assert [r["id"] for r in open_roadblocks(ALL, D(2026, 11, 21))] == ["r2", "r3"]
    # On 11-10: r5 (age 40), r2 (age 5), r6 (age 1) are open, oldest first; r1 resolved then.
    assert [r["id"] for r in open_roadblocks(ALL, D(2026, 11, 10))] == ["r5", "r2", "r6"]
    assert not is_open_on(R4, LAST)
    assert is_open_on(R4, D(2026, 11, 23))


def test_time_to_resolve_is_the_median_age_of_those_resolved_in_the_window():
    # Resolved from 11-02 to 11-22: r3 2, r6 4, r1 9, r5 45 -> even count: (4 + 9) / 2
    assert {r["id"] for r in resolved_between(ALL, FIRST, LAST)} == {"r1", "r3", "r5", "r6"}
    assert time_to_resolve(ALL, FIRST, LAST) == 6.5
    # Without r6 the count is odd: 2, 9, 45 -> 9
    assert time_to_resolve([R0, R1, R2, R3, R5], FIRST, LAST) == 9


def test_no_roadblock_resolved_is_no_data():
    assert time_to_resolve([R0, R2, R4], FIRST, LAST) is None
    assert time_to_resolve([], FIRST, LAST) is None
    assert open_roadblocks([], LAST) == []
