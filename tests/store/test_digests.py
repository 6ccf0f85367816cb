"""Per-shard digests: summaries of live records, cached by shard signature.

A digest must always equal ``summarise`` over the shard's live records as they are now:
the cache (in ``.stratui/digests/`` and in memory) may only save reading a shard that did
not change, never return a summary of an older version of it.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from stratui.clock import Clock
from stratui.store import store as store_module
from stratui.store.store import Store
from stratui.usecases import commitments
from stratui.usecases.workspace import Workspace

from ._support import commitment

NAME = "titles-1"
DIGEST_FILE = Path(".stratui") / "digests" / f"commitments.{NAME}.json"
Q1, Q2, Q4 = "2026-W05", "2026-W20", "2026-W47"  # one week in each of three shards


def titles(records: list[dict]) -> list[str]:
    """A JSON summary: the shard's (title, status) pairs, sorted."""
    return sorted(f"{r['title']}:{r['status']}" for r in records)


class Counting:
    """A summarise function that remembers which shards (by their titles) it was given."""

    def __init__(self) -> None:
        self.calls: list[list[str]] = []

    def __call__(self, records: list[dict]) -> list[str]:
        summary = titles(records)
        self.calls.append(summary)
        return summary


@pytest.fixture
def root(tmp_path, monkeypatch) -> Path:
    monkeypatch.setenv("STRATUI_ME", "ana")
    return tmp_path / "store"


def service(root: Path) -> Workspace:
    """The use cases over the directory store at ``root`` (each call: a new process, say)."""
    return Workspace(Store.at(str(root)), Clock(dt.date(2026, 3, 20)))


def three_shards(root: Path) -> dict[str, dict]:
    """Commitments in three shards, written through the ordinary use cases."""
    app = service(root)
    return {
        "a": commitments.log(app, "Alpha", week=Q1),
        "b": commitments.log(app, "Bravo", week=Q1),
        "c": commitments.log(app, "Charlie", week=Q2),
        "d": commitments.log(app, "Delta", week=Q4),
    }


@pytest.fixture
def decodes(monkeypatch) -> list[str]:
    """The collections of every shard the store decodes from bytes, in order."""
    seen: list[str] = []
    real = store_module.decode_shard

    def counting(collection, data):
        seen.append(collection)
        return real(collection, data)

    monkeypatch.setattr(store_module, "decode_shard", counting)
    return seen


def test_each_shard_is_summarised_over_its_live_records_only(root):
    made = three_shards(root)
    app = service(root)
    commitments.complete(app, made["b"]["id"])
    commitments.delete(app, made["a"]["id"])  # a tombstone stays in the file
    commitments.delete(app, made["d"]["id"])  # the Q4 shard holds only a tombstone now
    raw = json.loads((root / "commitments" / "2026-Q1.json").read_text(encoding="utf-8"))
    assert made["a"]["id"] in json.dumps(raw), "the tombstone is still in the shard file"

    found = Store.at(str(root)).digests("commitments", NAME, titles)

    assert found == {
        "2026-Q1": ["Bravo:done"],
        "2026-Q2": ["Charlie:open"],
        "2026-Q4": [],
    }
    live = Store.at(str(root)).find("commitments")
    assert sorted(titles(live)) == sorted(t for shard in found.values() for t in shard)


def test_an_unchanged_store_is_not_read_again_by_a_new_process(root, decodes):
    three_shards(root)
    first = Store.at(str(root)).digests("commitments", NAME, titles)
    assert (root / DIGEST_FILE).is_file()
    decodes.clear()
    summarise = Counting()

    again = Store.at(str(root)).digests("commitments", NAME, summarise)

    assert again == first
    assert decodes == []
    assert summarise.calls == []


def test_the_same_store_asked_twice_reads_nothing_the_second_time(root, decodes):
    three_shards(root)
    store = Store.at(str(root))
    first = store.digests("commitments", NAME, titles)
    (root / DIGEST_FILE).unlink()  # the second answer comes from memory
    decodes.clear()
    summarise = Counting()

    assert store.digests("commitments", NAME, summarise) == first
    assert decodes == []
    assert summarise.calls == []


def test_a_change_re_summarises_only_the_shard_that_changed(root, decodes):
    made = three_shards(root)
    Store.at(str(root)).digests("commitments", NAME, titles)
    commitments.complete(service(root), made["c"]["id"])  # another process changes the Q2 shard
    decodes.clear()
    summarise = Counting()

    found = Store.at(str(root)).digests("commitments", NAME, summarise)

    assert found == {
        "2026-Q1": ["Alpha:open", "Bravo:open"],
        "2026-Q2": ["Charlie:done"],
        "2026-Q4": ["Delta:open"],
    }
    assert summarise.calls == [["Charlie:done"]]
    assert decodes == ["commitments"]


def test_a_long_lived_store_sees_a_change_made_by_another_process(root):
    made = three_shards(root)
    tui = Store.at(str(root))
    assert tui.digests("commitments", NAME, titles)["2026-Q2"] == ["Charlie:open"]
    other = service(root)
    commitments.complete(other, made["c"]["id"])
    commitments.log(other, "Echo", week=Q2)
    summarise = Counting()

    found = tui.digests("commitments", NAME, summarise)

    assert found["2026-Q2"] == ["Charlie:done", "Echo:open"]
    assert found["2026-Q1"] == ["Alpha:open", "Bravo:open"]
    assert summarise.calls == [["Charlie:done", "Echo:open"]]


