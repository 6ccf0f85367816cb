"""What every command shares: exit codes, usage errors, the store path and the workspace."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager

EXIT_STORE = 1
EXIT_USAGE = 2


class UsageError(Exception):
    """Bad input from the user: printed as one line, exit code 2."""


@contextmanager
def options_named(options: Mapping[str, str]) -> Iterator[None]:
    """Turn a use case's ValidationError into a UsageError naming the command's option.

    ``options`` maps the use case's field (``owner``) to what the command line calls it
    (``--owner``); a field not in it keeps its name, and an error about a stored record
    (``record`` set) is left as it is.
    """
    from stratui.domain.schema import ValidationError

    try:
        yield
    except ValidationError as error:
        if error.record is not None:
            raise
        label = options.get(error.field, error.field)
        message = str(error).removeprefix(f"{error.field}: ")
        raise UsageError(f"{label}: {message}") from None


def store_path(db: str | None) -> str:
    """``--db``, else ``STRATUI_DB``, else the user data directory."""
    path = db or os.environ.get("STRATUI_DB")
    if path:
        return os.path.expanduser(path)
    from platformdirs import user_data_dir

    return os.path.join(user_data_dir("stratui", appauthor=False), "store")


def open_workspace(args):
    """The workspace (:class:`~stratui.usecases.workspace.Workspace`) of the store named."""
    from stratui.clock import Clock
    from stratui.store.store import Store
    from stratui.usecases.workspace import Workspace

    try:
        clock = Clock.from_env()
    except ValueError as error:  # STRATUI_TODAY is not a date we take
        raise UsageError(str(error)) from None
    return Workspace(Store.at(store_path(args.db)), clock)


JSON_HELP = "print the record written, as JSON (the interchange format's fields)"


def print_json(value: object) -> None:
    """A record, or a list of them, as the interchange format writes it (``--json``)."""
    import json

    from stratui.exchange.document import public_record

    records = [public_record(r) for r in value] if isinstance(value, list) else value
    if isinstance(records, dict):
        records = public_record(records)
    print(json.dumps(records, ensure_ascii=False, indent=2))


def write_text(path: str, text: str | Iterable[str], option: str = "--out") -> None:
    """Write an output file whole or not at all (see ``write_atomically``); ``text`` may
    come piece by piece (an export), each piece written as it is made."""
    from stratui.store.files import write_pieces_atomically

    path = os.path.expanduser(path)
    try:
        write_pieces_atomically(path, [text] if isinstance(text, str) else text)
    except OSError as error:
        raise UsageError(f"{option}: cannot write {path}: {error.strerror}") from None


def print_pieces(pieces: Iterable[str]) -> None:
    """Print text made piece by piece (a whole-store export) to stdout, after making all
    of it into a temporary file: the pieces are made under the store's shared lock, which
    a slow reader of stdout (``| less``) would otherwise hold, keeping every write of the
    store waiting. Memory stays that of a piece; disk holds the text for a moment."""
    import shutil
    import tempfile

    with tempfile.TemporaryFile("w+", encoding="utf-8") as spool:
        spool.writelines(pieces)
        spool.seek(0)
        shutil.copyfileobj(spool, sys.stdout, 1 << 16)


def run_tui(args, start: str | None = None, **options: object) -> int:
    """Open the Textual app on the store (the only path that imports Textual);
    ``start="weekly"`` opens straight into the weekly review; ``options`` (``team``,
    ``period``, ``facilitate``) go to the ritual's screen."""
    from stratui.cli import report

    try:
        ws = open_workspace(args)
        ws.store.open()
    except Exception as error:
        return report(error)
    from stratui.ui.app import run

    run(ws, start=start, **options)
    return 0


WEB_DRIVER = "textual.drivers.web_driver:WebDriver"
"""The Textual driver textual-serve runs an app with (``TEXTUAL_DRIVER``): stratui serve's
app processes draw on a browser page through their pipes."""


def has_screen() -> bool:
    """Whether there is somewhere to draw: a terminal on stdin and stdout, or a browser
    page (an app process of ``stratui serve``)."""
    if os.environ.get("TEXTUAL_DRIVER") == WEB_DRIVER:
        return True
    return sys.stdin.isatty() and sys.stdout.isatty()


def needs_terminal(what: str) -> None:
    """Refuse to draw a screen when there is no terminal (nor browser page) to draw on."""
    if not has_screen():
        raise UsageError(f"{what}: needs a terminal to draw on")
