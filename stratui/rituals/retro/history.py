"""A team's retrospectives over time: health against the previous check, when the next
retro is due, and how old the open actions are (for the dashboard and the history).

A retrospective is due every :data:`RETRO_EVERY_WEEKS` weeks after the team's last one
(fortnightly, as the demo team holds them): due from the Monday of that week, overdue
once that week has ended. A team that never held one is due now.

Pure module: no Textual, no TinyDB, no store. "today" is a parameter.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import NamedTuple

from stratui.domain import records as rec
from stratui.domain.weeks import is_valid_week, monday, shift_week, sunday, week_of

RETRO_EVERY_WEEKS = 2
"""How many weeks after a team's retrospective the next one is due."""


class HealthChange(NamedTuple):
    """One health dimension now and at the previous retrospective (None: not rated)."""

    dimension: str
    score: int | None
    previous: int | None

    @property
    def delta(self) -> int | None:
        """``score - previous``, None unless both were rated."""
        if self.score is None or self.previous is None:
            return None
        return self.score - self.previous

    @property
    def text(self) -> str:
        """``pace 4/5 (was 3, +1)``, ``fun 3/5 (new)``, ``mission not rated (was 4)``."""
        now = f"{self.score}/5" if self.score is not None else "not rated"
        if self.previous is None:
            return f"{self.dimension} {now} (new)"
        if self.delta is None:
            return f"{self.dimension} {now} (was {self.previous})"
        change = "no change" if self.delta == 0 else f"{self.delta:+d}"
        return f"{self.dimension} {now} (was {self.previous}, {change})"


def compare_health(
    current: Mapping[str, int], previous: Mapping[str, int] | None
) -> list[HealthChange]:
    """Each dimension rated now or at the previous check, with both scores.

    The dimensions rated now come first, in their order; those rated only before follow,
    by name.
    """
    previous = previous or {}
    changes = [HealthChange(dim, score, previous.get(dim)) for dim, score in current.items()]
    changes += [
        HealthChange(dim, None, previous[dim]) for dim in sorted(previous) if dim not in current
    ]
    return changes


class RetroDue(NamedTuple):
    """When a team's next retrospective is due.

    ``period`` is the ISO week it is due in; ``due`` is true from that week's Monday,
    ``overdue`` once the week has ended; ``last_period`` is the week of the latest
    completed retrospective (None when the team never held one).
    """

    team: str
    period: str
    last_period: str | None
    due: bool
    overdue: bool

    @property
    def text(self) -> str:
        """One line: ``retrospective Platform 2026-W49: due from Mon 30 Nov``."""
        start = monday(self.period)
        if self.last_period is None:
            state = "no retrospective yet; due now"
        elif self.overdue:
            state = f"overdue (week ended {sunday(self.period).isoformat()})"
        elif self.due:
            state = "due this week"
        else:
            state = f"due from {start:%a} {start.day} {start:%b}"
        return f"retrospective {self.team} {self.period}: {state}"


def next_retro_due(
    team: str,
    reviews: Iterable[Mapping],
    today: dt.date,
    every: int = RETRO_EVERY_WEEKS,
) -> RetroDue:
    """The next retrospective ``team`` owes, given reviews (others are ignored)."""
    held = [
        str(review["period"])
        for review in reviews
        if review.get("ritual") == "retro"
        and review.get("team") == team
        and review.get("status") == "complete"
        and rec.is_live(review)
        and is_valid_week(str(review.get("period", "")))
    ]
    this_week = week_of(today)
    last = max(held, key=monday, default=None)
    if last is None:
        return RetroDue(team, this_week, None, True, False)
    period = shift_week(last, every)
    return RetroDue(team, period, last, today >= monday(period), today > sunday(period))


class OpenAction(NamedTuple):
    """An open retro action, with the retrospective it came from and its age in days."""

    commitment: dict
    review: dict | None
    age_days: int


def open_actions(
    commitments: Iterable[Mapping], retros: Mapping[str, Mapping], today: dt.date
) -> list[OpenAction]:
    """The open actions (source ``retro``) of ``retros`` (by id), oldest first.

    An action's age counts from the day its retrospective was completed (else from the
    day the commitment was made) to ``today``.
    """
    found = []
    for record in commitments:
        review = retros.get(str(record.get("review_id")))
        if (
            review is None
            or record.get("source") != "retro"
            or record.get("status") != "open"
            or not rec.is_live(record)
        ):
            continue
        since = str(review.get("completed_at") or record.get("created_at"))[:10]
        age = (today - dt.date.fromisoformat(since)).days
        found.append(OpenAction(dict(record), dict(review), max(age, 0)))
    return sorted(found, key=lambda a: (-a.age_days, a.commitment["title"], a.commitment["id"]))
