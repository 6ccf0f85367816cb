"""Crash safety: ``kill -9`` at any moment leaves a sound store that holds every
acknowledged write, and a commit cut between its journal and its renames is finished
(or forgotten) as a whole by the next process."""

from __future__ import annotations

import os
import random
import signal
import time
from pathlib import Path

import pytest

from stratui.store.backend import DirectoryBackend
from stratui.store.store import Store

from ._support import child, commitment, run_child, tree

ROUNDS = 6


def test_kill_9_at_random_moments_loses_no_acknowledged_write(tmp_path):
    path = str(tmp_path / "store")
    rng = random.Random(20260320)
    acknowledged: list[str] = []
    for round_ in range(ROUNDS):
        proc = child("writer", path)
        # The first rounds die early, around the store's creation; later ones mid-stream.
        time.sleep(rng.uniform(0.05, 0.25) if round_ < 2 else rng.uniform(0.2, 0.5))
        os.kill(proc.pid, signal.SIGKILL)
        out, err = proc.communicate(timeout=10)
        assert proc.returncode == -signal.SIGKILL, err
        acknowledged += out.split()  # printed and flushed only after the commit returned
        store = Store.at(path)
        if acknowledged or Path(path, "stratui-store.json").exists():
            assert store.check() == [], f"round {round_}"
        missing = [rid for rid in acknowledged if store.get("commitments", rid) is None]
        assert missing == [], f"round {round_}: acknowledged but lost"
    assert len(acknowledged) > 10  # the child did get to write, many times over
    ids = [r["id"] for r in Store.at(path).find("commitments")]
    assert len(ids) == len(set(ids))
    assert not os.path.exists(os.path.join(path, ".stratui", "journal.json"))


def _crash_after_first_rename(monkeypatch):
    """Make the next multi-file commit stop after its first rename, as a crash would."""

    class Crash(Exception):
        pass

    def apply(self, renames):
        tmp, final = renames[0]
        os.makedirs(os.path.dirname(final), exist_ok=True)
        os.replace(tmp, final)
        raise Crash

    monkeypatch.setattr(DirectoryBackend, "_apply", apply)
    return Crash


@pytest.mark.parametrize("existing", [True, False], ids=["existing-store", "first-write"])
def test_a_commit_cut_after_its_journal_is_all_or_nothing(tmp_path, monkeypatch, existing):
    root = tmp_path / "store"
    earlier = commitment(title="earlier")
    if existing:
        with Store.at(str(root)).transaction() as tx:
            tx.insert("commitments", earlier)
    first, second = commitment("2026-W12", "a"), commitment("2026-W30", "b")
    crash = _crash_after_first_rename(monkeypatch)
    with pytest.raises(crash), Store.at(str(root)).transaction() as tx:
        tx.insert("commitments", first)
        tx.insert("commitments", second)
    assert (root / ".stratui" / "journal.json").exists()
    monkeypatch.undo()

    store = Store.at(str(root))
    found = [store.get("commitments", r["id"]) for r in (first, second)]
    assert found in ([first, second], [None, None])
    assert store.check() == []
    assert not (root / ".stratui" / "journal.json").exists()
    assert os.listdir(root / ".stratui" / "tmp") == []
    if existing:
        assert store.get("commitments", earlier["id"]) == earlier
    # and the store takes new writes
    later = commitment(title="later")
    with store.transaction() as tx:
        tx.insert("commitments", later)
    assert Store.at(str(root)).get("commitments", later["id"]) == later


def test_a_process_killed_between_two_renames_is_rolled_forward(tmp_path):
    root = tmp_path / "store"
    with Store.at(str(root)).transaction() as tx:
        tx.insert("commitments", commitment(title="before"))
    ids = run_child("crash-commit", str(root), returncode=9).split()
    assert len(ids) == 2 and (root / ".stratui" / "journal.json").exists()
    before = tree(root)
    # a reader that opens the store finishes the commit, under the lock, before reading
    store = Store.at(str(root))
    found = [store.get("commitments", rid) for rid in ids]
    assert None not in found or found == [None, None]
    assert tree(root) != before and not (root / ".stratui" / "journal.json").exists()
    assert store.check() == []
