"""The goal use cases over a store in memory: the cascade, readings, health, the detail."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from stratui.clock import Clock
from stratui.domain.goal_tree import CascadeError
from stratui.domain.schema import ValidationError
from stratui.store.errors import UnknownId
from stratui.store.store import Store
from stratui.usecases import commitments, fiscal, people, roadblocks
from stratui.usecases import goals as cases
from stratui.usecases.workspace import Workspace

START = dt.date(2026, 1, 1)


@pytest.fixture
def app(monkeypatch) -> Workspace:
    monkeypatch.setenv("STRATUI_ME", "ana")
    app = Workspace(Store.in_memory(), Clock(START))
    for name in ("ana", "ben", "ceo"):  # whom the goals and commitments name
        people.add_person(app, name)
    return app


def on(app: Workspace, day: dt.date) -> Workspace:
    """Move the app's clock to ``day``."""
    app.clock = Clock(day)
    return app


def cascade(app: Workspace) -> dict[str, dict]:
    """Company (a year, a metric) -> team (inherits dates, sets team) -> personal goal."""
    company = cases.create(
        app,
        {
            "title": "Double revenue",
            "owner": "ceo",
            "start": "2026-01-01",
            "end": "2026-04-11",  # 100 days: elapsed is easy to work out
            "priority": 1,
            "metric": {"name": "ARR", "unit": "M", "baseline": 10, "target": 20},
        },
    )
    team = cases.create(
        app,
        {
            "title": "Platform reliability",
            "parent": company["id"][:6],
            "team": "Platform",
            "owner": "ben",
            "priority": 2,
        },
    )
    personal = cases.create(app, {"title": "Own the gateway", "parent": team["id"], "team": None})
    return {"company": company, "team": team, "personal": personal}


def snapshot(app: Workspace) -> str:
    return json.dumps(app.store.collections(deleted=True), sort_keys=True)


def test_a_three_level_cascade_inherits_dates_and_team(app):
    made = cascade(app)
    team, personal = made["team"], made["personal"]
    assert team["parent_id"] == made["company"]["id"]
    assert (team["start"], team["end"], team["team"]) == ("2026-01-01", "2026-04-11", "Platform")
    assert personal["parent_id"] == team["id"]
    assert (personal["start"], personal["end"]) == ("2026-01-01", "2026-04-11")
    assert personal["team"] == "Platform"  # None counts as not given: inherited
    assert personal["owner"] == "ana"  # me
    rows = [(row.goal["title"], row.depth) for row in cases.tree(app)]
    assert rows == [
        ("Double revenue", 0),
        ("Platform reliability", 1),
        ("Own the gateway", 2),
    ]
    assert [row.goal["title"] for row in cases.tree(app, owner="ana")] == ["Own the gateway"]
    assert len(cases.tree(app, team="Platform")) == 2
    detail = cases.detail(app, personal["id"])
    assert [g["title"] for g in detail.ancestors] == ["Platform reliability", "Double revenue"]
    assert [g["title"] for g in cases.detail(app, team["id"]).children] == ["Own the gateway"]


def test_a_quarter_sets_the_dates_of_the_configured_fiscal_year(app):
    fiscal.set_fiscal_start(app, "apr")
    goal = cases.create(app, {"title": "Q1 of fiscal 2027", "quarter": "2027-Q1"})
    assert (goal["start"], goal["end"]) == ("2026-04-01", "2026-06-30")
    child = cases.create(app, {"title": "Inherits", "parent": goal["id"], "quarter": "2027-Q2"})
    assert (child["start"], child["end"]) == ("2026-07-01", "2026-09-30")  # its own quarter wins


def test_the_fiscal_start_lives_in_the_local_config_beside_me(app):
    assert fiscal.fiscal_start(app) == 1
    app.store.backend.local_write("config.json", b'{"me": "zoe"}')
    assert fiscal.set_fiscal_start(app, "October") == 10
    config = json.loads(app.store.backend.local_read("config.json"))
    assert config == {"fiscal_start": 10, "me": "zoe"}
    assert fiscal.this_quarter(on(app, dt.date(2026, 11, 22))) == "2027-Q1"
    app.store.backend.local_write("config.json", b'{"fiscal_start": 13}')
    assert fiscal.fiscal_start(app) == 1  # nonsense falls back to January
    with pytest.raises(ValueError, match="1-12"):
        fiscal.set_fiscal_start(app, "Smarch")


