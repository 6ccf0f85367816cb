"""The importer: every rule of EXPORT-FORMAT.md, all or nothing, idempotent."""

from __future__ import annotations

import copy
import datetime as dt
import json
from collections.abc import Callable

import pytest

from stratui.domain.records import new_commitment, new_record, tombstone
from stratui.domain.schema import COLLECTIONS
from stratui.exchange.document import build_document, dump_document
from stratui.exchange.importer import ImportPlan, ImportRejected, load_document, plan_import

T0 = dt.datetime(2026, 11, 16, 9, 0, tzinfo=dt.UTC)
T1 = dt.datetime(2026, 11, 17, 9, 0, tzinfo=dt.UTC)
EXPORTED = "2026-11-22T09:30:00Z"


def empty_store(collection: str, rid: str) -> dict | None:
    return None


def store_of(*plans_or_records) -> Callable[[str, str], dict | None]:
    """A lookup over records: a plan's writes, or records given as (collection, record)."""
    table: dict[tuple[str, str], dict] = {}
    for item in plans_or_records:
        if isinstance(item, ImportPlan):
            for name, records in item.writes.items():
                for record in records:
                    table[(name, record["id"])] = record
        else:
            name, record = item
            table[(name, record["id"])] = record
    return lambda collection, rid: table.get((collection, rid))


def sample() -> dict[str, list[dict]]:
    """One record in every collection, all references satisfied inside the set."""
    person = new_record("people", {"name": "ana", "teams": ["core"]}, T0)
    team = new_record("teams", {"name": "core", "members": ["ana"]}, T0)
    goal = new_record(
        "goals",
        {
            "title": "Ship v1",
            "status": "active",
            "metric": {"name": "NPS", "baseline": 1, "target": 5},
        },
        T0,
    )
    sub = new_record("goals", {"title": "Docs", "status": "active", "parent_id": goal["id"]}, T0)
    checkin = new_record(
        "goal_checkins", {"goal_id": goal["id"], "date": "2026-11-16", "confidence": 3}, T0
    )
    review = new_record(
        "reviews",
        {
            "ritual": "weekly",
            "period": "2026-W47",
            "participants": ["ana"],
            "status": "complete",
            "started_at": "2026-11-16T09:00:00Z",
        },
        T0,
    )
    first = new_commitment(
        title="Importer", owner="ana", week="2026-W47", now=T0, goal_id=goal["id"]
    )
    carried = new_commitment(
        title="Importer",
        owner="ana",
        week="2026-W48",
        now=T0,
        carried_from=first["id"],
        review_id=review["id"],
        source="review",
    )
    block = new_record(
        "roadblocks",
        {
            "title": "Waiting on API",
            "kind": "dependency",
            "severity": "high",
            "raised_on": "2026-11-16",
            "commitment_id": first["id"],
        },
        T0,
    )
    adjust = new_record(
        "adjustments",
        {
            "kind": "rescope",
            "description": "Smaller",
            "decided_on": "2026-11-16",
            "goal_id": goal["id"],
        },
        T0,
    )
    card = new_record(
        "retro_items", {"review_id": review["id"], "category": "start", "text": "x", "votes": 0}, T0
    )
    return {
        "people": [person],
        "teams": [team],
        "goals": [goal, sub],
        "goal_checkins": [checkin],
        "commitments": [first, carried],
        "roadblocks": [block],
        "adjustments": [adjust],
        "reviews": [review],
        "retro_items": [card],
        "retro_ballots": [
            new_record(
                "retro_ballots",
                {"review_id": review["id"], "person": "ana", "dots": {card["id"]: 2}},
                T0,
            )
        ],
    }


def document(records: dict[str, list[dict]] | None = None) -> dict:
    """A parsed export document, as the importer would receive it from a file."""
    built = build_document(sample() if records is None else records, EXPORTED)
    return json.loads(dump_document(built))


def rejected(doc: object, lookup=empty_store) -> str:
    with pytest.raises(ImportRejected) as info:
        plan_import(doc, lookup)
    message = str(info.value)
    assert "\n" not in message
    return message


# --- load_document ------------------------------------------------------------------------


def test_load_document_parses_json():
    assert load_document('{"format": "stratui"}') == {"format": "stratui"}


def test_load_document_names_line_and_column_of_bad_json():
    with pytest.raises(ImportRejected, match=r"^not JSON: .* at line 2 column \d+$"):
        load_document('{"format": "stratui",\n  oops}')


