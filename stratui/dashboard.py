"""What the dashboard shows, gathered from the store in one place (no Textual here).

The dashboard screen only lays this out. Everything is read from the few shards "now"
needs: this week's commitments, the roadblock shards, goals and their recent check-ins,
and the reviews of the last quarters for the streak.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from stratui.domain.metrics.goals import latest_checkins
from stratui.domain.metrics.rituals import review_streak
from stratui.domain.metrics.roadblocks import roadblock_age
from stratui.domain.weeks import shift_week, week_of
from stratui.rituals.periods import is_due
from stratui.services import Stratui
from stratui.store.layout import key_for_week

STREAK_QUARTERS = 8  # reviews read for the streak: two years, enough for any real streak


@dataclass(frozen=True)
class GoalLine:
    """An active goal with its latest confidence (None before any check-in)."""

    goal: dict
    confidence: int | None


@dataclass(frozen=True)
class Dashboard:
    """This week at a glance for ``me``."""

    me: str
    today: dt.date
    week: str
    commitments: list[dict]
    goals_by_id: dict[str, dict]
    roadblocks: list[tuple[dict, int]]  # open ones with their age in days, oldest first
    goals: list[GoalLine]
    streak: int
    drafts: list[dict] = field(default_factory=list)
    due: str = ""

    @property
    def done(self) -> int:
        """How many of this week's commitments are done."""
        return sum(1 for record in self.commitments if record["status"] == "done")


def build_dashboard(app: Stratui) -> Dashboard:
    """Gather the dashboard of the current user from the store, in one consistent read."""
    with app.store.reading():
        return _gather(app)


def _gather(app: Stratui) -> Dashboard:
    today = app.clock.today()
    me = app.me
    week = week_of(today)
    commitments = app.commitments(week=week, owner=me)
    goals = app.store.all("goals")
    roadblocks = [
        (record, roadblock_age(record, today))
        for record in app.store.find("roadblocks", where=lambda r: not r.get("resolved_on"))
    ]
    roadblocks.sort(key=lambda pair: (-pair[1], pair[0]["title"]))
    recent = [shift_week(week, -13 * back) for back in range(2)]
    checkins = latest_checkins(
        app.store.find("goal_checkins", keys={key_for_week(w) for w in recent}), today
    )
    active = [goal for goal in goals if goal.get("status") == "active"]
    lines = [
        GoalLine(goal, checkins[goal["id"]].get("confidence") if goal["id"] in checkins else None)
        for goal in active
        if not goal.get("owner") or goal.get("owner") == me or not goal.get("parent_id")
    ]
    lines.sort(key=lambda line: (line.confidence is None, line.confidence or 0))
    quarters = {key_for_week(shift_week(week, -13 * back)) for back in range(STREAK_QUARTERS)}
    reviews = app.store.find("reviews", keys=quarters, ritual="weekly", owner=me)
    drafts = [review for review in reviews if review.get("status") == "draft"]
    return Dashboard(
        me=me,
        today=today,
        week=week,
        commitments=commitments,
        goals_by_id={goal["id"]: goal for goal in goals},
        roadblocks=roadblocks,
        goals=lines,
        streak=review_streak(reviews, me, today),
        drafts=drafts,
        due=_sentence(is_due(reviews, today).text) + ": press w",
    )


def _sentence(text: str) -> str:
    """``text`` with its first letter capitalised (``str.capitalize`` lowers the rest)."""
    return text[:1].upper() + text[1:]