def test_health_turns_from_on_track_to_at_risk_as_pace_falls(app):
    company = cascade(app)["company"]["id"]
    # day 20 of 100: 20% elapsed, value 12 of 10..20 is 20% progress: pace 1.0.
    cases.check_in(on(app, dt.date(2026, 1, 21)), company, value=12, confidence=4)
    now = cases.detail(app, company).standing
    assert (now.progress, now.pace, now.health) == (
        pytest.approx(0.2),
        pytest.approx(1.0),
        "on track",
    )
    # day 50: 45% progress, pace 0.9.
    cases.check_in(on(app, dt.date(2026, 2, 20)), company, value=14.5, confidence=3)
    assert cases.detail(app, company).standing.health == "behind"
    # day 80: 60% progress, pace 0.75.
    cases.check_in(on(app, dt.date(2026, 3, 22)), company, value=16, confidence=2, note="slipping")
    detail = cases.detail(app, company)
    assert detail.standing.health == "at risk"
    assert detail.standing.pace == pytest.approx(0.75)
    assert detail.values == [12, 14.5, 16]
    assert detail.confidences == [4, 3, 2]
    assert [c["date"] for c in detail.checkins] == ["2026-01-21", "2026-02-20", "2026-03-22"]
    # Looking back with a dated reading: the as-of date decides which reading counts.
    back = cases.check_in(app, company, confidence=5, date="2026-01-10")
    assert back["date"] == "2026-01-10" and "value" not in back
    assert cases.checkins(app, company)[0]["id"] == back["id"]


def test_at_risk_goals_come_first_for_the_dashboard(app):
    made = cascade(app)
    on(app, dt.date(2026, 2, 20))  # day 50 of 100
    cases.set_metric(app, made["team"]["id"], name="uptime", baseline=99, target=99.9, unit="%")
    cases.check_in(app, made["company"]["id"], value=20)  # pace 2: on track
    cases.check_in(app, made["team"]["id"], value="99.3")  # progress 1/3, pace 0.67: at risk
    order = [(s.goal["title"], s.health) for s in cases.at_risk_first(app)]
    assert order == [
        ("Platform reliability", "at risk"),
        ("Double revenue", "on track"),
        ("Own the gateway", None),
    ]
    assert [s.goal["title"] for s in cases.at_risk_first(app, owner="ana")] == ["Own the gateway"]


def test_a_target_equal_to_the_baseline_is_kept_and_reads_no_data(app):
    goal = cascade(app)["team"]
    flat = cases.set_metric(app, goal["id"], name="error budget", baseline="5", target=5)
    assert flat["metric"] == {"name": "error budget", "baseline": 5, "target": 5}
    cases.check_in(on(app, dt.date(2026, 2, 1)), goal["id"], value=5)
    assert cases.detail(app, goal["id"]).standing.progress is None
    assert "metric" not in cases.clear_metric(app, goal["id"])


@pytest.mark.parametrize(
    ("given", "field"),
    [
        ({}, "value"),
        ({"value": "many"}, "value"),
        ({"confidence": 0}, "confidence"),
        ({"confidence": 3, "date": "someday"}, "date"),
        ({"confidence": 3, "date": "tomorrow"}, "date"),
    ],
)
def test_a_refused_check_in_names_its_field_and_writes_nothing(app, given, field):
    goal = cascade(app)["company"]
    before = snapshot(app)
    with pytest.raises(ValidationError) as caught:
        cases.check_in(app, goal["id"], **given)
    assert caught.value.field == field
    assert snapshot(app) == before