def test_load_document_refuses_nan_and_tolerates_a_bom():
    with pytest.raises(ImportRejected, match="not JSON: NaN"):
        load_document('{"x": NaN}')
    assert load_document('\ufeff{"a": 1}') == {"a": 1}


# --- round trip and idempotence -----------------------------------------------------------


def test_round_trip_into_an_empty_store_writes_exactly_the_records():
    records = sample()
    doc = document(records)

    plan = plan_import(doc, empty_store)

    assert list(plan.writes) == list(COLLECTIONS)
    assert plan.writes == {name: doc[name] for name in COLLECTIONS}
    for name in COLLECTIONS:
        assert sorted(plan.writes[name], key=lambda r: r["id"]) == sorted(
            records[name], key=lambda r: r["id"]
        )
    assert plan.added == sum(len(r) for r in records.values()) == plan.total_writes
    assert plan.updated == plan.unchanged == 0
    assert plan.per_collection["goals"] == {"added": 2, "updated": 0, "unchanged": 0}


def test_importing_twice_writes_nothing_the_second_time():
    doc = document()
    first = plan_import(doc, empty_store)

    second = plan_import(doc, store_of(first))

    assert second.total_writes == 0
    assert all(records == [] for records in second.writes.values())
    assert (second.added, second.updated, second.unchanged) == (0, 0, first.added)
    assert second.summary() == f"added 0, updated 0, unchanged {first.added}"


def test_unknown_extra_fields_are_kept_on_import():
    records = sample()
    records["goals"][0]["x_future"] = {"from": "stratui 9"}

    plan = plan_import(document(records), empty_store)

    written = {goal["id"]: goal for goal in plan.writes["goals"]}
    assert written[records["goals"][0]["id"]]["x_future"] == {"from": "stratui 9"}


def test_unknown_top_level_keys_are_ignored():
    doc = {**document(), "x_generator": "another tool", "x_list": [1]}

    plan = plan_import(doc, empty_store)

    assert "x_generator" not in plan.writes and plan.added > 0


def test_missing_collections_are_fine():
    doc = {"format": "stratui", "version": 1}

    plan = plan_import(doc, empty_store)

    assert plan.total_writes == 0 and list(plan.writes) == list(COLLECTIONS)


# --- newer updated_at wins ----------------------------------------------------------------


def _one_goal(updated_at: str) -> tuple[dict, dict]:
    goal = new_record("goals", {"title": "Ship", "status": "active"}, T0)
    return goal, {**goal, "title": "Ship (store)", "updated_at": updated_at}


def test_newer_file_copy_replaces_the_store_copy():
    goal, in_store = _one_goal("2026-11-15T00:00:00Z")

    plan = plan_import(document({"goals": [goal]}), store_of(("goals", in_store)))

    assert plan.writes["goals"] == [goal]
    assert plan.per_collection["goals"] == {"added": 0, "updated": 1, "unchanged": 0}
    assert (plan.added, plan.updated, plan.unchanged) == (0, 1, 0)


def test_older_file_copy_loses_to_the_store():
    goal, in_store = _one_goal("2026-11-20T00:00:00Z")

    plan = plan_import(document({"goals": [goal]}), store_of(("goals", in_store)))

    assert plan.writes["goals"] == [] and plan.per_collection["goals"]["unchanged"] == 1


def test_a_tie_keeps_the_store_copy():
    goal, in_store = _one_goal(
        new_record("goals", {"title": "t", "status": "active"}, T0)["updated_at"]
    )

    plan = plan_import(document({"goals": [goal]}), store_of(("goals", in_store)))

    assert plan.writes["goals"] == [] and plan.per_collection["goals"]["unchanged"] == 1


def test_fractional_seconds_compare_as_times_not_strings():
    goal, in_store = _one_goal("2026-11-16T09:00:00Z")
    goal["updated_at"] = "2026-11-16T09:00:00.5Z"  # later, though "." sorts before "Z"

    plan = plan_import(document({"goals": [goal]}), store_of(("goals", in_store)))

    assert plan.per_collection["goals"]["updated"] == 1


def test_a_newer_file_copy_revives_an_older_store_tombstone():
    goal = new_record("goals", {"title": "Ship", "status": "active"}, T1)
    dead = tombstone({**goal, "updated_at": "2026-11-01T00:00:00Z"}, T0)

    plan = plan_import(document({"goals": [goal]}), store_of(("goals", dead)))

    assert plan.writes["goals"] == [goal] and plan.per_collection["goals"]["updated"] == 1


