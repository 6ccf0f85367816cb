"""The trends screen (12-week window) on ten years of history against one year, side by side.

    python -m benchmarks.trends [--rounds 7]

Each run is a fresh process of the same interpreter: the app starts headless on the
store, switches to the trends screen (key 6, its default 12-week window, scope "me"),
and exits after the first refresh that drew it. The figure is the ratio of the medians
of the 10-year store over the 1-year store (10 people each; target <= 1.5).
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import tempfile
from pathlib import Path

from benchmarks.run import _build_store
from benchmarks.startup import _time
from stratui.demo import history_years

TARGET = 1.5

TRENDS = """
import sys
from stratui.clock import Clock
from stratui.usecases.workspace import Workspace
from stratui.store.store import Store
from stratui.ui.app import StratuiApp
class Timed(StratuiApp):
    weeks = 0
    async def on_mount(self):
        super().on_mount()
        await self.switch_mode("trends")
        self.call_after_refresh(self.drawn)
    def drawn(self):
        self.weeks = len(self.screen.trends.weeks)
        self.exit()
app = Timed(Workspace(Store.at(sys.argv[1]), Clock.from_env()), poll=None)
app.run(headless=True, size=(120, 35))
assert app.weeks == 12, app.weeks
"""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.trends", description=__doc__)
    parser.add_argument("--rounds", type=int, default=7)
    args = parser.parse_args(argv)
    root = Path(tempfile.mkdtemp(prefix="stratui-trends-"))
    try:
        stores = {
            "trends 1y": str(_build_store(root, "1y", history_years(1))),
            "trends 10y": str(_build_store(root, "10y", history_years(10))),
        }
        for store in stores.values():  # check, and warm up: bytecode, page cache
            _time(TRENDS, store)
        samples: dict[str, list[float]] = {name: [] for name in stores}
        for _ in range(args.rounds):
            for name, store in stores.items():
                samples[name].append(_time(TRENDS, store))
    finally:
        shutil.rmtree(root, ignore_errors=True)
    median = {name: statistics.median(times) * 1000 for name, times in samples.items()}
    print(f"\nmedians over {args.rounds} rounds (ms):")
    for name, value in median.items():
        print(f"  {name:12s} {value:7.1f}")
    ratio = median["trends 10y"] / median["trends 1y"]
    verdict = "ok" if ratio <= TARGET else "OVER"
    print(f"\ntrends 10y / trends 1y       {ratio:5.2f}  <= {TARGET}  {verdict}")
    return 0 if ratio <= TARGET else 1


if __name__ == "__main__":
    raise SystemExit(main())
