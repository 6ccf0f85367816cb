"""Where a team stands with its retrospectives: when the next one is due and which of
the past ones' actions are still open, read from the store's summaries of its parts.

What the dashboard shows of a team's retrospectives: it reads the headers of a year of
reviews and the open retro actions of a year of commitments from
:meth:`~stratui.store.store.Store.digests`, so only shards changed since they were last
summarised are decoded.

Pure module: the store is the one passed in.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from stratui.domain import digests
from stratui.domain.weeks import next_week, shift_week, week_of, week_range
from stratui.rituals.retro.history import OpenAction, RetroDue, next_retro_due, open_actions

if TYPE_CHECKING:
    from stratui.store.store import Store

HISTORY_WEEKS = 53
"""How far back a team's retrospectives are looked for (about a year): a team whose last
retrospective is older starts afresh."""


def history_weeks(today: dt.date) -> list[str]:
    """The weeks of the last :data:`HISTORY_WEEKS` weeks, to the next one."""
    this_week = week_of(today)
    return week_range(shift_week(this_week, -HISTORY_WEEKS), next_week(this_week))


def held_retros(store: Store, team: str, today: dt.date) -> list[dict]:
    """The team's completed retrospectives of the last :data:`HISTORY_WEEKS` weeks,
    their headers only (id, period, status, completion: no answers)."""
    shards = store.digests(
        "reviews", digests.REVIEW_HEADERS, digests.review_headers, weeks=history_weeks(today)
    )
    weeks = set(history_weeks(today))
    return [
        header
        for headers in shards.values()
        for header in headers  # type: ignore[attr-defined]
        if header.get("period") in weeks
        and header.get("ritual") == "retro"
        and header.get("status") == "complete"
        and header.get("team") == team
    ]


def next_due(store: Store, team: str, today: dt.date) -> RetroDue:
    """When the team's next retrospective is due (every two weeks after the last)."""
    return next_retro_due(team, held_retros(store, team, today), today)


def open_retro_actions(store: Store, team: str, today: dt.date) -> list[OpenAction]:
    """The team's open retro actions with their age in days, oldest first."""
    retros = {r["id"]: r for r in held_retros(store, team, today)}
    if not retros:
        return []
    first = min(str(r["period"]) for r in retros.values())
    weeks = week_range(first, next_week(week_of(today)))
    shards = store.digests(
        "commitments",
        digests.OPEN_RETRO_ACTIONS,
        digests.open_retro_actions,
        weeks=weeks,
    )
    found = [action for actions in shards.values() for action in actions]  # type: ignore[attr-defined]
    return open_actions(found, retros, today)
