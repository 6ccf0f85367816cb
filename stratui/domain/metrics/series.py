"""Figures week by week: the series the trend charts and the dashboard sparklines draw.

Each function takes the weeks of a window (``YYYY-Www``, in order) and the records the
figure measures, and returns one value per week, computed with the figures of this
package, so a chart and ``stratui report`` never disagree. A week with nothing to stand
on is ``None`` ("no data"), never 0; counts (planned, done, open roadblocks) are 0.

A week's "date" for figures taken on a day (open roadblocks, goal progress, confidence)
is its Sunday, or the as-of date while that week is not over.

Every series costs time linear in its weeks plus its records (up to a log factor): the
records are grouped or sorted once and each week looks its value up, so the "all" window
of a decade costs about ten times a year, not a hundred (issue 18). A screen drawing
several commitment series passes them one :class:`ByWeek` (grouped once, counts kept)
and the days of its weeks once (:func:`week_days`), instead of each series redoing both.

Pure module: no Textual, no TinyDB, no store.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_right
from collections.abc import Iterable, Iterator, Mapping, Sequence

from stratui.domain.metrics import execution as ex
from stratui.domain.metrics.basics import day, day_or_none, mean, median, ratio
from stratui.domain.metrics.goal_figures import CheckinTimeline, progress_from
from stratui.domain.metrics.rituals import (
    RetroCalendar,
    completed_on,
    follow_through_by,
    has_pulse,
    is_held,
    retro_actions,
)
from stratui.domain.metrics.roadblocks import roadblock_age
from stratui.domain.weeks import monday, next_week, sunday

ROLLING_WEEKS = 4  # the rolling say/do line pools this many weeks


def week_day(week: str, as_of: dt.date) -> dt.date:
    """The day a week's "on a date" figures are taken: its Sunday, or ``as_of`` if earlier."""
    return min(sunday(week), as_of)


def week_days(weeks: Sequence[str], as_of: dt.date) -> list[dt.date]:
    """:func:`week_day` of each of ``weeks``: worked out once for every series of a window."""
    return [week_day(week, as_of) for week in weeks]


class ByWeek:
    """Commitments grouped by week in one pass, with each week's counts kept once known.

    It iterates as the commitments it was given, in their order, so it goes wherever
    commitments do; the series of this module take its groups and counts instead of
    grouping and counting again (a window of ten years holds tens of thousands).
    """

    def __init__(self, commitments: Iterable[Mapping]) -> None:
        self._records = list(commitments)
        self._groups: Mapping[str, Sequence[Mapping]] = ex.by_week(self._records)
        self._counts: dict[str, tuple[int, int]] = {}

    def __iter__(self) -> Iterator[Mapping]:
        return iter(self._records)

    def __len__(self) -> int:
        return len(self._records)

    @property
    def groups(self) -> Mapping[str, Sequence[Mapping]]:
        """The commitments of each week that has some, by ISO week."""
        return self._groups

    def of(self, week: str) -> Sequence[Mapping]:
        """The commitments of ``week`` ([] for none)."""
        return self._groups.get(week, [])

    def done_and_reviewed(self, week: str) -> tuple[int, int]:
        """How many of ``week``'s commitments are done, and how many reviewed."""
        if week not in self._groups:
            return 0, 0
        counts = self._counts.get(week)
        if counts is None:
            theirs = self.of(week)
            counts = self._counts[week] = (ex.done_count(theirs), ex.reviewed_count(theirs))
        return counts

    @classmethod
    def of_groups(cls, groups: Mapping[str, Sequence[Mapping]]) -> ByWeek:
        """Commitments grouped by week already, each week's list under its week (held as
        given, not copied: the caller leaves them be)."""
        made = cls(())
        made._groups = groups
        made._records = [c for group in groups.values() for c in group]
        return made

    def only(self, weeks: Iterable[str]) -> ByWeek:
        """The commitments of ``weeks`` alone, in the same order, without grouping again."""
        wanted = set(weeks)
        kept = ByWeek(())
        kept._records = [c for c in self._records if str(c["week"]) in wanted]
        kept._groups = {week: group for week, group in self._groups.items() if week in wanted}
        kept._counts = self._counts  # shared: a week's group, and so its counts, is the same
        return kept


def _by_week(commitments: Iterable[Mapping]) -> ByWeek:
    """``commitments`` as a :class:`ByWeek`: itself if it is one, else grouped now."""
    return commitments if isinstance(commitments, ByWeek) else ByWeek(commitments)


def say_do_series(commitments: Iterable[Mapping], weeks: Sequence[str]) -> list[float | None]:
    """Say/do of each week (done / reviewed of that week's commitments, :func:`ex.say_do`)."""
    mine = _by_week(commitments)
    return [ratio(*mine.done_and_reviewed(week)) for week in weeks]


def rolling_say_do_series(
    commitments: Iterable[Mapping], weeks: Sequence[str], span: int = ROLLING_WEEKS
) -> list[float | None]:
    """Rolling say/do ending with each week: pooled over that week and the ``span - 1``
    before it (sum of done / sum of reviewed). Pass the commitments of the earlier weeks
    too, or the first points pool fewer weeks."""
    done: dict[int, int] = {}
    reviewed: dict[int, int] = {}
    mine = _by_week(commitments)
    for week in mine.groups:
        number = _week_number(week)
        done[number], reviewed[number] = mine.done_and_reviewed(week)
    values = []
    for week in weeks:
        last = _week_number(week)
        pooled = range(last - span + 1, last + 1)
        values.append(
            ratio(sum(done.get(n, 0) for n in pooled), sum(reviewed.get(n, 0) for n in pooled))
        )
    return values


