"""Key results and readings: typed input refused by field, standings, the attention order."""

from __future__ import annotations

import datetime as dt

import pytest

from stratui.domain.key_results import (
    at_risk_first,
    checkin_fields,
    make_metric,
    measurable,
    previous_reading,
    read_number,
    standing,
    standings,
    value_trend,
)
from stratui.domain.schema import ValidationError

TODAY = dt.date(2026, 5, 11)  # day 130 of a goal running 2026-01-01 .. 2026-12-31 (364 days)


def goal(rid="g1", baseline=0, target=100, **fields) -> dict:
    record = {
        "id": rid,
        "title": rid,
        "status": "active",
        "start": "2026-01-01",
        "end": "2026-12-31",
    }
    if baseline is not None:
        record["metric"] = {"name": "score", "baseline": baseline, "target": target}
    record.update(fields)
    return record


def reading(day: str, value=None, confidence=None, goal_id="g1", second=0) -> dict:
    record = {"id": f"c{day}{second}", "goal_id": goal_id, "date": day}
    record["created_at"] = f"{day}T09:00:{second:02d}Z"
    if value is not None:
        record["value"] = value
    if confidence is not None:
        record["confidence"] = confidence
    return record


def test_a_metric_reads_typed_numbers_and_keeps_whole_ones_whole():
    assert make_metric(" p95 ", "400", "200.5", " ms ") == {
        "name": "p95",
        "baseline": 400,
        "target": 200.5,
        "unit": "ms",
    }
    assert make_metric("x", 1, 1) == {"name": "x", "baseline": 1, "target": 1}


@pytest.mark.parametrize(
    ("parts", "field"),
    [
        (("", 0, 1), "name"),
        (("x", "ten", 1), "baseline"),
        (("x", None, 1), "baseline"),
        (("x", 0, "nan"), "target"),
        (("x", 0, "inf"), "target"),
        (("x", 0, True), "target"),
        (("x", 0, 1, 5), "unit"),
    ],
)
def test_a_bad_metric_names_its_field(parts, field):
    with pytest.raises(ValidationError) as caught:
        make_metric(*parts)
    assert caught.value.field == field


def test_target_equal_to_baseline_is_accepted_but_measures_nothing():
    flat = goal(baseline=5, target=5)
    assert not measurable(flat)
    now = standing(flat, [reading("2026-05-01", 9)], TODAY)
    assert (now.progress, now.pace, now.health) == (None, None, None)


def test_checkin_fields_need_a_value_or_a_confidence():
    fields = checkin_fields(goal(), day=TODAY, today=TODAY, value="42", note="fine")
    assert fields == {
        "goal_id": "g1",
        "date": "2026-05-11",
        "value": 42,
        "confidence": None,
        "note": "fine",
    }
    with pytest.raises(ValidationError, match="value or a confidence") as caught:
        checkin_fields(goal(), day=TODAY, today=TODAY, note="only words")
    assert caught.value.field == "value"


@pytest.mark.parametrize(
    ("given", "field"),
    [
        ({"value": "lots"}, "value"),
        ({"confidence": 6}, "confidence"),
        ({"confidence": "2.5"}, "confidence"),
        ({"confidence": 3, "note": 7}, "note"),
    ],
)
def test_bad_checkin_input_names_its_field(given, field):
    with pytest.raises(ValidationError) as caught:
        checkin_fields(goal(), day=TODAY, today=TODAY, **given)
    assert caught.value.field == field


def test_a_value_needs_a_key_result_and_a_reading_cannot_be_in_the_future():
    with pytest.raises(ValidationError, match="no key result") as caught:
        checkin_fields(goal(baseline=None), day=TODAY, today=TODAY, value=3)
    assert caught.value.field == "value"
    assert (
        checkin_fields(goal(baseline=None), day=TODAY, today=TODAY, confidence=3)["value"] is None
    )
    with pytest.raises(ValidationError, match="after today") as caught:
        checkin_fields(goal(), day=TODAY + dt.timedelta(days=1), today=TODAY, confidence=3)
    assert caught.value.field == "date"


def test_read_number():
    assert read_number(" -3 ", "v") == -3
    assert read_number("2.50", "v") == 2.5
    assert read_number("", "v") is None


def test_trends_and_the_previous_reading_follow_the_dates_not_the_input_order():
    readings = [
        reading("2026-03-01", 30, 4),
        reading("2026-02-01", 10),
        reading("2026-04-01", None, 2),
        reading("2026-04-01", 35, None, second=5),
        reading("2026-04-01", 99, 5, goal_id="other"),
    ]
    assert value_trend(readings, "g1") == [10, 30, 35]
    assert previous_reading(readings, "g1") == (35, 2)
    assert previous_reading(readings, "none") == (None, None)


def test_standing_uses_the_metrics_of_metrics_md():
    # day 130 of 364: elapsed 0.357; progress 0.30 -> pace 0.84: at risk.
    now = standing(goal(), [reading("2026-05-01", 30)], TODAY)
    assert now.progress == pytest.approx(0.30)
    assert now.pace == pytest.approx(0.30 / (130 / 364))
    assert now.health == "at risk"


def test_at_risk_first_orders_by_health_then_pace_then_priority():
    goals = [
        goal("fine", priority=3),
        goal("nodata", baseline=None),
        goal("slow", priority=2),
        goal("slower", priority=4),
        goal("lagging"),
    ]
    readings = [
        reading("2026-05-01", 50, goal_id="fine"),  # pace 1.4: on track
        reading("2026-05-01", 33, goal_id="lagging"),  # pace 0.92: behind
        reading("2026-05-01", 25, goal_id="slow"),  # pace 0.70: at risk
        reading("2026-05-01", 10, goal_id="slower"),  # pace 0.28: at risk, slower
    ]
    ordered = at_risk_first(standings(goals, readings, TODAY))
    assert [item.goal_id for item in ordered] == ["slower", "slow", "lagging", "fine", "nodata"]
    assert [item.health for item in ordered] == ["at risk", "at risk", "behind", "on track", None]


def test_a_closed_goal_keeps_its_progress_but_has_no_pace_or_health():
    now = standing(goal(status="achieved"), [reading("2026-05-01", 30)], TODAY)
    assert (now.progress, now.pace, now.health) == (pytest.approx(0.3), None, None)
