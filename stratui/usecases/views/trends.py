"""What the trends screen shows: the figures of docs/METRICS.md week by week, over a window
and a scope, gathered from the store in one place (no Textual here).

The records come from :func:`stratui.report.reading.gather` (only the shards the window
needs), for the window plus the weeks the rolling say/do line pools before it; the
roadblocks open at some point of the window are read once more from the roadblock
shards (the report keeps only those open on the as-of date or resolved in the window).
Every value comes from :mod:`stratui.domain.metrics.series`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from stratui.domain import digests
from stratui.domain.metrics import execution as ex
from stratui.domain.metrics import series
from stratui.domain.weeks import FIRST_WEEK, monday, week_of, weeks_between
from stratui.report.lookup import Lookup
from stratui.report.reading import ReportData, gather
from stratui.store.reader import Reader
from stratui.store.store import Store

WINDOWS: tuple[int | None, ...] = (4, 12, 26, 52, None)  # None: all history
DEFAULT_WINDOW = 12


@dataclass(frozen=True)
class GoalTrend:
    """One active goal in scope: its share of the window's effort, progress, confidence."""

    goal: dict
    effort: float | None  # share of the window's commitments linked to it
    progress: list[float | None]
    confidence: list[int | None]


@dataclass(frozen=True)
class Trends:
    """Every series of the trends screen, one value per week of ``weeks``."""

    as_of: dt.date
    scope: dict  # the report's scope: {"owner": ...}, {"team": ...} or {} (everyone)
    weeks: list[str]
    planned: list[int]
    reviewed: list[int]
    done: list[int]
    say_do: list[float | None]
    rolling_say_do: list[float | None]
    carry_over: list[float | None]
    calibration: list[float | None]
    open_roadblocks: list[int]
    time_to_resolve: list[float | None]
    pulse: list[float | None]
    follow_through: list[float | None]
    effort: dict[str, float] | None  # effort by goal over the window (report's figure)
    goals: list[GoalTrend] = field(default_factory=list)
    goals_by_id: dict[str, dict] = field(default_factory=dict)


def window_label(weeks: int | None) -> str:
    """How a window choice reads: "12 weeks", or "all" for all history."""
    return "all" if weeks is None else f"{weeks} weeks"


def build_trends(
    store: Store,
    as_of: dt.date,
    *,
    weeks: int | None = DEFAULT_WINDOW,
    owner: str | None = None,
    team: str | None = None,
) -> Trends:
    """The trends of ``weeks`` weeks (``None``: from the first commitment) ending with
    the report's default end, for ``owner``, ``team`` or everyone.

    Raises :class:`stratui.report.ReportError` for an unknown owner or team.
    """
    span = weeks if weeks is not None else _all_weeks(store, as_of)
    pooled = span + series.ROLLING_WEEKS - 1
    data = gather(store, as_of, weeks=pooled, owner=owner, team=team, series_only=True)
    pooled_commitments = series.ByWeek(data.commitments)  # grouped once, for every series
    shown = data.weeks[-span:]
    if weeks is None:  # "all": from the first week with commitments in scope
        first = next(
            (i for i, week in enumerate(shown) if week in pooled_commitments.groups),
            len(shown) - 1,
        )
        shown = shown[first:]
    return _trends(data, shown, pooled_commitments, _roadblocks(store, data, shown))


def _trends(
    data: ReportData, weeks: list[str], pooled: series.ByWeek, roadblocks: list[dict]
) -> Trends:
    """The series of ``weeks``; ``pooled`` holds ``data.commitments`` grouped by week."""
    commitments = pooled.only(weeks)
    counts = series.count_series(commitments, weeks)
    # Each week's next week's commitments, of any owner, as gather grouped them.
    following = series.ByWeek.of_groups(data.nearby)
    effort = ex.effort_by_goal(commitments)
    days = series.week_days(weeks, data.as_of)
    checkins: dict[object, list[dict]] = {}
    for checkin in data.checkins:
        checkins.setdefault(checkin.get("goal_id"), []).append(checkin)
    goals = [
        GoalTrend(
            goal,
            None if effort is None else effort.get(goal["id"], 0.0),
            series.goal_progress_series(
                goal, checkins.get(goal["id"], []), weeks, data.as_of, days=days
            ),
            series.confidence_series(
                goal, checkins.get(goal["id"], []), weeks, data.as_of, days=days
            ),
        )
        for goal in sorted(data.goals, key=lambda g: (-(g.get("priority") or 0), g["title"]))
    ]
    return Trends(
        as_of=data.as_of,
        scope=data.scope.as_json(),
        weeks=weeks,
        planned=counts["planned"],
        reviewed=counts["reviewed"],
        done=counts["done"],
        say_do=series.say_do_series(commitments, weeks),
        rolling_say_do=series.rolling_say_do_series(pooled, weeks),
        carry_over=series.carry_over_series(commitments, following, weeks),
        calibration=series.calibration_series(commitments, weeks),
        open_roadblocks=series.open_roadblocks_series(roadblocks, weeks, data.as_of, days=days),
        time_to_resolve=series.time_to_resolve_series(roadblocks, weeks),
        pulse=series.pulse_series(data.reviews, weeks),
        follow_through=series.follow_through_series(
            data.held_retros, data.actions, data.as_of, data.retros, weeks
        ),
        effort=effort,
        goals=goals,
        goals_by_id=data.goals_by_id,
    )


def _all_weeks(store: Store, as_of: dt.date) -> int:
    """Weeks from the first commitment's week (any owner) to the as-of date's week; no
    further back than the supported years (a store may hold a week of year 1)."""
    first = min((c["week"] for c in Reader(store).oldest("commitments")), default=None)
    first = None if first is None else max(first, FIRST_WEEK)
    this_week = week_of(as_of)
    return 1 if first is None or first > this_week else weeks_between(first, this_week) + 1


def _roadblocks(store: Store, data: ReportData, weeks: list[str]) -> list[dict]:
    """The roadblocks in scope open at some point of ``weeks`` or resolved in them."""
    first, last = monday(weeks[0]), series.week_day(weeks[-1], data.as_of)
    start, end = first.isoformat(), last.isoformat()
    with store.reading():  # only the parts holding a roadblock open on or after start
        read = Reader(store).summarised_until(
            "roadblocks",
            max(data.as_of, last),
            digests.LAST_OPEN_DAY,
            digests.last_open_day,
            lambda day: str(day) >= start,
        )
    during = [
        r
        for r in read
        if str(r["raised_on"]) <= end and (not r.get("resolved_on") or r["resolved_on"] >= start)
    ]
    lookup = Lookup(store, dict(data.by_id), data.goals_by_id)
    found = [r for r in during if data.scope.has_roadblock(r, lookup.commitment, lookup.goal)]
    return found


def scope_choices(store: Store, me: str) -> list[tuple[str, dict]]:
    """The scopes to cycle through: me, everyone, each team, each other person."""
    with store.reading():
        people, teams = store.all("people"), store.all("teams")
    team_names = sorted(
        {t["name"] for t in teams} | {n for p in people for n in p.get("teams") or ()}
    )
    names = sorted({p["name"] for p in people} | {n for t in teams for n in t.get("members") or ()})
    choices: list[tuple[str, dict]] = [(me, {"owner": me}), ("everyone", {})]
    choices += [(f"team {name}", {"team": name}) for name in team_names]
    choices += [(name, {"owner": name}) for name in names if name != me]
    return choices
