"""Commands on goals and quarters: ``stratui goal ACTION ...`` and ``stratui quarter``.

``goal add`` (a goal, optionally under a parent, with its key result), ``goal list`` (the
tree, with progress and health), ``goal checkin`` (a reading), ``goal move`` (another
parent, never into a cycle), ``goal metric`` (set or clear the key result), ``goal show``
(one goal in full). ``quarter`` shows a fiscal quarter and sets the fiscal year's first
month. The rules live in :mod:`stratui.usecases.goals` and
:mod:`stratui.usecases.fiscal`; this module parses, calls one use case and prints.
Refused input is one line naming the option, exit 2, nothing written. No Textual, no
Rich: imports happen inside the functions.
"""

from __future__ import annotations

import argparse

from stratui.cli import argtypes, goal_text
from stratui.cli.common import JSON_HELP, UsageError, open_workspace, options_named, print_json

# Which option of a command a use case's ValidationError field means.
_OPTIONS = {
    "add": {
        "title": "TITLE",
        "parent": "--parent",
        "owner": "--owner",
        "start": "--start",
        "end": "--end",
        "quarter": "--quarter",
        "name": "--metric",
        "baseline": "--baseline",
        "target": "--target",
        "unit": "--unit",
    },
    "checkin": {
        "value": "--value",
        "confidence": "--confidence",
        "note": "--note",
        "date": "--date",
    },
    "list": {"person": "--owner"},
    "move": {"parent": "--under"},
    "metric": {"name": "--name", "baseline": "--baseline", "target": "--target", "unit": "--unit"},
}


# -- argument types ---------------------------------------------------------------------------


def number(text: str) -> int | float:
    """A finite number (``12``, ``-3.5``); integral values are kept whole."""
    import math

    try:
        value = float(text.strip())
    except ValueError:
        value = math.nan
    if not math.isfinite(value):
        raise argparse.ArgumentTypeError(f"expected a number, got {text!r}")
    return int(value) if value.is_integer() else value


