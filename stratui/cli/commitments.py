"""Commands on commitments and roadblocks: ``log``, ``list``, ``done``, ``set``, ``block``.

``log`` is the hot path: this module imports nothing heavy at the top.
"""

from __future__ import annotations

import argparse
from collections.abc import Iterable

from stratui.cli import argtypes
from stratui.cli.common import JSON_HELP, UsageError, open_workspace, options_named, print_json
from stratui.usecases import commitments, roadblocks


def define_log(log: argparse.ArgumentParser) -> None:
    """The arguments of ``stratui log``."""
    log.add_argument("title", type=argtypes.nonempty, metavar="TITLE")
    log.add_argument("--owner", type=argtypes.nonempty, help="whose commitment (default: me)")
    log.add_argument("--goal", metavar="ID", help="the goal it serves (id or prefix)")
    log.add_argument("--week", type=argtypes.week, help="ISO week YYYY-Www (default: this week)")
    log.add_argument(
        "--due", type=argtypes.date, metavar="DATE", help="due date: 2026-12-04, fri, +3d"
    )
    log.add_argument("--confidence", type=argtypes.confidence, metavar="1-5")
    log.add_argument("--json", action="store_true", help=JSON_HELP)


def define_list(ls: argparse.ArgumentParser) -> None:
    when = ls.add_mutually_exclusive_group()
    when.add_argument("--week", type=argtypes.week, help="ISO week YYYY-Www, this, next, last")
    when.add_argument("--all", action="store_true", help="every week")
    ls.add_argument("--owner", type=argtypes.nonempty)
    ls.add_argument("--status", **argtypes.one_of(argtypes.STATUSES))
    ls.add_argument("--json", action="store_true", help="print JSON records")


def define_done(done: argparse.ArgumentParser) -> None:
    done.add_argument("id", metavar="ID")
    done.add_argument("--note", type=argtypes.nonempty, metavar="TEXT")
    done.add_argument("--json", action="store_true", help=JSON_HELP)


def define_set(change: argparse.ArgumentParser) -> None:
    change.add_argument("id", metavar="ID")
    change.add_argument("--status", **argtypes.one_of(argtypes.STATUSES))
    change.add_argument("--progress", type=argtypes.progress, metavar="0-100")
    change.add_argument("--note", type=argtypes.nonempty, metavar="TEXT")
    change.add_argument("--title", type=argtypes.nonempty)
    change.add_argument("--week", type=argtypes.week)
    change.add_argument("--goal", metavar="ID", help="goal id or prefix ('' unlinks)")
    change.add_argument("--due", type=argtypes.date, metavar="DATE")
    change.add_argument("--confidence", type=argtypes.confidence, metavar="1-5")
    change.add_argument("--json", action="store_true", help=JSON_HELP)


def define_block(block: argparse.ArgumentParser) -> None:
    block.add_argument("title", type=argtypes.nonempty, metavar="TITLE")
    block.add_argument("--kind", **argtypes.one_of(argtypes.KINDS), default="other")
    block.add_argument("--severity", **argtypes.one_of(argtypes.SEVERITIES), default="medium")
    block.add_argument("--on", metavar="ID", help="the commitment or goal it blocks")
    block.add_argument("--owner", type=argtypes.nonempty, help="who removes it (default: me)")
    block.add_argument("--json", action="store_true", help=JSON_HELP)


_OPTIONS = {"owner": "--owner", "person": "--owner"}
"""The use cases' fields, as these commands' options name them in an error."""


def _print_json_lines(records: Iterable[dict]) -> None:
    """A JSON list of records, one a line as they come (the interchange format's fields,
    written as an export writes them): years of history without holding them all."""
    import itertools

    from stratui.cli.common import print_pieces
    from stratui.exchange.document import list_chunks

    print_pieces(itertools.chain(list_chunks(records), "\n"))


def run_log(args) -> int:
    ws = open_workspace(args)
    with options_named(_OPTIONS):
        record = commitments.log(
            ws,
            args.title,
            owner=args.owner,
            week=args.week,
            goal=args.goal,
            due=args.due,
            confidence=args.confidence,
        )
    if args.json:
        print_json(record)
    else:
        print(record["id"])
    return 0


def run_list(args) -> int:
    ws = open_workspace(args)
    owner = None
    if args.owner:
        from stratui.usecases.people import person

        with options_named(_OPTIONS):
            owner = person(ws, args.owner)["name"]
    if args.json and args.all:
        _print_json_lines(commitments.every(ws, owner=owner, status=args.status))
        return 0
    found = commitments.find(
        ws, week=args.week, owner=owner, status=args.status, everything=args.all
    )
    if args.json:
        print_json(list(found))
        return 0
    from stratui.cli.textout import commitment_table

    if not found:
        scope = "any week" if args.all else (args.week or ws.this_week())
        filters = [f"{k} {v}" for k, v in (("owner", owner), ("status", args.status)) if v]
        print(f"no commitments for {scope}" + (f" with {' and '.join(filters)}" if filters else ""))
        return 0
    goals = {goal["id"]: goal for goal in ws.store.all("goals")}
    print(commitment_table(found, goals))
    return 0


def run_done(args) -> int:
    record = commitments.complete(open_workspace(args), args.id, note=args.note)
    if args.json:
        print_json(record)
    else:
        print(f"{record['id']} done: {record['title']}")
    return 0


def run_set(args) -> int:
    changes = {
        key: getattr(args, key)
        for key in ("status", "progress", "note", "title", "week", "goal", "due", "confidence")
        if getattr(args, key) is not None
    }
    if not changes:
        raise UsageError(
            "set: nothing to change: give --status, --progress, --note, --title, --week, "
            "--goal, --due or --confidence"
        )
    record = commitments.change(open_workspace(args), args.id, **changes)
    if args.json:
        print_json(record)
        return 0
    progress = record.get("progress")
    shown = f", {progress:g}%" if progress is not None else ""
    print(f"{record['id']} {record['status']}{shown}: {record['title']}")
    return 0


def run_block(args) -> int:
    with options_named(_OPTIONS):
        record = roadblocks.block(
            open_workspace(args),
            args.title,
            kind=args.kind,
            severity=args.severity,
            on=args.on,
            owner=args.owner,
        )
    if args.json:
        print_json(record)
    else:
        print(record["id"])
    return 0
