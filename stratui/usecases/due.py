"""What is due for me now: ``stratui due``, quiet and fast enough for a shell prompt.

One item per thing I owe (docs/METRICS.md gives the rules of each):

* my weekly review, due from the Thursday of its week, overdue once the week has ended,
  unless the week is one of my away weeks (:mod:`stratui.domain.away`);
* the team review of each team I run (I facilitated its latest completed team review
  of the last year): weekly, on the weekly review's calendar, skipping my away weeks;
* the retrospective of each of my teams, due in its week, overdue after;
* my retro actions past their due day and still open, however old;
* my commitments due today and still open.

Nothing at all while I am away today.

It reads only the few recent weeks these need, through the store's summaries where
they exist: no Textual, no Rich, nothing of the app.
"""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple

from stratui.domain import digests
from stratui.domain.away import away_weeks, is_away
from stratui.domain.people import find_named, same_name
from stratui.domain.weeks import monday, shift_week, week_of, week_range
from stratui.rituals.retro import status as retro_status
from stratui.rituals.weekly.periods import is_due
from stratui.usecases.workspace import Workspace


class DueItem(NamedTuple):
    """One thing due: what (``kind``), a line saying it, and whether it is overdue."""

    kind: str  # weekly review, team review, retrospective, retro action, commitment
    text: str
    overdue: bool
    id: str | None = None  # the record's, for a commitment or an action

    def as_json(self) -> dict:
        return self._asdict()


def due_now(ws: Workspace) -> list[DueItem]:
    """What is due for me today, overdue things first (one read of the store: its
    files are looked over for changes once, not for each question)."""
    with ws.store.reading():
        return _due_now(ws)


def _due_now(ws: Workspace) -> list[DueItem]:
    today, me = ws.clock.today(), ws.me
    week = week_of(today)
    person = find_named(ws.store.all("people"), me)
    if is_away(person, today):
        return []  # away today: nothing is asked of me
    items: list[DueItem] = []
    recent = week_range(shift_week(week, -2), week)
    mine = ws.store.find("reviews", periods=recent, ritual="weekly", owner=me, status="complete")
    away = away_weeks(person)
    review = is_due(mine, today, away)
    if review.due:
        items.append(DueItem("weekly review", review.text, review.overdue))
    my_teams = [t for t in ws.store.all("teams") if me in (t.get("members") or ())]
    items += _team_reviews(ws, me, today, away, my_teams)
    for team in my_teams:
        retro = retro_status.next_due(ws.store, str(team["name"]), today)
        if retro.due or retro.overdue:
            items.append(DueItem("retrospective", retro.text, retro.overdue))
    items += _retro_actions(ws, me, today)
    around = week_range(shift_week(week, -8), shift_week(week, 1))
    for record in ws.store.find("commitments", weeks=around, owner=me, status="open"):
        if record.get("due") == today.isoformat():
            text = f"commitment “{_title(record)}”: due today"
            items.append(DueItem("commitment", text, False, record["id"]))
    return sorted(items, key=lambda item: not item.overdue)


def _title(record: dict) -> str:
    return " ".join(str(record.get("title", "")).split())


def _team_reviews(
    ws: Workspace, me: str, today: dt.date, away: set[str], my_teams: list[dict]
) -> list[DueItem]:
    """The team review of each of my teams (``my_teams``: a team I left or that is gone
    asks nothing of me) whose latest completed team review of the last year I
    facilitated (the one who runs it), when due, from the reviews' headers."""
    weeks = retro_status.history_weeks(today)
    held: dict[str, list[dict]] = {}
    shards = ws.store.digests(
        "reviews", digests.REVIEW_HEADERS, digests.review_headers, weeks=weeks
    )
    known = set(weeks)
    for headers in shards.values():
        for header in headers:  # type: ignore[attr-defined]
            if (
                header.get("ritual") == "team"
                and header.get("status") == "complete"
                and header.get("period") in known
                and header.get("team")
            ):
                held.setdefault(str(header["team"]), []).append(header)
    items = []
    for team, reviews in sorted(held.items()):
        if find_named(my_teams, team) is None:
            continue
        latest = max(reviews, key=lambda r: (monday(r["period"]), str(r.get("completed_at"))))
        if not same_name(latest.get("facilitator"), me):
            continue
        due = is_due(reviews, today, away, ritual="team", what=f"team review of {team}")
        if due.due:
            items.append(DueItem("team review", due.text, due.overdue))
    return items


def _retro_actions(ws: Workspace, me: str, today: dt.date) -> list[DueItem]:
    """My open retro actions past their due day, of any age (the store's summary of
    open retro actions: a shard is read again only when it changed)."""
    shards = ws.store.digests("commitments", digests.OPEN_RETRO_ACTIONS, digests.open_retro_actions)
    found = [action for actions in shards.values() for action in actions]  # type: ignore[attr-defined]
    late = [
        action
        for action in found
        if action.get("owner") == me and str(action.get("due") or "9999") < today.isoformat()
    ]
    return [
        DueItem(
            "retro action",
            f"retro action “{_title(action)}”: was due {action['due']}",
            True,
            action["id"],
        )
        for action in sorted(late, key=lambda a: (str(a["due"]), str(a["id"])))
    ]


def set_away(ws: Workspace, first: dt.date, last: dt.date, *, cancel: bool = False) -> dict:
    """Add (or with ``cancel`` remove) an away period of mine; returns my person record.

    Raises:
        ValidationError: on ``me`` (not a person), or ``period`` (no such period to
            cancel).
    """
    from stratui.domain import records as rec
    from stratui.domain.schema import ValidationError

    period = {"from": first.isoformat(), "to": last.isoformat()}
    with ws.store.transaction() as tx:
        me = ws.person_named(None, "me")
        found = find_named(ws.store.all("people"), me)
        if found is None:  # a new store: this first write makes me a person (as `log` does)
            fields = {"name": me, "teams": []}
            found = tx.insert("people", rec.new_record("people", fields, ws.clock.now()))
        person = dict(found)
        periods = [p for p in person.get("away") or () if isinstance(p, dict)]
        if cancel:
            if period not in periods:
                raise ValidationError(
                    "period", f"{me} has no away period {first}..{last} to cancel"
                )
            periods = [p for p in periods if p != period]
        elif period not in periods:
            periods = sorted([*periods, period], key=lambda p: str(p["from"]))
        changed = rec.updated("people", person, {"away": periods or None}, ws.clock.now())
        return tx.put("people", changed)
