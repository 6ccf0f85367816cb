"""Commands on the store as a whole: ``export``, ``import``, ``demo``, ``check``."""

from __future__ import annotations

import argparse
import os
import sys

from stratui.cli import argtypes
from stratui.cli.common import EXIT_STORE, UsageError, open_workspace, write_text
from stratui.usecases import exchange


def define_export(export: argparse.ArgumentParser) -> None:
    export.add_argument("--format", default="json", **argtypes.one_of(("json", "csv", "md")))
    export.add_argument(
        "--out", type=argtypes.path, metavar="FILE", help="write to FILE (default: stdout)"
    )
    export.add_argument(
        "--collection",
        default="commitments",
        help="csv only: which collection (default: commitments)",
    )


def define_import(imp: argparse.ArgumentParser) -> None:
    imp.add_argument(
        "file", type=argtypes.path, metavar="FILE", help="a stratui JSON export, or - for stdin"
    )


def define_demo(demo: argparse.ArgumentParser) -> None:
    demo.add_argument("--weeks", type=argtypes.positive, default=16, metavar="N")
    demo.add_argument("--people", type=argtypes.positive, default=4, metavar="N")


def define_check(_check: argparse.ArgumentParser) -> None:
    """``check`` takes no arguments."""


RITUALS = ("weekly", "team", "retro", "quarterly")


def run_export(args) -> int:
    ws = open_workspace(args)
    if args.format == "json":
        from stratui.exchange.document import dump_document

        text = dump_document(exchange.export_document(ws))
    elif args.format == "csv":
        from stratui.domain.schema import COLLECTIONS
        from stratui.exchange.csvout import to_csv

        if args.collection not in COLLECTIONS:
            raise UsageError(f"--collection: expected one of {', '.join(COLLECTIONS)}")
        text = to_csv(ws.store.all(args.collection), args.collection)
    else:
        from stratui.domain.records import stamp
        from stratui.exchange.markdown import to_markdown

        text = to_markdown(ws.store.collections(), stamp(ws.clock.now()))
    if args.out:
        write_text(args.out, text)
        print(f"exported to {args.out}", file=sys.stderr)
    else:
        sys.stdout.write(text)
    return 0


def run_import(args) -> int:
    from stratui.exchange.importer import load_document

    if args.file == "-":
        try:
            text = sys.stdin.read()
        except UnicodeDecodeError:
            raise UsageError("FILE: standard input is not UTF-8 text") from None
    else:
        try:
            with open(os.path.expanduser(args.file), encoding="utf-8") as handle:
                text = handle.read()
        except OSError as error:
            raise UsageError(f"FILE: cannot read {args.file}: {error.strerror}") from None
        except UnicodeDecodeError:
            raise UsageError(f"FILE: {args.file} is not UTF-8 text") from None
    plan = exchange.import_document(open_workspace(args), load_document(text))
    print(f"imported {plan.added} new, {plan.updated} updated, {plan.unchanged} unchanged")
    return 0


def run_demo(args) -> int:
    from stratui.demo import generate_history

    ws = open_workspace(args)
    if not exchange.is_empty(ws):
        raise UsageError(
            f"demo: the store at {ws.store.location} already holds records; "
            "use --db to choose an empty one"
        )
    if args.weeks < 2:
        raise UsageError("--weeks: expected a whole number >= 2")
    document = generate_history(people=args.people, weeks=args.weeks, today=ws.clock.today())
    plan = exchange.import_document(ws, document)
    print(
        f"demo store at {ws.store.location}: {plan.added} records, "
        f"{args.people} people, {args.weeks} weeks"
    )
    print(_demo_me(ws, document))
    return 0


def _demo_me(ws, document: dict) -> str:
    """Make me a demo person unless me is set (STRATUI_ME or the store's config), so the
    dashboard and the weekly review show someone's work; says who me is."""
    from stratui.domain.people import find_named, known_names
    from stratui.usecases import people

    me = people.who_am_i(ws)
    if me.source == "login":
        team = document["teams"][0] if document["teams"] else {}
        me = people.set_me(ws, (team.get("members") or [document["people"][0]["name"]])[0])
        return f"me: {me.name}, a demo person (change it with: stratui person me NAME)"
    where = "from STRATUI_ME" if me.source == "STRATUI_ME" else "set for this store"
    if find_named(document["people"], me.name) is not None:
        return f"me: {me.name} ({where})"
    return (
        f"me: {me.name} ({where}), who is not in the demo team; "
        f"its people: {known_names(document['people'])}"
    )


def run_check(args) -> int:
    from contextlib import suppress

    from stratui.store.errors import StoreError
    from stratui.store.verify import unknown_people

    ws = open_workspace(args)
    problems = ws.store.check()
    with suppress(StoreError):  # a damaged file: check has said so
        problems += unknown_people(ws.store)
    if problems:
        for line in problems:
            print(line, file=sys.stderr)
        print(f"{len(problems)} problem(s) in {ws.store.location}", file=sys.stderr)
        return EXIT_STORE
    counts = {name: len(found) for name, found in ws.store.collections().items()}
    total = sum(counts.values())
    print(f"store {ws.store.location} is sound: {total} records")
    return 0
