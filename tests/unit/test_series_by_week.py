"""Commitment series drawn from one shared grouping (:class:`series.ByWeek`) equal the
figures of :mod:`stratui.domain.metrics.execution` taken week by week (issue 18).

The trends screen groups its commitments by week once and hands the same
:class:`~stratui.domain.metrics.series.ByWeek` to every series, which also keeps each
week's counts: whatever the order the series ask in, each value must be the one the
figure gives on that week's commitments alone.
"""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from stratui.domain.metrics import execution as ex
from stratui.domain.metrics import series
from stratui.domain.weeks import next_week, shift_week, week_range
from tests.unit.test_series_equivalence import SETTINGS, commitments, long_windows


def _of(week: str, records: list[dict]) -> list[dict]:
    return [c for c in records if c["week"] == week]


@SETTINGS
@given(
    st.lists(commitments(), max_size=40),
    st.lists(commitments(), max_size=20),
    long_windows(),
    st.data(),
)
def test_series_of_one_grouping_equal_each_weeks_figures(records, others, weeks, data):
    for other in others:  # the next week's commitments of anyone, some carrying one over
        if records and data.draw(st.booleans()):
            other["carried_from"] = data.draw(st.sampled_from(records))["id"]
    pooled = series.ByWeek(records)
    shown = pooled.only(weeks)
    following = series.ByWeek.of_groups(ex.by_week(records + others))

    # Asked in a different order than the screen asks: the kept counts must not leak.
    assert series.say_do_series(shown, weeks) == [ex.say_do(_of(w, records)) for w in weeks]
    assert series.rolling_say_do_series(pooled, weeks) == [
        ex.rolling_say_do(_of(v, records) for v in week_range(shift_week(w, -3), w)) for w in weeks
    ]
    assert series.count_series(shown, weeks) == {
        "planned": [ex.planned_load(_of(w, records)) for w in weeks],
        "reviewed": [ex.reviewed_count(_of(w, records)) for w in weeks],
        "done": [ex.throughput(_of(w, records)) for w in weeks],
    }
    assert series.carry_over_series(shown, following, weeks) == [
        ex.carry_over_rate(_of(w, records), _of(next_week(w), records + others)) for w in weeks
    ]
    assert series.calibration_series(shown, weeks) == [
        ex.calibration(_of(w, records)) for w in weeks
    ]
    in_window = [c for c in records if c["week"] in set(weeks)]
    assert list(shown) == in_window
    assert ex.effort_by_goal(shown) == ex.effort_by_goal(in_window)
    # The same series on plain lists (each groups them itself) give the same values.
    assert series.say_do_series(in_window, weeks) == series.say_do_series(shown, weeks)
    assert series.carry_over_series(in_window, records + others, weeks) == (
        series.carry_over_series(shown, following, weeks)
    )
