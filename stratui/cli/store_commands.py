"""Commands on the store as a whole: ``export``, ``import``, ``demo``, ``check``."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Iterable

from stratui.cli import argtypes
from stratui.cli.common import EXIT_STORE, UsageError, open_workspace, print_pieces, write_text
from stratui.usecases import exchange

DEMO_MAX_WEEKS = 520
"""The longest demo history: ten years (more is a mistyped number, and takes minutes)."""
DEMO_MAX_PEOPLE = 50
"""The most people of a demo team: what ten years of them take is still seconds."""


def define_export(export: argparse.ArgumentParser) -> None:
    export.add_argument("--format", default="json", **argtypes.one_of(("json", "csv", "md", "ics")))
    export.add_argument(
        "--out", type=argtypes.path, metavar="FILE", help="write to FILE (default: stdout)"
    )
    export.add_argument(
        "--collection",
        default="commitments",
        help="csv only: which collection (default: commitments)",
    )
    export.add_argument(
        "--keep-formulas",
        action="store_true",
        help="csv only: write cells starting with = + - @ as typed (default: a ' before them)",
    )


def define_import(imp: argparse.ArgumentParser) -> None:
    imp.add_argument(
        "file", type=argtypes.path, metavar="FILE", help="a stratui JSON export, or - for stdin"
    )
    imp.add_argument(
        "--from",
        dest="source",
        **argtypes.one_of(("taskwarrior", "jrnl", "csv")),
        help="another tool's file: taskwarrior (`task export`), jrnl (`jrnl --export json`) "
        "or csv (with --map)",
    )
    imp.add_argument(
        "--map",
        metavar="F=COL,...",
        help="csv: which column holds each field (title=Summary,due=Due,owner=Assignee,ref=Key)",
    )


def define_demo(demo: argparse.ArgumentParser) -> None:
    demo.add_argument(
        "--weeks",
        type=argtypes.whole(2, DEMO_MAX_WEEKS),
        default=16,
        metavar="N",
        help=f"how many weeks of history, 2 to {DEMO_MAX_WEEKS} (default 16)",
    )
    demo.add_argument(
        "--people",
        type=argtypes.whole(1, DEMO_MAX_PEOPLE),
        default=4,
        metavar="N",
        help=f"how many people, 1 to {DEMO_MAX_PEOPLE} (default 4)",
    )


def define_check(check: argparse.ArgumentParser) -> None:
    check.add_argument(
        "--json",
        action="store_true",
        help="print one JSON document: ok, and each problem's message, file, record, field",
    )


RITUALS = ("weekly", "team", "retro", "quarterly")


def run_export(args) -> int:
    ws = open_workspace(args)
    if args.out:
        _check_outside_store(args.out, ws.store.location)
    text: str | Iterable[str]
    if args.format == "json":
        text = exchange.export_text(ws)  # written as it is made: years of history
    elif args.format == "csv":
        from stratui.domain.schema import COLLECTIONS
        from stratui.exchange.csvout import to_csv

        if args.collection not in COLLECTIONS:
            raise UsageError(f"--collection: expected one of {', '.join(COLLECTIONS)}")
        records = ws.store.all(args.collection)
        text = to_csv(records, args.collection, keep_formulas=args.keep_formulas)
    elif args.format == "ics":
        from stratui.exchange.ics import to_ics
        from stratui.rituals.weekly.periods import due_from

        goals = {goal["id"]: goal for goal in ws.store.all("goals")}
        text = to_ics(
            ws.store.find("commitments", owner=ws.me),
            goals,
            owner=ws.me,
            review_day=due_from(ws.this_week()),
            now=ws.clock.now(),
        )
    else:
        from stratui.domain.records import stamp
        from stratui.exchange.markdown import to_markdown

        text = to_markdown(ws.store.collections(), stamp(ws.clock.now()))
    if args.out:
        write_text(args.out, text)
        print(f"exported to {args.out}", file=sys.stderr)
    else:
        print_pieces([text] if isinstance(text, str) else text)
    return 0


def _check_outside_store(out: str, location: str) -> None:
    """Refuse an ``--out`` inside the store's directory (symlinks resolved): an export
    must never replace one of the store's own files, nor land where sync commits it."""
    target = os.path.realpath(os.path.expanduser(out))
    store = os.path.realpath(location)
    if os.path.commonpath([target, store]) == store:
        raise UsageError(
            f"--out: {out} is inside the store {location}; write the export somewhere else"
        )


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
    ws = open_workspace(args)
    if args.map and args.source != "csv":
        raise UsageError("--map: only with --from csv")
    document = _foreign(ws, args, text) if args.source else load_document(text)
    plan = exchange.import_document(ws, document)
    print(f"imported {plan.added} new, {plan.updated} updated, {plan.unchanged} unchanged")
    return 0


