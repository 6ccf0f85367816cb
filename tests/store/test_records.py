"""Round trips on both backends: what is written is what is found, by id, prefix and week."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from stratui.domain import records
from stratui.store.errors import AmbiguousId, StoreError, UnknownId
from stratui.store.layout import key_for_week

from ._support import commitment, goal, retro_item, review


def insert(store, collection: str, *found: dict) -> None:
    with store.transaction() as tx:
        for record in found:
            tx.insert(collection, record)


def stored_copies(store, collection: str, rid: str) -> list[str]:
    """The store files (raw bytes, either backend) that hold a record ``rid``."""
    backend = store.backend
    return [
        rel
        for rel in sorted(backend.listing())
        if rel.startswith(f"{collection}/") and rid in json.loads(backend.read(rel))[collection]
    ]


def with_id(record: dict, rid: str) -> dict:
    return {**record, "id": rid}


def test_insert_then_get_and_resolve_by_unique_prefix(store):
    record = commitment(title="Write the importer")
    insert(store, "commitments", record)
    assert store.get("commitments", record["id"]) == record
    assert store.resolve("commitments", record["id"][:6]) == record
    assert store.resolve("commitments", record["id"][:6].upper()) == record
    assert store.find("commitments") == [record]


def test_ambiguous_prefix_lists_every_candidate(store):
    first = with_id(commitment(title="one"), "abc1000000000000")
    second = with_id(commitment(week="2026-W40", title="two"), "abc2000000000000")
    other = with_id(commitment(title="three"), "ffff000000000000")
    insert(store, "commitments", first, second, other)
    with pytest.raises(AmbiguousId) as caught:
        store.resolve("commitments", "abc")
    assert [c["id"] for c in caught.value.candidates] == [first["id"], second["id"]]
    assert first["id"] in str(caught.value) and second["id"] in str(caught.value)
    assert store.resolve("commitments", "abc2") == second


def test_unknown_id_and_prefix(store):
    insert(store, "commitments", commitment())
    with pytest.raises(UnknownId):
        store.resolve("commitments", "0000000000000000")
    with pytest.raises(UnknownId):
        store.resolve("commitments", "")
    assert store.get("commitments", "0000000000000000") is None


def test_insert_of_an_existing_id_is_refused(store):
    record = commitment()
    insert(store, "commitments", record)
    with pytest.raises(StoreError, match=record["id"]):
        insert(store, "commitments", {**record, "title": "again"})
    assert store.get("commitments", record["id"]) == record


def test_put_replaces_the_whole_record(store, now):
    record = commitment(notes="first draft", confidence=3)
    insert(store, "commitments", record)
    replacement = {k: v for k, v in record.items() if k not in ("notes", "confidence")}
    replacement["title"] = "Renamed"
    with store.transaction() as tx:
        tx.put("commitments", replacement)
    assert store.get("commitments", record["id"]) == replacement
    assert store.find("commitments", title="Ship it") == []


@pytest.mark.parametrize(
    ("old_week", "new_week"), [("2026-W13", "2026-W14"), ("2026-W53", "2027-W01")]
)
def test_moving_a_week_across_a_shard_boundary_keeps_one_copy(store, now, old_week, new_week):
    assert key_for_week(old_week) != key_for_week(new_week)
    record = commitment(week=old_week)
    bystander = commitment(week=old_week, title="stays")
    insert(store, "commitments", record, bystander)
    moved = records.updated("commitments", record, {"week": new_week}, now)
    with store.transaction() as tx:
        tx.put("commitments", moved)

    assert store.get("commitments", record["id"]) == moved
    assert store.resolve("commitments", record["id"][:8]) == moved
    assert store.find("commitments", keys=[key_for_week(new_week)]) == [moved]
    assert store.find("commitments", keys=[key_for_week(old_week)]) == [bystander]
    assert [r["id"] for r in store.find("commitments")].count(record["id"]) == 1
    assert stored_copies(store, "commitments", record["id"]) == [
        f"commitments/{key_for_week(new_week)}.json"
    ]
    assert store.check() == []


def test_moving_back_and_forth_in_one_transaction(store, now):
    record = commitment(week="2026-W13")
    insert(store, "commitments", record)
    with store.transaction() as tx:
        tx.put("commitments", {**record, "week": "2026-W14"})
        tx.put("commitments", {**record, "week": "2026-W40"})
    assert store.find("commitments", keys=["2026-Q1", "2026-Q2"]) == []
    assert store.find("commitments", keys=["2026-Q4"]) == [{**record, "week": "2026-W40"}]
    assert store.check() == []


def test_delete_leaves_a_newer_tombstone(store, now):
    record = commitment()
    insert(store, "commitments", record)
    later = now + dt.timedelta(hours=1)
    with store.transaction() as tx:
        tx.delete("commitments", record["id"], later)

    assert store.get("commitments", record["id"]) is None
    assert store.find("commitments") == []
    with pytest.raises(UnknownId):
        store.resolve("commitments", record["id"])
    tomb = store.get("commitments", record["id"], deleted=True)
    assert tomb["deleted"] is True
    assert tomb["id"] == record["id"] and tomb["title"] == record["title"]
    assert tomb["updated_at"] == records.stamp(later) > record["updated_at"]
    assert store.collections(deleted=True)["commitments"] == [tomb]
    with pytest.raises(UnknownId), store.transaction() as tx:
        tx.delete("commitments", record["id"], later)


def test_find_by_keys_equals_and_where(store):
    march = [commitment(week="2026-W12", title=f"march {n}") for n in range(3)]
    done = {**march[0], "status": "done", "closed_on": "2026-03-20", "progress": 100}
    march[0] = done
    july = commitment(week="2026-W30", title="july")
    bob = {**commitment(week="2026-W30", title="bob's"), "owner": "bob"}
    insert(store, "commitments", *march, july, bob)

    assert {r["id"] for r in store.find("commitments", keys=["2026-Q1"])} == {
        r["id"] for r in march
    }
    assert store.find("commitments", keys=["2026-Q3"], owner="bob") == [bob]
    assert store.find("commitments", status="done") == [done]
    assert store.find("commitments", keys=["2025-Q1"]) == []
    titled = store.find("commitments", where=lambda r: r["title"].endswith("2"))
    assert titled == [march[2]]
    assert len(store.find("commitments", owner="ada")) == 4
    assert len(store.all("commitments")) == 5


def test_unsharded_collections_round_trip(store, now):
    goals = [goal("Grow"), goal("Retain")]
    insert(store, "goals", *goals)
    person = records.new_record("people", {"name": "Ada"}, now)
    insert(store, "people", person)
    assert store.find("goals") == sorted(goals, key=lambda g: (g["created_at"], g["id"]))
    assert store.get("people", person["id"]) == person
    assert store.find("goals", title="Retain") == [goals[1]]


def test_retro_items_land_in_their_reviews_shard(store):
    autumn = review("2026-W47")
    quarter = review("2027-Q2")
    insert(store, "reviews", autumn, quarter)
    items = [retro_item(autumn["id"]), retro_item(quarter["id"], "Fewer meetings")]
    insert(store, "retro_items", *items)
    assert store.find("retro_items", keys=["2026-Q4"]) == [items[0]]
    assert store.find("retro_items", keys=["2027-Q2"]) == [items[1]]
    assert store.get("retro_items", items[1]["id"]) == items[1]
    with pytest.raises(UnknownId), store.transaction() as tx:
        tx.insert("retro_items", retro_item("no-such-review"))
    assert len(store.find("retro_items")) == 2


def test_review_and_its_items_in_one_transaction(store):
    meeting = review("2026-W05")
    item = retro_item(meeting["id"])
    with store.transaction() as tx:
        tx.insert("reviews", meeting)
        tx.insert("retro_items", item)
    assert store.find("retro_items", keys=["2026-Q1"]) == [item]
    assert store.check() == []


def test_put_many_of_many_records(store):
    weeks = [f"{year}-W{week:02d}" for year in (2025, 2026) for week in range(1, 53)]
    batch = [commitment(week=weeks[n % len(weeks)], title=f"c{n}") for n in range(600)]
    meeting = review("2026-W10")
    items = [retro_item(meeting["id"], f"item {n}") for n in range(20)]
    with store.transaction() as tx:
        count = tx.put_many({"commitments": batch, "retro_items": items, "reviews": [meeting]})
    assert count == 621
    assert len(store.find("commitments")) == 600
    assert len(store.find("commitments", keys=["2025-Q2"])) == sum(
        1 for r in batch if key_for_week(r["week"]) == "2025-Q2"
    )
    assert store.get("commitments", batch[321]["id"]) == batch[321]
    assert len(store.find("retro_items", keys=["2026-Q1"])) == 20
    # put_many replaces: the same ids again, one moved to another shard
    moved = {**batch[0], "week": "2027-W20"}
    with store.transaction() as tx:
        assert tx.put_many({"commitments": [moved, *batch[1:10]]}) == 10
    assert len(store.find("commitments")) == 600
    assert store.get("commitments", moved["id"]) == moved
    assert store.check() == []


def test_a_transaction_that_raises_writes_nothing(store):
    kept = commitment(title="kept")
    insert(store, "commitments", kept)
    before = store.collections(deleted=True)
    lost = commitment(week="2026-W30", title="lost")
    with pytest.raises(RuntimeError), store.transaction() as tx:
        tx.insert("commitments", lost)
        tx.put("commitments", {**kept, "title": "changed"})
        assert tx.get("commitments", lost["id"]) == lost  # the transaction sees its changes
        raise RuntimeError("boom")
    assert store.get("commitments", lost["id"]) is None
    assert store.collections(deleted=True) == before
    # and the store still works afterwards
    insert(store, "commitments", lost)
    assert store.get("commitments", lost["id"]) == lost


def test_an_invalid_record_is_refused_and_nothing_is_written(store):
    good = commitment()
    with pytest.raises(ValueError, match="status"), store.transaction() as tx:
        tx.insert("commitments", good)
        tx.insert("commitments", {**commitment(), "status": "bogus"})
    assert store.find("commitments") == []
