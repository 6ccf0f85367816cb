"""``stratui report`` on ten years of history against one year, side by side.

    python -m benchmarks.report [--rounds 15] [--keep DIR]

The figure of the trends issue: ``stratui report --format json`` (the default 4-week
window, everyone's figures) on a 10-year, 10-person store, over the same command on a
1-year store; target <= 1.5. The report reads only the shards its window needs, except
the roadblocks (one raised years ago may still be open), so the ratio shows what the
years of history still cost.

As in :mod:`benchmarks.run`: the stores are built with ``stratui import`` from
:func:`stratui.demo.history_years`; each round runs both commands once, in the same
order, each in a fresh process; the figure is the ratio of the medians. A check run
first makes sure both commands succeed and print a report of the same shape.
"""

from __future__ import annotations

import json
import shutil
import statistics
import subprocess
from pathlib import Path

from benchmarks.run import _build_store, _env, _stratui, _time, bench_arguments
from stratui.demo import history_years

TARGET = 1.5


def _report(store: Path) -> list[str]:
    return [_stratui(), "--db", str(store), "report", "--format", "json"]


def main(argv: list[str] | None = None) -> int:
    args, root = bench_arguments("python -m benchmarks.report", __doc__, "stratui-report-", argv)
    env = _env()
    try:
        print(f"building stores under {root}", flush=True)
        stores = {
            "report 1y": _build_store(root, "1y", history_years(1)),
            "report 10y": _build_store(root, "10y", history_years(10)),
        }
        for name, store in stores.items():  # check, and warm up: bytecode, page cache
            done = subprocess.run(
                _report(store), check=True, env=env, capture_output=True, text=True
            )
            document = json.loads(done.stdout)
            print(f"  {name}: window {document['window']}, say/do {document['say_do']}")
        samples: dict[str, list[float]] = {name: [] for name in stores}
        for _ in range(args.rounds):
            for name, store in stores.items():
                samples[name].append(_time(_report(store), env))
    finally:
        if not args.keep:
            shutil.rmtree(root, ignore_errors=True)
    median = {name: statistics.median(times) * 1000 for name, times in samples.items()}
    print(f"\nmedians over {args.rounds} rounds (ms):")
    for name, value in median.items():
        print(f"  {name:12s} {value:7.1f}")
    ratio = median["report 10y"] / median["report 1y"]
    verdict = "ok" if ratio <= TARGET else "OVER"
    print(f"\nreport 10y / report 1y       {ratio:5.2f}  <= {TARGET}  {verdict}")
    return 0 if ratio <= TARGET else 1


if __name__ == "__main__":
    raise SystemExit(main())
