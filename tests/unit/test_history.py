"""The generated history is what ``stratui demo`` and the benchmarks stand on.

A user relies on it being a valid export (every record passes the schema, every reference
resolves), the same every time, and believable enough that every screen and figure has
something to show: reviewed past weeks and an open current week, carry-over chains,
roadblocks open and resolved, each retro format, anonymous cards, retro actions, and a
three-level goal cascade.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import subprocess
import sys
from collections import Counter

import pytest

from stratui.demo import check_document, generate_history, history_years
from stratui.domain.records import slip_count
from stratui.domain.schema import (
    COLLECTIONS,
    RETRO_FORMATS,
    ValidationError,
    references,
    validate_record,
)
from stratui.domain.weeks import monday, next_week, week_of, window

TODAY = dt.date(2026, 11, 22)  # a Sunday: the current week is 2026-W47
CURRENT = week_of(TODAY)
RETRO_CATEGORIES = {
    "start-stop-continue": {"start", "stop", "continue"},
    "4ls": {"liked", "learned", "lacked", "longed-for"},
    "mad-sad-glad": {"mad", "sad", "glad"},
    "well-improve-ideas": {"well", "improve", "ideas"},
}


@pytest.fixture(scope="module")
def demo() -> dict:
    return generate_history(people=4, weeks=16, today=TODAY)


@pytest.fixture(scope="module")
def year() -> dict:
    return generate_history(people=10, weeks=52, today=TODAY)


@pytest.fixture(params=["demo", "year"])
def doc(request) -> dict:
    return request.getfixturevalue(request.param)


def _by_id(doc: dict, collection: str) -> dict[str, dict]:
    return {record["id"]: record for record in doc[collection]}


def test_the_document_is_an_export_of_version_1(doc):
    assert doc["format"] == "stratui"
    assert doc["version"] == 1
    assert doc["exported_at"] == "2026-11-22T20:00:00Z"
    assert set(doc) == {"format", "version", "exported_at", *COLLECTIONS}
    assert all(isinstance(doc[name], list) for name in COLLECTIONS)


def test_every_record_validates_and_every_reference_resolves(doc):
    ids = {name: set(_by_id(doc, name)) for name in COLLECTIONS}
    for name in COLLECTIONS:
        refs = references(name)
        for record in doc[name]:
            validate_record(name, record)
            for field, target in refs.items():
                if record.get(field) is not None:
                    assert record[field] in ids[target], (name, record["id"], field)


def test_ids_are_unique_16_hex_digits_across_the_document(doc):
    ids = [record["id"] for name in COLLECTIONS for record in doc[name]]
    assert len(ids) == len(set(ids))
    assert all(re.fullmatch(r"[0-9a-f]{16}", i) for i in ids)


def test_same_arguments_give_the_same_json_and_another_seed_does_not(demo):
    again = generate_history(people=4, weeks=16, today=TODAY)
    assert json.dumps(again, sort_keys=True) == json.dumps(demo, sort_keys=True)
    other = generate_history(people=4, weeks=16, today=TODAY, seed=8)
    assert json.dumps(other, sort_keys=True) != json.dumps(demo, sort_keys=True)


def test_nothing_happens_after_today(doc):
    limit, today = doc["exported_at"], TODAY.isoformat()
    for name in COLLECTIONS:
        for record in doc[name]:
            assert record["created_at"] <= record["updated_at"] <= limit
            for field in ("closed_on", "raised_on", "resolved_on", "decided_on", "date"):
                assert record.get(field, today) <= today
            for field in ("started_at", "completed_at"):
                assert record.get(field, limit) <= limit


def test_people_and_teams_agree(demo, year):
    for doc in (demo, year):
        people = {p["name"]: set(p["teams"]) for p in doc["people"]}
        for team in doc["teams"]:
            assert all(team["name"] in people[member] for member in team["members"])
        assert all(name.isalpha() and name.islower() for name in people)
    assert [t["name"] for t in demo["teams"]] == ["Platform"]
    assert len(demo["people"]) == 4 and "ana" in {p["name"] for p in demo["people"]}
    assert len(year["teams"]) == 2
    assert sorted(m for t in year["teams"] for m in t["members"]) == sorted(
        p["name"] for p in year["people"]
    )


@pytest.mark.parametrize(
    ("name", "people", "low", "high"), [("demo", 4, 3.5, 5.5), ("year", 10, 4.5, 5.5)]
)
def test_every_week_has_commitments_about_five_per_person(request, name, people, low, high):
    doc = request.getfixturevalue(name)
    weeks = 16 if name == "demo" else 52
    commitments = doc["commitments"]
    assert {c["week"] for c in commitments} == set(window(CURRENT, weeks))
    load = Counter((c["owner"], c["week"]) for c in commitments)
    assert len(load) == people * weeks
    assert low <= len(commitments) / len(load) <= high
    linked = sum(1 for c in commitments if c.get("goal_id")) / len(commitments)
    assert 0.65 <= linked <= 0.85


def test_past_weeks_are_reviewed_and_the_current_week_is_mostly_open(doc):
    past = [c for c in doc["commitments"] if c["week"] < CURRENT]
    assert past and all(c["status"] != "open" and c.get("closed_on") for c in past)
    for c in past:
        if c["source"] != "retro":  # retro actions are followed up at the next retro
            start = monday(c["week"])
            assert start <= dt.date.fromisoformat(c["closed_on"]) <= start + dt.timedelta(days=7)
    for c in doc["commitments"]:
        if c.get("due"):
            assert week_of(dt.date.fromisoformat(c["due"])) == c["week"]
    statuses = Counter(c["status"] for c in past)
    assert statuses["done"] > statuses["partial"] + statuses["missed"] + statuses["dropped"]
    assert min(statuses["partial"], statuses["missed"], statuses["dropped"]) > 0
    now = Counter(c["status"] for c in doc["commitments"] if c["week"] == CURRENT)
    assert now["open"] > sum(now.values()) / 2


def test_unfinished_work_is_carried_over_in_chains(doc):
    by_id = _by_id(doc, "commitments")
    reviews = _by_id(doc, "reviews")
    slips = Counter(slip_count(c, by_id) for c in doc["commitments"])
    assert max(slips) >= 2
    chronic = [c for c in doc["commitments"] if slip_count(c, by_id) >= 2 and c["status"] == "open"]
    assert chronic  # a chronic slip is on this week's dashboard
    for c in doc["commitments"]:
        if c.get("carried_from"):
            before = by_id[c["carried_from"]]
            assert before["status"] in ("partial", "missed")
            assert c["week"] == next_week(before["week"]) or c["source"] == "retro"
            assert reviews[c["review_id"]]["ritual"] == (
                "retro" if c["source"] == "retro" else "weekly"
            )
            if c["source"] == "review":
                assert reviews[c["review_id"]]["owner"] == c["owner"]


def test_reliability_differs_between_people(demo):
    def say_do(name):
        mine = [c for c in demo["commitments"] if c["owner"] == name and c["status"] != "open"]
        return sum(c["status"] == "done" for c in mine) / len(mine)

    assert say_do("ana") - say_do("ben") > 0.2


def test_weekly_reviews_leave_the_current_week_due_and_keep_a_streak(doc):
    weekly = [r for r in doc["reviews"] if r["ritual"] == "weekly"]
    assert all(r["status"] == "complete" and r["participants"] == [r["owner"]] for r in weekly)
    assert not [r for r in weekly if r["period"] == CURRENT]
    ana = {
        week_of(dt.date.fromisoformat(r["completed_at"][:10]))
        for r in weekly
        if r["owner"] == "ana"
    }
    assert set(window(CURRENT, 4)[:3]) <= ana
    past = {c["week"] for c in doc["commitments"]} - {CURRENT}
    reviewed = Counter(r["owner"] for r in weekly)
    assert any(reviewed[p["name"]] < len(past) for p in doc["people"])  # someone skipped a week


def test_each_team_reviews_every_week(doc):
    teams = {t["name"]: t["members"] for t in doc["teams"]}
    reviews = [r for r in doc["reviews"] if r["ritual"] == "team"]
    weeks = {c["week"] for c in doc["commitments"]}
    assert {(r["team"], r["period"]) for r in reviews} == {(t, w) for t in teams for w in weeks}
    assert all(r["participants"] == teams[r["team"]] and r["facilitator"] for r in reviews)


def test_roadblocks_are_both_open_and_resolved(doc):
    blocks = doc["roadblocks"]
    resolved = [b for b in blocks if b.get("resolved_on")]
    still_open = [b for b in blocks if not b.get("resolved_on")]
    assert resolved and still_open
    assert all(b["resolved_on"] > b["raised_on"] and b.get("resolution") for b in resolved)
    assert all(b.get("commitment_id") or b.get("goal_id") for b in blocks)
    assert len({b["kind"] for b in blocks}) >= 4
    assert len({b["severity"] for b in blocks}) >= 3


def test_adjustments_come_from_reviews(doc):
    reviews = _by_id(doc, "reviews")
    assert doc["adjustments"]
    for adjustment in doc["adjustments"]:
        review = reviews[adjustment["review_id"]]
        assert adjustment["decided_on"] == review["completed_at"][:10]
        assert adjustment.get("goal_id") or adjustment.get("commitment_id")


def test_retros_cycle_the_formats_with_fitting_cards(doc):
    retros = {r["id"]: r for r in doc["reviews"] if r["ritual"] == "retro"}
    assert {r["format"] for r in retros.values()} == set(RETRO_FORMATS)
    assert any(r.get("health") for r in retros.values())
    cards = doc["retro_items"]
    for card in cards:
        assert card["category"] in RETRO_CATEGORIES[retros[card["review_id"]]["format"]]
    assert any("author" not in card for card in cards)  # anonymous cards exist
    groups = Counter((card["review_id"], card["group"]) for card in cards if card.get("group"))
    assert groups and all(count >= 2 for count in groups.values())


def test_retro_actions_belong_to_their_retro(doc):
    retros = {r["id"]: r for r in doc["reviews"] if r["ritual"] == "retro"}
    members = {t["name"]: t["members"] for t in doc["teams"]}
    actions = [c for c in doc["commitments"] if c["source"] == "retro"]
    assert {a["review_id"] for a in actions} == set(retros)  # every retro has an action
    for action in actions:
        retro = retros[action["review_id"]]
        assert action["owner"] in members[retro["team"]]
        assert action["week"] == next_week(retro["period"])
        assert action.get("due")
    past = [a for a in actions if a["week"] < CURRENT]
    assert 0 < sum(1 for a in past if a["status"] == "done") < len(past)


def test_goals_cascade_over_three_levels_with_key_results(doc):
    goals = _by_id(doc, "goals")

    def depth(goal):
        return 1 + (depth(goals[goal["parent_id"]]) if goal.get("parent_id") else 0)

    assert {depth(g) for g in goals.values()} == {1, 2, 3}
    today = TODAY.isoformat()
    for goal in goals.values():
        assert (goal["status"] == "active") == (goal["end"] >= today)
        assert goal["start"] <= today
    assert sum(1 for g in goals.values() if g.get("metric")) > len(goals) / 2
    assert any(
        g["metric"]["target"] < g["metric"]["baseline"] for g in goals.values() if g.get("metric")
    )
    assert {g["status"] for g in goals.values()} == {"active", "achieved", "dropped"}
    checked = {c["goal_id"] for c in doc["goal_checkins"]}
    settled = (TODAY - dt.timedelta(days=14)).isoformat()
    active = [g for g in goals.values() if g["status"] == "active" and g["start"] <= settled]
    assert all(g["id"] in checked for g in active)


def test_the_module_stays_pure():
    """Generating a demo must not drag the UI or the store library into the CLI."""
    probe = "import json, sys, stratui.demo; print(json.dumps(sorted(sys.modules)))"
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, timeout=60
    )
    leaked = [m for m in json.loads(done.stdout) if m.startswith(("textual", "tinydb", "rich"))]
    assert leaked == []


def test_check_document_accepts_a_history_and_names_a_dangling_reference(demo):
    check_document(demo)
    broken = json.loads(json.dumps(demo))
    broken["commitments"][0]["goal_id"] = "0" * 16
    with pytest.raises(ValidationError, match="goal_id"):
        check_document(broken)


def test_benchmark_years_are_52_weeks_of_ten_people(year):
    assert history_years(1) == year  # TODAY is the benchmarks' fixed today


def test_bad_arguments_are_refused():
    with pytest.raises(ValueError, match="people"):
        generate_history(people=0, today=TODAY)
    with pytest.raises(ValueError, match="weeks"):
        generate_history(weeks=0, today=TODAY)
