"""The ``stratui`` command line: quick capture, scripts and pipes.

It never imports Textual, and ``log`` imports neither Textual nor Rich: each command
lives in a module of this package that is imported only when that command runs, and the
modules import what they use inside their functions. So capturing a commitment costs
little more than starting Python. Every error is one line on stderr that names the field
and what is accepted; usage errors exit with 2, store problems with 1, and nothing is
written.

A command ``name`` is registered in :data:`COMMANDS` with the module that defines
``define_<name>(parser)`` and ``run_<name>(args) -> int`` (``-`` in a name becomes ``_``).
"""

from __future__ import annotations

import argparse
import importlib
import os
import re
import sys

from stratui import __version__
from stratui.cli import argtypes
from stratui.cli.common import EXIT_STORE, EXIT_USAGE, UsageError, has_screen, run_tui
from stratui.cli.examples import epilog

# name -> (module in this package, one-line summary), in the order ``--help`` lists them.
COMMANDS: dict[str, tuple[str, str]] = {
    "log": ("commitments", "record a commitment for a week"),
    "list": ("commitments", "list commitments (default: this week)"),
    "done": ("commitments", "mark a commitment done"),
    "set": ("commitments", "change a commitment's outcome or plan"),
    "block": ("commitments", "raise a roadblock"),
    "export": ("store_commands", "write the store in the interchange format"),
    "import": ("store_commands", "read an interchange file (all or nothing)"),
    "demo": ("store_commands", "fill an empty store with sample history"),
    "check": ("store_commands", "verify the store"),
    "review": ("review", "run a ritual in the TUI: weekly, team, retro, quarterly"),
    "due": ("due", "what is due for me now (exit 3 when something is; for a prompt or cron)"),
    "away": ("due", "when I am away: no weekly review is due for those weeks"),
    "retro": ("retro", "take part in a team's retrospective: card, cards, vote"),
    "template": ("templates", "list, show or check the built-in and the team's templates"),
    "person": ("people", "add, list or rename people; set who 'me' is"),
    "team": ("people", "add, list or rename teams; add or remove members"),
    "sync": ("sync", "share the store through git: commit, pull, push (setup: once a clone)"),
    "merge-driver": ("sync", "merge a store file for git (set up by sync setup)"),
    "report": ("trends", "the trend figures of a window of weeks (md or json)"),
    "summary": ("summary", "a completed review's summary (Markdown or Slack; --post)"),
    "goal": ("goal_commands", "goals: add, list (tree), checkin, move, metric, show"),
    "quarter": ("goal_commands", "a fiscal quarter's dates and weeks; set the fiscal year's start"),
    "serve": ("serve", "the app in a browser: one personal link per person"),
    "completion": ("completion", "print a shell completion script: bash, zsh or fish"),
    "docs": ("docs", "what every figure means (metrics), the interchange format (format)"),
}


def _command(name: str, part: str):
    """``define_<name>`` or ``run_<name>`` of the module that implements ``name``."""
    module = importlib.import_module(f"stratui.cli.{COMMANDS[name][0]}")
    return getattr(module, f"{part}_{name.replace('-', '_')}")


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

    def _fill_text(self, text: str, width: int, indent: str) -> str:
        """An ``examples:`` epilog (:mod:`stratui.cli.examples`) line by line, as
        written (RawDescriptionHelpFormatter's rule); other text wrapped."""
        if text.startswith("examples:"):
            return "".join(indent + line for line in text.splitlines(keepends=True))
        return super()._fill_text(text, width, indent)


class _Parser(argparse.ArgumentParser):
    """argparse, but an error is one line (no usage dump) and exits with 2."""

    def __init__(self, *args, **options) -> None:
        options.setdefault("formatter_class", _Formatter)
        super().__init__(*args, **options)

    def error(self, message: str):
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message}{self._dash_hint(message)}\n")

    def _get_value(self, action: argparse.Action, arg_string: str):
        """Refuse an argument that is not UTF-8 text, naming it, before its type reads it.

        Paths (:func:`~stratui.cli.argtypes.path`) are exempt: a file name may be any
        bytes. A subcommand's own arguments are checked by its parser, which names them.
        """
        if (
            isinstance(arg_string, str)
            and action.nargs != argparse.PARSER
            and action.type is not argtypes.path
        ):
            problem = argtypes.utf8_problem(arg_string)
            if problem:
                raise argparse.ArgumentError(action, problem)
        return super()._get_value(action, arg_string)

    def _get_values(self, action: argparse.Action, arg_strings: list[str]):
        """``--format=--`` is the text ``--``, not a list: argparse drops the ``--`` of an
        option's ``=`` value as if it ended the options, and hands over ``[]``."""
        if action.option_strings and action.nargs is None and arg_strings == ["--"]:
            value = self._get_value(action, "--")
            self._check_value(action, value)
            return value
        return super()._get_values(action, arg_strings)

    def _parse_known_args(self, arg_strings, *rest, **options):
        self._given = list(arg_strings)  # what this parser read, for _dash_hint
        return super()._parse_known_args(arg_strings, *rest, **options)

    def _dash_hint(self, message: str) -> str:
        """How to write what argparse took for an option because it starts with ``-``.

        A title such as ``-x`` goes after ``--`` (``stratui log -- -x``); an option's
        value such as ``-1d`` after ``=`` (``--due=-1d``). Said only when argparse failed
        that way: an option it does not know, or an option left without its value.
        """
        value = re.match(r"argument (-\S+): expected one argument", message)
        if value:
            return f" (a value that starts with - is written {value[1]}=VALUE)"
        parser = _innermost(self, getattr(self, "_given", []))
        if message.startswith("unrecognized arguments: "):
            unknown = message.split(": ", 1)[1].split()
        elif message.startswith("the following arguments are required: "):
            known = parser._option_string_actions
            unknown = [t for t in getattr(parser, "_given", []) if t.split("=")[0] not in known]
        else:
            return ""
        unknown = [t for t in unknown if t.startswith("-") and not _LONG_OPTION.match(t)]
        takes_text = any(
            not a.option_strings and a.nargs != argparse.PARSER for a in parser._actions
        )
        if not unknown or not takes_text:
            return ""
        return f"; put -- before a title that starts with - ({parser.prog} -- {unknown[0]})"


