"""``stratui report``: the trend figures of docs/METRICS.md over a window of weeks.

Markdown by default (a weekly report to paste into a chat or an e-mail), or the JSON
document of docs/METRICS.md "The report, as data" for scripts. The options are read as text
and checked here, so that every refusal is the CLI's one line, ``stratui: error:
--OPTION: what is accepted``, with exit code 2. It only reads the store.

(Named ``trends`` because ``stratui.cli.report`` is already the CLI's error reporter.)
"""

from __future__ import annotations

import argparse
import datetime as dt

from stratui.cli.chat import add_chat_options, send_text
from stratui.cli.common import UsageError, open_workspace

FORMATS = ("md", "json")
MAX_WEEKS = 520  # ten years: a window longer than that is a mistyped number


def define_report(report: argparse.ArgumentParser) -> None:
    """The arguments of ``stratui report``."""
    report.add_argument(
        "--as-of", metavar="DATE", help='what "today" is: 2026-11-22, fri, -1w (default: today)'
    )
    report.add_argument(
        "--end", metavar="YYYY-Www", help="last week of the window (default: latest reviewed)"
    )
    report.add_argument("--week", metavar="W", help="the same as --end")
    report.add_argument("--weeks", metavar="N", help="window length in weeks (default: 4)")
    report.add_argument("--owner", metavar="NAME", help="one person's figures")
    report.add_argument("--team", metavar="NAME", help="one team's figures (its members)")
    report.add_argument("--format", metavar="md|json", help="Markdown (default) or JSON")
    add_chat_options(report, "the report")


def run_report(args) -> int:
    ws = open_workspace(args)
    as_of = _as_of(args.as_of, ws.clock.today())
    options = {
        "end": _end(args.end, args.week, as_of),
        "weeks": _weeks(args.weeks),
        "owner": _name("--owner", args.owner),
        "team": _name("--team", args.team),
    }
    if options["owner"] is not None and options["team"] is not None:
        raise UsageError("--team: not allowed with --owner: choose one person or one team")
    output = _format(args.format)
    from stratui.report import ReportError, build_report

    try:
        report = build_report(ws.store, as_of, **options)
    except ReportError as error:
        raise UsageError(str(error)) from None
    if output == "json":
        if args.style not in (None, "md") or args.post:
            raise UsageError("--format: json is for scripts; --style and --post send text")
        import json

        print(json.dumps(report.document, ensure_ascii=False, indent=2))
        return 0
    return send_text(report.markdown(), args, "the report")


def _as_of(text: str | None, today: dt.date) -> dt.date:
    if text is None:
        return today
    from stratui.domain.dates import parse_date

    try:
        return parse_date(text, today)
    except ValueError as error:
        raise UsageError(f"--as-of: {error}") from None


def _end(end: str | None, week: str | None, as_of: dt.date) -> str | None:
    """``--end`` or its alias ``--week``, read relative to the as-of date."""
    if end is not None and week is not None:
        raise UsageError("--week: not allowed with --end (it is the same option)")
    text, option = (end, "--end") if end is not None else (week, "--week")
    if text is None:
        return None
    from stratui.domain.dates import parse_week_arg

    try:
        return parse_week_arg(text, as_of)
    except ValueError as error:
        raise UsageError(f"{option}: {error}") from None


def _weeks(text: str | None) -> int:
    if text is None:
        return 4
    value = text.strip()
    if value.isascii() and value.isdigit() and 1 <= int(value) <= MAX_WEEKS:
        return int(value)
    raise UsageError(f"--weeks: expected a whole number from 1 to {MAX_WEEKS}, got {text!r}")


def _name(option: str, text: str | None) -> str | None:
    if text is None:
        return None
    if not text.strip():
        raise UsageError(f"{option}: expected a name, got {text!r}")
    return text.strip()


def _format(text: str | None) -> str:
    if text is None:
        return "md"
    value = text.strip().lower()
    if value in FORMATS:
        return value
    raise UsageError(f"--format: expected one of {', '.join(FORMATS)}, got {text!r}")
