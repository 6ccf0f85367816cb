"""The week-by-week series of the trend charts against a table worked out by hand."""

from __future__ import annotations

import datetime as dt

from stratui.domain.metrics import series

WEEKS = ["2026-W10", "2026-W11", "2026-W12", "2026-W13"]


def c(rid, week, status, **extra):
    return {"id": rid, "week": week, "status": status, "owner": "ana", **extra}


# W10: 2 done, 1 missed -> 2/3; W11: nothing; W12: 1 open only -> no data;
# W13: 1 done, 1 partial (carried from W12's? no: from W10's missed) -> 1/2.
COMMITMENTS = [
    c("a", "2026-W10", "done", confidence=5),
    c("b", "2026-W10", "done", confidence=3),
    c("m", "2026-W10", "missed", confidence=4),
    c("o", "2026-W12", "open"),
    c("d", "2026-W13", "done"),
    c("p", "2026-W13", "partial"),
]
ROADBLOCKS = [
    {"id": "r1", "raised_on": "2026-03-03", "resolved_on": "2026-03-12"},  # W10 -> W11
    {"id": "r2", "raised_on": "2026-03-10", "resolved_on": None},
    {"id": "r3", "raised_on": "2026-03-16", "resolved_on": "2026-03-20"},  # within W12
]


def test_say_do_and_counts_by_week():
    assert series.say_do_series(COMMITMENTS, WEEKS) == [2 / 3, None, None, 0.5]
    counts = series.count_series(COMMITMENTS, WEEKS)
    assert counts == {
        "planned": [3, 0, 1, 2],
        "reviewed": [3, 0, 0, 2],
        "done": [2, 0, 0, 1],
    }


def test_rolling_say_do_pools_done_over_reviewed():
    # W13 with 4 weeks: (2 + 1) / (3 + 2) = 0.6, not the mean of 2/3 and 1/2.
    assert series.rolling_say_do_series(COMMITMENTS, WEEKS) == [2 / 3, 2 / 3, 2 / 3, 0.6]
    # With 2 weeks, W12 pools W11 and W12: nothing reviewed -> no data.
    assert series.rolling_say_do_series(COMMITMENTS, WEEKS, span=2) == [2 / 3, 2 / 3, None, 0.5]


def test_carry_over_and_calibration():
    following = [c("x", "2026-W11", "done", carried_from="m")]
    assert series.carry_over_series(COMMITMENTS, following, WEEKS) == [1 / 3, None, None, 0.0]
    brier_w10 = ((0.9 - 1) ** 2 + (0.5 - 1) ** 2 + (0.7 - 0) ** 2) / 3
    assert series.calibration_series(COMMITMENTS, WEEKS) == [brier_w10, None, None, None]


def test_roadblocks_by_week():
    as_of = dt.date(2026, 3, 25)  # the Wednesday of W13: W13 is counted on that day
    # Sundays: W10 2026-03-08 (r1), W11 03-15 (r2), W12 03-22 (r2), W13 as-of (r2).
    assert series.open_roadblocks_series(ROADBLOCKS, WEEKS, as_of) == [1, 1, 1, 1]
    # r1 resolved in W11 after 9 days, r3 in W12 after 4; none in W10 or W13.
    assert series.time_to_resolve_series(ROADBLOCKS, WEEKS) == [None, 9.0, 4.0, None]


def test_pulse_and_goals_by_week():
    reviews = [
        {"status": "complete", "completed_at": "2026-03-06T10:00:00Z", "pulse": 4},
        {"status": "complete", "completed_at": "2026-03-08T10:00:00Z", "pulse": 3},
        {"status": "complete", "completed_at": "2026-03-20T10:00:00Z"},  # no pulse
    ]
    assert series.pulse_series(reviews, WEEKS) == [3.5, None, None, None]
    goal = {"id": "g", "metric": {"baseline": 0, "target": 10}}
    checkins = [
        {"goal_id": "g", "date": "2026-03-11", "value": 2, "confidence": 3},
        {"goal_id": "g", "date": "2026-03-24", "value": 5},
    ]
    as_of = dt.date(2026, 3, 25)
    assert series.goal_progress_series(goal, checkins, WEEKS, as_of) == [None, 0.2, 0.2, 0.5]
    assert series.confidence_series(goal, checkins, WEEKS, as_of) == [None, 3, 3, 3]
