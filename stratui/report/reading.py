"""What a report reads from the store: only the parts its window and its figures need.

A 10-year store must answer as fast as a 1-year one, so nothing here reads a whole
time-series collection except the roadblocks (see below). It asks a
:class:`~stratui.store.reader.Reader` for weeks and days; the store reads the parts
(a few months each) that hold them. What is read, by figure:

- **commitments**: the window's weeks, the week before (the predecessors that slip counts
  walk back to) and the week after (carry-over looks at the following week's
  commitments of any owner); a predecessor further back is fetched by id. Retro actions
  are read from the retrospective's week to the week after their deadline. The default
  window end walks back part by part from the as-of date to the first with reviewed
  commitments in scope.
- **reviews**: the window's weeks and the week before (a review is sharded by its period
  and may be completed after it); for follow-through, forward up to the as-of date until
  each team's next retrospective is found; for the streak, back from the as-of date only
  as far as the streak goes (plus one part, for reviews completed a while after their
  period).
- **goal check-ins**: from the earliest start (or creation) of the active goals in scope
  to the as-of date.
- **adjustments**: the window's weeks.
- **roadblocks**: every part up to the as-of date (or the window's end, if later). A
  roadblock raised years ago and still open on the as-of date counts, and nothing but
  its part says it exists; the parts are small (the benchmark in
  ``benchmarks/report.py`` holds a 10-year store to 1.5 times a 1-year one).
- people, teams and goals: whole (one small file each).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from stratui.domain.away import away_weeks
from stratui.domain.metrics.goal_figures import is_active
from stratui.domain.metrics.scope import Scope
from stratui.domain.metrics.window import latest_reviewed_week, window_days
from stratui.domain.people import find_named
from stratui.domain.weeks import is_supported_week, next_week, previous_week, week_of, window
from stratui.report.lookup import Lookup
from stratui.report.sources import (
    adjustments_in_scope,
    goal_checkins,
    roadblocks_in_scope,
    streak_reviews,
    window_retros,
)
from stratui.store.reader import Reader
from stratui.store.store import Store


class ReportError(ValueError):
    """A report cannot be made as asked: ``field`` names the option, the message why."""

    def __init__(self, field: str, problem: str) -> None:
        self.field = field
        self.problem = problem
        super().__init__(f"{field}: {problem}")


@dataclass(frozen=True)
class ReportData:
    """The records one report stands on, chosen by window and scope (gathered with
    ``series_only``, the roadblocks, adjustments, streak and predecessors are left out:
    see :func:`gather`)."""

    as_of: dt.date
    scope: Scope
    weeks: list[str]
    commitments: list[dict]  # the window's, in scope, by week, owner and creation
    nearby: dict[str, list[dict]]  # the window's weeks and the next, any owner, by week
    by_id: dict[str, dict]  # every commitment read, predecessors of the window's included
    roadblocks: list[dict]  # in scope: open on the as-of date or resolved in the window
    held_retros: list[dict]  # completed retrospectives of the window, in scope
    retros: list[dict]  # every retrospective read (to find each held one's next)
    actions: list[dict]  # the held retrospectives' actions, in scope
    reviews: list[dict]  # in scope, read around the window (pulse)
    streak_reviews: list[dict] | None  # the owner's weekly reviews for the streak
    away: set[str]  # the owner's away weeks (stratui.domain.away): the streak passes them
    goals: list[dict]  # active goals in scope
    checkins: list[dict]  # check-ins of those goals, up to the as-of date
    adjustments: list[dict]  # decided in the window, in scope
    goals_by_id: dict[str, dict]  # every goal, for titles

    @property
    def days(self) -> tuple[dt.date, dt.date]:
        """The window's first and last day."""
        return window_days(self.weeks)

    def following(self, week: str) -> list[dict]:
        """The commitments, of any owner, of the week after ``week``."""
        return self.nearby.get(next_week(week), [])


