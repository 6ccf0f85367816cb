"""The figures of the core issue, as ratios of commands timed side by side in one run.

    python -m benchmarks.run [--rounds 15] [--keep DIR]

Machines here are shared and noisy, so no absolute time is judged: each round runs every
command once, in the same order, and each figure is the ratio of two medians over the
rounds. Every command is a fresh process, as a user runs it.

- ``stratui log`` on a store of ~10k commitments vs Taskwarrior's ``task add`` on a
  10k-task database (Debian package ``taskwarrior``; skipped with a note if absent);
- ``stratui log`` and ``stratui list --week`` on a 10-year store vs a 1-year store;
- ``stratui log`` on an empty store vs ``python -c pass``;
- the seconds ``stratui import`` takes for a 10-year history of a 10-person team.

The stores are built with ``stratui import`` from :mod:`stratui.demo` documents (the
same generator as ``benchmarks.generate``), under a temporary directory.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

from stratui.demo import BENCHMARK_TODAY, generate_history, history_years

TARGETS = {
    "log 10k / task add 10k": 1.5,
    "log 10y / log 1y": 1.5,
    "list week 10y / list week 1y": 1.5,
    "log empty / python -c pass": 4.0,
}


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # a real install has its bytecode compiled
    env["STRATUI_TODAY"] = BENCHMARK_TODAY.isoformat()
    env["STRATUI_ME"] = "ana"
    return env


def _stratui() -> str:
    script = Path(sys.executable).parent / "stratui"
    return str(script) if script.exists() else "stratui"


def _build_store(root: Path, name: str, document: dict | None) -> Path:
    store = root / name
    if document is not None:
        source = root / f"{name}.json"
        source.write_text(json.dumps(document), encoding="utf-8")
        started = time.perf_counter()
        subprocess.run(
            [_stratui(), "--db", str(store), "import", str(source)],
            check=True,
            env=_env(),
            stdout=subprocess.DEVNULL,
        )
        print(f"  {name}: imported in {time.perf_counter() - started:.1f} s", flush=True)
    return store


def _taskwarrior(root: Path, tasks: int) -> dict[str, str] | None:
    """A Taskwarrior data folder with ``tasks`` tasks (a third completed), or None."""
    if shutil.which("task") is None:
        return None
    data = root / "taskwarrior"
    data.mkdir()
    rc = data / "taskrc"
    rc.write_text(f"data.location={data}\nconfirmation=off\nverbose=nothing\n")
    rows = []
    for index in range(tasks):
        row = {
            "uuid": str(uuid.UUID(int=index + 1)),
            "description": f"task number {index}",
            "status": "completed" if index % 3 == 0 else "pending",
            "entry": "20260101T090000Z",
        }
        if index % 3 == 0:
            row["end"] = "20260102T090000Z"
        rows.append(row)
    source = data / "tasks.json"
    source.write_text(json.dumps(rows))
    env = {**os.environ, "TASKRC": str(rc), "TASKDATA": str(data)}
    subprocess.run(
        ["task", "import", str(source)],
        check=True,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    return env


def _time(command: list[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    subprocess.run(command, check=True, env=env, stdout=subprocess.DEVNULL)
    return time.perf_counter() - started


def bench_arguments(
    prog: str, description: str | None, prefix: str, argv: list[str] | None
) -> tuple[argparse.Namespace, Path]:
    """A benchmark's ``--rounds`` and ``--keep DIR`` options, and the directory its stores
    are built in: ``--keep``'s, else a new temporary one named ``prefix...``."""
    parser = argparse.ArgumentParser(prog=prog, description=description)
    parser.add_argument("--rounds", type=int, default=15)
    parser.add_argument("--keep", type=Path, help="build the stores here and keep them")
    args = parser.parse_args(argv)
    root = args.keep or Path(tempfile.mkdtemp(prefix=prefix))
    root.mkdir(parents=True, exist_ok=True)
    return args, root


def main(argv: list[str] | None = None) -> int:
    args, root = bench_arguments("python -m benchmarks.run", __doc__, "stratui-bench-", argv)
    env = _env()
    stratui = _stratui()
    print(f"building stores under {root}", flush=True)
    empty = _build_store(root, "empty", None)
    ten_k = _build_store(
        root, "10k", generate_history(people=10, weeks=200, today=BENCHMARK_TODAY, seed=11)
    )
    one_year = _build_store(root, "1y", history_years(1))
    started = time.perf_counter()
    ten_years = _build_store(root, "10y", history_years(10))
    import_seconds = time.perf_counter() - started
    counted = subprocess.run(
        [stratui, "--db", str(ten_k), "list", "--all", "--json"],
        check=True,
        env=env,
        capture_output=True,
        text=True,
    )
    commitments_10k = len(json.loads(counted.stdout))
    tw_env = _taskwarrior(root, 10_000)
    week = "2026-W47"
    commands = {
        "python -c pass": ([sys.executable, "-c", "pass"], env),
        "log empty": ([stratui, "--db", str(empty), "log", "benchmark"], env),
        "log 10k": ([stratui, "--db", str(ten_k), "log", "benchmark"], env),
        "log 1y": ([stratui, "--db", str(one_year), "log", "benchmark"], env),
        "log 10y": ([stratui, "--db", str(ten_years), "log", "benchmark"], env),
        "list week 1y": ([stratui, "--db", str(one_year), "list", "--week", week], env),
        "list week 10y": ([stratui, "--db", str(ten_years), "list", "--week", week], env),
    }
    if tw_env is not None:
        commands["task add 10k"] = (["task", "add", "benchmark"], tw_env)
    for command, command_env in commands.values():  # warm-up: bytecode, page cache
        _time(command, command_env)
    samples: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(args.rounds):
        for name, (command, command_env) in commands.items():
            samples[name].append(_time(command, command_env))
    median = {name: statistics.median(times) * 1000 for name, times in samples.items()}

    print(f"\nmedians over {args.rounds} rounds (ms), {commitments_10k} commitments in '10k':")
    for name, value in median.items():
        print(f"  {name:16s} {value:7.1f}")
    print("\nfigure                          ratio  target")
    failed = False
    for figure, target in TARGETS.items():
        top, bottom = (part.strip() for part in figure.split("/"))
        if top not in median or bottom not in median:
            print(f"  {figure:30s}   n/a   <= {target}  (Taskwarrior not installed)")
            continue
        ratio = median[top] / median[bottom]
        verdict = "ok" if ratio <= target else "OVER"
        failed |= ratio > target
        print(f"  {figure:30s} {ratio:5.2f}  <= {target}  {verdict}")
    print(f"  import of 10 years            {import_seconds:5.1f} s  (well under 60 s)")
    if not args.keep:
        shutil.rmtree(root, ignore_errors=True)
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