def _week_number(week: str) -> int:
    """Weeks since the calendar's first Monday: consecutive weeks, consecutive numbers."""
    return monday(week).toordinal() // 7


def _monday_of(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def count_series(commitments: Iterable[Mapping], weeks: Sequence[str]) -> dict[str, list[int]]:
    """Planned load, reviewed and done (throughput) of each week: counts, 0 when none."""
    mine = _by_week(commitments)
    counts = [mine.done_and_reviewed(w) for w in weeks]  # throughput is the done count
    return {
        "planned": [ex.planned_load(mine.of(w)) for w in weeks],
        "reviewed": [reviewed for _, reviewed in counts],
        "done": [done for done, _ in counts],
    }


def carry_over_series(
    commitments: Iterable[Mapping], following: Iterable[Mapping], weeks: Sequence[str]
) -> list[float | None]:
    """Carry-over rate of each week; ``following`` are the commitments of any owner of
    the weeks after (only the next week's ``carried_from`` count for each week)."""
    mine, next_ones = _by_week(commitments), _by_week(following)
    return [ex.carry_over_rate(mine.of(w), next_ones.of(next_week(w))) for w in weeks]


def calibration_series(commitments: Iterable[Mapping], weeks: Sequence[str]) -> list[float | None]:
    """Calibration (Brier score) of each week's reviewed commitments with a confidence."""
    mine = _by_week(commitments)
    return [ex.calibration(mine.of(week)) for week in weeks]


def open_roadblocks_series(
    roadblocks: Iterable[Mapping],
    weeks: Sequence[str],
    as_of: dt.date,
    *,
    days: Sequence[dt.date] | None = None,
) -> list[int]:
    """How many roadblocks were open at the end of each week (see :func:`week_day`;
    ``days``: their :func:`week_days`, when the caller has them already).

    Open on a day (:func:`~stratui.domain.metrics.roadblocks.is_open_on`): raised by then,
    less those raised and resolved by then, each counted by bisecting a sorted list.
    """
    raised: list[dt.date] = []
    closed: list[dt.date] = []  # the day each resolved roadblock stopped being open
    for roadblock in roadblocks:
        raised.append(day(roadblock["raised_on"]))
        resolved = day_or_none(roadblock.get("resolved_on"))
        if resolved is not None:
            closed.append(max(raised[-1], resolved))
    raised.sort()
    closed.sort()
    on_days = week_days(weeks, as_of) if days is None else days
    return [bisect_right(raised, on) - bisect_right(closed, on) for on in on_days]


def time_to_resolve_series(
    roadblocks: Iterable[Mapping], weeks: Sequence[str]
) -> list[float | None]:
    """Time to resolve (median age in days) of the roadblocks resolved in each week."""
    ages: dict[dt.date, list[int]] = {}
    for roadblock in roadblocks:
        resolved = day_or_none(roadblock.get("resolved_on"))
        if resolved is not None:
            ages.setdefault(_monday_of(resolved), []).append(roadblock_age(roadblock, resolved))
    return [median(ages.get(monday(week), ())) for week in weeks]


def pulse_series(reviews: Iterable[Mapping], weeks: Sequence[str]) -> list[float | None]:
    """Mean pulse of the reviews completed in each week (Monday to Sunday)."""
    pulses: dict[dt.date, list[float]] = {}
    for review in reviews:
        if has_pulse(review):
            pulses.setdefault(_monday_of(completed_on(review)), []).append(review["pulse"])
    return [mean(pulses.get(monday(week), ())) for week in weeks]


def follow_through_series(
    held: Iterable[Mapping],
    actions: Iterable[Mapping],
    as_of: dt.date,
    retros: Iterable[Mapping],
    weeks: Sequence[str],
) -> list[float | None]:
    """Retro follow-through of the retrospectives held for each week (by ``period``).

    Each week's held retrospectives find their next among ``retros`` and among each
    other, as :func:`~stratui.domain.metrics.rituals.follow_through` of that week would.
    """
    by_period: dict[object, list[Mapping]] = {}
    for retro in held:
        if is_held(retro):
            by_period.setdefault(retro.get("period"), []).append(retro)
    calendar = RetroCalendar(retros)
    by_retro = retro_actions(actions)
    values = []
    for week in weeks:
        theirs = by_period.get(week, [])
        together = RetroCalendar(theirs)
        deadlines = {str(r["id"]): together.deadline(r, as_of, calendar) for r in theirs}
        values.append(follow_through_by(deadlines, by_retro))
    return values


def goal_progress_series(
    goal: Mapping,
    checkins: Iterable[Mapping],
    weeks: Sequence[str],
    as_of: dt.date,
    *,
    days: Sequence[dt.date] | None = None,
) -> list[float | None]:
    """The goal's progress at the end of each week (``days``: their :func:`week_days`,
    when the caller has them already)."""
    timeline = CheckinTimeline(checkins, goal["id"], having="value")
    on = week_days(weeks, as_of) if days is None else days
    return [progress_from(goal, timeline.latest(one)) for one in on]


def confidence_series(
    goal: Mapping,
    checkins: Iterable[Mapping],
    weeks: Sequence[str],
    as_of: dt.date,
    *,
    days: Sequence[dt.date] | None = None,
) -> list[int | None]:
    """The goal's latest stated confidence (1..5) at the end of each week (``days`` as
    in :func:`goal_progress_series`)."""
    timeline = CheckinTimeline(checkins, goal["id"], having="confidence")
    values: list[int | None] = []
    for on in week_days(weeks, as_of) if days is None else days:
        checkin = timeline.latest(on)
        values.append(None if checkin is None else int(checkin["confidence"]))
    return values
