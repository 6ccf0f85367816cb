"""The calendar of the weekly review: which week it looks back on and when it is due.

A review started from Monday to Wednesday still closes the previous week; from Thursday on
it looks back on the current one, and the dashboard shows it as due (overdue once the
week has ended without a completed review).

Pure module: no Textual, no TinyDB, no store. "today" is a parameter.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Iterable, Mapping
from typing import NamedTuple

from stratui.domain import records as rec
from stratui.domain.weeks import is_valid_week, monday, next_week, previous_week, sunday, week_of

DUE_WEEKDAY = 3  # Thursday (Monday is 0): the weekly review is due from then


def default_period(today: dt.date) -> str:
    """The week a review started ``today`` looks back on.

    From Thursday to Sunday it is the current ISO week (enough of it has happened to
    review); from Monday to Wednesday, the previous week, which is still being closed.
    """
    week = week_of(today)
    return week if today.weekday() >= DUE_WEEKDAY else previous_week(week)


def due_from(week: str) -> dt.date:
    """The Thursday of ``week``: its weekly review is due from that day on."""
    return monday(week) + dt.timedelta(days=DUE_WEEKDAY)


class DueReview(NamedTuple):
    """The next weekly review a person owes, for the dashboard.

    ``due`` is true from the Thursday of ``period`` on; ``overdue`` once that week has
    ended without a completed review. ``what`` names the review in :attr:`text` (a team
    review keeps the same calendar).
    """

    period: str
    due_from: dt.date
    due: bool
    overdue: bool
    what: str = "weekly review"

    @property
    def text(self) -> str:
        """One line for the dashboard: ``weekly review 2026-W47: due since Thu 19 Nov``."""
        day = f"{self.due_from:%a} {self.due_from.day} {self.due_from:%b}"
        if self.overdue:
            state = f"overdue (week ended {sunday(self.period).isoformat()})"
        elif self.due:
            state = f"due since {day}"
        else:
            state = f"due from {day}"
        return f"{self.what} {self.period}: {state}"


def is_due(
    completed_reviews: Iterable[Mapping],
    today: dt.date,
    away: Collection[str] = (),
    *,
    ritual: str = "weekly",
    what: str = "weekly review",
) -> DueReview:
    """The next weekly review due, given a person's completed reviews (or, with
    ``ritual="team"``, the next team review due, given the team's).

    It is :func:`default_period` unless that week (or a later one) already has a completed
    weekly review; then it is the week after the latest reviewed one, due from its
    Thursday. An ``away`` week owes no review: the next week that is not one is due.
    Reviews of other rituals, drafts and tombstones are ignored.
    """
    done = [
        str(review["period"])
        for review in completed_reviews
        if review.get("ritual") == ritual
        and review.get("status") == "complete"
        and rec.is_live(review)
        and is_valid_week(str(review.get("period", "")))
    ]
    period = default_period(today)
    latest = max(done, key=monday, default=None)
    if latest is not None and monday(latest) >= monday(period):
        period = next_week(latest)
    for _ in range(len(away)):
        if period not in away:
            break
        period = next_week(period)
    start = due_from(period)
    return DueReview(period, start, today >= start, today > sunday(period), what)
