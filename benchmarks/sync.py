"""``stratui sync`` on a 10-year store vs a 1-year store, timed side by side in one run.

    python -m benchmarks.sync [--rounds 7] [--keep DIR] [--people 10] [--profile FILE]

For each history (1 and 10 years of a ``--people``-strong team, from
:func:`stratui.demo.history_years`), a bare repository and two clones set up as the README
says (``stratui sync setup``, then ``stratui sync``): ``ana`` and ``ben``. Each round, for
each history in turn:

- **receive one**: ana logs a commitment and syncs; ben runs ``stratui sync`` (timed);
- **both changed**: ben logs one, ana logs one and syncs; ben runs ``stratui sync``
  (timed: a true merge, the driver merging the shard both sides changed).

- **merge driver**: what git runs for each file both sides changed
  (``python -P -m stratui merge-driver O A B PATH``), on copies of the current quarter's
  commitments shard: its cost depends on that file only.

Every command is a fresh process; the figure is the ratio of the 10-year median to the
1-year median. ``--profile FILE`` then runs one more 10-year receive under cProfile and
prints where its time went (the profile is kept in ``FILE``).
"""

from __future__ import annotations

import argparse
import os
import pstats
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.run import _build_store, _env, _stratui
from stratui.demo import history_years

TARGETS = {
    "receive one 10y / receive one 1y": 1.5,
    "merge driver 10y / merge driver 1y": 1.5,
}


def _git_env(root: Path) -> dict[str, str]:
    """The benchmark's environment with git's identity pinned and no global settings."""
    home = root / "home"
    home.mkdir(parents=True, exist_ok=True)
    (home / ".gitconfig").write_text("[init]\n\tdefaultBranch = main\n", encoding="utf-8")
    env = {k: v for k, v in _env().items() if not k.startswith("GIT_")}
    env.update(
        HOME=str(home),
        XDG_CONFIG_HOME=str(home / ".config"),
        GIT_CONFIG_NOSYSTEM="1",
        GIT_TERMINAL_PROMPT="0",
        GIT_AUTHOR_NAME="Bench",
        GIT_AUTHOR_EMAIL="bench@example.com",
        GIT_COMMITTER_NAME="Bench",
        GIT_COMMITTER_EMAIL="bench@example.com",
    )
    return env


class _Clone:
    """One person's clone of a team repository, its store in ``<clone>/store``."""

    def __init__(self, path: Path, me: str, env: dict[str, str]) -> None:
        self.path, self.store = path, path / "store"
        self.env = {**env, "STRATUI_ME": me}

    def command(self, *args: str) -> list[str]:
        return [_stratui(), "--db", str(self.store), *args]

    def run(self, *args: str) -> float:
        """Run ``stratui ARGS`` (it must succeed); the seconds it took."""
        started = time.perf_counter()
        subprocess.run(self.command(*args), check=True, env=self.env, stdout=subprocess.DEVNULL)
        return time.perf_counter() - started


def _time_driver(clone: _Clone, scratch: Path) -> float:
    """Seconds of one merge-driver run on the current quarter's commitments shard."""
    rel = "store/commitments/2026-Q4.json"
    sides = [scratch / name for name in ("base", "ours", "theirs")]
    for side in sides:
        shutil.copyfile(clone.path / rel, side)
    command = [sys.executable, "-P", "-m", "stratui", "merge-driver", *map(str, sides), rel]
    started = time.perf_counter()
    subprocess.run(command, check=True, env=clone.env, cwd=clone.path)
    return time.perf_counter() - started


def _team(root: Path, name: str, years: int, people: int, env: dict[str, str]):
    """A bare repository holding a ``years`` history and two clones of it: (ana, ben)."""
    team = root / name
    team.mkdir()
    remote = team / "remote.git"
    subprocess.run(["git", "init", "-q", "--bare", str(remote)], check=True, env=env)
    clones = []
    for me in ("ana", "ben"):
        subprocess.run(["git", "clone", "-q", str(remote), str(team / me)], check=True, env=env)
        clones.append(_Clone(team / me, me, env))
    ana, ben = clones
    built = _build_store(team, "history", history_years(years, people=people))
    shutil.move(str(built), str(ana.store))
    ana.run("sync", "setup")
    ana.run("sync")
    ben.run("sync", "setup")
    ben.run("sync")
    return ana, ben


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.sync", description=__doc__)
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--keep", type=Path, help="build the clones here and keep them")
    parser.add_argument("--people", type=int, default=10, help="the team's size (10)")
    parser.add_argument("--profile", type=Path, help="cProfile one more 10y receive here")
    args = parser.parse_args(argv)
    root = args.keep or Path(tempfile.mkdtemp(prefix="stratui-bench-sync-"))
    root.mkdir(parents=True, exist_ok=True)
    env = _git_env(root)
    print(f"building clones under {root}", flush=True)
    teams = {
        label: _team(root, label, years, args.people, env)
        for label, years in (("1y", 1), ("10y", 10))
    }
    samples: dict[str, list[float]] = {
        f"{case} {label}": []
        for case in ("receive one", "both changed", "merge driver")
        for label in teams
    }
    for index in range(args.rounds):
        for label, (ana, ben) in teams.items():
            ana.run("log", f"benchmark {index}")
            ana.run("sync")
            samples[f"receive one {label}"].append(ben.run("sync"))
            ben.run("log", f"ben's {index}")
            ana.run("log", f"ana's {index}")
            ana.run("sync")
            samples[f"both changed {label}"].append(ben.run("sync"))
            ana.run("sync")  # takes ben's: the next round starts level
            samples[f"merge driver {label}"].append(_time_driver(ben, root))
    median = {name: statistics.median(times) * 1000 for name, times in samples.items()}
    print(f"\nmedians over {args.rounds} rounds (ms), {args.people} people:")
    for name, value in median.items():
        print(f"  {name:20s} {value:7.1f}")
    print("\nfigure                               ratio  target")
    failed = False
    for case in ("receive one", "both changed", "merge driver"):
        figure = f"{case} 10y / {case} 1y"
        ratio = median[f"{case} 10y"] / median[f"{case} 1y"]
        target = TARGETS.get(figure)
        verdict = "" if target is None else f"<= {target}  " + ("ok" if ratio <= target else "OVER")
        failed |= target is not None and ratio > target
        print(f"  {figure:35s} {ratio:5.2f}  {verdict}")
    if args.profile:
        ana, ben = teams["10y"]
        ana.run("log", "profiled")
        ana.run("sync")
        profiler = [sys.executable, "-m", "cProfile", "-o", str(args.profile), "-m", "stratui"]
        subprocess.run(
            [*profiler, "--db", str(ben.store), "sync"],
            check=True,
            env=ben.env,
            stdout=subprocess.DEVNULL,
        )
        print(f"\n10y receive under cProfile ({args.profile}):")
        pstats.Stats(str(args.profile)).sort_stats("cumulative").print_stats(18)
    if not args.keep:
        shutil.rmtree(root, ignore_errors=True)
    return 1 if failed else 0


if __name__ == "__main__":
    os.environ.setdefault("PYTHONHASHSEED", "0")
    raise SystemExit(main())
