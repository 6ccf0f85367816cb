"""The report as data: docs/METRICS.md "The report, as data", key for key.

Every figure comes from :mod:`stratui.domain.metrics`; this module only chooses the
records each one covers and rounds what it shows: every number to 4 decimals, a figure
with no data is ``null``, and counts (planned, reviewed, done, open roadblocks, the
streak) are 0 when there is nothing to count. Health is judged on the unrounded pace.
"""

from __future__ import annotations

from collections.abc import Mapping

from stratui.domain.metrics import execution as ex
from stratui.domain.metrics.goal_figures import goal_health, goal_pace, goal_progress
from stratui.domain.metrics.rituals import follow_through, pulse, review_streak
from stratui.domain.metrics.roadblocks import open_roadblocks, time_to_resolve
from stratui.report.reading import ReportData

DECIMALS = 4


def rounded(value: float | None) -> float | None:
    """``value`` to 4 decimals, ``None`` kept as ``None`` (no data)."""
    return None if value is None else round(value, DECIMALS)


def week_rows(data: ReportData) -> list[dict]:
    """One row per week of the window, in order, weeks without commitments included."""
    mine = ex.by_week(data.commitments)
    rows = []
    for week in data.weeks:
        commitments = mine.get(week, [])
        rows.append(
            {
                "week": week,
                "planned": ex.planned_load(commitments),
                "reviewed": ex.reviewed_count(commitments),
                "done": ex.throughput(commitments),
                "say_do": rounded(ex.say_do(commitments)),
                "carry_over_rate": rounded(ex.carry_over_rate(commitments, data.following(week))),
            }
        )
    return rows


def goal_rows(data: ReportData) -> list[dict]:
    """The active goals in scope with progress, pace and health on the as-of date."""
    rows = []
    for goal in data.goals:
        progress = goal_progress(goal, data.checkins, data.as_of)
        pace = goal_pace(goal, progress, data.as_of)
        rows.append(
            {
                "id": goal["id"],
                "progress": rounded(progress),
                "pace": rounded(pace),
                "health": goal_health(pace),
            }
        )
    return rows


def report_document(data: ReportData) -> dict:
    """The JSON document of ``stratui report --format json`` for ``data``."""
    first, last = data.days
    effort = ex.effort_by_goal(data.commitments)
    owner = data.scope.owner
    return {
        "as_of": data.as_of.isoformat(),
        "window": {"start": data.weeks[0], "end": data.weeks[-1], "weeks": len(data.weeks)},
        "scope": data.scope.as_json(),
        "weeks": week_rows(data),
        "say_do": rounded(ex.rolling_say_do([data.commitments])),
        "alignment": rounded(ex.alignment(data.commitments)),
        "effort_by_goal": None if effort is None else _rounded_values(effort),
        "calibration": rounded(ex.calibration(data.commitments)),
        "chronic_slips": ex.chronic_slips(data.commitments, data.by_id),
        "roadblocks": {
            "open": len(open_roadblocks(data.roadblocks, data.as_of)),
            "time_to_resolve_days": rounded(time_to_resolve(data.roadblocks, first, last)),
        },
        "follow_through": rounded(
            follow_through(data.held_retros, data.actions, data.as_of, data.retros)
        ),
        "review_streak": (
            None
            if owner is None
            else review_streak(data.streak_reviews or [], owner, data.as_of, data.away)
        ),
        "pulse": rounded(pulse(data.reviews, first, last)),
        "goals": goal_rows(data),
    }


def _rounded_values(shares: Mapping[str, float]) -> dict[str, float | None]:
    return {key: rounded(value) for key, value in shares.items()}
