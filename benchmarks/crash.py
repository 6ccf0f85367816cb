"""kill -9 at random moments: no acknowledged write is lost, and the store stays sound.

    python -m benchmarks.crash [--rounds 1000] [--per-store 50] [--seed 20261202]

Each round starts a writer process that commits commitments as fast as it can (every
other commit spans two shards, so it goes through the journal) and prints each id once
its commit has returned: that write is acknowledged. After a random delay (0 to 0.4 s:
some rounds die while Python starts, or while the store is being created) the writer is
killed with SIGKILL. Then this process looks at what the kill left (a journal, temporary
files) and opens the store as the next command would: every acknowledged id must be
there, ``check`` must find nothing, and the next write must leave no journal and no
temporary file. A fresh store is started every ``--per-store`` rounds, so that stores
are created (and their creation killed) many times over.

Prints the counts and exits 1 if any acknowledged write was lost or a store unsound.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

WRITER = """
import datetime as dt, itertools, sys
from stratui.domain import records
from stratui.store.store import Store

now = dt.datetime(2026, 3, 20, 9, 30, tzinfo=dt.UTC)
store = Store.at(sys.argv[1])
for n in itertools.count():
    week = f"2026-W{n % 52 + 1:02d}"
    first = records.new_commitment(title=f"w {n}", owner="ada", week=week, now=now)
    with store.transaction() as tx:
        tx.insert("commitments", first)
        if n % 2:
            other = f"2026-W{(n + 26) % 52 + 1:02d}"
            second = records.new_commitment(title=f"w {n}'", owner="ada", week=other, now=now)
            tx.insert("commitments", second)
    print(first["id"], flush=True)
    if n % 2:
        print(second["id"], flush=True)
"""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.crash", description=__doc__)
    parser.add_argument("--rounds", type=int, default=1000)
    parser.add_argument("--per-store", type=int, default=50)
    parser.add_argument("--seed", type=int, default=20261202)
    args = parser.parse_args(argv)

    from stratui.domain import records
    from stratui.store.store import Store

    rng = random.Random(args.seed)
    counts = dict.fromkeys(
        (
            "rounds",
            "killed while running",
            "killed before its first commit",
            "killed mid-commit (journal or temporaries left)",
            "journals rolled forward",
            "acknowledged writes",
            "acknowledged writes lost",
            "unsound stores",
            "stale temporaries after the next write",
        ),
        0,
    )
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="stratui-crash-") as scratch:
        acknowledged: list[str] = []
        path = ""
        for round_ in range(args.rounds):
            if round_ % args.per_store == 0:
                path = os.path.join(scratch, f"store-{round_ // args.per_store}")
                acknowledged = []
            proc = subprocess.Popen(
                [sys.executable, "-c", WRITER, path],
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
            time.sleep(rng.uniform(0.0, 0.4))
            proc.send_signal(signal.SIGKILL)
            out, err = proc.communicate(timeout=30)
            counts["rounds"] += 1
            if proc.returncode != -signal.SIGKILL:
                print(f"round {round_}: the writer ended by itself ({proc.returncode}): {err}")
                return 1
            counts["killed while running"] += 1
            ids = out.split()
            counts["killed before its first commit"] += not ids
            acknowledged += ids
            counts["acknowledged writes"] += len(ids)
            local = Path(path, ".stratui")
            journal = (local / "journal.json").exists()
            temporaries = [p for p in (local / "tmp").glob("*") if p.is_file()]
            temporaries += list(local.glob("*.tmp"))
            counts["killed mid-commit (journal or temporaries left)"] += bool(
                journal or temporaries
            )
            counts["journals rolled forward"] += journal
            store = Store.at(path)
            if acknowledged or Path(path, "stratui-store.json").exists():
                problems = store.check()
                if problems:
                    counts["unsound stores"] += 1
                    print(f"round {round_}: {problems[:3]}")
            lost = [rid for rid in ids if store.get("commitments", rid) is None]
            counts["acknowledged writes lost"] += len(lost)
            if lost:
                print(f"round {round_}: lost {lost[:5]}")
            # the next write sweeps what the kill left
            with store.transaction() as tx:
                record = records.new_commitment(
                    title="checker", owner="ada", week="2026-W12", now=dt.datetime.now(dt.UTC)
                )
                tx.insert("commitments", record)
            left = [p.name for p in (local / "tmp").glob("*")] + [
                p.name for p in local.glob("*.tmp")
            ]
            if left or (local / "journal.json").exists():
                counts["stale temporaries after the next write"] += 1
                print(f"round {round_}: left {left}")
            if round_ % args.per_store == args.per_store - 1 or round_ == args.rounds - 1:
                # every acknowledged write of this store's rounds, once more, at its end
                final = Store.at(path)
                missing = [rid for rid in acknowledged if final.get("commitments", rid) is None]
                counts["acknowledged writes lost"] += len(missing)
                if missing:
                    print(f"store {path}: lost {missing[:5]}")
    seconds = time.monotonic() - started
    print(f"{counts['rounds']} rounds in {seconds:.0f} s, a fresh store every {args.per_store}")
    for name, value in counts.items():
        print(f"  {name}: {value}")
    bad = counts["acknowledged writes lost"] + counts["unsound stores"]
    bad += counts["stale temporaries after the next write"]
    return 1 if bad else 0


if __name__ == "__main__":
    raise SystemExit(main())
