"""The store on disk: deterministic bytes, what gets created when, and what is refused."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from stratui.store.errors import NotAStore, StoreTooNew, UnknownId
from stratui.store.layout import META_FILE
from stratui.store.store import SCHEMA_VERSION, Store

from ._support import commitment, goal, review, tree


def test_same_records_in_any_order_give_identical_files(tmp_path):
    batch = [commitment(week=f"2026-W{n % 52 + 1:02d}", title=f"c{n}") for n in range(40)]
    batch += [{**commitment(title="ünïcødé ✓"), "notes": "line\nbreak"}]
    goals = [goal(f"g{n}") for n in range(5)]
    contents = []
    for seed in range(3):
        shuffled_c, shuffled_g = batch[:], goals[:]
        random.Random(seed).shuffle(shuffled_c)
        random.Random(seed).shuffle(shuffled_g)
        store = Store.at(str(tmp_path / f"s{seed}"))
        if seed == 2:  # one record per transaction, too
            for record in shuffled_c:
                with store.transaction() as tx:
                    tx.insert("commitments", record)
        else:
            with store.transaction() as tx:
                for record in shuffled_c:
                    tx.insert("commitments", record)
        with store.transaction() as tx:
            for record in shuffled_g:
                tx.insert("goals", record)
        files = {
            rel: data
            for rel, data in tree(tmp_path / f"s{seed}").items()
            if not rel.startswith(".stratui")
        }
        contents.append(files)
    assert contents[0] == contents[1] == contents[2]
    assert sorted(contents[0]) == [
        ".gitignore",
        "commitments/2026-Q1.json",
        "commitments/2026-Q2.json",
        "commitments/2026-Q3.json",
        "commitments/2026-Q4.json",
        "goals.json",
        META_FILE,
    ]


def test_one_record_per_line_sorted_by_id_with_sorted_keys(tmp_path):
    store = Store.at(str(tmp_path))
    batch = [commitment(title=f"c{n}", notes="a\nb", confidence=2) for n in range(5)]
    with store.transaction() as tx:
        for record in batch:
            tx.insert("commitments", record)
    text = (tmp_path / "commitments" / "2026-Q1.json").read_text(encoding="utf-8")
    lines = text.splitlines()
    assert lines[0] == '{"commitments": {' and lines[-1] == "}}"
    body = lines[1:-1]
    assert len(body) == len(batch)
    ids = []
    for line in body:
        rid, _, value = line.rstrip(",").partition(": ")
        record = json.loads(value)
        assert list(record) == sorted(record)
        assert json.loads(rid) == record["id"]
        ids.append(record["id"])
    assert ids == sorted(r["id"] for r in batch)
    assert json.loads(text) == {"commitments": {r["id"]: r for r in batch}}


def test_reading_a_missing_store_creates_nothing(tmp_path):
    path = tmp_path / "nowhere" / "store"
    store = Store.at(str(path))
    assert store.get("commitments", "abc") is None
    assert store.find("commitments") == []
    assert store.find("commitments", keys=["2026-Q1"]) == []
    assert store.collections() == {c: [] for c in store.collections()}
    assert store.refresh() is False
    with pytest.raises(UnknownId):
        store.resolve("goals", "abc")
    assert store.check()  # "no store yet" is reported, not created
    assert not (tmp_path / "nowhere").exists()


def test_the_first_write_creates_the_store(tmp_path):
    path = tmp_path / "new" / "store"
    store = Store.at(str(path))
    record = commitment()
    with store.transaction() as tx:
        tx.insert("commitments", record)
    assert json.loads((path / META_FILE).read_text()) == {
        "format": "stratui-store",
        "schema": SCHEMA_VERSION,
    }
    assert (path / ".gitignore").read_text() == ".stratui/\n"
    assert json.loads((path / "commitments" / "2026-Q1.json").read_text()) == {
        "commitments": {record["id"]: record}
    }
    assert Store.at(str(path)).get("commitments", record["id"]) == record
    assert Store.at(str(path)).check() == []


def test_an_empty_directory_is_a_store_to_be(tmp_path):
    store = Store.at(str(tmp_path))
    with store.transaction() as tx:
        tx.insert("goals", goal())
    assert (tmp_path / META_FILE).is_file()


@pytest.mark.parametrize("foreign", ["notes.txt", "sub/data.json"])
def test_a_foreign_directory_is_refused_and_untouched(tmp_path, foreign):
    (tmp_path / foreign).parent.mkdir(parents=True, exist_ok=True)
    (tmp_path / foreign).write_text("mine\n")
    before = tree(tmp_path)
    store = Store.at(str(tmp_path))
    for attempt in (
        lambda: store.get("commitments", "abc"),
        lambda: store.find("commitments"),
        lambda: store.resolve("commitments", "abc"),
        lambda: store.refresh(),
        _write(store),
    ):
        with pytest.raises(NotAStore, match=str(tmp_path)):
            attempt()
    assert store.check() and str(tmp_path) in store.check()[0]
    assert tree(tmp_path) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted({Path(foreign).parts[0]})


def test_a_file_in_place_of_the_store_is_refused(tmp_path):
    path = tmp_path / "file"
    path.write_text("hello")
    with pytest.raises(NotAStore):
        Store.at(str(path)).find("goals")
    with pytest.raises(NotAStore):
        _write(Store.at(str(path)))()
    assert path.read_text() == "hello"


def _write(store):
    def write():
        with store.transaction() as tx:
            tx.insert("commitments", commitment())

    return write


def test_a_store_too_new_is_refused_and_never_changed(tmp_path):
    store = Store.at(str(tmp_path))
    kept = commitment()
    with store.transaction() as tx:
        tx.insert("commitments", kept)
        tx.insert("reviews", review())
    meta = json.loads((tmp_path / META_FILE).read_text())
    (tmp_path / META_FILE).write_text(json.dumps({**meta, "schema": 99}))
    before = tree(tmp_path)

    for attempt in (
        lambda: Store.at(str(tmp_path)).get("commitments", kept["id"]),
        lambda: Store.at(str(tmp_path)).find("commitments"),
        lambda: Store.at(str(tmp_path)).resolve("commitments", kept["id"][:4]),
        lambda: Store.at(str(tmp_path)).collections(),
        _write(Store.at(str(tmp_path))),
        lambda: store.find("commitments"),  # a store opened before the upgrade
        _write(store),
    ):
        with pytest.raises(StoreTooNew, match=r"schema 99.*upgrade stratui") as caught:
            attempt()
        assert str(tmp_path) in str(caught.value)
        assert tree(tmp_path) == before
    problems = Store.at(str(tmp_path)).check()
    assert len(problems) == 1 and "schema 99" in problems[0]
    assert tree(tmp_path) == before


def canonical(collection: str, records: dict[str, dict]) -> bytes:
    """The bytes stratui writes for ``records``: sorted ids, sorted keys, one per line."""
    lines = [
        f"{json.dumps(rid, ensure_ascii=False)}: "
        f"{json.dumps(records[rid], ensure_ascii=False, sort_keys=True)}"
        for rid in sorted(records)
    ]
    return ("{" + json.dumps(collection) + ": {\n" + ",\n".join(lines) + "\n}}\n").encode()


def test_files_are_canonical_after_every_write(tmp_path, now):
    store = Store.at(str(tmp_path))
    batch = [commitment(title=f"c{n}") for n in range(4)]
    with store.transaction() as tx:
        for record in batch:
            tx.insert("commitments", record)
    with store.transaction() as tx:
        tx.put("commitments", {**batch[1], "title": "changed"})
        tx.delete("commitments", batch[2]["id"], now)
    expected = {r["id"]: store.get("commitments", r["id"], deleted=True) for r in batch}
    assert (tmp_path / "commitments/2026-Q1.json").read_bytes() == canonical(
        "commitments", expected
    )


def test_a_hand_edited_file_is_rewritten_canonically(tmp_path):
    """A file edited by hand (keys reordered, spaces) still decodes; stratui's next write
    of that shard gives the same bytes as on any other machine holding the same records."""
    store = Store.at(str(tmp_path))
    batch = [commitment(title=f"c{n}") for n in range(3)]
    with store.transaction() as tx:
        for record in batch:
            tx.insert("commitments", record)
    rel = tmp_path / "commitments" / "2026-Q1.json"
    lines = rel.read_text().split("\n")
    for index in range(1, 4):  # reverse the keys of each record, keep one per line
        rid, _, value = lines[index].rstrip(",").partition(": ")
        record = json.loads(value)
        reordered = json.dumps(dict(reversed(list(record.items()))), indent=None)
        lines[index] = f"{rid}: {reordered}" + ("," if index < 3 else "")
    rel.write_text("\n".join(lines))
    assert Store.at(str(tmp_path)).find("commitments") == sorted(
        batch, key=lambda r: (r["created_at"], r["id"])
    )
    added = commitment(title="added")
    with Store.at(str(tmp_path)).transaction() as tx:
        tx.insert("commitments", added)
    expected = {r["id"]: r for r in (*batch, added)}
    assert rel.read_bytes() == canonical("commitments", expected)
