"""``stratui due`` on fixed dates: exit 0 when nothing is due, 3 when something is; an
away period skips the weekly review and keeps the streak; retro actions past due and
commitments due today are listed."""

from __future__ import annotations

import json

import pytest

from stratui.clock import Clock
from stratui.domain.metrics.rituals import review_streak
from stratui.rituals.weekly.ritual import WEEKLY
from stratui.store.store import Store
from stratui.usecases import rituals
from stratui.usecases.workspace import Workspace


def due(cli, monkeypatch, today: str, *args: str):
    monkeypatch.setenv("STRATUI_TODAY", today)
    return cli("due", *args)


def complete_weekly(store, today: str, monkeypatch) -> None:
    monkeypatch.setenv("STRATUI_TODAY", today)
    ws = Workspace(Store.at(str(store)), Clock.from_env())
    review, draft = rituals.start_or_resume(ws, WEEKLY)
    for rid in draft.outcomes:
        draft.set_status(rid, "done")
    draft.pulse = 4
    rituals.complete(ws, WEEKLY, review, draft)


def test_nothing_due_then_the_review_then_overdue(cli, store, monkeypatch):
    assert cli("person", "add", "ana").returncode in (0, 2)
    complete_weekly(store, "2026-11-23", monkeypatch)  # W47's, done on the Monday after
    quiet = due(cli, monkeypatch, "2026-11-24")
    assert (quiet.returncode, quiet.stdout) == (0, "")
    thursday = due(cli, monkeypatch, "2026-11-26")
    assert thursday.returncode == 3
    assert thursday.stdout == "weekly review 2026-W48: due since Thu 26 Nov\n"
    late = due(cli, monkeypatch, "2026-12-01", "--json")
    assert late.returncode == 3
    (item,) = json.loads(late.stdout)
    assert (item["kind"], item["overdue"]) == ("weekly review", True)
    assert due(cli, monkeypatch, "2026-12-01", "--quiet").stdout == ""


def test_an_away_week_owes_no_review_and_keeps_the_streak(cli, store, monkeypatch):
    assert cli("person", "add", "ana").returncode in (0, 2)
    complete_weekly(store, "2026-11-20", monkeypatch)  # W47, on its Friday
    monkeypatch.setenv("STRATUI_TODAY", "2026-11-20")
    assert cli("away", "2026-11-23..2026-11-29").returncode == 0  # all of W48
    assert due(cli, monkeypatch, "2026-11-27").returncode == 0  # W48's Friday: nothing
    assert due(cli, monkeypatch, "2026-12-03").stdout.startswith("weekly review 2026-W49")
    complete_weekly(store, "2026-12-04", monkeypatch)  # W49
    ws = Workspace(Store.at(str(store)), Clock.from_env())
    reviews = ws.store.find("reviews", ritual="weekly")
    from stratui.domain.away import away_weeks

    person = ws.store.all("people")[0]
    assert review_streak(reviews, "ana", ws.clock.today(), away_weeks(person)) == 2
    assert review_streak(reviews, "ana", ws.clock.today()) == 1  # without the away week
    assert "2026-11-23..2026-11-29" in cli("away").stdout
    assert cli("away", "2026-11-23..2026-11-29", "--cancel").returncode == 0
    assert cli("away").stdout == "ana has no away period\n"


def test_retro_actions_past_due_and_commitments_due_today(cli, monkeypatch):
    monkeypatch.setenv("STRATUI_TODAY", "2026-11-24")
    cli("log", "Due today", "--due", "2026-11-24")
    cli("log", "Due later", "--due", "2026-11-27")
    listed = due(cli, monkeypatch, "2026-11-24").stdout
    assert "commitment “Due today”: due today" in listed
    assert "Due later" not in listed


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("away", "2026-12-21..2026-12-01"), "FIRST..LAST: the last day 2026-12-01 is before"),
        (("away", "christmas"), "FIRST..LAST: expected FIRST..LAST as ISO dates"),
        (("away", "9999-12-30..9999-12-31"), "FIRST..LAST: expected days from 1900-01-01"),
        (("away", "--cancel"), "--cancel: name the period to cancel"),
        (("away", "2026-12-21..2026-12-22", "--cancel"), "FIRST..LAST: ana has no away period"),
    ],
)
def test_bad_away_periods_are_refused(cli, args, message):
    cli("person", "add", "ana")
    done = cli(*args)
    assert done.returncode == 2
    assert message in done.stderr


def test_an_away_period_far_off_synced_from_elsewhere_does_not_break_due():
    """A period outside the years stratui takes (written by another tool, or an older
    stratui) is read without trouble."""
    from stratui.domain.away import away_weeks

    person = {"name": "ana", "away": [{"from": "9999-12-01", "to": "9999-12-31"}]}
    assert away_weeks(person) == set()
    person = {"name": "ana", "away": [{"from": "1800-01-01", "to": "1900-01-10"}]}
    assert away_weeks(person) == {"1900-W01"}  # clipped to the years stratui takes


