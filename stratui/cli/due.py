"""``stratui due`` and ``stratui away``: what I owe now, and when I am away.

``due`` prints one line per thing due (:mod:`stratui.usecases.due`) and exits 0 when
nothing is, 3 when something is (1 and 2 as everywhere: the store, bad input), so a
shell prompt, cron or ``notify-send`` can act on it; ``--json`` for scripts; ``--quiet``
prints nothing (the exit code says it). ``away FIRST..LAST`` adds an away period
(``--cancel`` removes it); ``away`` alone lists mine.
"""

from __future__ import annotations

import argparse
import json

from stratui.cli.common import UsageError, open_workspace, options_named

EXIT_DUE = 3
"""``stratui due``'s exit code when something is due."""


def define_due(due: argparse.ArgumentParser) -> None:
    due.add_argument("--json", action="store_true", help="print JSON")
    due.add_argument("--quiet", action="store_true", help="print nothing: only the exit code")


def run_due(args) -> int:
    from stratui.usecases.due import due_now

    items = due_now(open_workspace(args))
    if args.json:
        print(json.dumps([item.as_json() for item in items], ensure_ascii=False, indent=2))
    elif not args.quiet:
        for item in items:
            print(item.text)  # each line says its state: due since, overdue, was due
    return EXIT_DUE if items else 0


def define_away(away: argparse.ArgumentParser) -> None:
    away.add_argument(
        "period", nargs="?", metavar="FIRST..LAST", help="e.g. 2026-12-21..2027-01-03"
    )
    away.add_argument("--cancel", action="store_true", help="remove that away period")


def run_away(args) -> int:
    from stratui.domain.away import parse_period, periods
    from stratui.domain.people import find_named
    from stratui.usecases.due import set_away

    ws = open_workspace(args)
    if args.period is None:
        if args.cancel:
            raise UsageError("--cancel: name the period to cancel (FIRST..LAST)")
        found = periods(find_named(ws.store.all("people"), ws.me))
        for first, last in found:
            print(f"{first}..{last}")
        if not found:
            print(f"{ws.me} has no away period")
        return 0
    try:
        first, last = parse_period(args.period)
    except ValueError as error:
        raise UsageError(f"FIRST..LAST: {error}") from None
    with options_named({"period": "FIRST..LAST"}):
        person = set_away(ws, first, last, cancel=args.cancel)
    state = "no longer away" if args.cancel else "away"
    print(f"{person['name']} {state} {first}..{last}: no weekly review is due for those weeks")
    return 0
