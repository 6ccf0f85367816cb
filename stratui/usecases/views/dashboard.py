"""What the dashboard shows, gathered from the store in one place (no Textual here).

The dashboard screen only lays this out. Everything is read from the few shards "now"
needs: this week's commitments and the sparkline's weeks, the shards holding roadblocks
open lately, goals and their recent check-ins; the streak and what is due come from the
summaries of the last quarters' reviews (:mod:`stratui.domain.digests`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from stratui.domain import digests
from stratui.domain.away import away_weeks
from stratui.domain.metrics.goal_figures import latest_checkins
from stratui.domain.metrics.rituals import review_streak
from stratui.domain.metrics.roadblocks import roadblock_age
from stratui.domain.metrics.scope import Scope
from stratui.domain.metrics.series import open_roadblocks_series, say_do_series
from stratui.domain.people import find_named
from stratui.domain.weeks import monday, shift_week, week_of, week_range
from stratui.rituals.base import newest_first
from stratui.rituals.retro import status as retro_status
from stratui.rituals.retro.history import RetroDue
from stratui.rituals.weekly.periods import is_due
from stratui.rituals.weekly.ritual import recent_weeks
from stratui.usecases import commitments as commitment_cases
from stratui.usecases import goals as goal_cases
from stratui.usecases.people import teams_of
from stratui.usecases.workspace import Workspace

STREAK_WEEKS = 104  # reviews read for the streak: two years, enough for any real streak
CHECKIN_WEEKS = 26  # a goal's confidence on the dashboard is its latest of half a year
TREND_WEEKS = 12  # the sparklines: my say/do and open roadblocks over the last 12 weeks


@dataclass(frozen=True)
class GoalLine:
    """An active goal with its latest confidence (None before any check-in), and its
    health and progress today (None: no data; docs/METRICS.md)."""

    goal: dict
    confidence: int | None
    health: str | None = None
    progress: float | None = None


@dataclass(frozen=True)
class RetroLine:
    """One of my teams' retrospectives: when the next is due, and the actions of the
    past ones still open (their count and the oldest one's age in days)."""

    due: RetroDue
    open_actions: int
    oldest_days: int | None

    @property
    def text(self) -> str:
        """One line, e.g. ``Retrospective Platform 2026-W49: due this week · 2 actions
        open, oldest 12d``."""
        line = _sentence(self.due.text)
        if self.open_actions:
            plural = "action" if self.open_actions == 1 else "actions"
            line += f" · {self.open_actions} {plural} open, oldest {self.oldest_days}d"
        return line


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
    say_do_trend: list[float | None] = field(default_factory=list)  # last 12 weeks, mine
    open_trend: list[int] = field(default_factory=list)  # my roadblocks open each week

    @property
    def done(self) -> int:
        """How many of this week's commitments are done."""
        return sum(1 for record in self.commitments if record["status"] == "done")


def build_dashboard(ws: Workspace) -> Dashboard:
    """Gather the dashboard of the current user from the store, in one consistent read."""
    with ws.store.reading():
        return _gather(ws)


def _gather(ws: Workspace) -> Dashboard:
    today = ws.clock.today()
    me = ws.me
    week = week_of(today)
    commitments = commitment_cases.find(ws, week=week, owner=me)
    goals = ws.store.all("goals")
    trend_weeks = [shift_week(week, back - TREND_WEEKS + 1) for back in range(TREND_WEEKS)]
    mine = commitment_cases.find(ws, weeks=trend_weeks, owner=me)
    # One read serves the table (open roadblocks) and the sparkline (mine, open at some
    # point since its first week): only the shards holding such a roadblock are read.
    since = monday(trend_weeks[0]).isoformat()
    last_open = ws.store.digests("roadblocks", digests.LAST_OPEN_DAY, digests.last_open_day)
    every_roadblock = ws.store.find(
        "roadblocks", within=[part for part, day in last_open.items() if str(day) >= since]
    )
    roadblocks = [
        (record, roadblock_age(record, today))
        for record in every_roadblock
        if not record.get("resolved_on")
    ]
    roadblocks.sort(key=lambda pair: (-pair[1], pair[0]["title"]))
    checkins = latest_checkins(
        ws.store.find("goal_checkins", weeks=week_range(shift_week(week, -CHECKIN_WEEKS), week)),
        today,
    )
    # At risk first, then behind, on track and no data (stratui.usecases.goals.at_risk_first).
    lines = [
        GoalLine(
            dict(item.goal),
            checkins[item.goal_id].get("confidence") if item.goal_id in checkins else None,
            item.health,
            item.progress,
        )
        for item in goal_cases.at_risk_first(ws)
        if item.goal.get("owner") in (None, "", me) or not item.goal.get("parent_id")
    ]
    recent = set(recent_weeks(today))  # where `w` looks for a draft to resume
    streak_weeks = week_range(shift_week(week, -STREAK_WEEKS), week)
    summaries = ws.store.digests(
        "reviews",
        digests.REVIEW_HEADERS,
        digests.review_headers,
        weeks=sorted(recent.union(streak_weeks)),
    )
    reviews, drafts = [], []
    for headers in summaries.values():
        for header in headers:  # type: ignore[attr-defined]
            if header.get("ritual") == "weekly" and header.get("owner") == me:
                reviews.append(header)
                if header.get("status") == "draft" and header.get("period") in recent:
                    drafts.append(header)
    drafts = newest_first(drafts)  # the one `w` resumes first
    away = away_weeks(find_named(ws.store.all("people"), me))
    return Dashboard(
        me=me,
        today=today,
        week=week,
        commitments=commitments,
        goals_by_id={goal["id"]: goal for goal in goals},
        roadblocks=roadblocks,
        goals=lines,
        streak=review_streak(reviews, me, today, away),
        drafts=drafts,
        due=_sentence(is_due(reviews, today, away).text),
        say_do_trend=say_do_series(mine, trend_weeks),
        open_trend=open_roadblocks_series(
            _mine(every_roadblock, me, mine, goals, trend_weeks[0]), trend_weeks, today
        ),
    )


def build_retro_lines(ws: Workspace) -> list[RetroLine]:
    """The retrospective of each of my teams: next due, and its open actions.

    Apart from :func:`build_dashboard` because finding open actions looks at a year of
    commitments (their summaries, at least): the screen shows it once the rest of the
    dashboard is drawn.
    """
    today = ws.clock.today()
    lines = []
    with ws.store.reading():
        for team in teams_of(ws, ws.me):
            actions = retro_status.open_retro_actions(ws.store, team["name"], today)
            oldest = max((action.age_days for action in actions), default=None)
            due = retro_status.next_due(ws.store, team["name"], today)
            lines.append(RetroLine(due, len(actions), oldest))
    return lines


def _mine(
    roadblocks: list[dict], me: str, commitments: list[dict], goals: list[dict], since: str
) -> list[dict]:
    """My roadblocks (docs/METRICS.md scope) that were open at some point since the week
    ``since``; a roadblock linked to a commitment counts when that commitment is one of
    ``commitments`` (the sparkline's weeks), so nothing older is read for it."""
    start = monday(since).isoformat()
    scope = Scope(owner=me)
    by_id = {c["id"]: c for c in commitments}
    goals_by_id = {g["id"]: g for g in goals}
    return [
        r
        for r in roadblocks
        if (not r.get("resolved_on") or r["resolved_on"] >= start)
        and scope.has_roadblock(r, by_id.get, goals_by_id.get)
    ]


def _sentence(text: str) -> str:
    """``text`` with its first letter capitalised (``str.capitalize`` lowers the rest)."""
    return text[:1].upper() + text[1:]
