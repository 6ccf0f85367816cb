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
from collections.abc import Collection, Iterable, Mapping

from stratui.domain.metrics.basics import day, mean, ratio
from stratui.domain.weeks import previous_week, week_of


def is_completed(review: Mapping) -> bool:
    """True for a completed review (status ``complete`` with a ``completed_at``)."""
    return review.get("status") == "complete" and bool(review.get("completed_at"))


def completed_on(review: Mapping) -> dt.date:
    """The (UTC) date a completed review was completed."""
    return day(review["completed_at"])


def next_retro(retro: Mapping, retros: Iterable[Mapping]) -> Mapping | None:
    """The same team's first retrospective among ``retros`` completed after ``retro``."""
    mine = str(retro["completed_at"])
    later = [
        other
        for other in retros
        if other.get("ritual") == "retro"
        and is_completed(other)
        and other.get("team") == retro.get("team")
        and other.get("id") != retro.get("id")
        and str(other["completed_at"]) > mine
    ]
    return min(later, key=lambda other: str(other["completed_at"]), default=None)


def retro_deadline(retro: Mapping, retros: Iterable[Mapping], as_of: dt.date) -> dt.date:
    """The day by which the actions of ``retro`` count as done in time.

    The completion date of the same team's next completed retrospective among ``retros``
    (:func:`next_retro`), or ``as_of`` when that is earlier or there is no next one.
    """
    following = next_retro(retro, retros)
    return as_of if following is None else min(completed_on(following), as_of)


def is_done_by(action: Mapping, deadline: dt.date) -> bool:
    """True when the action is done and its ``closed_on`` is on or before ``deadline``."""
    closed = action.get("closed_on")
    return action.get("status") == "done" and bool(closed) and day(closed) <= deadline


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
    held = [retro for retro in held if retro.get("ritual") == "retro" and is_completed(retro)]
    known = [*held, *retros]
    deadlines = {str(retro["id"]): retro_deadline(retro, known, as_of) for retro in held}
    theirs = [
        action
        for action in actions
        if action.get("source") == "retro" and str(action.get("review_id")) in deadlines
    ]
    in_time = sum(1 for a in theirs if is_done_by(a, deadlines[str(a["review_id"])]))
    return ratio(in_time, len(theirs))


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
        if is_completed(review)
        and review.get("pulse") is not None
        and first <= completed_on(review) <= last
    )
