"""Several processes on one store: writers are serialised, a busy store makes the caller
wait (not fail), and a long-lived process sees what the others wrote."""

from __future__ import annotations

import time

import pytest

from stratui.store.store import Store

from ._support import child, commitment, run_child

PER_PROCESS = 30


@pytest.mark.parametrize("processes", [2, 4])
def test_concurrent_writers_lose_nothing(tmp_path, processes):
    path = str(tmp_path / "store")
    procs = [child("insert", path, str(PER_PROCESS), f"p{n}") for n in range(processes)]
    written = []
    for proc in procs:
        out, err = proc.communicate(timeout=60)
        assert proc.returncode == 0, err
        written += out.split()
    assert len(written) == processes * PER_PROCESS
    store = Store.at(path)
    found = store.find("commitments", keys=["2026-Q1"])
    assert sorted(r["id"] for r in found) == sorted(written)
    assert {r["title"] for r in found} == {
        f"p{n} {i}" for n in range(processes) for i in range(PER_PROCESS)
    }
    assert store.check() == []


def test_a_busy_store_makes_a_writer_wait_then_succeed(tmp_path):
    path = str(tmp_path / "store")
    with Store.at(path).transaction() as tx:
        tx.insert("commitments", commitment(title="first"))
    holder = child("hold", path, "1.0")
    assert holder.stdout.readline().strip() == "locked"
    started = time.monotonic()
    mine = commitment(title="waited")
    store = Store.at(path)
    with store.transaction() as tx:
        tx.insert("commitments", mine)
    waited = time.monotonic() - started
    holder.communicate(timeout=10)
    assert holder.returncode == 0
    assert waited >= 0.8
    titles = sorted(r["title"] for r in Store.at(path).find("commitments"))
    assert titles == ["first", "held", "waited"]
    assert Store.at(path).check() == []


def test_a_reader_waits_for_a_writer_and_sees_its_commit(tmp_path):
    path = str(tmp_path / "store")
    with Store.at(path).transaction() as tx:
        tx.insert("commitments", commitment(title="first"))
    reader = Store.at(path)
    assert len(reader.find("commitments")) == 1
    holder = child("hold", path, "0.5")
    assert holder.stdout.readline().strip() == "locked"
    # the writer holds the lock with its change not yet committed: a reader sees the
    # state before it, or waits and sees the state after it, never a half state
    titles = sorted(r["title"] for r in reader.find("commitments"))
    holder.communicate(timeout=10)
    assert titles in (["first"], ["first", "held"])
    assert sorted(r["title"] for r in reader.find("commitments")) == ["first", "held"]


def test_a_long_lived_store_sees_other_processes_writes(tmp_path):
    path = str(tmp_path / "store")
    long_lived = Store.at(path)
    assert long_lived.find("commitments") == []  # opened while there is no store yet
    assert long_lived.refresh() is False

    (first,) = run_child("insert", path, "1", "other").split()
    assert long_lived.refresh() is True
    assert long_lived.refresh() is False
    assert long_lived.get("commitments", first)["title"] == "other 0"

    (second,) = run_child("insert", path, "1", "again").split()
    assert long_lived.get("commitments", second)["title"] == "again 0"
    assert long_lived.resolve("commitments", second[:8])["id"] == second
    week = long_lived.find("commitments", keys=["2026-Q1"], where=lambda r: r["week"] == "2026-W12")
    assert {r["id"] for r in week} == {first, second}

    # its own write to the same shard keeps what the others wrote
    mine = commitment(title="mine")
    with long_lived.transaction() as tx:
        tx.insert("commitments", mine)
    (third,) = run_child("insert", path, "1", "later").split()
    assert {r["id"] for r in long_lived.find("commitments")} == {first, second, mine["id"], third}
    assert Store.at(path).check() == []


def test_a_long_lived_store_sees_another_processes_move_and_delete(tmp_path, now):
    path = str(tmp_path / "store")
    record = commitment(week="2026-W13")
    with Store.at(path).transaction() as tx:
        tx.insert("commitments", record)
    long_lived = Store.at(path)
    assert long_lived.get("commitments", record["id"]) == record

    other = Store.at(path)  # another instance: no cache shared with long_lived
    with other.transaction() as tx:
        tx.put("commitments", {**record, "week": "2026-W14"})
    assert long_lived.get("commitments", record["id"])["week"] == "2026-W14"
    assert long_lived.find("commitments", keys=["2026-Q1"]) == []
    with Store.at(path).transaction() as tx:
        tx.delete("commitments", record["id"], now)
    assert long_lived.get("commitments", record["id"]) is None
    assert long_lived.find("commitments") == []
