"""The ``stratui`` command line: quick capture, scripts and pipes.

It never imports Textual, and ``log`` imports neither Textual nor Rich: each command
imports what it uses when it runs, so capturing a commitment costs little more than
starting Python. Every error is one line on stderr that names the field and what is
accepted; usage errors exit with 2, store problems with 1, and nothing is written.
"""

from __future__ import annotations

import argparse
import os
import sys

from stratui import __version__

EXIT_STORE = 1
EXIT_USAGE = 2


class UsageError(Exception):
    """Bad input from the user: printed as one line, exit code 2."""


class _Formatter(argparse.HelpFormatter):
    """argparse's formatter, told the terminal width so that it does not import shutil.

    argparse asks ``shutil.get_terminal_size`` for every parser it builds, and importing
    shutil (with bz2 and lzma) costs ``stratui log`` a tenth of its time.
    """

    def __init__(self, prog: str, **options) -> None:
        if options.get("width") is None:
            try:
                columns = int(os.environ.get("COLUMNS", "")) or os.get_terminal_size().columns
            except (ValueError, OSError):
                columns = 80
            options["width"] = columns - 2
        super().__init__(prog, **options)


class _Parser(argparse.ArgumentParser):
    """argparse, but an error is one line (no usage dump) and exits with 2."""

    def __init__(self, *args, **options) -> None:
        options.setdefault("formatter_class", _Formatter)
        super().__init__(*args, **options)

    def error(self, message: str):
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message}\n")


# -- argument types: each names what it accepts -------------------------------------------


def _today():
    from stratui.clock import Clock

    return Clock.from_env().today()


