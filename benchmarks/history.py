"""The History screen (key 5) on ten years of history against one year, side by side, and
the garbage collector's full pass after every screen.

    python -m benchmarks.history [--rounds 5]

Each run is a fresh process of the same interpreter: the app starts headless on the store
(through ``App.run``, as a person starts it, so its ``gc.freeze`` applies) and a Pilot
presses ``5`` and waits until the screen is drawn: the first visit. It goes to the
dashboard (``1``) and presses ``5`` again: the second visit. Each visit is timed in CPU
(``time.process_time``) and wall time. Then it types a search (``/roadmap`` and Enter,
which searches at once; the first search of a process reads the search summaries) and
times it in CPU, with the number of reviews found. Then it visits
every screen (``1`` to ``6``), times one full ``gc.collect()``, and reads the resident
memory.

Figures: medians over the rounds; the ratio of the 10-year store over the 1-year store
(10 people each) for the first visit's CPU (target <= 1.5), the 10-year first visit's
CPU (target < 150 ms) and the 10-year full collection (target < 50 ms).
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from benchmarks.run import _build_store, _env
from stratui.demo import history_years

RATIO_TARGET = 1.5
CPU_TARGET_MS = 150.0
GC_TARGET_MS = 50.0

VISITS = """
import gc, json, sys, time
from stratui.clock import Clock
from stratui.usecases.workspace import Workspace
from stratui.store.store import Store
from stratui.ui.app import StratuiApp

figures = {}

async def visit(pilot, key):
    cpu, wall = time.process_time(), time.perf_counter()
    await pilot.press(key)
    await pilot.pause()
    return (time.process_time() - cpu) * 1000, (time.perf_counter() - wall) * 1000

async def drive(pilot):
    await pilot.pause()
    figures["first_cpu"], figures["first_wall"] = await visit(pilot, "5")
    figures["rows"] = pilot.app.screen.query_one("#history-table").row_count
    await visit(pilot, "1")
    figures["second_cpu"], figures["second_wall"] = await visit(pilot, "5")
    await pilot.press("slash")
    cpu, wall = time.process_time(), time.perf_counter()
    await pilot.press(*"roadmap", "enter")
    await pilot.pause()
    figures["search_cpu"] = (time.process_time() - cpu) * 1000
    figures["found"] = pilot.app.screen.query_one("#history-table").row_count
    await pilot.press("escape")
    for key in "123456":
        await visit(pilot, key)
    started = time.perf_counter()
    gc.collect()
    figures["gc_ms"] = (time.perf_counter() - started) * 1000
    with open("/proc/self/status") as status:
        rss = next(line for line in status if line.startswith("VmRSS:"))
    figures["rss_mib"] = int(rss.split()[1]) / 1024
    pilot.app.exit()

app = StratuiApp(Workspace(Store.at(sys.argv[1]), Clock.from_env()), poll=None)
app.run(headless=True, size=(120, 35), auto_pilot=drive)
assert figures.get("rows"), figures
print(json.dumps(figures))
"""

FIGURES = (
    "first_cpu",
    "first_wall",
    "second_cpu",
    "second_wall",
    "search_cpu",
    "gc_ms",
    "rss_mib",
    "rows",
    "found",
)


def _run(store: str) -> dict[str, float]:
    done = subprocess.run(
        [sys.executable, "-c", VISITS, store],
        check=True,
        env=_env(),
        capture_output=True,
        text=True,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.history", description=__doc__)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument(
        "--stores", help="keep the stores in this directory and reuse them on the next run"
    )
    args = parser.parse_args(argv)
    root = Path(args.stores or tempfile.mkdtemp(prefix="stratui-history-"))
    root.mkdir(parents=True, exist_ok=True)
    try:
        stores = {
            name: str(
                root / name
                if (root / name).exists()
                else _build_store(root, name, history_years(years))
            )
            for name, years in (("1y", 1), ("10y", 10))
        }
        for store in stores.values():  # check, and warm up: bytecode, page cache, digests
            _run(store)
        samples: dict[str, list[dict[str, float]]] = {name: [] for name in stores}
        for _ in range(args.rounds):
            for name, store in stores.items():
                samples[name].append(_run(store))
    finally:
        if not args.stores:
            shutil.rmtree(root, ignore_errors=True)
    median = {
        name: {f: statistics.median(run[f] for run in runs) for f in FIGURES}
        for name, runs in samples.items()
    }
    print(
        f"\nmedians over {args.rounds} rounds (ms; rss MiB; rows shown on the first visit; "
        "reviews found by the search):"
    )
    print(f"  {'':4s} " + " ".join(f"{f:>11s}" for f in FIGURES))
    for name, values in median.items():
        print(f"  {name:4s} " + " ".join(f"{values[f]:11.1f}" for f in FIGURES))
    ratio = median["10y"]["first_cpu"] / median["1y"]["first_cpu"]
    second = median["10y"]["second_cpu"] / median["1y"]["second_cpu"]
    checks = [
        ("first visit CPU, 10y / 1y", ratio, f"<= {RATIO_TARGET}", ratio <= RATIO_TARGET),
        ("second visit CPU, 10y / 1y", second, f"<= {RATIO_TARGET}", second <= RATIO_TARGET),
        (
            "first visit CPU, 10y (ms)",
            median["10y"]["first_cpu"],
            f"< {CPU_TARGET_MS:g}",
            median["10y"]["first_cpu"] < CPU_TARGET_MS,
        ),
        (
            "full gc after every screen, 10y (ms)",
            median["10y"]["gc_ms"],
            f"< {GC_TARGET_MS:g}",
            median["10y"]["gc_ms"] < GC_TARGET_MS,
        ),
    ]
    print()
    for label, value, target, ok in checks:
        print(f"{label:38s} {value:7.2f}  {target:7s} {'ok' if ok else 'OVER'}")
    return 0 if all(ok for *_, ok in checks) else 1


if __name__ == "__main__":
    raise SystemExit(main())
