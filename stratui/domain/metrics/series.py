"""Figures week by week: the series the trend charts and the dashboard sparklines draw.

Each function takes the weeks of a window (``YYYY-Www``, in order) and the records the
figure measures, and returns one value per week, computed with the figures of this
package, so a chart and ``stratui report`` never disagree. A week with nothing to stand
on is ``None`` ("no data"), never 0; counts (planned, done, open roadblocks) are 0.

A week's "date" for figures taken on a day (open roadblocks, goal progress, confidence)
is its Sunday, or the as-of date while that week is not over.

Pure module: no Textual, no TinyDB, no store.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence

from stratui.domain.metrics import execution as ex
from stratui.domain.metrics.goal_figures import goal_progress, latest_checkins
from stratui.domain.metrics.rituals import follow_through, pulse
from stratui.domain.metrics.roadblocks import is_open_on, time_to_resolve
from stratui.domain.weeks import monday, next_week, sunday

ROLLING_WEEKS = 4  # the rolling say/do line pools this many weeks


def week_day(week: str, as_of: dt.date) -> dt.date:
    """The day a week's "on a date" figures are taken: its Sunday, or ``as_of`` if earlier."""
    return min(sunday(week), as_of)


def say_do_series(commitments: Iterable[Mapping], weeks: Sequence[str]) -> list[float | None]:
    """Say/do of each week (done / reviewed of that week's commitments)."""
    mine = ex.by_week(commitments)
    return [ex.say_do(mine.get(week, [])) for week in weeks]


def rolling_say_do_series(
    commitments: Iterable[Mapping], weeks: Sequence[str], span: int = ROLLING_WEEKS
) -> list[float | None]:
    """Rolling say/do ending with each week: pooled over that week and the ``span - 1``
    before it (sum of done / sum of reviewed). Pass the commitments of the earlier weeks
    too, or the first points pool fewer weeks."""
    mine = ex.by_week(commitments)
    ordered = sorted(mine)
    values = []
    for week in weeks:
        earlier = [w for w in ordered if w <= week][-span:]
        earlier = [w for w in earlier if _weeks_apart(w, week) < span]
        values.append(ex.rolling_say_do(mine[w] for w in earlier))
    return values


def _weeks_apart(first: str, last: str) -> int:
    return (monday(last) - monday(first)).days // 7


def count_series(commitments: Iterable[Mapping], weeks: Sequence[str]) -> dict[str, list[int]]:
    """Planned load, reviewed and done (throughput) of each week: counts, 0 when none."""
    mine = ex.by_week(commitments)
    return {
        "planned": [ex.planned_load(mine.get(w, [])) for w in weeks],
        "reviewed": [ex.reviewed_count(mine.get(w, [])) for w in weeks],
        "done": [ex.throughput(mine.get(w, [])) for w in weeks],
    }


def carry_over_series(
    commitments: Iterable[Mapping], following: Iterable[Mapping], weeks: Sequence[str]
) -> list[float | None]:
    """Carry-over rate of each week; ``following`` are the commitments of any owner of
    the weeks after (only the next week's ``carried_from`` count for each week)."""
    mine, next_ones = ex.by_week(commitments), ex.by_week(following)
    return [ex.carry_over_rate(mine.get(w, []), next_ones.get(next_week(w), [])) for w in weeks]


def calibration_series(commitments: Iterable[Mapping], weeks: Sequence[str]) -> list[float | None]:
    """Calibration (Brier score) of each week's reviewed commitments with a confidence."""
    mine = ex.by_week(commitments)
    return [ex.calibration(mine.get(week, [])) for week in weeks]


def open_roadblocks_series(
    roadblocks: Iterable[Mapping], weeks: Sequence[str], as_of: dt.date
) -> list[int]:
    """How many roadblocks were open at the end of each week (see :func:`week_day`)."""
    roadblocks = list(roadblocks)
    counts = []
    for week in weeks:
        on = week_day(week, as_of)
        counts.append(sum(1 for r in roadblocks if is_open_on(r, on)))
    return counts


def time_to_resolve_series(
    roadblocks: Iterable[Mapping], weeks: Sequence[str]
) -> list[float | None]:
    """Time to resolve (median age in days) of the roadblocks resolved in each week."""
    roadblocks = list(roadblocks)
    return [time_to_resolve(roadblocks, monday(w), sunday(w)) for w in weeks]


def pulse_series(reviews: Iterable[Mapping], weeks: Sequence[str]) -> list[float | None]:
    """Mean pulse of the reviews completed in each week (Monday to Sunday)."""
    reviews = list(reviews)
    return [pulse(reviews, monday(w), sunday(w)) for w in weeks]


def follow_through_series(
    held: Iterable[Mapping],
    actions: Iterable[Mapping],
    as_of: dt.date,
    retros: Iterable[Mapping],
    weeks: Sequence[str],
) -> list[float | None]:
    """Retro follow-through of the retrospectives held for each week (by ``period``)."""
    held, actions, retros = list(held), list(actions), list(retros)
    return [
        follow_through([r for r in held if r.get("period") == w], actions, as_of, retros)
        for w in weeks
    ]


def goal_progress_series(
    goal: Mapping, checkins: Iterable[Mapping], weeks: Sequence[str], as_of: dt.date
) -> list[float | None]:
    """The goal's progress at the end of each week."""
    checkins = list(checkins)
    return [goal_progress(goal, checkins, week_day(w, as_of)) for w in weeks]


def confidence_series(
    goal: Mapping, checkins: Iterable[Mapping], weeks: Sequence[str], as_of: dt.date
) -> list[int | None]:
    """The goal's latest stated confidence (1..5) at the end of each week."""
    own = [c for c in checkins if c.get("goal_id") == goal["id"]]
    values: list[int | None] = []
    for week in weeks:
        latest = latest_checkins(own, week_day(week, as_of), having="confidence")
        checkin = latest.get(str(goal["id"]))
        values.append(None if checkin is None else int(checkin["confidence"]))
    return values
