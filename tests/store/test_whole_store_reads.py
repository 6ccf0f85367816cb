"""Reading the whole store a part at a time: :func:`stratui.store.ordered.in_order` (export,
``list --all``) and the full check hold a few of the store's files, never all of them."""

from __future__ import annotations

import datetime as dt
import weakref

import pytest

from stratui.demo import generate_history
from stratui.exchange.document import record_order
from stratui.exchange.importer import plan_import
from stratui.store import verify
from stratui.store.ordered import in_order
from stratui.store.store import Store

from ._support import NOW, commitment, retro_item, review
from .test_check import read_raw, write_raw


class Tracked(dict):
    """A record that can be watched: alive until the last reference to it goes."""


@pytest.fixture(scope="module")
def history() -> Store:
    """Two years of four people, in memory: each time series over eight files."""
    store = Store.in_memory()
    document = generate_history(people=4, weeks=104, today=dt.date(2026, 11, 20))
    plan = plan_import(document, lambda collection, rid: None)
    with store.transaction() as tx:
        tx.before_commit = None
        tx.put_many(plan.writes)
    return store


class Alive:
    """How many of the records the store handed out are still held by someone."""

    def __init__(self) -> None:
        self.count = 0
        self._refs: list[weakref.ref] = []

    def watch(self, record: Tracked) -> None:
        self.count += 1
        self._refs.append(weakref.ref(record, self._gone))

    def _gone(self, _ref: weakref.ref) -> None:
        self.count -= 1


def watched(store: Store, monkeypatch) -> Alive:
    """Every record the store hands out from now on, counted while something holds it."""
    alive = Alive()
    read_part = store.read_part

    def reading(part: str, **options) -> list[dict]:
        records = [Tracked(record) for record in read_part(part, **options)]
        for record in records:
            alive.watch(record)
        return records

    monkeypatch.setattr(store, "read_part", reading)
    return alive


def test_in_order_is_creation_order_and_holds_a_few_parts_at_most(history, monkeypatch):
    parts = history.parts("commitments")
    sizes = sorted(len(history.read_part(part)) for part in parts)
    assert len(parts) >= 8
    alive = watched(history, monkeypatch)
    given, most = [], 0
    for record in in_order(history, "commitments", record_order):
        given.append(record)
        most = max(most, alive.count - len(given))  # held besides the one given
        given = given[-1:]  # the caller writes a record out and lets it go
    assert most <= sum(sizes[-3:])  # three parts at most
    assert most < sum(sizes) / 2


def test_in_order_gives_what_find_gives_in_that_order(history):
    expected = sorted(history.find("commitments"), key=record_order)
    assert list(in_order(history, "commitments", record_order)) == expected
    by_week = lambda r: (r["week"], r["owner"], r["created_at"], r["id"])  # noqa: E731
    assert list(in_order(history, "commitments", by_week)) == sorted(expected, key=by_week)


def test_in_order_gives_a_record_stored_in_two_parts_once(store):
    moved = commitment(week="2026-W12")
    with store.transaction() as tx:
        tx.insert("commitments", moved)
        tx.insert("commitments", commitment(week="2026-W30"))
    later = {**moved, "week": "2026-W30", "title": "moved"}
    q3 = "commitments/2026-Q3.json"
    raw = read_raw(store, q3)
    write_raw(store, q3, {**raw, moved["id"]: later})
    given = list(in_order(Store(store.backend), "commitments", record_order))
    assert [r["id"] for r in given].count(moved["id"]) == 1
    assert next(r for r in given if r["id"] == moved["id"])["title"] == "moved"  # the last part's


def test_ids_of_the_same_hash_are_no_record_stored_twice(history, monkeypatch):
    assert verify.check_store(history) == []
    monkeypatch.setattr(verify._Ids, "_mark", staticmethod(lambda rid: 5 if rid < "8" else 7))
    assert verify.check_store(Store(history.backend)) == []


def test_a_retro_item_away_from_its_reviews_shard_is_reported(store):
    retro = review(period="2026-W12")
    card = retro_item(retro["id"])
    with store.transaction() as tx:
        tx.insert("reviews", retro)
        tx.insert("retro_items", card)
    assert store.check() == []
    write_raw(store, "retro_items/2026-Q3.json", {card["id"]: card})
    write_raw(store, "retro_items/2026-Q1.json", {})
    problems = Store(store.backend).check()
    assert problems == [f"retro_items {card['id']}: belongs in shard 2026-Q1, found in 2026-Q3"]


def test_in_order_with_its_first_keys_kept_sees_a_part_that_changed(store):
    with store.transaction() as tx:
        for week in ("2026-W02", "2026-W20", "2026-W30"):
            tx.insert("commitments", commitment(week=week, now=NOW + dt.timedelta(days=1)))
    first = list(in_order(store, "commitments", record_order, name="test"))
    assert first == sorted(store.find("commitments"), key=record_order)
    oldest = commitment(week="2026-W30", now=NOW - dt.timedelta(days=30))
    with store.transaction() as tx:  # the newest part now holds the oldest record
        tx.insert("commitments", oldest)
    again = list(in_order(Store(store.backend), "commitments", record_order, name="test"))
    assert again[0]["id"] == oldest["id"]
    assert again == sorted(store.find("commitments"), key=record_order)