_LONG_OPTION = re.compile(r"--(?:[a-z][a-z-]*(?:=.*)?)?\Z", re.DOTALL)
"""``--``, or a long option (``--note``, ``--note=x``): a mistyped option, not a title."""


def _innermost(parser: argparse.ArgumentParser, given: list[str]) -> argparse.ArgumentParser:
    """The (sub)parser of the command ``given`` names: ``goal add``'s for ``goal add -x``."""
    for action in parser._actions:
        if action.nargs == argparse.PARSER:
            for index, token in enumerate(given):
                if token in action.choices:
                    return _innermost(action.choices[token], given[index + 1 :])
    return parser


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The command line as PRODUCT.md lists it.

    With ``only``, just that command's arguments are defined: building every
    subcommand costs more than running ``log``, so :func:`main` builds what it needs.
    """
    parser = _Parser(
        prog="stratui",
        description="Execution reviews in the terminal: commit, review, adjust, measure.",
        epilog=epilog(""),
    )
    parser.add_argument("--version", action="version", version=f"stratui {__version__}")
    parser.add_argument(
        "--db", type=argtypes.path, metavar="PATH", help="the store directory (or STRATUI_DB)"
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for name, (_module, summary) in COMMANDS.items():
        if only in (None, name):
            command = commands.add_parser(
                name, help=summary, description=summary, epilog=epilog(name)
            )
            _command(name, "define")(command)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the command line; returns the exit code.

    A reader that stops early (``stratui list --all | head -3``) closes the pipe: the
    command then ends quietly, with exit code 0, whatever it was printing.
    """
    from stratui.cli.streams import VisibleStream

    stdout, stderr = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = VisibleStream(stdout), VisibleStream(stderr)  # type: ignore[assignment]
    try:
        code = _run(argv)
        sys.stdout.flush()  # what is still buffered goes now, while a closed pipe is caught
    except BrokenPipeError:
        _discard_output()
        return 0
    finally:
        sys.stdout, sys.stderr = stdout, stderr
    return code


def _discard_output() -> None:
    """Point stdout at the null device, so the interpreter's last flush finds no pipe."""
    try:
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):  # no file descriptor (tests' capture)
        pass


def _run(argv: list[str] | None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    parser = build_parser(_command_in(argv))
    args = parser.parse_args(argv)
    if args.command is None:
        if not has_screen():
            parser.print_help()  # no terminal to draw on: say what the commands are
            return 0
        return run_tui(args)
    try:
        return _command(args.command, "run")(args)
    except UsageError as error:
        return fail(str(error), EXIT_USAGE)
    except BrokenPipeError:
        raise  # the reader has gone: see main
    except Exception as error:
        return report(error)


def _command_in(argv: list[str]) -> str | None:
    """The subcommand named in ``argv`` (skipping ``--db PATH``), if any."""
    skip = False
    for token in argv:
        if skip:
            skip = False
        elif token == "--db":
            skip = True
        elif not token.startswith("-"):
            return token if token in COMMANDS else None
    return None


def report(error: Exception) -> int:
    """Turn a known error into one line and an exit code; re-raise the unknown."""
    from stratui.domain.schema import ValidationError
    from stratui.store.errors import AmbiguousId, StoreError, UnknownId

    if isinstance(error, AmbiguousId):
        lines = [str(error)] + [
            f"  {c['id']}  {c.get('week') or ''}  {c.get('title', '')}".rstrip()
            for c in error.candidates
        ]
        return fail("\n".join(lines), EXIT_USAGE)
    if isinstance(error, UnknownId | ValidationError | UsageError):
        return fail(str(error), EXIT_USAGE)
    if isinstance(error, StoreError):
        return fail(str(error), EXIT_STORE)
    from stratui.exchange.importer import ImportRejected

    if isinstance(error, ImportRejected):
        return fail(f"import: {error}; nothing was imported", EXIT_USAGE)
    if isinstance(error, OSError):
        return fail(f"{error.filename or 'store'}: {error.strerror}", EXIT_STORE)
    raise error


def fail(message: str, code: int) -> int:
    """Print ``stratui: error: MESSAGE`` on stderr; returns ``code``."""
    print(f"stratui: error: {message}", file=sys.stderr)
    return code


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
