"""Team sharing: ``stratui sync``, ``stratui sync setup`` and ``stratui merge-driver``.

``merge-driver`` is what git runs for each store file both sides of a merge changed
(``stratui sync setup`` configures it); it imports only the codec, the schema and the
pure merge, so a merge of many files stays quick.
"""

from __future__ import annotations

import argparse

from stratui.cli import argtypes
from stratui.cli.common import EXIT_STORE, store_path


def define_sync(sync: argparse.ArgumentParser) -> None:
    """``stratui sync [setup]``."""
    sync.add_argument(
        "action",
        nargs="?",
        help="setup: set this clone up for merges (once per clone); "
        "without it: commit, pull (merge) and push the store",
        **argtypes.one_of(("setup",)),
    )


def define_merge_driver(driver: argparse.ArgumentParser) -> None:
    """``stratui merge-driver BASE OURS THEIRS [PATH]``, as git calls it."""
    driver.add_argument(
        "base", type=argtypes.path, metavar="BASE", help="the common ancestor's version (%%O)"
    )
    driver.add_argument(
        "ours", type=argtypes.path, metavar="OURS", help="our version, replaced by the result (%%A)"
    )
    driver.add_argument("theirs", type=argtypes.path, metavar="THEIRS", help="their version (%%B)")
    driver.add_argument(
        "path", type=argtypes.path, metavar="PATH", nargs="?", help="the file's path (%%P)"
    )


def run_sync(args) -> int:
    from stratui.cli import fail
    from stratui.sync.git import GitFailed
    from stratui.sync.session import SyncError, sync
    from stratui.sync.setup import SetupError, setup

    def say(line: str) -> None:
        print(line, flush=True)

    path = store_path(args.db)
    try:
        if args.action == "setup":
            for line in setup(path):
                say(line)
            say("next: stratui sync (commits these files and shares them with your team)")
        else:
            sync(path, say, after_merge=_follow_renames)
    except (SyncError, SetupError) as error:
        return fail(str(error), EXIT_STORE)
    except GitFailed as error:
        if "tell me who you are" in error.stderr:
            return fail(
                "git does not know who you are, so it cannot commit: run "
                'git config --global user.name "Your Name" and '
                "git config --global user.email you@example.com, then stratui sync again; "
                "your changes are kept",
                EXIT_STORE,
            )
        return fail(f"{error}; your changes are kept (run git status to see them)", EXIT_STORE)
    return 0


def _follow_renames(store, files: list[str] | None) -> list[str]:
    """After a merge: what a clone wrote under a name renamed elsewhere follows the
    rename, in ``files`` (None: the whole store; see
    :func:`stratui.usecases.people.follow_renames`)."""
    from stratui.clock import Clock
    from stratui.usecases import people
    from stratui.usecases.workspace import Workspace

    return people.follow_renames(Workspace(store, Clock.from_env()), files)


def run_merge_driver(args) -> int:
    """Merge one store file for git; exit 1 (a conflict for git) when refused."""
    from stratui.cli import fail
    from stratui.sync.driver import MergeRefused, merge_file

    try:
        merge_file(args.base, args.ours, args.theirs, args.path)
    except MergeRefused as error:
        return fail(str(error), EXIT_STORE)
    return 0
