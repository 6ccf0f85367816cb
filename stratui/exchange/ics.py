"""A person's commitments and weekly review as an iCalendar file (RFC 5545), for the
calendar and task apps they already use: ``stratui export --format ics``.

* each of their live commitments with a due date is a VTODO: its title, due day, status
  (open: NEEDS-ACTION, done: COMPLETED, dropped: CANCELLED, partial or missed: the
  outcome said in the description, still NEEDS-ACTION as the work is not done), the
  week and the goal in the description; its UID is the commitment's id, so importing a
  newer file updates the same task;
* the weekly review is a VEVENT recurring every week on the day it is due from (the
  caller gives this week's), all day.

The file is written by icalendar (maintained, RFC 5545: escaping, folding, recurrence).
Titles show control characters as escapes (:mod:`stratui.domain.visible`).

Pure module: no Textual, no TinyDB, no store.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping

import icalendar

from stratui.domain import records as rec
from stratui.domain.visible import visible

PRODUCT_ID = "-//stratui//execution reviews//EN"
_STATUS = {"open": "NEEDS-ACTION", "done": "COMPLETED", "dropped": "CANCELLED"}
_WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")


def to_ics(
    commitments: Iterable[Mapping],
    goals: Mapping[str, Mapping],
    *,
    owner: str,
    review_day: dt.date,
    now: dt.datetime,
) -> str:
    """The calendar of ``owner``: their commitments with a due date and their weekly
    review, recurring weekly from ``review_day``. ``now`` stamps it (DTSTAMP)."""
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    stamp = now.astimezone(dt.UTC) if now.tzinfo else now.replace(tzinfo=dt.UTC)
    for record in commitments:
        if not rec.is_live(record) or record.get("owner") != owner or not record.get("due"):
            continue
        try:
            calendar.add_component(_todo(record, goals, stamp))
        except ValueError:
            continue  # a due day no calendar can hold (a store's odd value): left out
    review = icalendar.Event()
    review.add("uid", f"weekly-review-{owner}@stratui")
    review.add("summary", "Weekly review (stratui)")
    review.add("description", "Look back on the week's commitments: stratui review weekly")
    review.add("dtstart", review_day)
    review.add("rrule", {"freq": "weekly", "byday": _WEEKDAYS[review_day.weekday()]})
    review.add("dtstamp", stamp)
    calendar.add_component(review)
    return calendar.to_ical().decode("utf-8")


def _todo(record: Mapping, goals: Mapping[str, Mapping], stamp: dt.datetime) -> icalendar.Todo:
    status = str(record.get("status", "open"))
    todo = icalendar.Todo()
    todo.add("uid", f"{record['id']}@stratui")
    todo.add("summary", visible(str(record.get("title", ""))))
    todo.add("due", dt.date.fromisoformat(str(record["due"])))
    todo.add("status", _STATUS.get(status, "NEEDS-ACTION"))
    lines = [f"Week {record.get('week')}"]
    if status not in _STATUS:
        lines.append(f"Outcome: {status}")
    goal = goals.get(str(record.get("goal_id") or ""))
    if goal is not None:
        lines.append(f"Goal: {visible(str(goal.get('title', '')))}")
    todo.add("description", "\n".join(lines))
    todo.add("dtstamp", stamp)
    return todo
