"""What the team rituals' services share: their draft review records and where to find them.

A team ritual (the team review, the retrospective) keeps its draft like the weekly
review does (see :mod:`stratui.usecases.ritual_drafts`, which holds what every ritual's service
shares, and whose helpers this module re-exports): a review record with status
``draft`` whose ``answers`` hold the draft, saved at every step, sharded by its period,
and found among the shards of the recent weeks. What is the team's own here: a team's
drafts, and a new team draft's fields.

No Textual and no Rich here; TinyDB only through the store.
"""

from __future__ import annotations

import datetime as dt

from stratui.store.store import Store
from stratui.usecases.ritual_drafts import (
    by_ids,
    completed_review,
    current_draft,
    new_draft_record,
    recent_weeks,
    week_drafts,
    written,
)

__all__ = [
    "by_ids",
    "completed_review",
    "current_draft",
    "new_draft_review",
    "recent_weeks",
    "team_drafts",
    "written",
]


def team_drafts(
    store: Store, ritual: str, team: str, today: dt.date, period: str | None = None
) -> list[dict]:
    """The team's draft reviews of ``ritual`` (of ``period``, if given), newest first."""
    return week_drafts(store, ritual, today, period, team=team)


def new_draft_review(
    ritual: str,
    *,
    period: str,
    team: str,
    facilitator: str,
    participants: list[str],
    answers: dict,
    now: dt.datetime,
) -> dict:
    """A new draft review record of a team ritual, started now."""
    fields = {
        "period": period,
        "team": team,
        "facilitator": facilitator or None,
        "participants": participants,
    }
    return new_draft_record(ritual, fields, answers=answers, now=now)