def test_a_value_for_a_goal_without_a_key_result_is_refused(app):
    goal = cascade(app)["personal"]
    with pytest.raises(ValidationError, match="no key result"):
        cases.check_in(app, goal["id"], value=3)
    assert cases.check_in(app, goal["id"], confidence=2)["confidence"] == 2


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"name": " ", "baseline": 1, "target": 2}, "name"),
        ({"name": "x", "baseline": "low", "target": 2}, "baseline"),
        ({"name": "x", "baseline": 1, "target": None}, "target"),
    ],
)
def test_a_refused_metric_names_its_field(app, changes, field):
    goal = cascade(app)["team"]
    before = snapshot(app)
    with pytest.raises(ValidationError) as caught:
        cases.set_metric(app, goal["id"], **changes)
    assert caught.value.field == field
    assert snapshot(app) == before


def test_moving_a_goal_keeps_its_subtree_and_refuses_cycles(app):
    made = cascade(app)
    other = cases.create(app, {"title": "Hire two", "priority": 3})
    moved = cases.move(app, made["team"]["id"], other["id"][:5])
    assert moved["parent_id"] == other["id"]
    assert moved["start"] == "2026-01-01"  # its own dates stay
    rows = [(row.goal["title"], row.depth) for row in cases.tree(app)]
    assert rows == [
        ("Double revenue", 0),
        ("Hire two", 0),
        ("Platform reliability", 1),
        ("Own the gateway", 2),
    ]
    before = snapshot(app)
    with pytest.raises(CascadeError, match="cycle") as caught:
        cases.move(app, other["id"], made["personal"]["id"])
    assert caught.value.field == "parent"
    with pytest.raises(CascadeError, match="own parent"):
        cases.move(app, other["id"], other["id"])
    with pytest.raises(CascadeError):
        cases.edit(app, other["id"], {"parent_id": made["team"]["id"]})
    with pytest.raises(UnknownId):
        cases.move(app, other["id"], "ffffffff")
    assert snapshot(app) == before
    assert "parent_id" not in cases.move(app, made["team"]["id"], None)


def test_an_end_before_the_start_is_refused(app):
    with pytest.raises(ValidationError) as caught:
        cases.create(app, {"title": "Backwards", "start": "2026-05-01", "end": "2026-04-01"})
    assert caught.value.field == "end"
    goal = cases.create(app, {"title": "Fine", "start": "2026-05-01"})
    with pytest.raises(ValidationError):
        cases.edit(app, goal["id"], {"end": "2026-04-30"})


def test_the_detail_gathers_linked_work_and_the_roadblocks_that_touch_the_goal(app):
    made = cascade(app)
    goal = made["team"]["id"]
    on(app, dt.date(2026, 2, 4))
    first = commitments.log(app, "Add a cache", week="2026-W05", goal=goal)
    commitments.log(app, "Profile the gateway", week="2026-W06", goal=goal, owner="ben")
    commitments.log(app, "Unrelated", week="2026-W06")
    commitments.log(app, "Earlier", week="2026-W02", goal=goal)
    on_goal = roadblocks.block(app, "Budget frozen", on=goal, severity="high")
    on_work = roadblocks.block(app, "Waiting on the vendor", on=first["id"], severity="critical")
    roadblocks.block(app, "Elsewhere")
    resolved = roadblocks.block(app, "Old one", on=goal, severity="critical")
    with app.store.transaction() as tx:
        tx.put("roadblocks", {**resolved, "resolved_on": "2026-02-04", "resolution": "done"})
    detail = cases.detail(app, goal)
    assert list(detail.commitments_by_week) == ["2026-W02", "2026-W05", "2026-W06"]
    assert [c["title"] for c in detail.commitments_by_week["2026-W06"]] == ["Profile the gateway"]
    assert [r["id"] for r in detail.roadblocks] == [on_work["id"], on_goal["id"], resolved["id"]]
    assert [r["id"] for r in detail.open_roadblocks] == [on_work["id"], on_goal["id"]]


def test_goals_can_be_achieved_dropped_and_linked(app):
    made = cascade(app)
    work = commitments.log(app, "Something", week="2026-W01")
    assert cases.link(app, made["personal"]["id"], work["id"])["goal_id"] == made["personal"]["id"]
    assert cases.achieve(app, made["personal"]["id"])["status"] == "achieved"
    assert cases.drop(app, made["team"]["id"])["status"] == "dropped"
    assert [row.goal["title"] for row in cases.tree(app)] == ["Double revenue"]
    assert len(cases.tree(app, status=None)) == 3
