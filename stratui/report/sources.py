"""The reads of each figure beyond the window's commitments: rituals, roadblocks, goals,
adjustments. How far each reaches back or forward is explained in :mod:`.reading`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from stratui.domain import digests
from stratui.domain.metrics.rituals import RetroCalendar, is_completed, review_streak
from stratui.domain.metrics.roadblocks import is_open_on, resolved_between
from stratui.domain.metrics.scope import Scope
from stratui.domain.weeks import next_week, shift_week, week_of
from stratui.report.lookup import Lookup
from stratui.store.reader import Reader

# -- rituals ----------------------------------------------------------------------------


def window_retros(
    shards: Reader, scope: Scope, span: list[str], as_of: dt.date
) -> tuple[list[dict], list[dict], list[dict]]:
    """The window's completed retrospectives in scope, every retrospective read, and the
    held ones' actions in scope (docs/METRICS.md, follow-through)."""
    in_window = set(span)

    def retros() -> list[dict]:
        return [r for r in shards.everything("reviews") if r.get("ritual") == "retro"]

    shards.weeks("reviews", span)
    held = [
        r
        for r in retros()
        if is_completed(r)
        and r["period"] in in_window
        and (scope.team is None or r.get("team") == scope.team)
    ]
    # A held retrospective's deadline is its team's next one: read forward, up to the
    # as-of date, until every held one has its next.
    later = shards.after("reviews", span[-1], as_of)
    while held and _some_without_next(held, RetroCalendar(retros())):
        if next(later, None) is None:
            break
    known = retros()
    calendar = RetroCalendar(known)
    actions: list[dict] = []
    for retro in held:
        # Actions are planned for the weeks right after their retrospective: they are
        # looked for from its week to the week after its deadline, not in later shards.
        last = next_week(week_of(calendar.deadline(retro, as_of)))
        theirs = shards.between_matching(
            "commitments", retro["period"], last, "review_id", retro["id"]
        )
        actions += [c for c in theirs if c.get("source") == "retro"]
    if scope.owner is not None:
        actions = [a for a in actions if a.get("owner") == scope.owner]
    return held, known, actions


def _some_without_next(held: list[dict], calendar: RetroCalendar) -> bool:
    return any(calendar.next_after(retro) is None for retro in held)


def streak_reviews(shards: Reader, owner: str, as_of: dt.date) -> list[dict]:
    """The owner's weekly reviews, read back from the as-of date as far as the streak goes.

    Reading stops once the week before the streak lies in a newer shard than the oldest
    read: that week's shard and one more have been searched, so a review completed up to
    a quarter after its period is still seen.
    """
    found: list[dict] = []
    for part in shards.back_from("reviews", as_of):
        found += [
            r for r in part.records if r.get("ritual") == "weekly" and r.get("owner") == owner
        ]
        streak = review_streak(found, owner, as_of)
        if shift_week(week_of(as_of), -(streak + 1)) > part.last:
            break
    return found


# -- roadblocks, goals, adjustments -----------------------------------------------------


def roadblocks_in_scope(
    shards: Reader,
    scope: Scope,
    lookup: Lookup,
    as_of: dt.date,
    first: dt.date,
    last: dt.date,
) -> list[dict]:
    """The roadblocks in scope open on the as-of date or resolved in the window."""
    window_start, today = first.isoformat(), as_of.isoformat()
    # Most of history was resolved before the window and the as-of date: the parts whose
    # last open day says so are not read, and of the others such roadblocks are dropped
    # with a comparison of ISO dates as text before the figures parse any date.
    read = shards.summarised_until(
        "roadblocks",
        max(as_of, last),
        digests.LAST_OPEN_DAY,
        digests.last_open_day,
        lambda day: str(day) >= window_start or str(day) > today,
    )
    recent = [
        r
        for r in read
        if not r.get("resolved_on") or r["resolved_on"] >= window_start or r["resolved_on"] > today
    ]
    resolved = {r["id"] for r in resolved_between(recent, first, last)}
    return [
        r
        for r in recent
        if (r["id"] in resolved or is_open_on(r, as_of))
        and scope.has_roadblock(r, lookup.commitment, lookup.goal)
    ]


def goal_checkins(shards: Reader, goals: list[dict], as_of: dt.date) -> list[dict]:
    """The check-ins of ``goals`` dated from their earliest start (or creation) to as_of."""
    if not goals:
        return []
    starts = [str(g.get("start") or g.get("created_at", ""))[:10] for g in goals]
    starts = [s for s in starts if s]
    wanted = {g["id"] for g in goals}
    if starts:
        read = shards.since("goal_checkins", dt.date.fromisoformat(min(starts)), as_of)
    else:
        read = shards.until("goal_checkins", as_of)
    return [c for c in read if c.get("goal_id") in wanted]


def adjustments_in_scope(
    shards: Reader,
    scope: Scope,
    lookup: Lookup,
    span: list[str],
    first: dt.date,
    last: dt.date,
) -> list[dict]:
    """The adjustments decided in the window and in scope.

    An adjustment has no owner: it is in scope when the commitment, goal or review it is
    linked to is (for everyone, all are).
    """
    reviews = {r["id"]: r for r in shards.everything("reviews")}
    found = []
    for adjustment in shards.weeks("adjustments", span):
        if not first.isoformat() <= adjustment["decided_on"] <= last.isoformat():
            continue
        if scope.everyone or _linked_in_scope(adjustment, scope, lookup, reviews):
            found.append(adjustment)
    return sorted(found, key=lambda a: (a["decided_on"], a.get("created_at", ""), a["id"]))


def _linked_in_scope(
    record: Mapping, scope: Scope, lookup: Lookup, reviews: Mapping[str, dict]
) -> bool:
    """True when the commitment, goal or review ``record`` is linked to is in scope."""
    commitment = (
        lookup.commitment(str(record["commitment_id"])) if record.get("commitment_id") else None
    )
    if commitment is not None and scope.has_owned(commitment):
        return True
    goal = lookup.goal(str(record["goal_id"])) if record.get("goal_id") else None
    if goal is not None and scope.has_goal(goal):
        return True
    review = reviews.get(str(record.get("review_id")))
    return review is not None and scope.has_owned(review)
