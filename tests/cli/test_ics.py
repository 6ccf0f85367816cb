"""``stratui export --format ics``: my commitments with a due date as tasks, and my weekly
review as a weekly event, in a file a calendar parser reads back (icalendar here)."""

from __future__ import annotations

import datetime as dt

import icalendar


def test_my_dated_commitments_and_my_weekly_review_parse_back(cli, tmp_path):
    assert cli("person", "add", "ben").returncode == 0
    open_ = cli("log", "Call the vendor, re: SLA; today", "--due", "2026-11-27").stdout.strip()
    done = cli("log", "Ship it", "--due", "2026-11-26").stdout.strip()
    dropped = cli("log", "Old idea", "--due", "2026-11-25").stdout.strip()
    cli("log", "No due date")
    cli("log", "Ben's", "--owner", "ben", "--due", "2026-11-27")
    assert cli("done", done).returncode == 0
    assert cli("set", dropped, "--status", "dropped").returncode == 0
    out = tmp_path / "me.ics"
    assert cli("export", "--format", "ics", "--out", str(out)).returncode == 0

    calendar = icalendar.Calendar.from_ical(out.read_bytes())
    todos = {str(t["uid"]): t for t in calendar.walk("VTODO")}
    assert set(todos) == {f"{rid}@stratui" for rid in (open_, done, dropped)}  # mine, dated
    first = todos[f"{open_}@stratui"]
    assert str(first["summary"]) == "Call the vendor, re: SLA; today"
    assert first["due"].dt == dt.date(2026, 11, 27)
    assert [str(todos[f"{r}@stratui"]["status"]) for r in (open_, done, dropped)] == [
        "NEEDS-ACTION",
        "COMPLETED",
        "CANCELLED",
    ]
    (review,) = calendar.walk("VEVENT")
    assert review["rrule"]["FREQ"] == ["WEEKLY"] and review["rrule"]["BYDAY"] == ["TH"]
    assert review["dtstart"].dt == dt.date(2026, 11, 19)  # Thursday of 2026-W47
