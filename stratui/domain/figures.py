"""Figures of METRICS.md that the dashboard shows, as small pure functions.

Each takes plain records and "today" as parameters. "No data" is ``None``, never 0.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping

from stratui.domain.weeks import previous_week, week_of


def roadblock_age(roadblock: Mapping, today: dt.date) -> int:
    """Days from ``raised_on`` to ``resolved_on`` (or to today while it is open)."""
    raised = dt.date.fromisoformat(str(roadblock["raised_on"]))
    end = roadblock.get("resolved_on")
    return ((dt.date.fromisoformat(str(end)) if end else today) - raised).days


def review_streak(reviews: Iterable[Mapping], owner: str, today: dt.date) -> int:
    """Consecutive ISO weeks, ending with this or last week, with a completed weekly review.

    The week of a review is the ISO week of its ``completed_at`` (METRICS.md).
    """
    weeks = {
        week_of(dt.date.fromisoformat(str(review["completed_at"])[:10]))
        for review in reviews
        if review.get("ritual") == "weekly"
        and review.get("owner") == owner
        and review.get("status") == "complete"
        and review.get("completed_at")
    }
    week = week_of(today)
    if week not in weeks:
        week = previous_week(week)
    streak = 0
    while week in weeks:
        streak += 1
        week = previous_week(week)
    return streak


def latest_checkins(checkins: Iterable[Mapping], today: dt.date) -> dict[str, Mapping]:
    """Each goal's latest check-in dated on or before today, by goal id."""
    latest: dict[str, Mapping] = {}
    iso = today.isoformat()
    for checkin in checkins:
        if str(checkin["date"]) > iso:
            continue
        goal = str(checkin["goal_id"])
        if goal not in latest or (checkin["date"], checkin.get("created_at", "")) >= (
            latest[goal]["date"],
            latest[goal].get("created_at", ""),
        ):
            latest[goal] = checkin
    return latest
