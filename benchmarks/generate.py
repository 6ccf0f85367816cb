"""Write the benchmark histories: 1, 5 and 10 years of a ten-person organisation.

    python -m benchmarks.generate [--out benchmarks/data] [--years 1 5 10]

Each file is an export document (EXPORT-FORMAT.md) from :func:`stratui.demo.history_years`
with a fixed ``today`` and seed, so every machine benchmarks the same data. The files are
large and reproducible, so ``benchmarks/data/`` is not committed (see ``.gitignore``).
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from stratui.demo import BENCHMARK_SEED, BENCHMARK_TODAY, history_years

DEFAULT_OUT = Path(__file__).resolve().parent / "data"
DEFAULT_YEARS = (1, 5, 10)


def write_history(years: int, out: Path) -> tuple[Path, dict[str, int], float]:
    """Generate ``years`` of history into ``out``; return its path, counts and seconds taken."""
    started = time.perf_counter()
    document = history_years(years)
    seconds = time.perf_counter() - started
    path = out / f"history-{years}y.json"
    # Sorted keys and one field a line: what an export looks like, and diffable.
    path.write_text(json.dumps(document, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    counts = {name: len(value) for name, value in document.items() if isinstance(value, list)}
    return path, counts, seconds


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.generate", description=__doc__)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="folder for the files")
    parser.add_argument("--years", type=int, nargs="+", default=list(DEFAULT_YEARS))
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    print(f"today {BENCHMARK_TODAY.isoformat()}, seed {BENCHMARK_SEED}, 10 people")
    for years in args.years:
        path, counts, seconds = write_history(years, args.out)
        size = path.stat().st_size / 1_000_000
        total = sum(counts.values())
        detail = ", ".join(f"{name} {count}" for name, count in counts.items())
        print(f"{path}: {size:.1f} MB, {total} records in {seconds:.2f} s ({detail})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
