"""The trends screen on ten years of history against one year, side by side.

    python -m benchmarks.trends [--period 12|52|all] [--scope me|everyone] [--rounds 7]
                                [--stores DIR] [--profile]

Each run is a fresh process of the same interpreter: the app starts headless on the
store (through a Pilot), opens the trends screen (key 6, scope "me" or, with ``--scope
everyone``, the next scope), and then times the action that shows the period: one ``p``
press from the window before it, until the screen has drawn it. The figure is the ratio
of the medians of the 10-year store over the 1-year store (10 people each); targets:
12 and 52 weeks <= 1.5 (a window costs the same whatever lies before it), "all" <= 6
(ten times the weeks and records, at most six times the time: linear, with the fixed
costs of drawing a screen).

``--stores DIR`` keeps the two stores in ``DIR`` and reuses them in later runs (building
them takes a minute). ``--profile`` runs the action once on the 10-year store under
cProfile and prints where the time goes instead.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from benchmarks.run import _build_store, _env
from stratui.demo import history_years

TARGETS = {"12": 1.5, "52": 1.5, "all": 6.0}

TRENDS = """
import asyncio, cProfile, pstats, sys, time
from stratui.clock import Clock
from stratui.usecases.workspace import Workspace
from stratui.usecases.views.trends import WINDOWS
from stratui.store.store import Store
from stratui.ui.app import StratuiApp
store, period, scope, profile = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4] == "1"
window = None if period == "all" else int(period)
async def main():
    app = StratuiApp(Workspace(Store.at(store), Clock.from_env()), poll=None)
    async with app.run_test(size=(120, 35)) as pilot:
        await app.switch_mode("trends")
        await pilot.pause()
        screen = app.screen
        if scope == "everyone":
            await pilot.press("s")
            await pilot.pause()
        screen.window = WINDOWS[WINDOWS.index(window) - 1]
        drawn = asyncio.get_running_loop().create_future()
        profiler = cProfile.Profile() if profile else None
        started = time.perf_counter()
        if profiler:
            profiler.enable()
        await pilot.press("p")
        screen.call_after_refresh(drawn.set_result, None)
        await drawn
        if profiler:
            profiler.disable()
        took = time.perf_counter() - started
        assert screen.window == window and screen.trends is not None, screen.window
        weeks = len(screen.trends.weeks)
    if profiler:
        stats = pstats.Stats(profiler)
        stats.sort_stats("cumulative").print_stats(40)
        stats.sort_stats("tottime").print_stats(25)
    print(took, weeks)
asyncio.run(main())
"""


def _action(store: str, period: str, scope: str, profile: bool = False) -> tuple[float, str]:
    """Seconds the action took in a fresh process, and what the process printed."""
    done = subprocess.run(
        [sys.executable, "-c", TRENDS, store, period, scope, "1" if profile else "0"],
        check=True,
        env=_env(),
        capture_output=True,
        text=True,
    )
    took, _weeks = done.stdout.split()[-2:]
    return float(took), done.stdout


def _stores(root: Path) -> dict[str, str]:
    """The 1-year and 10-year stores under ``root``, built unless already there."""
    stores = {}
    for name, years in (("1y", 1), ("10y", 10)):
        built = root / f"{name}.built"  # written once the import has finished
        if not built.exists():
            shutil.rmtree(root / name, ignore_errors=True)
            _build_store(root, name, history_years(years))
            built.touch()
        stores[f"trends {name}"] = str(root / name)
    return stores


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.trends", description=__doc__)
    parser.add_argument("--period", choices=sorted(TARGETS), default="12")
    parser.add_argument("--scope", choices=("me", "everyone"), default="me")
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--stores", type=Path, help="keep and reuse the stores in this folder")
    parser.add_argument("--profile", action="store_true", help="cProfile the 10-year action")
    args = parser.parse_args(argv)
    root = args.stores or Path(tempfile.mkdtemp(prefix="stratui-trends-"))
    root.mkdir(parents=True, exist_ok=True)
    try:
        stores = _stores(root)
        if args.profile:
            print(_action(stores["trends 10y"], args.period, args.scope, profile=True)[1])
            return 0
        for store in stores.values():  # check, and warm up: bytecode, page cache
            _action(store, args.period, args.scope)
        samples: dict[str, list[float]] = {name: [] for name in stores}
        for _ in range(args.rounds):
            for name, store in stores.items():
                samples[name].append(_action(store, args.period, args.scope)[0])
    finally:
        if args.stores is None:
            shutil.rmtree(root, ignore_errors=True)
    median = {name: statistics.median(times) * 1000 for name, times in samples.items()}
    print(f"\nperiod {args.period}, scope {args.scope}: medians over {args.rounds} rounds (ms):")
    for name, value in median.items():
        print(f"  {name:12s} {value:7.1f}")
    ratio = median["trends 10y"] / median["trends 1y"]
    target = TARGETS[args.period]
    verdict = "ok" if ratio <= target else "OVER"
    print(f"\ntrends 10y / trends 1y       {ratio:5.2f}  <= {target}  {verdict}")
    return 0 if ratio <= target else 1


if __name__ == "__main__":
    raise SystemExit(main())
