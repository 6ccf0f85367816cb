"""The long fuzz run of issue 17: many hostile commands and import documents, counted.

    python -m benchmarks.fuzz [--cli 10000] [--imports 2000] [--jobs N] [--seed 1] [--far]

Each command runs in this process, as ``stratui.cli.main`` with its output captured (as
``tests/cli/conftest.py``'s ``cli`` fixture does), on a store seeded with
``tests/cli/_support.py``'s document and renewed every few hundred commands; the
commands are :func:`benchmarks.fuzz_cases.invocations`. With ``--far`` the store also
holds the records of ``tests/_far_dates.py``: dates and weeks outside the supported
years, as an older stratui may have left them, which every command must survive. Each
import document is :func:`benchmarks.fuzz_cases.documents` of a small demo history,
imported into a fresh store or into a store that keeps the earlier imports.

Counted, and every count but the exit codes should be 0:

- **tracebacks**: an exception out of ``main``, or a traceback on stderr;
- **odd exit codes**: anything but 0, 1 and 2;
- **refused but changed**: exit 2, yet a file of the store (outside ``.stratui/``) is not
  byte for byte what it was;
- **accepted but broke later**: after an accepted change (exit 0), ``export --format
  md``, ``check`` or ``goal list`` fails. ``check`` reporting only records that name no
  person is counted apart: an import may bring such records (the format does not
  require their people), and ``check`` is where they are meant to be reported; so is
  ``check`` naming only the far records that ``--far`` put there.

The work is split over ``--jobs`` processes, each with its own seed; the first cases of
each kind are printed to reproduce them.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import hashlib
import io
import json
import multiprocessing
import os
import shutil
import sys
import tempfile
import time
import traceback
from collections import Counter
from pathlib import Path

from benchmarks.fuzz_cases import READERS
from tests._far_dates import far_records
from tests.cli._support import seed_document

TODAY = "2026-11-22"
RENEW_EVERY = 400  # commands on one store before a fresh one: the store stays small
SHOWN = 5  # cases of each kind kept to print


def _fingerprint(store: Path) -> dict[str, str] | None:
    """SHA-256 of every store file outside ``.stratui/``; None when there is no store."""
    if not store.exists():
        return None
    return {
        str(path.relative_to(store)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(store.rglob("*"))
        if path.is_file() and path.relative_to(store).parts[0] != ".stratui"
    }


def _run(store: Path, argv: list[str] | tuple[str, ...]) -> tuple[object, str]:
    """``stratui --db STORE ARGV`` in this process: (exit code or "traceback", stderr)."""
    from stratui import cli

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code: object = cli.main(["--db", str(store), *argv])
        except SystemExit as stop:
            code = 0 if stop.code is None else stop.code if isinstance(stop.code, int) else 1
        except BaseException:  # what the fuzz looks for
            traceback.print_exc(file=err)
            code = "traceback"
    text = err.getvalue()
    if "Traceback (most recent call last)" in text:
        code = "traceback"
    return code, text


class _Tally:
    """The counts of one worker, and the first cases of each problem."""

    def __init__(self, far: bool = False) -> None:
        self.far = far
        self.counts: Counter[str] = Counter()
        self.cases: dict[str, list[str]] = {}

    def problem(self, kind: str, case: object, detail: str) -> None:
        self.counts[kind] += 1
        shown = self.cases.setdefault(kind, [])
        if len(shown) < SHOWN:
            tail = "\n      ".join(detail.strip().splitlines()[-6:])
            shown.append(f"{ascii(case)[:300]}\n      {tail}")

    def judge(self, store: Path, case: object, code: object, stderr: str, before, writes: bool):
        """Count one command or import: its exit, and what it did to the store."""
        self.counts[f"exit {code}"] += 1
        command = case[0] if isinstance(case, list) else "import"
        self.counts[f"{command} exit {code}"] += 1
        if code == "traceback":
            self.problem("tracebacks", case, stderr)
        elif code not in (0, 1, 2):
            self.problem("odd exit codes", case, f"exit {code}: {stderr}")
        elif code == 2 and _fingerprint(store) != before:
            self.problem("refused but changed", case, stderr)
        elif code == 0 and writes:
            for reader in READERS:
                after, text = _run(store, reader)
                if after == 1 and reader == ("check",) and _only_unknown_people(text):
                    self.counts["check names unknown people (imports allow it)"] += 1
                elif after == 1 and reader == ("check",) and self.far and _only_far(text):
                    self.counts["check names the far records (--far put them)"] += 1
                elif after != 0:
                    self.problem("accepted but broke later", case, f"{reader}: {text}")
                    break


def _only_unknown_people(check_stderr: str) -> bool:
    """Whether ``check`` found only records naming someone who is not a person: an import
    may bring those on purpose (EXPORT-FORMAT.md does not require the people), and
    ``check`` is where they are reported."""
    *problems, _total = check_stderr.strip().splitlines()
    return bool(problems) and all(
        line.endswith(("names no person", "name no person")) for line in problems
    )


def _only_far(check_stderr: str) -> bool:
    """Whether ``check`` found only values outside the supported years (and records
    naming no person, which imports allow too)."""
    *problems, _total = check_stderr.strip().splitlines()
    return bool(problems) and all(
        ": stratui takes " in line or line.endswith(("names no person", "name no person"))
        for line in problems
    )


def _seeded(root: Path, index: int, far: bool = False) -> Path:
    """A fresh store holding the CLI tests' seed document (and the far records)."""
    store = root / f"store-{index}"
    seed = root / "seed.json"
    seed.write_text(json.dumps(seed_document()), encoding="utf-8")
    code, text = _run(store, ["import", str(seed)])
    assert code == 0, text
    if far:  # written past the importer, which refuses them, as tests/_far_dates.py does
        from stratui.store.store import Store

        with Store.at(str(store)).transaction() as tx:
            for collection, records in far_records().items():
                for record in records:
                    tx.put(collection, record)
    return store