# --- rule violations ----------------------------------------------------------------------


def _with(mutate) -> dict:
    doc = document()
    mutate(doc)
    return doc


def _first(name: str):
    return lambda doc: doc[name][0]


@pytest.mark.parametrize(
    ("mutate", "expected"),
    [
        (lambda d: d.update(format="trello"), ['format: expected "stratui"', "'trello'"]),
        (lambda d: d.pop("format"), ['format: expected "stratui"', "got nothing"]),
        (
            lambda d: d.update(version=3),
            ["version: this file is version 3", "reads up to version 2", "upgrade stratui"],
        ),
        (lambda d: d.update(version="1"), ["version: expected a whole number", "'1'"]),
        (lambda d: d.update(version=True), ["version: expected a whole number"]),
        (lambda d: d.update(version=0), ["version: expected a whole number from 1 to 2"]),
        (lambda d: d.pop("version"), ["version: is required"]),
        (lambda d: d.update(goals={"a": 1}), ["goals: expected a list of records, got an object"]),
        (lambda d: d.update(teams=None), ["teams: expected a list of records, got null"]),
        (lambda d: d["reviews"].append("x"), ["reviews[1]: expected a record", "got a string"]),
        (lambda d: d["goals"][0].pop("title"), ["goals {goals0}: title: is required"]),
        (lambda d: d["goals"][0].pop("updated_at"), ["goals {goals0}: updated_at: is required"]),
        (
            lambda d: d["commitments"][0].update(status="finished"),
            ["commitments {commitments0}: status: expected one of open, done", "'finished'"],
        ),
        (
            lambda d: d["goal_checkins"][0].update(confidence=6),
            ["goal_checkins {goal_checkins0}: confidence: expected a whole number from 1 to 5"],
        ),
        (
            lambda d: d["roadblocks"][0].update(raised_on="2026-02-30"),
            ["roadblocks {roadblocks0}: raised_on: expected a date YYYY-MM-DD", "'2026-02-30'"],
        ),
        (
            lambda d: d["commitments"][0].update(week="2025-W53"),
            ["commitments {commitments0}: week: expected an ISO week", "got '2025-W53'"],
        ),
        (
            lambda d: d["commitments"][0].update(created_at="yesterday"),
            ["commitments {commitments0}: created_at: expected a UTC timestamp"],
        ),
        (lambda d: d["commitments"][0].pop("id"), ["commitments[0]: id: is required"]),
        (
            lambda d: d["commitments"][0].update(goal_id="nope"),
            ["commitments {commitments0}: goal_id: points to goals 'nope'", "neither this file"],
        ),
        (
            lambda d: d["commitments"][1].update(carried_from="nope"),
            ["commitments {commitments1}: carried_from: points to commitments 'nope'"],
        ),
        (
            lambda d: d["commitments"][1].update(review_id="nope"),
            ["commitments {commitments1}: review_id: points to reviews 'nope'"],
        ),
        (
            lambda d: d["goals"][1].update(parent_id="nope"),
            ["goals {goals1}: parent_id: points to goals 'nope'"],
        ),
        (
            lambda d: d["retro_items"][0].update(review_id="nope"),
            ["retro_items {retro_items0}: review_id: points to reviews 'nope'"],
        ),
        (
            lambda d: d["commitments"].append(copy.deepcopy(d["commitments"][0])),
            ["commitments {commitments0}: id: appears twice in this file"],
        ),
        (
            lambda d: d["people"].append({**d["people"][0], "id": "p2"}),
            ["people p2: name: 'ana' is already the name of people {people0}"],
        ),
        (
            lambda d: d["goals"][0].update(deleted=True),
            ["goals {goals0}: deleted: is internal to the store"],
        ),
    ],
)
def test_every_violation_is_rejected_with_record_and_field_named(mutate, expected):
    doc = document()
    # Records sort by (created_at, id), so look their ids up after the document is built.
    ids = {f"{name}{i}": record["id"] for name in COLLECTIONS for i, record in enumerate(doc[name])}
    mutate(doc)

    message = rejected(doc)

    for part in expected:
        assert part.format(**ids) in message


def test_the_document_must_be_an_object():
    assert rejected([1, 2]) == ("document: expected a JSON object (a stratui export), got a list")


def test_a_reference_may_be_satisfied_by_the_store():
    goal = new_record("goals", {"title": "In the store only", "status": "active"}, T0)
    item = new_commitment(title="t", owner="ana", week="2026-W47", now=T0, goal_id=goal["id"])

    plan = plan_import(document({"commitments": [item]}), store_of(("goals", goal)))

    assert plan.writes["commitments"] == [item] and plan.writes["goals"] == []


