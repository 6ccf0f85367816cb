"""What is due for me now: ``stratui due``, quiet and fast enough for a shell prompt.

One item per thing I owe (docs/METRICS.md gives the rules of each):

* my weekly review, due from the Thursday of its week, overdue once the week has ended,
  unless the week is one of my away weeks (:mod:`stratui.domain.away`);
* the retrospective of each of my teams, due in its week, overdue after;
* my retro actions past their due day and still open;
* my commitments due today and still open.

Nothing at all while I am away today.

It reads only the few recent weeks these need, through the store's summaries where
they exist: no Textual, no Rich, nothing of the app.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass

from stratui.domain.away import away_weeks, is_away
from stratui.domain.people import find_named
from stratui.domain.weeks import shift_week, week_of, week_range
from stratui.rituals.retro import status as retro_status
from stratui.rituals.weekly.periods import is_due
from stratui.usecases.workspace import Workspace


@dataclass(frozen=True)
class DueItem:
    """One thing due: what (``kind``), a line saying it, and whether it is overdue."""

    kind: str  # weekly review, retrospective, retro action, commitment
    text: str
    overdue: bool
    id: str | None = None  # the record's, for a commitment or an action

    def as_json(self) -> dict:
        return asdict(self)


def due_now(ws: Workspace) -> list[DueItem]:
    """What is due for me today, overdue things first."""
    today, me = ws.clock.today(), ws.me
    week = week_of(today)
    person = find_named(ws.store.all("people"), me)
    if is_away(person, today):
        return []  # away today: nothing is asked of me
    items: list[DueItem] = []
    recent = week_range(shift_week(week, -2), week)
    mine = ws.store.find("reviews", periods=recent, ritual="weekly", owner=me, status="complete")
    review = is_due(mine, today, away_weeks(person))
    if review.due:
        items.append(DueItem("weekly review", review.text, review.overdue))
    for team in ws.store.all("teams"):
        if me not in (team.get("members") or ()):
            continue
        retro = retro_status.next_due(ws.store, str(team["name"]), today)
        if retro.due or retro.overdue:
            items.append(DueItem("retrospective", retro.text, retro.overdue))
    around = week_range(shift_week(week, -8), shift_week(week, 1))
    for record in ws.store.find("commitments", weeks=around, owner=me, status="open"):
        due = str(record.get("due") or "")
        if not due:
            continue
        title = " ".join(str(record.get("title", "")).split())
        if record.get("source") == "retro" and due < today.isoformat():
            items.append(
                DueItem(
                    "retro action", f"retro action “{title}”: was due {due}", True, record["id"]
                )
            )
        elif due == today.isoformat():
            items.append(
                DueItem("commitment", f"commitment “{title}”: due today", False, record["id"])
            )
    return sorted(items, key=lambda item: not item.overdue)


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
        person = dict(find_named(ws.store.all("people"), me) or {})
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
