"""``stratui due`` against ``stratui log``, ``stratui list`` and ``python -c pass``, side by side.

    python -m benchmarks.due [--rounds 21] [--years 2]

``due`` is meant for a shell prompt and cron, so it should cost what ``log`` costs. Each
round runs the four commands, interleaved, each in a fresh process of the same
interpreter, on one store (a ``--years`` history of a 10-person team, me = ana, today
pinned): ``stratui due`` (exit 3 counts as success: something is due), ``stratui log``
writing a commitment, ``stratui list`` reading this week's, and ``python -c pass`` (the
interpreter's own start). It prints each median and its ratio to ``python -c pass`` and
to ``log``; the figure to watch is ``due / log`` (about 1).
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

from benchmarks.run import _build_store, _env, _stratui
from stratui.demo import history_years


def _time(argv: list[str], ok: tuple[int, ...] = (0,)) -> float:
    started = time.perf_counter()
    done = subprocess.run(argv, env=_env(), stdout=subprocess.DEVNULL, check=False)
    elapsed = time.perf_counter() - started
    if done.returncode not in ok:
        raise SystemExit(f"{' '.join(argv)} exited with {done.returncode}")
    return elapsed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.due", description=__doc__)
    parser.add_argument("--rounds", type=int, default=21)
    parser.add_argument("--years", type=int, default=2)
    args = parser.parse_args(argv)
    root = Path(tempfile.mkdtemp(prefix="stratui-due-"))
    try:
        store = str(_build_store(root, f"{args.years}y", history_years(args.years)))
        stratui = [_stratui(), "--db", store]
        commands = {
            "python -c pass": ([sys.executable, "-c", "pass"], (0,)),
            "stratui log": ([*stratui, "log", "Benchmark a prompt"], (0,)),
            "stratui list": ([*stratui, "list"], (0,)),
            "stratui due": ([*stratui, "due"], (0, 3)),
        }
        for command, ok in commands.values():  # warm-up: bytecode, page cache, summaries
            _time(command, ok)
        times: dict[str, list[float]] = {name: [] for name in commands}
        for _ in range(args.rounds):
            for name, (command, ok) in commands.items():
                times[name].append(_time(command, ok))
    finally:
        shutil.rmtree(root, ignore_errors=True)
    medians = {name: statistics.median(found) * 1000 for name, found in times.items()}
    bare, log = medians["python -c pass"], medians["stratui log"]
    print(f"{args.rounds} rounds, interleaved, fresh processes ({args.years}-year store):")
    for name, median in medians.items():
        ratios = f"x{median / bare:4.2f} python  x{median / log:4.2f} log"
        print(f"  {name:<15} {median:6.0f} ms  {ratios}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