def _cli_worker(count: int, seed: int, root: Path, far: bool) -> _Tally:
    from hypothesis import HealthCheck, Phase, given, settings
    from hypothesis import seed as hypothesis_seed

    from benchmarks.fuzz_cases import WRITES, invocations

    tally = _Tally(far)
    state = {"done": 0, "store": _seeded(root, 0, far)}

    @hypothesis_seed(seed)
    @settings(
        max_examples=count,
        deadline=None,
        database=None,
        phases=[Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(argv=invocations())
    def one(argv: list[str]) -> None:
        if state["done"] and state["done"] % RENEW_EVERY == 0:
            shutil.rmtree(state["store"], ignore_errors=True)
            state["store"] = _seeded(root, state["done"], far)
        state["done"] += 1
        store = state["store"]
        before = _fingerprint(store)
        code, stderr = _run(store, argv)
        tally.judge(store, argv, code, stderr, before, argv[0] in WRITES)

    one()
    tally.counts["cli commands"] = state["done"]
    return tally


def _import_worker(count: int, seed: int, root: Path, far: bool) -> _Tally:
    from hypothesis import HealthCheck, Phase, given, settings
    from hypothesis import seed as hypothesis_seed

    from benchmarks.fuzz_cases import documents
    from stratui.demo import generate_history

    base = generate_history(people=2, weeks=3, today=dt.date.fromisoformat(TODAY))
    tally = _Tally()
    state = {"done": 0, "kept": root / "kept"}

    @hypothesis_seed(seed)
    @settings(
        max_examples=count,
        deadline=None,
        database=None,
        phases=[Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(text=documents(base))
    def one(text: str) -> None:
        state["done"] += 1
        fresh = state["done"] % 2 == 0
        store = root / f"fresh-{state['done']}" if fresh else state["kept"]
        path = root / "document.json"
        path.write_text(text, encoding="utf-8", errors="surrogatepass")
        before = _fingerprint(store)
        code, stderr = _run(store, ["import", str(path)])
        tally.judge(store, text[:200], code, stderr, before, True)
        if fresh:
            shutil.rmtree(store, ignore_errors=True)

    one()
    tally.counts["import documents"] = state["done"]
    return tally


def _work(job: tuple[str, int, int, bool]) -> tuple[Counter[str], dict[str, list[str]]]:
    """One worker process: its own directory, environment and seed."""
    kind, count, seed, far = job
    root = Path(tempfile.mkdtemp(prefix=f"stratui-fuzz-{kind}-"))
    os.environ.update(
        STRATUI_TODAY=TODAY, STRATUI_ME="ana", STRATUI_CONFIG_DIR=str(root / "config")
    )
    os.chdir(root)
    try:
        worker = _cli_worker if kind == "cli" else _import_worker
        tally = worker(count, seed, root, far)
    finally:
        shutil.rmtree(root, ignore_errors=True)
    return tally.counts, tally.cases


def _split(total: int, parts: int) -> list[int]:
    return [total // parts + (1 if i < total % parts else 0) for i in range(parts)]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.fuzz", description=__doc__)
    parser.add_argument("--cli", type=int, default=10000, help="hostile commands to run")
    parser.add_argument("--imports", type=int, default=2000, help="hostile documents")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="processes")
    parser.add_argument("--seed", type=int, default=1, help="the first worker's seed")
    parser.add_argument(
        "--far", action="store_true", help="commands on a store holding far dates too"
    )
    args = parser.parse_args(argv)
    jobs = [
        ("cli", n, args.seed + i, args.far) for i, n in enumerate(_split(args.cli, args.jobs)) if n
    ]
    jobs += [
        ("imports", n, args.seed + 1000 + i, False)
        for i, n in enumerate(_split(args.imports, args.jobs))
        if n
    ]
    started = time.monotonic()
    counts: Counter[str] = Counter()
    cases: dict[str, list[str]] = {}
    with multiprocessing.get_context("spawn").Pool(args.jobs) as pool:
        for found, shown in pool.imap_unordered(_work, jobs):
            counts.update(found)
            for kind, lines in shown.items():
                cases.setdefault(kind, []).extend(lines[: SHOWN - len(cases.get(kind, []))])
    problems = ("tracebacks", "odd exit codes", "refused but changed", "accepted but broke later")
    print(
        f"python -m benchmarks.fuzz --cli {args.cli} --imports {args.imports} "
        f"--jobs {args.jobs} --seed {args.seed}{' --far' if args.far else ''}: "
        f"{time.monotonic() - started:.0f} s"
    )
    print(f"  ran: {counts['cli commands']} commands, {counts['import documents']} imports")
    exits = sorted(k for k in counts if k.startswith("exit "))
    print("  exit codes: " + ", ".join(f"{k[5:]}: {counts[k]}" for k in exits))
    commands = sorted({k.split(" exit ")[0] for k in counts if " exit " in k})
    for command in commands:
        codes = sorted(k for k in counts if k.startswith(f"{command} exit "))
        print(f"    {command}: " + ", ".join(f"{k.split()[-1]}: {counts[k]}" for k in codes))
    for extra in sorted(k for k in counts if "(" in k and k.endswith(")")):
        print(f"  {extra}: {counts[extra]}")
    for kind in problems:
        print(f"  {kind}: {counts[kind]}")
    for kind in problems:
        for line in cases.get(kind, []):
            print(f"\n[{kind}] {line}")
    return 1 if any(counts[kind] for kind in problems) else 0


if __name__ == "__main__":
    sys.exit(main())
