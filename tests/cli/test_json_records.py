"""``--json`` on the commands that write a record (log, done, set, block, goal add,
checkin, move and metric, person add, team add and its members): the record written, in
the interchange format's fields, for scripts; the same record the store holds. And
``quarter --json``: the quarter's days, weeks and fiscal year."""

from __future__ import annotations

import json

from stratui.store.store import Store


def stored(store, collection: str, rid: str) -> dict:
    from stratui.exchange.document import public_record

    record = Store.at(str(store)).get(collection, rid)
    assert record is not None
    return public_record(record)


def test_each_write_prints_the_record_it_wrote(cli, store):
    logged = json.loads(cli("log", "Ship it", "--confidence", "4", "--json").stdout)
    assert (logged["title"], logged["owner"], logged["confidence"]) == ("Ship it", "ana", 4)
    assert logged == stored(store, "commitments", logged["id"])

    changed = json.loads(cli("set", logged["id"][:6], "--progress", "40", "--json").stdout)
    assert (changed["id"], changed["progress"]) == (logged["id"], 40)
    assert changed == stored(store, "commitments", logged["id"])

    done = json.loads(cli("done", logged["id"], "--note", "merged", "--json").stdout)
    assert (done["status"], done["progress"]) == ("done", 100)
    assert done == stored(store, "commitments", logged["id"])

    blocked = json.loads(cli("block", "Waiting on legal", "--on", logged["id"], "--json").stdout)
    assert (blocked["title"], blocked["commitment_id"]) == ("Waiting on legal", logged["id"])
    assert blocked == stored(store, "roadblocks", blocked["id"])


def test_without_json_the_lines_are_as_before(cli):
    rid = cli("log", "Plain").stdout.strip()
    assert len(rid) == 16
    assert cli("done", rid).stdout == f"{rid} done: Plain\n"


def test_goal_writes_print_the_record_they_wrote(cli, store):
    goal = json.loads(cli("goal", "add", "Grow", "--json").stdout)
    assert (goal["title"], goal["owner"], goal["status"]) == ("Grow", "ana", "active")
    assert goal == stored(store, "goals", goal["id"])

    metric = cli(
        "goal",
        "metric",
        goal["id"],
        "--name",
        "users",
        "--baseline",
        "0",
        "--target",
        "100",
        "--json",
    )
    measured = json.loads(metric.stdout)
    assert measured["metric"]["target"] == 100
    assert measured == stored(store, "goals", goal["id"])

    reading = cli("goal", "checkin", goal["id"], "--value", "40", "--json")
    checkin = json.loads(reading.stdout)
    assert (checkin["goal_id"], checkin["value"]) == (goal["id"], 40)
    assert checkin == stored(store, "goal_checkins", checkin["id"])

    child = json.loads(cli("goal", "add", "Hire", "--json").stdout)
    moved = json.loads(cli("goal", "move", child["id"], "--under", goal["id"], "--json").stdout)
    assert moved["parent_id"] == goal["id"]
    assert moved == stored(store, "goals", child["id"])


def test_quarter_json_gives_its_days_weeks_and_fiscal_year(cli):
    done = cli("quarter", "2027-Q2", "--fiscal-start", "april", "--json")
    assert done.returncode == 0, done.stderr
    shown = json.loads(done.stdout)
    assert shown["quarter"] == "2027-Q2"
    assert (shown["start"], shown["end"]) == ("2026-07-01", "2026-09-30")
    assert (shown["weeks"][0], len(shown["weeks"])) == ("2026-W27", 13)
    assert (shown["fiscal_year_start"], shown["fiscal_year_end"]) == ("2026-04-01", "2027-03-31")
    assert shown["fiscal_start_month"] == 4


def test_people_and_team_writes_print_the_record_they_wrote(cli, store):
    ben = json.loads(cli("person", "add", "ben", "--json").stdout)
    assert ben["name"] == "ben"
    assert ben == stored(store, "people", ben["id"])

    team = json.loads(cli("team", "add", "Platform", "--members", "ben", "--json").stdout)
    assert (team["name"], team["members"]) == ("Platform", ["ben"])
    assert team == stored(store, "teams", team["id"])

    grown = json.loads(cli("team", "add-member", "Platform", "ana", "--json").stdout)
    assert sorted(grown["members"]) == ["ana", "ben"]
    assert grown == stored(store, "teams", team["id"])
