"""Reading the look-back's suggestions for a week, against the reads it cannot avoid,
side by side.

    python -m benchmarks.lookback [--rounds 21] [--commits 20000]

One repository of ``--commits`` commits over two years by two people (built with ``git
fast-import``), a ``task export`` of 2,000 tasks and a ``gh`` list of 1,000 issues, all
named in a ``[lookback]`` section. Each round times, in this process, the whole read of
one week's suggestions (the config read, ``git config user.email`` and ``git log`` run,
both files parsed, every entry checked and the week's kept) and the bare floor: the same
two git commands and ``json.loads`` of the two files. The figure is the ratio of the
medians, what stratui's checking and filtering add to that floor (target <= 3).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import shutil
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

from stratui.exchange.suggestions import git_log_args
from stratui.usecases.lookback import week_suggestions

PERIOD = "2026-W47"
START = dt.datetime(2024, 11, 25, 9, tzinfo=dt.UTC)
PEOPLE = (("Ana", "ana@example.org"), ("Bo", "bo@example.org"))


def _repo(folder: Path, commits: int) -> None:
    """``commits`` empty commits, alternating authors, about one an hour from START."""
    subprocess.run(["git", "init", "-q", "-b", "main", str(folder)], check=True)
    subprocess.run(["git", "-C", str(folder), "config", "user.email", PEOPLE[0][1]], check=True)
    step = (dt.datetime(2026, 11, 29, tzinfo=dt.UTC) - START) / commits
    lines = []
    for number in range(commits):
        name, email = PEOPLE[number % 2]
        when = int((START + number * step).timestamp())
        message = f"Change {number}: tidy the module".encode()
        lines += [
            b"commit refs/heads/main",
            f"author {name} <{email}> {when} +0000".encode(),
            f"committer {name} <{email}> {when} +0000".encode(),
            f"data {len(message)}".encode(),
            message,
        ]
    subprocess.run(
        ["git", "-C", str(folder), "fast-import", "--quiet"],
        input=b"\n".join(lines) + b"\n",
        check=True,
    )


def _files(folder: Path) -> None:
    stamp = "%Y%m%dT%H%M%SZ"
    tasks = []
    for number in range(2000):
        moment = (START + dt.timedelta(hours=8 * number)).strftime(stamp)
        tasks.append(
            {
                "uuid": f"00000000-0000-4000-8000-{number:012d}",
                "description": f"Task {number}",
                "status": "completed" if number % 3 else "pending",
                "entry": moment,
                "modified": moment,
                **({"end": moment} if number % 3 else {}),
            }
        )
    (folder / "tasks.json").write_text(json.dumps(tasks), encoding="utf-8")
    issues = [
        {
            "number": number,
            "title": f"Issue {number}",
            "state": "CLOSED",
            "closedAt": (START + dt.timedelta(hours=17 * number)).isoformat(),
        }
        for number in range(1000)
    ]
    (folder / "gh.json").write_text(json.dumps(issues), encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.lookback", description=__doc__)
    parser.add_argument("--rounds", type=int, default=21)
    parser.add_argument("--commits", type=int, default=20000)
    args = parser.parse_args(argv)
    root = Path(tempfile.mkdtemp(prefix="stratui-lookback-"))
    previous = os.environ.get("STRATUI_CONFIG_DIR")
    try:
        repo = root / "repo"
        _repo(repo, args.commits)
        _files(root)
        (root / "config.toml").write_text(
            f'[lookback]\ngit = ["{repo}"]\ntaskwarrior = "tasks.json"\ngithub = ["gh.json"]\n',
            encoding="utf-8",
        )
        os.environ["STRATUI_CONFIG_DIR"] = str(root)
        git = ["git", "-C", str(repo)]

        def floor() -> None:
            subprocess.run([*git, "config", "user.email"], check=True, capture_output=True)
            subprocess.run(
                [*git, *git_log_args(PEOPLE[0][1], PERIOD)], check=True, capture_output=True
            )
            for name in ("tasks.json", "gh.json"):
                json.loads((root / name).read_text(encoding="utf-8"))

        found = week_suggestions(PERIOD)  # warm-up: page cache, imports
        assert not found.problems, found.problems
        reads, logs = [], []
        for _ in range(args.rounds):
            started = time.perf_counter()
            week_suggestions(PERIOD)
            reads.append(time.perf_counter() - started)
            started = time.perf_counter()
            floor()
            logs.append(time.perf_counter() - started)
        read, log = statistics.median(reads), statistics.median(logs)
        print(f"suggestions of {PERIOD}: {len(found.found)} from {args.commits} commits, "
              "2000 tasks, 1000 issues")  # fmt: skip
        print(f"week_suggestions  median {read * 1000:7.1f} ms")
        print(f"git + json floor  median {log * 1000:7.1f} ms")
        print(f"ratio {read / log:.2f} (target <= 3)")
        return 0 if read / log <= 3 else 1
    finally:
        if previous is None:
            os.environ.pop("STRATUI_CONFIG_DIR", None)
        else:
            os.environ["STRATUI_CONFIG_DIR"] = previous
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    raise SystemExit(main())
