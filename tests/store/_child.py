"""Other processes of the store tests: ``python _child.py COMMAND STORE [ARGS]``.

Commands:
  writer STORE            insert commitments forever, one transaction each; print each id
                          (then flush) once its commit returned: that id is acknowledged
  insert STORE N TAG      insert N commitments, each its own transaction; print the ids
  hold STORE SECONDS      hold the exclusive lock (a transaction) for SECONDS; print
                          "locked" once it is held
  crash-commit STORE ...  commit a multi-file transaction whose renames stop after the
                          first one (a crash between journal and renames); print the ids
"""

from __future__ import annotations

import datetime as dt
import itertools
import os
import sys
import time

from stratui.domain import records
from stratui.store.store import Store

NOW = dt.datetime(2026, 3, 20, 9, 30, tzinfo=dt.UTC)


def commitment(week: str, title: str) -> dict:
    return records.new_commitment(title=title, owner="ada", week=week, now=NOW)


def writer(path: str) -> None:
    store = Store.at(path)
    for n in itertools.count():
        first = commitment("2026-W12", f"write {n}")
        with store.transaction() as tx:
            tx.insert("commitments", first)
            if n % 2:  # every other commit spans two shards: it goes through the journal
                second = commitment("2026-W30", f"write {n} too")
                tx.insert("commitments", second)
        print(first["id"], flush=True)
        if n % 2:
            print(second["id"], flush=True)


def insert(path: str, count: str, tag: str) -> None:
    store = Store.at(path)
    for n in range(int(count)):
        record = commitment("2026-W12", f"{tag} {n}")
        with store.transaction() as tx:
            tx.insert("commitments", record)
        print(record["id"], flush=True)


def hold(path: str, seconds: str) -> None:
    store = Store.at(path)
    with store.transaction() as tx:
        tx.insert("commitments", commitment("2026-W12", "held"))
        print("locked", flush=True)
        time.sleep(float(seconds))


def crash_commit(path: str) -> None:
    from stratui.store.backend import DirectoryBackend

    def apply_then_crash(self, renames):
        tmp, final = renames[0]
        os.makedirs(os.path.dirname(final), exist_ok=True)
        os.replace(tmp, final)
        os._exit(9)  # the process dies between two renames

    DirectoryBackend._apply = apply_then_crash
    store = Store.at(path)
    first, second = commitment("2026-W12", "crash a"), commitment("2026-W30", "crash b")
    print(first["id"], second["id"], flush=True)
    with store.transaction() as tx:
        tx.insert("commitments", first)
        tx.insert("commitments", second)


if __name__ == "__main__":
    command, *args = sys.argv[1:]
    commands = {"writer": writer, "insert": insert, "hold": hold, "crash-commit": crash_commit}
    commands[command](*args)
