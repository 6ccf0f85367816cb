"""Figures of goals: progress, pace, health, confidence trend, latest check-ins (docs/METRICS.md).

- goal progress: (latest value - baseline) / (target - baseline), clipped to 0..1, from
  the latest check-in with a value dated on or before the as-of date; ``None`` without
  one, without a metric, or when target equals baseline. A target below the baseline
  (fewer pages, a lower error rate) works the same way: both differences are negative.
- goal pace: progress / elapsed, where elapsed = (as-of date - start) / (end - start),
  clipped to 0..1, so pace can exceed 1; ``None`` on or before the start date or
  without both dates.
- health: "on track" at pace >= 0.95, "behind" from 0.85 to 0.95, "at risk" below 0.85,
  judged on the unrounded pace; ``None`` when there is no pace.
- confidence trend: the goal's check-in confidences in date order.

The goal screens and ``stratui report`` both import these, so the two agree.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_right
from collections.abc import Iterable, Mapping

from stratui.domain.metrics.basics import clip, day_or_none

ON_TRACK = "on track"
BEHIND = "behind"
AT_RISK = "at risk"
ON_TRACK_PACE = 0.95  # pace from which a goal is on track
BEHIND_PACE = 0.85  # pace from which (below ON_TRACK_PACE) a goal is behind, not at risk


def _checkin_order(checkin: Mapping) -> tuple[str, str]:
    """Check-ins in date order; on one date, in the order they were recorded."""
    return str(checkin["date"]), str(checkin.get("created_at", ""))


def latest_checkins(
    checkins: Iterable[Mapping], today: dt.date, *, having: str | None = None
) -> dict[str, Mapping]:
    """Each goal's latest check-in dated on or before today, by goal id.

    With ``having``, only check-ins where that field (``"value"``, ``"confidence"``) is
    present count. On one date the one recorded last wins.
    """
    latest: dict[str, Mapping] = {}
    iso = today.isoformat()
    for checkin in checkins:
        if str(checkin["date"]) > iso or (having and checkin.get(having) is None):
            continue
        goal = str(checkin["goal_id"])
        if goal not in latest or _checkin_order(checkin) >= _checkin_order(latest[goal]):
            latest[goal] = checkin
    return latest


def goal_progress(goal: Mapping, checkins: Iterable[Mapping], as_of: dt.date) -> float | None:
    """Goal progress on ``as_of`` (see the module doc); ``checkins`` may be any goal's."""
    if _scale(goal) is None:
        return None
    own = (checkin for checkin in checkins if checkin.get("goal_id") == goal["id"])
    return progress_from(goal, latest_checkins(own, as_of, having="value").get(str(goal["id"])))


def _scale(goal: Mapping) -> tuple[float, float] | None:
    """The goal's metric baseline and target; ``None`` without both or when they are equal."""
    metric = goal.get("metric") or {}
    baseline, target = metric.get("baseline"), metric.get("target")
    if baseline is None or target is None or target == baseline:
        return None
    return baseline, target


def progress_from(goal: Mapping, latest: Mapping | None) -> float | None:
    """Goal progress given its latest check-in with a value (``None``: there is none)."""
    scale = _scale(goal)
    if scale is None or latest is None:
        return None
    baseline, target = scale
    return clip((latest["value"] - baseline) / (target - baseline))


class CheckinTimeline:
    """One goal's check-ins that have a field, sorted once, to find the latest on any day.

    :meth:`latest` answers what :func:`latest_checkins` does for that goal, by bisection:
    a series of figures over many weeks costs O(n log n), not one scan per week.
    """

    def __init__(self, checkins: Iterable[Mapping], goal_id: object, having: str) -> None:
        # A stable sort: on one date and stamp, the one given last stays last (it wins).
        self._checkins = sorted(
            (c for c in checkins if c.get("goal_id") == goal_id and c.get(having) is not None),
            key=_checkin_order,
        )
        self._dates = [str(checkin["date"]) for checkin in self._checkins]

    def latest(self, today: dt.date) -> Mapping | None:
        """The latest check-in dated on or before ``today`` (the last recorded of a date)."""
        index = bisect_right(self._dates, today.isoformat())
        return self._checkins[index - 1] if index else None


def goal_elapsed(goal: Mapping, as_of: dt.date) -> float | None:
    """The share of the goal's time gone on ``as_of``, clipped to 0..1.

    ``None`` without both dates, when the end is not after the start, or on or before the
    start date (pace is undefined there).
    """
    start, end = day_or_none(goal.get("start")), day_or_none(goal.get("end"))
    if start is None or end is None or end <= start or as_of <= start:
        return None
    return clip((as_of - start).days / (end - start).days)


def goal_pace(goal: Mapping, progress: float | None, as_of: dt.date) -> float | None:
    """Goal pace: progress / elapsed on ``as_of``; ``None`` when either is unknown."""
    elapsed = goal_elapsed(goal, as_of)
    if progress is None or elapsed is None:
        return None
    return progress / elapsed


def goal_health(pace: float | None) -> str | None:
    """The health at an (unrounded) pace: "on track", "behind", "at risk"; ``None`` without."""
    if pace is None:
        return None
    if pace >= ON_TRACK_PACE:
        return ON_TRACK
    return BEHIND if pace >= BEHIND_PACE else AT_RISK


def confidence_trend(checkins: Iterable[Mapping], goal_id: str) -> list[int]:
    """The goal's check-in confidences in date order (check-ins without one are skipped)."""
    own = sorted(
        (c for c in checkins if c.get("goal_id") == goal_id and c.get("confidence") is not None),
        key=_checkin_order,
    )
    return [int(checkin["confidence"]) for checkin in own]


def is_active(goal: Mapping) -> bool:
    """True for a goal whose status is ``active``."""
    return goal.get("status") == "active"
