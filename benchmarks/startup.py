"""Cold start of the TUI to its dashboard, against a minimal Textual app, side by side.

    python -m benchmarks.startup [--rounds 21]

Both run headless in a fresh process of the same interpreter: the minimal app exits in
``on_mount``; stratui opens its dashboard on a 10-year, 10-person store and exits after
the first refresh that drew it. The figure is the ratio of the medians (target <= 1.5).

A third line times stratui without its shard summaries (``.stratui/digests``, removed
before each of those runs), as on the first start after a sync changed every shard: it
reads every roadblock shard and rebuilds them.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.run import _build_store, _env
from stratui.demo import history_years

MINIMAL = """
from textual.app import App
class Minimal(App):
    def on_mount(self):
        self.exit()
Minimal().run(headless=True, size=(120, 35))
"""

STRATUI = """
import sys
from stratui.clock import Clock
from stratui.usecases.workspace import Workspace
from stratui.store.store import Store
from stratui.ui.app import StratuiApp
class Timed(StratuiApp):
    rows = 0
    def on_mount(self):
        super().on_mount()
        self.call_after_refresh(self.drawn)
    def drawn(self):
        self.rows = len(self.screen.query_one("#week").rows)
        self.exit()
app = Timed(Workspace(Store.at(sys.argv[1]), Clock.from_env()), poll=None)
app.run(headless=True, size=(120, 35))
assert app.rows, "the dashboard showed no commitments"
"""

# The same, after removing the local shard summaries (a first start after a sync).
UNSUMMARISED = (
    "import shutil, sys\n"
    "shutil.rmtree(sys.argv[1] + '/.stratui/digests', ignore_errors=True)\n" + STRATUI
)


def _time(code: str, *args: str) -> float:
    started = time.perf_counter()
    subprocess.run([sys.executable, "-c", code, *args], check=True, env=_env())
    return time.perf_counter() - started


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.startup", description=__doc__)
    parser.add_argument("--rounds", type=int, default=21)
    args = parser.parse_args(argv)
    root = Path(tempfile.mkdtemp(prefix="stratui-startup-"))
    try:
        store = str(_build_store(root, "10y", history_years(10)))
        _time(MINIMAL), _time(STRATUI, store)  # warm-up: bytecode, page cache, manifest
        minimal, stratui, unsummarised = [], [], []
        for _ in range(args.rounds):
            minimal.append(_time(MINIMAL))
            stratui.append(_time(STRATUI, store))
            unsummarised.append(_time(UNSUMMARISED, store))
    finally:
        shutil.rmtree(root, ignore_errors=True)
    low, high = statistics.median(minimal) * 1000, statistics.median(stratui) * 1000
    first = statistics.median(unsummarised) * 1000
    ratio = high / low
    print(f"minimal Textual app: {low:.0f} ms; stratui to its dashboard (10 years): {high:.0f} ms")
    print(f"ratio {ratio:.2f} (target <= 1.5) {'ok' if ratio <= 1.5 else 'OVER'}")
    print(f"without shard summaries (first start after a sync): {first:.0f} ms, {first / low:.2f}")
    return 0 if ratio <= 1.5 else 1


if __name__ == "__main__":
    raise SystemExit(main())
