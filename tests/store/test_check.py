"""``check()`` reads everything and reports each kind of inconsistency, naming it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from stratui.store.backend import DirectoryBackend
from stratui.store.store import Store

from ._support import commitment, goal


def write_raw(store: Store, rel: str, records: dict[str, dict]) -> None:
    """Put a store file in place as a hand edit (or a bad merge) would, bypassing checks."""
    collection = rel.split("/")[0].removesuffix(".json")
    data = json.dumps({collection: records}, indent=1).encode()
    backend = store.backend
    if isinstance(backend, DirectoryBackend):
        path = Path(backend.path_of(rel))
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    else:
        backend.commit({rel: data})


def read_raw(store: Store, rel: str) -> dict[str, dict]:
    collection = rel.split("/")[0].removesuffix(".json")
    return json.loads(store.backend.read(rel))[collection]


@pytest.fixture
def sound(store):
    """A sound store: a goal and two commitments, one serving the goal."""
    target = goal()
    served = commitment(goal_id=target["id"])
    with store.transaction() as tx:
        tx.insert("goals", target)
        tx.insert("commitments", served)
        tx.insert("commitments", commitment(week="2026-W30"))
    assert store.check() == []
    return store, target, served


def test_a_record_in_the_wrong_shard(sound):
    store, _, served = sound
    stray = commitment(week="2026-W20", title="stray")
    write_raw(store, "commitments/2026-Q1.json", {served["id"]: served, stray["id"]: stray})
    problems = Store(store.backend).check()
    assert problems == [f"commitments {stray['id']}: belongs in shard 2026-Q2, found in 2026-Q1"]


def test_a_dangling_reference(sound):
    store, _, _ = sound
    orphan = commitment(goal_id="0000dead0000beef")
    with store.transaction() as tx:
        tx.insert("commitments", orphan)
    problems = Store(store.backend).check()
    assert len(problems) == 1
    assert orphan["id"] in problems[0] and "goal_id 0000dead0000beef" in problems[0]


def test_a_reference_to_a_deleted_record(sound, now):
    store, target, served = sound
    with store.transaction() as tx:
        tx.delete("goals", target["id"], now)
    problems = Store(store.backend).check()
    assert len(problems) == 1
    assert served["id"] in problems[0] and target["id"] in problems[0]


def test_an_id_stored_in_two_shards(sound):
    store, _, served = sound
    q3 = read_raw(store, "commitments/2026-Q3.json")
    write_raw(store, "commitments/2026-Q3.json", {**q3, served["id"]: served})
    problems = Store(store.backend).check()
    assert any(
        served["id"] in line and "stored twice" in line and "2026-Q1" in line and "2026-Q3" in line
        for line in problems
    ), problems


def test_an_invalid_record(sound):
    store, _, served = sound
    bad = {**served, "status": "bogus"}
    write_raw(store, "commitments/2026-Q1.json", {served["id"]: bad})
    problems = Store(store.backend).check()
    assert len(problems) == 1
    assert served["id"] in problems[0] and "status" in problems[0] and "bogus" in problems[0]
    assert store.backend.path_of("commitments/2026-Q1.json") in problems[0]


def test_a_clean_store_after_many_changes(store, now):
    target = goal()
    with store.transaction() as tx:
        tx.insert("goals", target)
        for n in range(20):
            tx.insert("commitments", commitment(week=f"2026-W{n * 2 + 1:02d}", title=f"{n}"))
    for record in store.find("commitments")[:5]:
        with store.transaction() as tx:
            tx.put("commitments", {**record, "week": "2027-W01", "goal_id": target["id"]})
    with store.transaction() as tx:
        tx.delete("commitments", store.find("commitments")[-1]["id"], now)
    assert Store(store.backend).check() == []
