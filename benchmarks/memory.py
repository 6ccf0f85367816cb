"""Peak memory and time of the commands that read the whole store, 50 people against 1 year.

    python -m benchmarks.memory [--rounds 3] [--data benchmarks/data]

Two stores: one year of a 10-person team, and ten years of a 50-person organisation
(five teams), both from :func:`stratui.demo.history_years` with its fixed seed. Each is
built once with ``stratui import`` and kept under ``--data`` (``benchmarks/data`` is not
committed): the large one takes minutes to build.

Each round runs ``stratui export --format json --out FILE``, ``stratui list --all --json``
and ``stratui check`` on each store, each in a fresh process, in the same order; a
process's peak resident memory and CPU time (user + system) are its own (``os.wait4``):
CPU rather than wall time, as the machines here are shared. The figures are the ratios
of the medians, 50 people over 1 year: memory must stay within 2x (constant in the size
of the store); time is shown for the record.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from benchmarks.run import _build_store, _env
from stratui.demo import history_years

DEFAULT_DATA = Path(__file__).resolve().parent / "data"
MEMORY_TARGET = 2.0
"""Peak memory on 10 years of 50 people at most this many times that on 1 year."""

STORES = {"1y": (1, 10), "50p": (10, 50)}
"""Store name -> (years, people)."""


def _store(data: Path | str, name: str) -> Path:
    """The store ``name`` under ``data``, built the first time it is asked for."""
    data = Path(data)
    years, people = STORES[name]
    folder = f"store-{years}y-{people}p"
    store = data / folder
    if not (store / "stratui-store.json").exists():
        print(f"  building {folder} ({years} years, {people} people)...", flush=True)
        data.mkdir(parents=True, exist_ok=True)
        built = _build_store(data, folder, history_years(years, people=people))
        (data / f"{folder}.json").unlink(missing_ok=True)  # the source document
        return built
    return store


def _run(command: list[str]) -> tuple[float, float]:
    """Run ``command`` to completion; its CPU seconds and peak resident MiB."""
    process = subprocess.Popen(
        command, env=_env(), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    _, status, usage = os.wait4(process.pid, 0)
    seconds = usage.ru_utime + usage.ru_stime
    process.returncode = os.waitstatus_to_exitcode(status)
    error = process.stderr.read().decode() if process.stderr else ""
    if process.stderr:
        process.stderr.close()
    if process.returncode != 0:
        raise SystemExit(f"{' '.join(command)} exited {process.returncode}: {error}")
    return seconds, usage.ru_maxrss / 1024  # KiB on Linux


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.memory", description=__doc__)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="where stores are kept")
    args = parser.parse_args(argv)
    for name in STORES:  # built in a child: a parent grown by a 50-person history would
        # pass its peak to every child it forks (Linux keeps ru_maxrss across exec)
        build = f"from benchmarks.memory import _store; _store({str(args.data)!r}, {name!r})"
        subprocess.run([sys.executable, "-c", build], check=True, env=_env())
    stores = {name: _store(args.data, name) for name in STORES}
    out = Path(tempfile.mkdtemp(prefix="stratui-memory-")) / "export.json"
    stratui = [sys.executable, "-m", "stratui"]
    commands = {
        "export": ["export", "--format", "json", "--out", str(out)],
        "list --all --json": ["list", "--all", "--json"],
        "check": ["check"],
    }
    runs = {
        (what, name): [*stratui, "--db", str(store), *arguments]
        for what, arguments in commands.items()
        for name, store in stores.items()
    }
    for command in runs.values():  # warm-up: bytecode, page cache, local caches
        _run(command)
    samples: dict[tuple[str, str], list[tuple[float, float]]] = {key: [] for key in runs}
    for _ in range(args.rounds):
        for key, command in runs.items():
            samples[key].append(_run(command))
    out.unlink(missing_ok=True)
    out.parent.rmdir()

    seconds = {k: statistics.median(s for s, _ in v) for k, v in samples.items()}
    mib = {k: statistics.median(m for _, m in v) for k, v in samples.items()}
    print(f"\nmedians over {args.rounds} rounds; 1y = 1 year of 10 people, 50p = 10 years of 50")
    print(
        f"  {'command':20s} {'1y cpu':>7s} {'50p cpu':>7s} {'ratio':>6s}"
        f" {'1y MiB':>8s} {'50p MiB':>8s} {'ratio':>6s}  target"
    )
    failed = False
    for what in commands:
        small, large = (what, "1y"), (what, "50p")
        time_ratio = seconds[large] / seconds[small]
        memory_ratio = mib[large] / mib[small]
        verdict = "ok" if memory_ratio <= MEMORY_TARGET else "OVER"
        failed |= memory_ratio > MEMORY_TARGET
        print(
            f"  {what:20s} {seconds[small]:7.2f} {seconds[large]:7.2f} {time_ratio:6.1f}"
            f" {mib[small]:8.1f} {mib[large]:8.1f} {memory_ratio:6.2f}"
            f"  memory <= {MEMORY_TARGET} {verdict}"
        )
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