def gather(
    store: Store,
    as_of: dt.date,
    *,
    end: str | None = None,
    weeks: int = 4,
    owner: str | None = None,
    team: str | None = None,
    series_only: bool = False,
) -> ReportData:
    """Read what the report of ``weeks`` weeks ending with ``end`` needs, in one read.

    ``end`` defaults to the latest week, up to the as-of date's, with reviewed
    commitments in scope (docs/METRICS.md). Raises :class:`ReportError` for an unknown owner
    or team, or both given.

    ``series_only`` reads only what the week-by-week series of the trends screen stand
    on: ``roadblocks`` and ``adjustments`` are then empty (the trends read the roadblocks
    of their whole window themselves), ``streak_reviews`` is None and ``by_id`` lacks the
    predecessors that only chronic slips walk back to. On years of history these are
    reads and passes the screen would throw away.
    """
    if owner is not None and team is not None:
        raise ReportError("--team", "not allowed with --owner: choose one scope")
    if weeks < 1:
        raise ReportError("--weeks", f"expected a whole number >= 1, got {weeks}")
    with store.reading():
        shards = Reader(store)
        people, teams = store.all("people"), store.all("teams")
        goals = store.all("goals")
        scope = _scope(shards, people, teams, goals, owner, team)
        end = end or _default_end(shards, scope, as_of)
        span = window(end, weeks)
        first, last = window_days(span)
        around = [previous_week(span[0]), *span, next_week(span[-1])]
        shards.weeks("commitments", around)
        in_window = set(span)
        commitments = sorted(
            (
                c
                for c in shards.everything("commitments")
                if c["week"] in in_window and scope.has_owned(c)
            ),
            key=lambda c: (c["week"], c["owner"], c.get("created_at", ""), c["id"]),
        )
        goals_by_id = {goal["id"]: goal for goal in goals}
        held, retros, actions = window_retros(shards, scope, span, as_of)
        by_id = {c["id"]: c for c in shards.everything("commitments")}
        if not series_only:
            by_id = _with_predecessors(store, by_id, commitments)
        nearby_weeks = {*span, next_week(span[-1])}
        nearby: dict[str, list[dict]] = {}
        for commitment in by_id.values():
            if commitment["week"] in nearby_weeks:
                nearby.setdefault(commitment["week"], []).append(commitment)
        lookup = Lookup(store, by_id, goals_by_id)
        reviews = [
            r
            for r in shards.weeks("reviews", [previous_week(span[0]), *span])
            if scope.has_owned(r)
        ]
        active = [goal for goal in goals if is_active(goal) and scope.has_goal(goal)]
        return ReportData(
            as_of=as_of,
            scope=scope,
            weeks=span,
            commitments=commitments,
            nearby=nearby,
            by_id=by_id,
            roadblocks=[]
            if series_only
            else roadblocks_in_scope(shards, scope, lookup, as_of, first, last),
            held_retros=held,
            retros=retros,
            actions=actions,
            reviews=reviews,
            streak_reviews=streak_reviews(shards, owner, as_of)
            if owner is not None and not series_only
            else None,
            away=away_weeks(find_named(people, owner)) if owner is not None else set(),
            goals=active,
            checkins=goal_checkins(shards, active, as_of),
            adjustments=[]
            if series_only
            else adjustments_in_scope(shards, scope, lookup, span, first, last),
            goals_by_id=goals_by_id,
        )


# -- scope ------------------------------------------------------------------------------


def _scope(
    shards: Reader,
    people: list[dict],
    teams: list[dict],
    goals: list[dict],
    owner: str | None,
    team: str | None,
) -> Scope:
    """The scope asked for; an owner or team the store does not know is refused."""
    if team is not None:
        scope = Scope.of_team(team, teams, people)
        if not any(t["name"] == team for t in teams) and not scope.members:
            known = sorted(
                {t["name"] for t in teams} | {n for p in people for n in p.get("teams") or ()}
            )
            raise ReportError("--team", f"no team named {team!r}{_known(known)}")
        return scope
    if owner is not None:
        if not _knows_person(shards, people, teams, goals, owner):
            known = sorted(
                {p["name"] for p in people} | {n for t in teams for n in t.get("members") or ()}
            )
            raise ReportError("--owner", f"no person named {owner!r} in this store{_known(known)}")
        return Scope(owner=owner)
    return Scope()


def _known(names: list[str]) -> str:
    return f"; known: {', '.join(names)}" if names else ""


def _knows_person(
    shards: Reader, people: list[dict], teams: list[dict], goals: list[dict], name: str
) -> bool:
    """True when ``name`` is a person, a team member, or owns a goal, commitment or review.

    People need no record of their own (``stratui log --owner`` makes none), so the
    time-series are searched last, and only when the small files do not know the name.
    """
    if any(p.get("name") == name for p in people):
        return True
    if any(name in (t.get("members") or ()) for t in teams):
        return True
    if any(g.get("owner") == name for g in goals):
        return True
    store = shards.store
    return bool(store.find("commitments", owner=name) or store.find("reviews", owner=name))


def _default_end(shards: Reader, scope: Scope, as_of: dt.date) -> str:
    """The latest week up to the as-of date's with reviewed commitments in scope, found
    shard by shard going back; the as-of date's week when there is none. A week outside
    the supported years (a store may hold one from an older stratui) never ends the
    window: the weeks before it may not exist."""
    this_week = week_of(as_of)
    for part in shards.back_from("commitments", as_of):
        found = latest_reviewed_week(
            (c for c in part.records if scope.has_owned(c) and is_supported_week(c["week"])),
            this_week,
        )
        if found:
            return found
    return this_week


# -- commitments ------------------------------------------------------------------------


def _with_predecessors(
    store: Store, by_id: dict[str, dict], commitments: list[dict]
) -> dict[str, dict]:
    """``by_id`` plus the predecessors of ``commitments`` it lacks, fetched by id.

    Chronic slips need a slip count of 2, so each commitment's predecessor must be known
    (whether it has one of its own); deeper links are fetched as far as they go.
    """
    by_id = dict(by_id)
    wanted = [c.get("carried_from") for c in commitments]
    seen: set[str] = set()
    while wanted:
        rid = wanted.pop()
        if not rid or rid in seen:
            continue
        seen.add(rid)
        record = by_id.get(rid) or store.get("commitments", rid)
        if record is not None:
            by_id[rid] = record
            wanted.append(record.get("carried_from"))
    return by_id