def _written(file: str):
    """When ``file`` was last written (None for standard input): what its rows are
    stamped with (:func:`stratui.exchange.foreign.csv_document`)."""
    import datetime as dt

    if file == "-":
        return None
    try:
        return dt.datetime.fromtimestamp(os.path.getmtime(os.path.expanduser(file)), dt.UTC)
    except OSError:
        return None


def _foreign(ws, args, text: str) -> dict:
    """Another tool's file as an interchange document (:mod:`stratui.exchange.foreign`)."""
    import json

    from stratui.domain.dates import parse_date
    from stratui.exchange import foreign
    from stratui.usecases import people

    me = ws.person_named(None, "me")
    try:
        if args.source == "taskwarrior":
            try:
                tasks = json.loads(text)
            except ValueError as error:
                raise UsageError(f"FILE: not the JSON of `task export`: {error}") from None
            return foreign.taskwarrior_document(tasks, owner=me, now=ws.clock.now())
        if args.source == "jrnl":
            try:
                export = json.loads(text)
            except ValueError as error:
                raise UsageError(f"FILE: not the JSON of `jrnl --export json`: {error}") from None

            def weekly_review(week: str) -> dict | None:
                found = ws.store.find("reviews", periods=[week], ritual="weekly", owner=me)
                return found[0] if found else None

            return foreign.jrnl_document(
                export,
                owner=me,
                now=ws.clock.now(),
                weekly_review=weekly_review,
                roadblock=lambda rid: ws.store.get("roadblocks", rid, deleted=True),
                written=_written(args.file),
            )
        if not args.map:
            raise UsageError("--map: name the columns, e.g. title=Summary,due=Due,ref=Key")
        today = ws.clock.today()
        return foreign.csv_document(
            text,
            foreign.parse_map(args.map),
            owner=me,
            now=ws.clock.now(),
            read_date=lambda cell: parse_date(cell, today),
            person=lambda name: str(people.person(ws, name, field="owner")["name"]),
            written=_written(args.file),
        )
    except foreign.ForeignError as error:
        raise UsageError(str(error)) from None


def run_demo(args) -> int:
    from stratui.demo import generate_history

    ws = open_workspace(args)
    if not exchange.is_empty(ws):
        raise UsageError(
            f"demo: the store at {ws.store.location} already holds records; "
            "use --db to choose an empty one"
        )
    document = generate_history(people=args.people, weeks=args.weeks, today=ws.clock.today())
    _check_demo_years(document)
    plan = exchange.import_document(ws, document)
    print(
        f"demo store at {ws.store.location}: {plan.added} records, "
        f"{args.people} people, {args.weeks} weeks"
    )
    print(_demo_me(ws, document))
    return 0


def _check_demo_years(document: dict) -> None:
    """Refuse a history that would leave the supported years (a today pinned near 1900
    or 2999 by STRATUI_TODAY): nothing is written."""
    from stratui.domain.schema import ValidationError, check_supported_years

    for collection, records in document.items():
        if not isinstance(records, list):
            continue
        for record in records:
            try:
                check_supported_years(collection, record)
            except ValidationError as error:
                raise UsageError(
                    f"--weeks: this history would leave the supported years ({error}); "
                    "ask for fewer weeks or pin another STRATUI_TODAY"
                ) from None


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
    from stratui.store.verify import verify_store

    ws = open_workspace(args)
    verdict = verify_store(ws.store, people=True)
    if args.json:
        _print_verdict(verdict, ws.store.location)
    elif verdict.problems:
        for problem in verdict.problems:
            print(problem.message, file=sys.stderr)
        print(f"{len(verdict.problems)} problem(s) in {ws.store.location}", file=sys.stderr)
    else:
        print(f"store {ws.store.location} is sound: {verdict.records} records")
    return EXIT_STORE if verdict.problems else 0


def _print_verdict(verdict, location: str) -> None:
    """``check --json``: one document, ``ok``, the store, its live records and each
    problem's message, file, collection, record and field (null when not about one)."""
    import dataclasses
    import json

    from stratui.domain.visible import visible

    document = {
        "ok": not verdict.problems,
        "store": location,
        "records": verdict.records,
        "problems": [dataclasses.asdict(problem) for problem in verdict.problems],
    }
    print(visible(json.dumps(document, ensure_ascii=False, indent=2)))
