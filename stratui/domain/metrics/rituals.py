"""Figures of the rituals: retrospective follow-through, review streak, pulse (docs/METRICS.md).

- action follow-through: of the actions created in a team's retrospective (commitments
  with source ``retro`` and that ``review_id``), the share done (``closed_on``) by the
  time that team's next retrospective was completed, or by today for the latest; pooled
  over several retrospectives: actions done in time / all their actions;
- review streak: consecutive ISO weeks, ending with the current or the previous week, in
  which the person completed a weekly review (the ISO week of ``completed_at``);
- pulse: the mean pulse of the reviews completed in a period.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_right
from collections.abc import Collection, Iterable, Mapping

from stratui.domain.metrics.basics import day, mean, ratio
from stratui.domain.weeks import previous_week, week_of


def is_completed(review: Mapping) -> bool:
    """True for a completed review (status ``complete`` with a ``completed_at``)."""
    return review.get("status") == "complete" and bool(review.get("completed_at"))


def completed_on(review: Mapping) -> dt.date:
    """The (UTC) date a completed review was completed."""
    return day(review["completed_at"])


class RetroCalendar:
    """Each team's completed retrospectives in completion order, to find any one's next.

    Sorting once and bisecting makes finding the next of every held retrospective cost
    O(n log n) in all, where scanning every retrospective for each was quadratic (the
    trends' "all" window holds a decade of them).
    """

    def __init__(self, retros: Iterable[Mapping]) -> None:
        teams: dict[object, list[Mapping]] = {}
        for retro in retros:
            if retro.get("ritual") == "retro" and is_completed(retro):
                teams.setdefault(retro.get("team"), []).append(retro)
        self._retros: dict[object, list[Mapping]] = {}
        self._stamps: dict[object, list[str]] = {}
        for team, found in teams.items():
            # A stable sort: of retrospectives completed at the same moment, the first given
            # stays first (the one ``min`` would have picked).
            found.sort(key=lambda retro: str(retro["completed_at"]))
            self._retros[team] = found
            self._stamps[team] = [str(retro["completed_at"]) for retro in found]

    def next_after(self, retro: Mapping) -> Mapping | None:
        """The same team's first retrospective completed after ``retro`` (not ``retro``)."""
        team = retro.get("team")
        stamps = self._stamps.get(team)
        if not stamps:
            return None
        found = self._retros[team]
        index = bisect_right(stamps, str(retro["completed_at"]))
        while index < len(found) and found[index].get("id") == retro.get("id"):
            index += 1
        return found[index] if index < len(found) else None

    def deadline(self, retro: Mapping, as_of: dt.date, *more: RetroCalendar) -> dt.date:
        """The day by which the actions of ``retro`` count as done in time: the completion
        date of its team's next retrospective in this calendar or ``more``, or ``as_of``
        when that is earlier or there is no next one."""
        following = [n for c in (self, *more) if (n := c.next_after(retro)) is not None]
        if not following:
            return as_of
        return min(min(completed_on(one) for one in following), as_of)


def next_retro(retro: Mapping, retros: Iterable[Mapping]) -> Mapping | None:
    """The same team's first retrospective among ``retros`` completed after ``retro``
    (for one look-up; build a :class:`RetroCalendar` for many)."""
    return RetroCalendar(retros).next_after(retro)


def retro_deadline(retro: Mapping, retros: Iterable[Mapping], as_of: dt.date) -> dt.date:
    """The day by which the actions of ``retro`` count as done in time.

    The completion date of the same team's next completed retrospective among ``retros``
    (:func:`next_retro`), or ``as_of`` when that is earlier or there is no next one.
    """
    return RetroCalendar(retros).deadline(retro, as_of)


def is_done_by(action: Mapping, deadline: dt.date) -> bool:
    """True when the action is done and its ``closed_on`` is on or before ``deadline``."""
    closed = action.get("closed_on")
    return action.get("status") == "done" and bool(closed) and day(closed) <= deadline


def is_held(retro: Mapping) -> bool:
    """True for a retrospective that was held: a completed review of the ``retro`` ritual."""
    return retro.get("ritual") == "retro" and is_completed(retro)


def retro_actions(actions: Iterable[Mapping]) -> dict[str, list[Mapping]]:
    """The actions among ``actions`` (source ``retro``) by the id of their retrospective."""
    found: dict[str, list[Mapping]] = {}
    for action in actions:
        if action.get("source") == "retro":
            found.setdefault(str(action.get("review_id")), []).append(action)
    return found


def follow_through_by(
    deadlines: Mapping[str, dt.date], actions: Mapping[str, list[Mapping]]
) -> float | None:
    """Pooled follow-through of the retrospectives whose ids ``deadlines`` maps to their
    deadline, from their actions by retrospective id (:func:`retro_actions`)."""
    done = total = 0
    for rid, deadline in deadlines.items():
        theirs = actions.get(rid, ())
        total += len(theirs)
        done += sum(1 for action in theirs if is_done_by(action, deadline))
    return ratio(done, total)


def follow_through(
    held: Iterable[Mapping],
    actions: Iterable[Mapping],
    as_of: dt.date,
    retros: Iterable[Mapping] = (),
) -> float | None:
    """Action follow-through of the retrospectives ``held``, pooled.

    Args:
        held: The completed retrospectives to measure (others are ignored).
        actions: Candidate commitments; those with source ``retro`` whose ``review_id``
            is one of ``held`` are that retrospective's actions (pass only one person's
            to measure that person).
        as_of: "Today": the deadline of a team's latest retrospective, and the latest
            any deadline can be.
        retros: Other retrospectives known, to find each held one's next (the held
            ones are looked at too).

    Returns:
        Actions done in time / all actions of the held retrospectives; ``None`` when
        they have no actions.
    """
    held = [retro for retro in held if is_held(retro)]
    calendar = RetroCalendar([*held, *retros])
    deadlines = {str(retro["id"]): calendar.deadline(retro, as_of) for retro in held}
    return follow_through_by(deadlines, retro_actions(actions))


def review_streak(
    reviews: Iterable[Mapping], owner: str, today: dt.date, away: Collection[str] = ()
) -> int:
    """Consecutive ISO weeks, ending with this or last week, with a completed weekly review.

    The week of a review is the ISO week of its ``completed_at`` (docs/METRICS.md); reviews
    completed after ``today`` do not count yet. An ``away`` week without a review is
    passed over: it neither counts nor breaks the streak (:mod:`stratui.domain.away`).
    0 when there is no streak.
    """
    weeks = {
        week_of(completed_on(review))
        for review in reviews
        if review.get("ritual") == "weekly"
        and review.get("owner") == owner
        and is_completed(review)
        and completed_on(review) <= today
    }
    week = week_of(today)
    if week not in weeks:
        week = previous_week(week)
    streak = 0
    skipped = 0
    while week in weeks or (week in away and skipped < len(away)):
        if week in weeks:
            streak += 1
        else:
            skipped += 1
        week = previous_week(week)
    return streak


def pulse(reviews: Iterable[Mapping], first: dt.date, last: dt.date) -> float | None:
    """Pulse: the mean ``pulse`` of the reviews (any ritual) completed from ``first`` to
    ``last`` (both included) that recorded one; ``None`` when none did."""
    return mean(
        review["pulse"]
        for review in reviews
        if has_pulse(review) and first <= completed_on(review) <= last
    )


def has_pulse(review: Mapping) -> bool:
    """True for a completed review that recorded a pulse: the ones pulse averages."""
    return is_completed(review) and review.get("pulse") is not None