def test_a_new_shard_written_by_another_process_is_summarised(root):
    three_shards(root)
    tui = Store.at(str(root))
    tui.digests("commitments", NAME, titles)
    commitments.log(service(root), "Foxtrot", week="2027-W02")

    found = tui.digests("commitments", NAME, titles)

    assert found["2027-Q1"] == ["Foxtrot:open"]
    assert sorted(found) == ["2026-Q1", "2026-Q2", "2026-Q4", "2027-Q1"]


@pytest.mark.parametrize(
    "garbage",
    [
        b"",
        b"this is not JSON at all\n",
        b"\0" * 40,
        b'{"commitments/2026-Q1.json": [[1, 2], ["x"]',  # cut short
        b'{"commitments/2026-Q1.json": [[1, 2], ["stale"]]}',  # a signature of no file
    ],
    ids=["empty", "not-json", "nul-bytes", "truncated", "wrong-signature"],
)
def test_a_damaged_digest_file_is_ignored_and_rebuilt(root, garbage):
    three_shards(root)
    expected = Store.at(str(root)).digests("commitments", NAME, titles)
    (root / DIGEST_FILE).write_bytes(garbage)

    found = Store.at(str(root)).digests("commitments", NAME, titles)

    assert found == expected
    rebuilt = json.loads((root / DIGEST_FILE).read_text(encoding="utf-8"))
    assert {rel: entry[1] for rel, entry in rebuilt.items()} == {
        "commitments/2026-Q1.json": ["Alpha:open", "Bravo:open"],
        "commitments/2026-Q2.json": ["Charlie:open"],
        "commitments/2026-Q4.json": ["Delta:open"],
    }
    summarise = Counting()
    assert Store.at(str(root)).digests("commitments", NAME, summarise) == expected
    assert summarise.calls == [], "the rebuilt file is used by the next process"


@pytest.mark.parametrize(
    "garbage",
    [b"[1, 2]\n", b"null", b'{"commitments/2026-Q1.json": 5}'],
    ids=["a-list", "null", "entry-not-a-list"],
)
def test_a_digest_file_of_the_wrong_shape_is_ignored_and_rebuilt(root, garbage):
    three_shards(root)
    expected = Store.at(str(root)).digests("commitments", NAME, titles)
    (root / DIGEST_FILE).write_bytes(garbage)

    assert Store.at(str(root)).digests("commitments", NAME, titles) == expected


def test_keys_limit_the_shards_read_and_returned(root):
    three_shards(root)
    summarise = Counting()

    found = Store.at(str(root)).digests(
        "commitments", NAME, summarise, keys=["2026-Q4", "2026-Q1", "2026-Q4", "2030-Q1"]
    )

    assert found == {"2026-Q1": ["Alpha:open", "Bravo:open"], "2026-Q4": ["Delta:open"]}
    assert sorted(summarise.calls) == [["Alpha:open", "Bravo:open"], ["Delta:open"]]


def test_names_keep_summaries_of_different_functions_apart(root):
    three_shards(root)
    store = Store.at(str(root))
    store.digests("commitments", NAME, titles)

    counts = store.digests("commitments", "count-1", len)

    assert counts == {"2026-Q1": 2, "2026-Q2": 1, "2026-Q4": 1}
    assert (root / ".stratui" / "digests" / "commitments.count-1.json").is_file()


@pytest.mark.parametrize("collection", ["people", "teams", "goals"])
def test_an_unsharded_collection_is_refused(collection):
    with pytest.raises(ValueError, match=collection):
        Store.in_memory().digests(collection, NAME, titles)


def test_an_empty_store_has_no_digests(root):
    assert Store.at(str(root)).digests("commitments", NAME, titles) == {}
    assert Store.in_memory().digests("roadblocks", NAME, titles) == {}


def test_inside_a_transaction_staged_changes_are_summarised(root):
    made = three_shards(root)
    store = Store.at(str(root))
    before = store.digests("commitments", NAME, titles)
    with store.transaction() as tx:
        tx.insert("commitments", commitment(week="2026-W30", title="Golf"))  # a new shard
        tx.delete("commitments", made["a"]["id"], dt.datetime(2026, 3, 20, tzinfo=dt.UTC))
        inside = store.digests("commitments", NAME, titles)
    after = Store.at(str(root)).digests("commitments", NAME, titles)

    assert inside == {**before, "2026-Q1": ["Bravo:open"], "2026-Q3": ["Golf:open"]}
    assert after == inside


def test_a_rolled_back_transaction_leaves_no_summary_behind(root):
    three_shards(root)
    store = Store.at(str(root))
    before = store.digests("commitments", NAME, titles)
    with pytest.raises(RuntimeError), store.transaction() as tx:
        tx.insert("commitments", commitment(week=Q1, title="Hotel"))
        assert "Hotel:open" in store.digests("commitments", NAME, titles)["2026-Q1"]
        raise RuntimeError("the user cancelled")

    assert store.digests("commitments", NAME, titles) == before
    assert Store.at(str(root)).digests("commitments", NAME, titles) == before


def test_the_memory_store_gives_the_same_summaries():
    store = Store.in_memory()
    with store.transaction() as tx:
        tx.insert("commitments", commitment(week=Q1, title="India"))
        tx.insert("commitments", commitment(week=Q2, title="Juliet"))
    assert store.digests("commitments", NAME, titles) == {
        "2026-Q1": ["India:open"],
        "2026-Q2": ["Juliet:open"],
    }
    with store.transaction() as tx:
        tx.insert("commitments", commitment(week=Q2, title="Kilo"))
    assert store.digests("commitments", NAME, titles)["2026-Q2"] == ["Juliet:open", "Kilo:open"]
