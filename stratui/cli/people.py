"""Commands on people and teams: ``person add|list|rename|me`` and
``team add|list|rename|add-member|remove-member``.

Each action is a sub-command of its own (``stratui team add NAME --members a,b``), so
each has its own arguments and ``--help``. Every change is one transaction of
:mod:`stratui.usecases.people`; refused input is one line naming the argument and what is
accepted, exit 2, and nothing is written.
"""

from __future__ import annotations

import argparse
import sys

from stratui.cli import argtypes
from stratui.cli.common import JSON_HELP, open_workspace, options_named, print_json

# The service's field names, as the command line names them in an error.
_ARGUMENTS = {
    "name": "NAME",
    "new name": "NEW",
    "members": "--members",
    "person": "NAME",
    "team": "TEAM",
}


def define_person(person: argparse.ArgumentParser) -> None:
    """The actions of ``stratui person``."""
    actions = person.add_subparsers(dest="action", metavar="ACTION", required=True)
    add = actions.add_parser("add", help="add a person", description="Add a person.")
    add.add_argument("name", type=argtypes.nonempty, metavar="NAME")
    add.add_argument("--json", action="store_true", help=JSON_HELP)
    ls = actions.add_parser("list", help="list people and their teams")
    ls.add_argument("--json", action="store_true", help="print JSON records")
    rename = actions.add_parser(
        "rename",
        help="rename a person everywhere",
        description="Rename a person in every record that names them, in one go.",
    )
    rename.add_argument("name", type=argtypes.nonempty, metavar="NAME")
    rename.add_argument("new", type=argtypes.nonempty, metavar="NEW")
    me = actions.add_parser(
        "me",
        help="show or set who 'me' is on this machine",
        description="Without NAME, say who 'me' is; with NAME, make that person 'me' for "
        "this store on this machine (STRATUI_ME still wins when set).",
    )
    me.add_argument("name", nargs="?", type=argtypes.nonempty, metavar="NAME")


def define_team(team: argparse.ArgumentParser) -> None:
    """The actions of ``stratui team``."""
    actions = team.add_subparsers(dest="action", metavar="ACTION", required=True)
    add = actions.add_parser("add", help="add a team", description="Add a team.")
    add.add_argument("name", type=argtypes.nonempty, metavar="NAME")
    add.add_argument(
        "--members", type=argtypes.nonempty, metavar="A,B", help="its members (existing people)"
    )
    add.add_argument("--json", action="store_true", help=JSON_HELP)
    ls = actions.add_parser("list", help="list teams and their members")
    ls.add_argument("--json", action="store_true", help="print JSON records")
    rename = actions.add_parser(
        "rename",
        help="rename a team everywhere",
        description="Rename a team in every record that names it, in one go.",
    )
    rename.add_argument("name", type=argtypes.nonempty, metavar="NAME")
    rename.add_argument("new", type=argtypes.nonempty, metavar="NEW")
    for action, verb in (("add-member", "add people to"), ("remove-member", "take people out of")):
        change = actions.add_parser(
            action, help=f"{verb} a team", description=f"{verb[0].upper()}{verb[1:]} a team."
        )
        change.add_argument("team", type=argtypes.nonempty, metavar="TEAM")
        change.add_argument("members", type=argtypes.nonempty, metavar="MEMBERS", help="a,b")
        change.add_argument("--json", action="store_true", help=JSON_HELP)


def run_person(args) -> int:
    from stratui.usecases import people

    ws = open_workspace(args)
    with _naming():
        if args.action == "add":
            record = people.add_person(ws, args.name)
            if args.json:
                print_json(record)
            else:
                print(f"added person {record['name']}")
        elif args.action == "list":
            found = people.people(ws)
            me = ws.me
            _print_records(
                found,
                args.json,
                lambda p: (p["name"] + (" (me)" if p["name"] == me else ""), p.get("teams", ())),
                "no people yet",
            )
        elif args.action == "rename":
            record = people.rename_person(ws, args.name, args.new)
            print(f"renamed person {args.name.strip()} to {record['name']}")
        elif args.name is None:
            _print_me(people.who_am_i(ws))
        else:
            _print_me(people.set_me(ws, args.name))
    return 0


def run_team(args) -> int:
    from stratui.usecases import people

    ws = open_workspace(args)
    with _naming(team="NAME" if args.action == "rename" else "TEAM", members=_members(args)):
        if args.action == "add":
            record = people.add_team(ws, args.name, args.members)
            if args.json:
                print_json(record)
            else:
                print(f"added team {record['name']}: {_names(record.get('members'))}")
        elif args.action == "list":
            _print_records(
                people.teams(ws),
                args.json,
                lambda t: (t["name"], t.get("members", ())),
                "no teams yet",
            )
        elif args.action == "rename":
            record = people.rename_team(ws, args.name, args.new)
            print(f"renamed team {args.name.strip()} to {record['name']}")
            _name_templates(ws, args.name.strip(), record["name"])
        else:
            change = people.add_members if args.action == "add-member" else people.remove_members
            record = change(ws, args.team, args.members)
            if args.json:
                print_json(record)
            else:
                print(f"team {record['name']}: {_names(record.get('members'))}")
    return 0


def _name_templates(ws, old: str, new: str) -> None:
    """Say which templates still name the team by its old name (they are the team's
    files, not rewritten): until changed, they are refused and the team loses them."""
    from stratui.usecases import templates

    for file in templates.naming_team(ws, old):
        print(f'{file} names team {old}: change its line to team = "{new}"', file=sys.stderr)


def _naming(**arguments: str):
    """Turn the service's ValidationError into a UsageError naming the argument.

    ``arguments`` maps a service field to this action's argument where it differs from
    :data:`_ARGUMENTS` (``team rename`` takes the team as ``NAME``, not ``TEAM``).
    """
    return options_named({**_ARGUMENTS, **arguments})


def _members(args) -> str:
    """How this action names its members: ``--members`` or the ``MEMBERS`` argument."""
    return "--members" if args.action == "add" else "MEMBERS"


def _print_records(records, as_json: bool, row, empty: str) -> None:
    if as_json:
        import json

        from stratui.exchange.document import public_record

        print(json.dumps([public_record(r) for r in records], ensure_ascii=False, indent=2))
        return
    if not records:
        print(empty)
        return
    rows = [row(record) for record in records]
    width = max(len(name) for name, _ in rows)
    for name, others in rows:
        print(f"{name:<{width}}  {_names(others)}".rstrip())


def _names(names) -> str:
    return ", ".join(names or ()) or "-"


def _print_me(me) -> None:
    where = {
        "STRATUI_ME": "from STRATUI_ME",
        "config": "set for this store on this machine",
        "login": "the login name; set it with: stratui person me NAME",
    }[me.source]
    print(f"me: {me.name} ({where})")
    if me.source == "STRATUI_ME" and me.configured and me.configured != me.name:
        print(f"this store's setting is {me.configured}; STRATUI_ME wins while it is set")
