"""``stratui template list|show|check``: the built-in rituals and the team's templates.

A template is a TOML file in the store's ``templates/`` folder (what it may define, and
the scope rule: :mod:`stratui.rituals.templates`). ``list`` names the built-ins first,
then each file of the folder in file-name order with its scope and what it defines, a
refused one with its mistake; ``show`` prints a file exactly as written (or describes a
built-in); ``check`` prints one line per refused file (``FILE: WHERE: WHAT IS
ACCEPTED``) on stderr and exits with 2, or says how many are sound.

These commands only read: a store that does not exist yet is not created, and nothing
in the store changes. The files' text is printed as it is, never interpreted.
"""

from __future__ import annotations

import argparse
import sys

from stratui.cli import argtypes
from stratui.cli.common import EXIT_USAGE, UsageError, open_workspace

BUILT_IN = "built-in"
"""The scope column of a built-in."""

HEALTH = "health"
CHECKIN = "checkin"
"""The names ``list`` gives the built-in health dimensions and check-in question."""


def define_template(template: argparse.ArgumentParser) -> None:
    """The actions of ``stratui template``."""
    template.description = (
        "Templates are TOML files in the store's templates/ folder: a team's retro "
        "formats, health dimensions, icebreakers and weekly check-in question. The "
        "built-ins stay as they are."
    )
    actions = template.add_subparsers(dest="action", metavar="ACTION", required=True)
    ls = actions.add_parser(
        "list",
        help="list the built-ins and the store's templates",
        description="One line per template: the built-ins, then each file of the store's "
        "templates/ folder by name, with its scope (team NAME or everyone) and what it "
        "defines; a refused file with its mistake.",
    )
    ls.add_argument("--json", action="store_true", help="print a JSON array of objects")
    show = actions.add_parser(
        "show",
        help="print a template's file, or describe a built-in",
        description="Print the template's file exactly as written (NAME: its file name, "
        "with or without .toml, or the retro format it defines), or describe a built-in "
        "(a format such as start-stop-continue, health or checkin).",
    )
    show.add_argument("name", type=argtypes.nonempty, metavar="NAME")
    check = actions.add_parser(
        "check",
        help="check the store's templates, or the files given",
        description="Check every template of the store, or the FILEs given (on their own "
        "and against each other, with the store's teams): one line per refused file on "
        "stderr and exit code 2, else how many are sound.",
    )
    check.add_argument(
        "files", nargs="*", type=argtypes.path, metavar="FILE", help="template files to check"
    )


def run_template(args) -> int:
    ws = open_workspace(args)
    if args.action == "list":
        return _list(ws, args.json)
    if args.action == "show":
        return _show(ws, args.name)
    return _check(ws, args.files)


# -- list -----------------------------------------------------------------------------------


def _rows(ws) -> list[dict]:
    """What ``list`` shows: the built-ins, then the store's files by name."""
    from stratui.rituals.retro.formats import HEALTH_DIMENSIONS, built_in_formats
    from stratui.usecases import templates

    rows = [
        _row(fmt.name, None, BUILT_IN, [f"retro format {fmt.name}"]) for fmt in built_in_formats()
    ]
    rows.append(_row(HEALTH, None, BUILT_IN, [f"health ({len(HEALTH_DIMENSIONS)} dimensions)"]))
    rows.append(_row(CHECKIN, None, BUILT_IN, ["weekly check-in question"]))
    found = templates.read(ws)
    files = [_row(_stem(t.file), t.file, t.scope, t.defines, team=t.team) for t in found.templates]
    files += [_row(_stem(e.file), e.file, "refused", [], mistake=_where(e)) for e in found.refused]
    return rows + sorted(files, key=lambda row: row["file"])


def _row(
    name: str,
    file: str | None,
    scope: str,
    defines: list[str],
    *,
    team: str | None = None,
    mistake: str | None = None,
) -> dict:
    """One template as ``list --json`` prints it (``file`` None: a built-in)."""
    return {
        "name": name,
        "file": file,
        "built_in": file is None,
        "scope": scope,
        "team": team,
        "defines": defines,
        "refused": mistake is not None,
        "mistake": mistake,
    }


def _list(ws, as_json: bool) -> int:
    rows = _rows(ws)
    if as_json:
        import json

        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return 0
    lines = [
        (row["file"] or row["name"], row["scope"], row["mistake"] or ", ".join(row["defines"]))
        for row in rows
    ]
    first = max(len(name) for name, _, _ in lines)
    second = max(len(scope) for _, scope, _ in lines)
    for name, scope, what in lines:
        print(f"{name:<{first}}  {scope:<{second}}  {what}".rstrip())
    return 0


# -- show -----------------------------------------------------------------------------------


def _show(ws, name: str) -> int:
    from stratui.rituals.retro.formats import built_in
    from stratui.usecases import templates

    found = templates.source(ws, name)
    if found is not None:
        file, text = found
        sys.stdout.write(text)
        for error in templates.read(ws).refused:
            if error.file == file:
                print(f"stratui: {file} is refused: {_where(error)}", file=sys.stderr)
        return 0
    fmt = built_in(name)
    if fmt is not None:
        print(f"{fmt.name}: {fmt.title} (a built-in retro format)")
        width = max(len(category.title) for category in fmt.categories)
        for category in fmt.categories:
            print(f"  {category.title:<{width}}  {category.prompt}".rstrip())
        return 0
    if name == HEALTH:
        from stratui.rituals.retro.formats import HEALTH_DIMENSIONS

        print(f"{HEALTH}: the health check's dimensions (built-in), each rated 1-5")
        for dimension in HEALTH_DIMENSIONS:
            print(f"  {dimension}")
        print('A template sets others with: [health] dimensions = ["...", ...]')
        return 0
    if name == CHECKIN:
        print(f"{CHECKIN}: the weekly review's check-in question (built-in)")
        print('A template sets another with: [weekly] checkin = "..."')
        return 0
    known = dict.fromkeys(row["name"] for row in _rows(ws))
    raise UsageError(f"NAME: no template named {name!r}; known: {', '.join(known)}")


# -- check ----------------------------------------------------------------------------------


def _check(ws, paths: list[str]) -> int:
    from stratui.rituals.templates import read_templates
    from stratui.usecases import templates

    if paths:
        found = read_templates(_read_files(paths), teams=ws.store.all("teams"))
    else:
        found = templates.read(ws)
    for line in found.problems:
        print(line, file=sys.stderr)
    if found.refused:
        return EXIT_USAGE
    count = len(found.templates)
    sound = f"{count} template{'' if count == 1 else 's'} sound"
    if not paths and not count:
        import os

        sound += f" (none in {os.path.join(ws.store.location, templates.TEMPLATES_DIR)})"
    print(sound)
    return 0


def _read_files(paths: list[str]) -> list[tuple[str, bytes]]:
    """Each file named once, as ``(the path as given, its bytes)``; a UsageError naming the
    first that cannot be read (and nothing is checked)."""
    import os

    files = []
    for path in dict.fromkeys(paths):
        try:
            with open(os.path.expanduser(path), "rb") as handle:
                files.append((path, handle.read()))
        except OSError as error:
            raise UsageError(f"FILE: cannot read {path}: {error.strerror}") from None
    return files


def _stem(file: str) -> str:
    return file.rsplit("/", 1)[-1].removesuffix(".toml")


def _where(error) -> str:
    """A refused file's mistake without the file: ``retro.name: expected ...``."""
    return f"{error.where}: {error.problem}" if error.where else error.problem
