"""Figures of goals (METRICS.md): progress, pace, health, confidence trend.

The goal screens import these same functions, under these names and signatures.
"""

import datetime as dt

import pytest

from stratui.domain.metrics.goal_figures import (
    confidence_trend,
    goal_elapsed,
    goal_health,
    goal_pace,
    goal_progress,
    latest_checkins,
)

D = dt.date

# A quarter-long goal: 2026-10-01 to 2026-12-31 is 91 days; from 10 to 20.
GOAL = {
    "id": "g",
    "status": "active",
    "start": "2026-10-01",
    "end": "2026-12-31",
    "metric": {"name": "n", "baseline": 10, "target": 20},
}


def checkin(day: str, value=None, confidence=None, goal="g", created="") -> dict:
    record = {"id": f"{goal}-{day}-{created}", "goal_id": goal, "date": day}
    if value is not None:
        record["value"] = value
    if confidence is not None:
        record["confidence"] = confidence
    if created:
        record["created_at"] = created
    return record


CHECKINS = [
    checkin("2026-11-20", 15, 4),
    checkin("2026-10-15", 12),
    checkin("2026-11-01", 14, 3),
    checkin("2026-11-10", confidence=2),  # no value: progress looks past it
    checkin("2026-11-25", 19, 5),  # after the as-of date below
    checkin("2026-11-21", 99, 1, goal="other"),
]
AS_OF = D(2026, 11, 22)


def test_progress_uses_the_latest_value_on_or_before_the_as_of_date():
    # Latest value by 11-22: 15 (11-20). (15 - 10) / (20 - 10) = 0.5
    assert goal_progress(GOAL, CHECKINS, AS_OF) == 0.5
    assert goal_progress(GOAL, CHECKINS, D(2026, 11, 25)) == 0.9  # (19 - 10) / 10
    assert goal_progress(GOAL, CHECKINS, D(2026, 10, 14)) is None  # no reading yet


def test_pace_is_progress_over_the_share_of_time_gone():
    # Elapsed on 11-22: 52 days of 91 = 0.5714...; pace 0.5 / (52/91) = 0.875: behind.
    assert goal_elapsed(GOAL, AS_OF) == pytest.approx(52 / 91)
    pace = goal_pace(GOAL, 0.5, AS_OF)
    assert pace == pytest.approx(0.875)
    assert goal_health(pace) == "behind"


def test_before_its_start_a_goal_has_no_pace_nor_health():
    before = D(2026, 9, 15)
    assert goal_progress(GOAL, [checkin("2026-09-10", 11)], before) == 0.1
    assert goal_pace(GOAL, 0.1, before) is None
    assert goal_pace(GOAL, 0.1, D(2026, 10, 1)) is None  # on the start date: still none
    assert goal_health(goal_pace(GOAL, 0.1, before)) is None


def test_after_its_end_elapsed_is_clipped_to_one():
    after = D(2027, 1, 15)
    assert goal_elapsed(GOAL, after) == 1.0
    assert goal_progress(GOAL, CHECKINS, after) == 0.9
    assert goal_pace(GOAL, 0.9, after) == 0.9  # 0.9 / 1
    assert goal_health(0.9) == "behind"


def test_pace_can_exceed_one():
    # 0.9 done with 52/91 of the time gone: 0.9 * 91 / 52 = 1.575
    assert goal_pace(GOAL, 0.9, AS_OF) == pytest.approx(1.575)
    assert goal_health(1.575) == "on track"


def test_a_target_below_the_baseline_works_the_same_way():
    pages = {**GOAL, "metric": {"name": "pages", "baseline": 14, "target": 3}}
    # (8 - 14) / (3 - 14) = 6 / 11
    assert goal_progress(pages, [checkin("2026-11-01", 8)], AS_OF) == pytest.approx(6 / 11)
    assert goal_progress(pages, [checkin("2026-11-01", 20)], AS_OF) == 0.0  # worse: clipped
    assert goal_progress(pages, [checkin("2026-11-01", 1)], AS_OF) == 1.0  # beyond: clipped


def test_target_equal_to_baseline_or_no_metric_is_no_data():
    flat = {**GOAL, "metric": {"name": "n", "baseline": 5, "target": 5}}
    assert goal_progress(flat, [checkin("2026-11-01", 5)], AS_OF) is None
    bare = {k: v for k, v in GOAL.items() if k != "metric"}
    assert goal_progress(bare, CHECKINS, AS_OF) is None
    assert goal_pace(GOAL, None, AS_OF) is None


def test_no_dates_no_pace():
    undated = {k: v for k, v in GOAL.items() if k not in ("start", "end")}
    assert goal_pace(undated, 0.5, AS_OF) is None
    backwards = {**GOAL, "start": "2026-12-31", "end": "2026-10-01"}
    assert goal_pace(backwards, 0.5, D(2027, 1, 5)) is None


@pytest.mark.parametrize(
    ("pace", "health"),
    [
        (0.95, "on track"),
        (0.9499, "behind"),
        (0.85, "behind"),
        (0.8499, "at risk"),
        (0.0, "at risk"),
        (None, None),
    ],
)
def test_health_thresholds(pace, health):
    assert goal_health(pace) == health


def test_confidence_trend_is_in_date_order():
    # 11-01: 3, 11-10: 2, 11-20: 4, 11-25: 5 (the other goal's and value-only ones skipped)
    assert confidence_trend(CHECKINS, "g") == [3, 2, 4, 5]
    assert confidence_trend(CHECKINS, "nobody") == []


def test_on_one_date_the_check_in_recorded_last_is_the_latest():
    first = checkin("2026-11-01", 11, 2, created="2026-11-01T09:00:00Z")
    second = checkin("2026-11-01", 13, 4, created="2026-11-01T17:00:00Z")
    assert latest_checkins([second, first], AS_OF)["g"] is second
    assert goal_progress(GOAL, [second, first], AS_OF) == pytest.approx(0.3)
    assert confidence_trend([second, first], "g") == [2, 4]
    assert latest_checkins(CHECKINS, AS_OF, having="value")["g"]["date"] == "2026-11-20"
