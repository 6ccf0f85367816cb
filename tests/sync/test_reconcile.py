"""What a file-by-file merge cannot see, put right on the merged store; and the commit
message that tells the team what changed. Both on stores in memory and on disk."""

from __future__ import annotations

import datetime as dt

import pytest

from stratui.domain import records
from stratui.store.codec import encode_shard
from stratui.store.reconcile import dangling_links, reconcile, reconcile_files
from stratui.store.store import Store
from stratui.sync.message import commit_message, describe

from .test_merge import LATER, LATEST, rec, tomb

Q3, Q4 = "commitments/2026-Q3.json", "commitments/2026-Q4.json"


@pytest.fixture(params=["memory", "directory"])
def store(request, tmp_path) -> Store:
    store = Store.in_memory() if request.param == "memory" else Store.at(str(tmp_path / "s"))
    with store.transaction() as tx:
        tx.insert("commitments", rec("seed0000seed0000"))  # creates the store
    return store


def put_raw(store: Store, rel: str, *found: dict) -> None:
    """Write a shard as a git merge would: behind the store's back."""
    store.backend.commit({rel: encode_shard("commitments", {r["id"]: r for r in found})[0]})


def test_twins_keep_the_newest_copy_in_the_shard_its_week_calls_for(store):
    moved = rec("x1", LATER, week="2026-W40")
    edited = rec("x1", LATEST, week="2026-W39", progress=50)
    put_raw(store, Q4, moved)
    put_raw(store, Q3, edited)
    assert any("stored twice" in p for p in store.check())
    said = reconcile(store)
    assert said == [
        f"commitments x1 was stored twice after the merge ({Q3}, {Q4}): "
        f"kept the newest ({LATEST}) in {Q3}"
    ]
    assert store.check() == []
    assert store.get("commitments", "x1")["progress"] == 50
    assert reconcile(store) == []  # nothing left to do


def test_a_deleted_record_a_live_one_points_to_is_kept_alive(store):
    original = rec("o1", LATER)
    put_raw(store, Q4, tomb(original, LATEST), rec("c2", LATER, carried_from="o1"))
    assert dangling_links(store) == {("commitments", "c2", "carried_from")}
    said = reconcile(store, revive_except=set())
    assert said == [
        "commitments o1 was deleted on one side but commitments c2 points to it "
        "(carried_from): kept it"
    ]
    assert store.get("commitments", "o1") == original | {"updated_at": LATEST}
    assert store.check() == []


def test_links_that_dangled_before_the_merge_are_left_alone(store):
    put_raw(store, Q4, tomb(rec("o1"), LATEST), rec("c2", LATER, carried_from="o1"))
    before = dangling_links(store)
    assert reconcile(store, revive_except=before) == []
    assert reconcile(store) == []  # without revive_except: twins only
    assert store.get("commitments", "o1") is None


def test_a_twin_is_found_in_a_file_the_change_did_not_touch(store):
    put_raw(store, Q3, rec("x1", LATEST, week="2026-W39", progress=50))
    assert store.get("commitments", "x1")  # Q3 seen and indexed, as before a merge
    put_raw(store, Q4, rec("x1", LATER, week="2026-W40"))  # what the merge changed
    assert reconcile_files(store, [Q4]) == [
        f"commitments x1 was stored twice after the merge ({Q3}, {Q4}): "
        f"kept the newest ({LATEST}) in {Q3}"
    ]
    assert store.check() == []
    assert store.get("commitments", "x1")["progress"] == 50


@pytest.mark.parametrize("dangled_before", [True, False])
def test_a_changed_file_revives_only_links_that_did_not_dangle_before(store, dangled_before):
    original = rec("o1", LATER)
    carried = rec("c2", LATER, carried_from="o1")
    put_raw(store, Q4, tomb(original, LATEST), carried)
    earlier = tomb(original, LATEST) if dangled_before else original
    before = {Q4: {"o1": earlier, "c2": carried}}
    said = reconcile_files(store, [Q4], lambda rel: before.get(rel, {}))
    assert said == (
        []
        if dangled_before
        else [
            "commitments o1 was deleted on one side but commitments c2 points to it "
            "(carried_from): kept it"
        ]
    )
    assert bool(store.get("commitments", "o1")) is not dangled_before


def test_the_message_counts_and_lists_each_record():
    before = {"commitments": {"a": rec("a"), "b": rec("b"), "m": rec("m")}}
    after = {
        "commitments": {
            "a": rec("a", LATER, status="done"),
            "b": tomb(rec("b"), LATER),
            "m": rec("m"),
            "n": rec("n", title="Brand\nnew"),
        },
        "reviews": {"r": {"id": "r", "ritual": "weekly", "period": "2026-W47", "owner": "ana"}},
    }
    subject, body = describe(before, after)
    assert subject == "commitments: 1 changed, 1 deleted, 1 added; reviews: 1 added"
    assert body == [
        "changed commitments a: Commitment a (ana, 2026-W47)",
        "deleted commitments b: Commitment b (ana, 2026-W47)",
        "added commitments n: Brand new (ana, 2026-W47)",
        "added reviews r: weekly review 2026-W47 of ana",
    ]
    message = commit_message("ana", before, after)
    assert message.startswith(f"stratui (ana): {subject}\n\n")


def test_a_move_between_shards_reads_as_a_change():
    now = dt.datetime(2026, 11, 22, 12, tzinfo=dt.UTC)
    moved = records.updated("commitments", rec("m"), {"week": "2026-W48"}, now)
    assert describe({"commitments": {"m": rec("m")}}, {"commitments": {"m": moved}})[0] == (
        "commitments: 1 changed"
    )


def test_a_commit_message_names_a_card_by_its_id_only():
    """A card's words in git's log could tell who wrote an anonymous card."""
    card = {"id": "c" * 16, "review_id": "r", "category": "stop", "text": "Secret", "votes": 0}
    message = commit_message("ben", {}, {"retro_items": {card["id"]: card}})
    assert "Secret" not in message
    assert f"added retro_items {'c' * 16}" in message