def test_a_reference_to_a_store_tombstone_is_rejected():
    goal = tombstone(new_record("goals", {"title": "Gone", "status": "active"}, T0), T1)
    item = new_commitment(title="t", owner="ana", week="2026-W47", now=T0, goal_id=goal["id"])

    message = rejected(document({"commitments": [item]}), store_of(("goals", goal)))

    assert message == (
        f"commitments {item['id']}: goal_id: points to goals {goal['id']!r}, "
        "which is deleted in the store"
    )


def test_a_reference_to_a_file_record_whose_deletion_in_the_store_is_newer_is_rejected():
    goal = new_record("goals", {"title": "Gone", "status": "active"}, T0)
    item = new_commitment(title="t", owner="ana", week="2026-W47", now=T0, goal_id=goal["id"])
    newer_tombstone = tombstone(goal, T1)

    message = rejected(
        document({"goals": [goal], "commitments": [item]}), store_of(("goals", newer_tombstone))
    )

    assert "goal_id: points to goals" in message and "deleted in the store" in message


def test_the_error_carries_record_and_field_for_callers():
    doc = document()
    doc["goal_checkins"][0]["confidence"] = 6

    with pytest.raises(ImportRejected) as info:
        plan_import(doc, empty_store)

    assert info.value.field == "confidence"
    assert info.value.record == f"goal_checkins {doc['goal_checkins'][0]['id']}"
    assert isinstance(info.value, ValueError)


# --- all or nothing -----------------------------------------------------------------------


def test_one_bad_record_at_the_end_rejects_the_whole_file_and_changes_nothing():
    doc = document()
    doc["retro_items"][0]["votes"] = -1
    before = copy.deepcopy(doc)
    calls: list[tuple[str, str]] = []

    def spying_lookup(collection: str, rid: str) -> dict | None:
        calls.append((collection, rid))
        return None

    plan = None
    with pytest.raises(
        ImportRejected, match=r"retro_items .*: votes: expected a whole number >= 0"
    ):
        plan = plan_import(doc, spying_lookup)

    assert plan is None
    assert doc == before
    assert calls == []  # validation happens before the store is even consulted


def test_the_plan_holds_copies_not_the_documents_own_records():
    doc = document()

    plan = plan_import(doc, empty_store)
    plan.writes["goals"][0]["title"] = "changed"

    assert doc["goals"][0]["title"] != "changed"


# --- hostile documents: far dates, text that cannot be stored, deep nesting ---------------


def _deep(depth: int) -> object:
    value: object = 1
    for _ in range(depth):
        value = [value]
    return value


@pytest.mark.parametrize(
    ("collection", "field", "value", "words"),
    [
        ("commitments", "week", "9999-W52", "weeks from 1900-W01 to 2999-W52"),
        ("goals", "end", "9999-12-31", "dates from 1900-01-01 to 2999-12-31"),
        ("roadblocks", "raised_on", "0001-01-01", "dates from 1900-01-01 to 2999-12-31"),
        ("reviews", "started_at", "0001-01-01T00:00:00Z", "times from 1900-01-01"),
        ("people", "name", "z\ud800", "not valid Unicode"),
        ("commitments", "title", "bad \udcff", "not valid Unicode"),
        (
            "goals",
            "metric",
            {"name": "x", "baseline": 0, "target": 1, "deep": _deep(40)},
            "more than 32 deep",
        ),
    ],
)
def test_a_hostile_value_is_refused_naming_the_record_and_field(collection, field, value, words):
    doc = document()
    record = doc[collection][0]
    record[field] = value
    message = rejected(doc)
    assert message.startswith(f"{collection} {record['id']}: {field}: "), message
    assert words in message


def test_a_lone_surrogate_from_json_text_is_refused_and_the_label_stays_printable():
    """JSON can spell a lone surrogate; an id holding one is named by its position."""
    doc = document()
    doc["commitments"][0]["id"] = "c\ud800"
    text = json.dumps(doc)  # ensure_ascii: the escape, as any JSON writer may write it
    message = rejected(load_document(text))
    assert message.startswith("commitments[0]: id: holds text that is not valid Unicode")


def test_json_nested_past_the_readers_stack_is_refused_as_not_json():
    with pytest.raises(ImportRejected, match="nested too deeply"):
        load_document("[" * 100000 + "]" * 100000)