def _stamped(record: dict, stamp: str = "2026-11-20T16:00:00Z") -> dict:
    return {**record, "created_at": stamp, "updated_at": stamp}


def _team_store(cli, tmp_path, facilitator: str) -> None:
    """ana and ben in Platform, whose team review of 2026-W47 ``facilitator`` ran (and
    whose retrospective of that week is held: none is due before 2026-W49)."""
    from ._support import document, write_json

    people = [
        _stamped({"id": f"p{name}", "name": name, "teams": ["Platform"]}) for name in ("ana", "ben")
    ]
    team = _stamped({"id": "tplat", "name": "Platform", "members": ["ana", "ben"]})
    review = _stamped(
        {
            "id": "rteam47",
            "ritual": "team",
            "period": "2026-W47",
            "team": "Platform",
            "facilitator": facilitator,
            "participants": ["ana", "ben"],
            "status": "complete",
            "started_at": "2026-11-20T15:00:00Z",
            "completed_at": "2026-11-20T16:00:00Z",
        }
    )
    retro = {**review, "id": "rretro47", "ritual": "retro", "format": "4ls"}
    path = write_json(
        tmp_path / "team.json", document(people=people, teams=[team], reviews=[review, retro])
    )
    assert cli("import", str(path)).returncode == 0


def test_the_team_review_is_due_for_who_runs_it(cli, tmp_path, monkeypatch):
    _team_store(cli, tmp_path, facilitator="ana")
    complete_weekly(tmp_path / "store", "2026-11-27", monkeypatch)  # ana's own W48 review
    assert due(cli, monkeypatch, "2026-11-25").returncode == 0  # W48 before its Thursday
    thursday = due(cli, monkeypatch, "2026-11-26", "--json")
    assert thursday.returncode == 3
    (item,) = [i for i in json.loads(thursday.stdout) if i["kind"] == "team review"]
    assert (item["text"], item["overdue"]) == (
        "team review of Platform 2026-W48: due since Thu 26 Nov",
        False,
    )
    late = due(cli, monkeypatch, "2026-11-30").stdout
    assert "team review of Platform 2026-W48: overdue (week ended 2026-11-29)" in late


def test_the_team_review_is_not_due_for_a_member_who_does_not_run_it(cli, tmp_path, monkeypatch):
    _team_store(cli, tmp_path, facilitator="ben")
    complete_weekly(tmp_path / "store", "2026-11-27", monkeypatch)
    quiet = due(cli, monkeypatch, "2026-11-27")
    assert (quiet.returncode, quiet.stdout) == (0, "")


def test_a_retro_action_past_due_months_ago_is_still_listed(cli, tmp_path, monkeypatch):
    from ._support import commitment, document, write_json

    old = commitment("aaaa0000aaaa0000", "Fix the flaky deploy", 1, week="2026-W30")
    old.update(source="retro", due="2026-07-24")
    done = commitment("aaaa1111aaaa1111", "Done long ago", 2, week="2026-W30")
    done.update(source="retro", due="2026-07-24", status="done", closed_on="2026-07-23")
    path = write_json(tmp_path / "old.json", document(commitments=[old, done]))
    assert cli("import", str(path)).returncode == 0
    listed = due(cli, monkeypatch, "2026-11-24")  # 17 weeks later
    assert listed.returncode == 3
    assert "retro action “Fix the flaky deploy”: was due 2026-07-24\n" in listed.stdout
    assert "Done long ago" not in listed.stdout


def test_away_is_a_first_write_on_a_new_store(cli, store, monkeypatch):
    """A new user's first command may be `away`: it makes them a person, as `log` does."""
    monkeypatch.setenv("STRATUI_TODAY", "2026-12-08")
    done = cli("away", "2026-12-21..2027-01-03")
    assert done.returncode == 0, done.stderr
    (person,) = Store.at(str(store)).all("people")
    assert person["name"] == "ana"
    assert person["away"] == [{"from": "2026-12-21", "to": "2027-01-03"}]
    assert due(cli, monkeypatch, "2026-12-24").returncode == 0


def test_the_team_review_of_a_team_i_left_is_not_due(cli, tmp_path, monkeypatch):
    """Having run its last review asks nothing of someone no longer in the team."""
    _team_store(cli, tmp_path, facilitator="ANA")  # the name as typed, up to case
    complete_weekly(tmp_path / "store", "2026-11-27", monkeypatch)
    assert "team review of Platform" in due(cli, monkeypatch, "2026-11-30").stdout  # ANA is ana
    assert cli("team", "remove-member", "Platform", "ana").returncode == 0
    left = due(cli, monkeypatch, "2026-11-30")
    assert "team review" not in left.stdout