def _week(text: str) -> str:
    from stratui.domain.dates import parse_week_arg

    try:
        return parse_week_arg(text, _today())
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def _date(text: str) -> str:
    from stratui.domain.dates import parse_date

    try:
        return parse_date(text, _today()).isoformat()
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def _confidence(text: str) -> int:
    from stratui.domain.inputs import parse_confidence

    try:
        return parse_confidence(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def _progress(text: str) -> float:
    from stratui.domain.inputs import parse_progress

    try:
        return parse_progress(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def _text(text: str) -> str:
    if not text.strip():
        raise argparse.ArgumentTypeError("expected non-empty text")
    return text


def _positive(text: str) -> int:
    if text.strip().isdigit() and int(text) >= 1:
        return int(text)
    raise argparse.ArgumentTypeError(f"expected a whole number >= 1, got {text!r}")


def _choices(options: tuple[str, ...]):
    def check(text: str) -> str:
        value = text.strip().lower()
        if value in options:
            return value
        raise argparse.ArgumentTypeError(f"expected one of {', '.join(options)}, got {text!r}")

    return check


# The enumerations, repeated here from the schema so that parsing ``log`` does not import
# it; tests/cli check that both lists stay equal.
STATUSES = ("open", "done", "partial", "missed", "dropped")
KINDS = ("dependency", "resources", "decision", "skills", "external", "priority", "other")
SEVERITIES = ("low", "medium", "high", "critical")


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The command line as PRODUCT.md lists it.

    With ``only``, just that command's arguments are defined: building every
    subcommand costs more than running ``log``, so :func:`main` builds what it needs.
    """
    parser = _Parser(
        prog="stratui",
        description="Execution reviews in the terminal: commit, review, adjust, measure.",
    )
    parser.add_argument("--version", action="version", version=f"stratui {__version__}")
    parser.add_argument("--db", metavar="PATH", help="the store directory (or STRATUI_DB)")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for name, (define, summary) in SUBCOMMANDS.items():
        if only in (None, name):
            define(commands.add_parser(name, help=summary, description=summary))
    return parser


def _define_log(log: argparse.ArgumentParser) -> None:
    """The arguments of ``stratui log``."""
    log.add_argument("title", type=_text, metavar="TITLE")
    log.add_argument("--owner", type=_text, help="whose commitment (default: me)")
    log.add_argument("--goal", metavar="ID", help="the goal it serves (id or prefix)")
    log.add_argument("--week", type=_week, help="ISO week YYYY-Www (default: this week)")
    log.add_argument("--due", type=_date, metavar="DATE", help="due date: 2026-12-04, fri, +3d")
    log.add_argument("--confidence", type=_confidence, metavar="1-5")


def _define_list(ls: argparse.ArgumentParser) -> None:
    when = ls.add_mutually_exclusive_group()
    when.add_argument("--week", type=_week, help="ISO week YYYY-Www, this, next, last")
    when.add_argument("--all", action="store_true", help="every week")
    ls.add_argument("--owner", type=_text)
    ls.add_argument("--status", type=_choices(STATUSES), metavar="|".join(STATUSES))
    ls.add_argument("--json", action="store_true", help="print JSON records")


def _define_done(done: argparse.ArgumentParser) -> None:
    done.add_argument("id", metavar="ID")
    done.add_argument("--note", type=_text, metavar="TEXT")


def _define_set(change: argparse.ArgumentParser) -> None:
    change.add_argument("id", metavar="ID")
    change.add_argument("--status", type=_choices(STATUSES), metavar="|".join(STATUSES))
    change.add_argument("--progress", type=_progress, metavar="0-100")
    change.add_argument("--note", type=_text, metavar="TEXT")
    change.add_argument("--title", type=_text)
    change.add_argument("--week", type=_week)
    change.add_argument("--goal", metavar="ID", help="goal id or prefix ('' unlinks)")
    change.add_argument("--due", type=_date, metavar="DATE")
    change.add_argument("--confidence", type=_confidence, metavar="1-5")


def _define_block(block: argparse.ArgumentParser) -> None:
    block.add_argument("title", type=_text, metavar="TITLE")
    block.add_argument("--kind", type=_choices(KINDS), default="other", metavar="|".join(KINDS))
    block.add_argument(
        "--severity", type=_choices(SEVERITIES), default="medium", metavar="|".join(SEVERITIES)
    )
    block.add_argument("--on", metavar="ID", help="the commitment or goal it blocks")
    block.add_argument("--owner", type=_text, help="who removes it (default: me)")


def _define_export(export: argparse.ArgumentParser) -> None:
    export.add_argument(
        "--format", type=_choices(("json", "csv", "md")), default="json", metavar="json|csv|md"
    )
    export.add_argument("--out", metavar="FILE", help="write to FILE (default: stdout)")
    export.add_argument(
        "--collection",
        default="commitments",
        help="csv only: which collection (default: commitments)",
    )


def _define_import(imp: argparse.ArgumentParser) -> None:
    imp.add_argument("file", metavar="FILE", help="a stratui JSON export, or - for stdin")


def _define_demo(demo: argparse.ArgumentParser) -> None:
    demo.add_argument("--weeks", type=_positive, default=16, metavar="N")
    demo.add_argument("--people", type=_positive, default=4, metavar="N")


def _define_check(_check: argparse.ArgumentParser) -> None:
    """``check`` takes no arguments."""


RITUALS = ("weekly", "team", "retro", "quarterly")


def _define_review(review: argparse.ArgumentParser) -> None:
    review.add_argument("ritual", type=_choices(RITUALS), metavar="|".join(RITUALS))


SUBCOMMANDS = {
    "log": (_define_log, "record a commitment for a week"),
    "list": (_define_list, "list commitments (default: this week)"),
    "done": (_define_done, "mark a commitment done"),
    "set": (_define_set, "change a commitment's outcome or plan"),
    "block": (_define_block, "raise a roadblock"),
    "export": (_define_export, "write the store in the interchange format"),
    "import": (_define_import, "read an interchange file (all or nothing)"),
    "demo": (_define_demo, "fill an empty store with sample history"),
    "check": (_define_check, "verify the store"),
    "review": (_define_review, "run a ritual in the TUI (weekly)"),
}


# -- commands -------------------------------------------------------------------------------


def _app(args):
    from stratui.clock import Clock
    from stratui.services import Stratui
    from stratui.store.store import Store

    return Stratui(Store.at(store_path(args.db)), Clock.from_env())


def store_path(db: str | None) -> str:
    """``--db``, else ``STRATUI_DB``, else the user data directory."""
    path = db or os.environ.get("STRATUI_DB")
    if path:
        return os.path.expanduser(path)
    from platformdirs import user_data_dir

    return os.path.join(user_data_dir("stratui", appauthor=False), "store")


def cmd_log(args) -> int:
    app = _app(args)
    record = app.log(
        args.title,
        owner=args.owner,
        week=args.week,
        goal=args.goal,
        due=args.due,
        confidence=args.confidence,
    )
    print(record["id"])
    return 0


def cmd_list(args) -> int:
    app = _app(args)
    found = app.commitments(
        week=args.week, owner=args.owner, status=args.status, everything=args.all
    )
    if args.json:
        import json

        from stratui.exchange.document import public_record

        print(json.dumps([public_record(r) for r in found], ensure_ascii=False, indent=2))
        return 0
    from stratui.textout import commitment_table

    if not found:
        scope = "any week" if args.all else (args.week or app.this_week())
        print(f"no commitments for {scope}")
        return 0
    goals = {goal["id"]: goal for goal in app.store.all("goals")}
    print(commitment_table(found, goals))
    return 0


def cmd_done(args) -> int:
    record = _app(args).complete(args.id, note=args.note)
    print(f"{record['id']} done: {record['title']}")
    return 0


def cmd_set(args) -> int:
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
    record = _app(args).set_commitment(args.id, **changes)
    progress = record.get("progress")
    shown = f", {progress:g}%" if progress is not None else ""
    print(f"{record['id']} {record['status']}{shown}: {record['title']}")
    return 0


def cmd_block(args) -> int:
    record = _app(args).block(
        args.title, kind=args.kind, severity=args.severity, on=args.on, owner=args.owner
    )
    print(record["id"])
    return 0


def cmd_export(args) -> int:
    app = _app(args)
    if args.format == "json":
        from stratui.exchange.document import dump_document

        text = dump_document(app.export_document())
    elif args.format == "csv":
        from stratui.domain.schema import COLLECTIONS
        from stratui.exchange.csvout import to_csv

        if args.collection not in COLLECTIONS:
            raise UsageError(f"--collection: expected one of {', '.join(COLLECTIONS)}")
        text = to_csv(app.store.all(args.collection), args.collection)
    else:
        from stratui.domain.records import stamp
        from stratui.exchange.markdown import to_markdown

        text = to_markdown(app.store.collections(), stamp(app.clock.now()))
    if args.out:
        _write_text(args.out, text)
        print(f"exported to {args.out}", file=sys.stderr)
    else:
        sys.stdout.write(text)
    return 0


def _write_text(path: str, text: str) -> None:
    """Write an output file whole or not at all (temporary file, then rename)."""
    path = os.path.expanduser(path)
    tmp = f"{path}.{os.getpid()}.tmp"
    try:
        with open(tmp, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
        os.replace(tmp, path)
    except OSError as error:
        if os.path.exists(tmp):
            os.remove(tmp)
        raise UsageError(f"--out: cannot write {path}: {error.strerror}") from None


def cmd_import(args) -> int:
    from stratui.exchange.importer import load_document

    if args.file == "-":
        text = sys.stdin.read()
    else:
        try:
            with open(os.path.expanduser(args.file), encoding="utf-8") as handle:
                text = handle.read()
        except OSError as error:
            raise UsageError(f"FILE: cannot read {args.file}: {error.strerror}") from None
        except UnicodeDecodeError:
            raise UsageError(f"FILE: {args.file} is not UTF-8 text") from None
    plan = _app(args).import_document(load_document(text))
    print(f"imported {plan.added} new, {plan.updated} updated, {plan.unchanged} unchanged")
    return 0


def cmd_demo(args) -> int:
    from stratui.history import generate_history

    app = _app(args)
    if not app.is_empty():
        raise UsageError(
            f"demo: the store at {app.store.location} already holds records; "
            "use --db to choose an empty one"
        )
    if args.weeks < 2:
        raise UsageError("--weeks: expected a whole number >= 2")
    document = generate_history(people=args.people, weeks=args.weeks, today=app.clock.today())
    plan = app.import_document(document)
    print(
        f"demo store at {app.store.location}: {plan.added} records, "
        f"{args.people} people, {args.weeks} weeks"
    )
    return 0


def cmd_check(args) -> int:
    app = _app(args)
    problems = app.store.check()
    if problems:
        for line in problems:
            print(line, file=sys.stderr)
        print(f"{len(problems)} problem(s) in {app.store.location}", file=sys.stderr)
        return EXIT_STORE
    counts = {name: len(found) for name, found in app.store.collections().items()}
    total = sum(counts.values())
    print(f"store {app.store.location} is sound: {total} records")
    return 0


def cmd_review(args) -> int:
    if args.ritual != "weekly":
        raise UsageError(f"review {args.ritual}: not available yet")
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        raise UsageError("review weekly: needs a terminal to draw on")
    return _run_tui(args, start="weekly")


COMMANDS = {
    "log": cmd_log,
    "list": cmd_list,
    "done": cmd_done,
    "set": cmd_set,
    "block": cmd_block,
    "export": cmd_export,
    "import": cmd_import,
    "demo": cmd_demo,
    "check": cmd_check,
    "review": cmd_review,
}


def main(argv: list[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    argv = sys.argv[1:] if argv is None else argv
    parser = build_parser(_command_in(argv))
    args = parser.parse_args(argv)
    if args.command is None:
        if not (sys.stdin.isatty() and sys.stdout.isatty()):
            parser.print_help()  # no terminal to draw on: say what the commands are
            return 0
        return _run_tui(args)
    try:
        return COMMANDS[args.command](args)
    except UsageError as error:
        return _fail(str(error), EXIT_USAGE)
    except Exception as error:
        return _report(error)


def _run_tui(args, start: str | None = None) -> int:
    """Open the Textual app on the store (the only path that imports Textual);
    ``start="weekly"`` opens straight into the weekly review."""
    try:
        app = _app(args)
        app.store.open()
    except Exception as error:
        return _report(error)
    from stratui.ui.app import run

    run(app, start=start)
    return 0


def _command_in(argv: list[str]) -> str | None:
    """The subcommand named in ``argv`` (skipping ``--db PATH``), if any."""
    skip = False
    for token in argv:
        if skip:
            skip = False
        elif token == "--db":
            skip = True
        elif not token.startswith("-"):
            return token if token in SUBCOMMANDS else None
    return None


def _report(error: Exception) -> int:
    """Turn a known error into one line and an exit code; re-raise the unknown."""
    from stratui.domain.schema import ValidationError
    from stratui.store.errors import AmbiguousId, StoreError, UnknownId

    if isinstance(error, AmbiguousId):
        lines = [str(error)] + [
            f"  {c['id']}  {c.get('week') or ''}  {c.get('title', '')}".rstrip()
            for c in error.candidates
        ]
        return _fail("\n".join(lines), EXIT_USAGE)
    if isinstance(error, UnknownId | ValidationError):
        return _fail(str(error), EXIT_USAGE)
    if isinstance(error, StoreError):
        return _fail(str(error), EXIT_STORE)
    from stratui.exchange.importer import ImportRejected

    if isinstance(error, ImportRejected):
        return _fail(f"import: {error}; nothing was imported", EXIT_USAGE)
    if isinstance(error, OSError):
        return _fail(f"{error.filename or 'store'}: {error.strerror}", EXIT_STORE)
    raise error


def _fail(message: str, code: int) -> int:
    print(f"stratui: error: {message}", file=sys.stderr)
    return code


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