def priority(text: str) -> int:
    from stratui.domain.inputs import parse_priority

    try:
        return parse_priority(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def month(text: str) -> int:
    from stratui.domain.quarters import parse_month

    try:
        return parse_month(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def quarter_id(text: str) -> str:
    """A quarter ``YYYY-Qn`` exactly (relative words need the store's fiscal year), of a
    supported year (1900 to 2999)."""
    from stratui.domain.quarters import supported_quarter

    try:
        return supported_quarter(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


# -- defining ---------------------------------------------------------------------------------


def define_goal(goal: argparse.ArgumentParser) -> None:
    """The arguments of ``stratui goal ACTION``."""
    actions = goal.add_subparsers(dest="action", metavar="ACTION", required=True)
    _define_add(actions.add_parser("add", help="add a goal", description="add a goal"))
    ls = actions.add_parser("list", help="the goal tree", description="the goal tree")
    ls.add_argument("--all", action="store_true", help="achieved and dropped goals too")
    scope = ls.add_mutually_exclusive_group()
    scope.add_argument("--owner", type=argtypes.nonempty, metavar="NAME")
    scope.add_argument("--team", type=argtypes.nonempty, metavar="TEAM")
    ls.add_argument("--json", action="store_true", help="print JSON")
    checkin = actions.add_parser("checkin", help="record a reading", description="record a reading")
    checkin.add_argument("id", metavar="ID")
    checkin.add_argument("--value", type=number, metavar="V", help="the key result's value")
    checkin.add_argument("--confidence", type=argtypes.confidence, metavar="1-5")
    checkin.add_argument("--note", type=argtypes.nonempty, metavar="TEXT")
    checkin.add_argument("--date", type=argtypes.date, metavar="DATE", help="default today")
    checkin.add_argument("--json", action="store_true", help=JSON_HELP)
    move = actions.add_parser("move", help="change a goal's parent", description="move a goal")
    move.add_argument("id", metavar="ID")
    where = move.add_mutually_exclusive_group(required=True)
    where.add_argument("--under", metavar="ID", help="the new parent goal")
    where.add_argument("--root", action="store_true", help="no parent")
    move.add_argument("--json", action="store_true", help=JSON_HELP)
    metric = actions.add_parser("metric", help="set or clear the key result")
    metric.add_argument("id", metavar="ID")
    metric.add_argument("--name", type=argtypes.nonempty, metavar="NAME")
    metric.add_argument("--baseline", type=number, metavar="B")
    metric.add_argument("--target", type=number, metavar="T")
    metric.add_argument("--unit", type=argtypes.nonempty, metavar="U")
    metric.add_argument("--clear", action="store_true", help="remove the key result")
    metric.add_argument("--json", action="store_true", help=JSON_HELP)
    show = actions.add_parser("show", help="one goal in full", description="one goal in full")
    show.add_argument("id", metavar="ID")
    show.add_argument("--json", action="store_true", help="print JSON")


def _define_add(add: argparse.ArgumentParser) -> None:
    add.add_argument("title", type=argtypes.nonempty, metavar="TITLE")
    add.add_argument("--parent", metavar="ID", help="the goal it cascades from")
    add.add_argument("--owner", type=argtypes.nonempty, metavar="NAME", help="default: me")
    add.add_argument("--team", type=argtypes.nonempty, metavar="TEAM")
    add.add_argument("--description", type=argtypes.nonempty, metavar="TEXT")
    add.add_argument("--start", type=argtypes.date, metavar="DATE")
    add.add_argument("--end", type=argtypes.date, metavar="DATE")
    add.add_argument("--quarter", type=quarter_id, metavar="YYYY-Qn", help="start and end")
    add.add_argument("--json", action="store_true", help=JSON_HELP)
    add.add_argument("--priority", type=priority, metavar="1-5", help="1 is highest")
    add.add_argument("--metric", type=argtypes.nonempty, metavar="NAME", help="key result")
    add.add_argument("--baseline", type=number, metavar="B")
    add.add_argument("--target", type=number, metavar="T")
    add.add_argument("--unit", type=argtypes.nonempty, metavar="U")


def define_quarter(quarter: argparse.ArgumentParser) -> None:
    """The arguments of ``stratui quarter``."""
    quarter.add_argument(
        "when",
        nargs="?",
        default="this",
        metavar="WHEN",
        help="YYYY-Qn, this, next, last or a date",
    )
    quarter.add_argument(
        "--fiscal-start", type=month, metavar="MONTH", help="set the fiscal year's first month"
    )
    quarter.add_argument(
        "--json", action="store_true", help="print the quarter's days, weeks and fiscal year"
    )


# -- running ------------------------------------------------------------------------------------


def run_goal(args) -> int:
    with options_named(_OPTIONS.get(args.action, {})):
        return _ACTIONS[args.action](args)


def _add(args) -> int:
    from stratui.usecases import goals

    metric_parts = (args.baseline, args.target, args.unit)
    if args.metric is None and any(part is not None for part in metric_parts):
        raise UsageError("--metric: name the key result when giving --baseline, --target or --unit")
    if args.metric is not None and (args.baseline is None or args.target is None):
        raise UsageError("--metric: a key result needs --baseline B and --target T (numbers)")
    if args.quarter and (args.start or args.end):
        raise UsageError("--quarter: not allowed with --start or --end: it sets both")
    fields = {
        "title": args.title.strip(),
        "parent": args.parent,
        "owner": args.owner,
        "team": args.team,
        "description": args.description,
        "start": args.start,
        "end": args.end,
        "quarter": args.quarter,
        "priority": args.priority,
    }
    if args.metric is not None:
        fields["metric"] = {
            "name": args.metric,
            "baseline": args.baseline,
            "target": args.target,
            "unit": args.unit,
        }
    record = goals.create(open_workspace(args), fields)
    if args.json:
        print_json(record)
    else:
        print(record["id"])
    return 0


def _list(args) -> int:
    from stratui.usecases import goals, people

    ws = open_workspace(args)
    owner = people.person(ws, args.owner)["name"] if args.owner else None
    rows = goals.tree(ws, status=None if args.all else "active", owner=owner, team=args.team)
    if args.json:
        import json

        print(json.dumps([goal_text.row_json(row) for row in rows], ensure_ascii=False, indent=2))
        return 0
    if not rows:
        print("no goals" if args.all else "no active goals")
        return 0
    from stratui.cli.textout import SHORT_ID, one_line, table

    lines = [
        [
            row.goal["id"][:SHORT_ID],
            row.goal["status"],
            str(row.goal.get("priority") or ""),
            goal_text.percent(row.standing.progress),
            row.standing.health or "-",
            row.goal.get("end") or "",
            one_line(row.goal.get("owner") or ""),
            "  " * row.depth + one_line(row.goal["title"]),
        ]
        for row in rows
    ]
    headers = ["ID", "STATUS", "P", "PROGRESS", "HEALTH", "END", "OWNER", "GOAL"]
    print(table(headers, lines, stretch=7))
    return 0


def _checkin(args) -> int:
    from stratui.usecases import goals

    if args.value is None and args.confidence is None:
        raise UsageError("--value: give --value V or --confidence 1-5 (or both)")
    ws = open_workspace(args)
    record = goals.check_in(
        ws, args.id, value=args.value, confidence=args.confidence, note=args.note, date=args.date
    )
    if args.json:
        print_json(record)
        return 0
    now = goals.detail(ws, record["goal_id"]).standing
    health = now.health or "health: no data"
    title = now.goal["title"]
    print(
        f"{record['id']} {title}: progress {goal_text.percent(now.progress) or 'no data'}, {health}"
    )
    return 0


def _move(args) -> int:
    from stratui.usecases import goals

    record = goals.move(open_workspace(args), args.id, None if args.root else args.under)
    if args.json:
        print_json(record)
        return 0
    where = f"under {record['parent_id'][:8]}" if record.get("parent_id") else "to the root"
    print(f"{record['id']} moved {where}: {record['title']}")
    return 0


def _metric(args) -> int:
    from stratui.usecases import goals

    parts = (args.name, args.baseline, args.target, args.unit)
    if args.clear:
        if any(part is not None for part in parts):
            raise UsageError("--clear: not allowed with --name, --baseline, --target or --unit")
        record = goals.clear_metric(open_workspace(args), args.id)
        if args.json:
            print_json(record)
            return 0
        print(f"{record['id']} has no key result now: {record['title']}")
        return 0
    if args.name is None or args.baseline is None or args.target is None:
        raise UsageError("--name: give --name NAME --baseline B --target T [--unit U], or --clear")
    record = goals.set_metric(
        open_workspace(args),
        args.id,
        name=args.name,
        baseline=args.baseline,
        target=args.target,
        unit=args.unit,
    )
    if args.json:
        print_json(record)
        return 0
    print(f"{record['id']} key result: {goal_text.metric_text(record['metric'])}")
    return 0


def _show(args) -> int:
    from stratui.usecases import goals

    detail = goals.detail(open_workspace(args), args.id)
    if args.json:
        import json

        print(json.dumps(goal_text.detail_json(detail), ensure_ascii=False, indent=2))
        return 0
    print(goal_text.detail_text(detail))
    return 0


_ACTIONS = {
    "add": _add,
    "list": _list,
    "checkin": _checkin,
    "move": _move,
    "metric": _metric,
    "show": _show,
}


def run_quarter(args) -> int:
    from stratui.domain import quarters
    from stratui.usecases import fiscal

    ws = open_workspace(args)
    start = args.fiscal_start or fiscal.fiscal_start(ws)
    try:
        quarter = quarters.parse_quarter_arg(args.when, ws.clock.today(), start)
    except ValueError as error:
        raise UsageError(f"WHEN: {error}") from None
    if args.fiscal_start is not None:  # only once everything asked is known to be valid
        ws.store.open()  # never write settings into a directory that is not a store
        fiscal.set_fiscal_start(ws, args.fiscal_start)
    first, last = quarters.quarter_bounds(quarter, start)
    weeks = quarters.quarter_weeks(quarter, start)
    year = quarters.parse_quarter(quarter)[0]
    fiscal_first = quarters.fiscal_year_start(year, start)
    fiscal_last = quarters.quarter_end(quarters.format_quarter(year, 4), start)
    if args.json:
        import json

        shown = {
            "quarter": quarter,
            "start": str(first),
            "end": str(last),
            "weeks": weeks,
            "fiscal_year": year,
            "fiscal_year_start": str(fiscal_first),
            "fiscal_year_end": str(fiscal_last),
            "fiscal_start_month": start,
        }
        print(json.dumps(shown, ensure_ascii=False, indent=2))
        return 0
    print(
        f"{quarter}  {first} to {last}  weeks {weeks[0]} to {weeks[-1]} ({len(weeks)})\n"
        f"fiscal year {year} runs {fiscal_first} to {fiscal_last} "
        f"(starts in {quarters.month_name(start)})"
    )
    return 0
