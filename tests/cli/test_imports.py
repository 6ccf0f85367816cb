"""What the command line loads: never Textual; ``log`` not even Rich, TinyDB or dateutil.

Also: the enumerations ``cli.py`` repeats (so parsing ``log`` does not import the
schema) are the schema's own.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from stratui.cli import argtypes as cli
from stratui.domain import schema

from ._support import ID_LINE, document

EXPORT = json.dumps(document())

_PROBE = """
import json, sys
from stratui.cli import main
code = main(sys.argv[1:])
sys.stdout.flush()
print(json.dumps({"code": code, "modules": sorted(sys.modules)}), file=sys.stderr)
"""


def probed(user_env, store, *args: str) -> tuple[subprocess.CompletedProcess, dict]:
    """Run ``stratui --db store ARGS`` in a fresh Python; the run and its exit code and
    every module it loaded."""
    done = subprocess.run(
        [sys.executable, "-c", _PROBE, "--db", str(store), *args],
        input=EXPORT,
        capture_output=True,
        text=True,
        env=user_env,
        cwd=store.parent,
        timeout=60,
    )
    return done, json.loads(done.stderr.splitlines()[-1])


def loaded(user_env, store, *args: str) -> tuple[str, set[str]]:
    """Run ``stratui --db store ARGS`` in a fresh Python; its stdout and top-level modules."""
    done, report = probed(user_env, store, *args)
    assert report["code"] == 0, done.stderr
    return done.stdout, {name.partition(".")[0] for name in report["modules"]}


def test_log_loads_neither_textual_nor_rich_nor_tinydb_nor_dateutil(user_env, store):
    out, modules = loaded(user_env, store, "log", "Quick capture", "--due", "fri", "--week", "next")
    assert ID_LINE.fullmatch(out)
    assert modules.isdisjoint({"textual", "rich", "tinydb", "dateutil", "shtab"}), sorted(modules)


def test_a_due_date_in_words_loads_dateutil_and_works(user_env, store):
    out, modules = loaded(user_env, store, "log", "Christmas prep", "--due", "dec 4")
    assert "dateutil" in modules
    assert "textual" not in modules and "rich" not in modules
    rid = out.strip()
    listed, _ = loaded(user_env, store, "list", "--json")
    assert [(r["id"], r["due"]) for r in json.loads(listed)] == [(rid, "2026-12-04")]


@pytest.mark.parametrize(
    "args",
    [
        ["list", "--all"],
        ["list", "--json"],
        ["export", "--format", "md"],
        ["export", "--format", "csv"],
        ["check"],
        ["import", "-"],
    ],
)
def test_no_command_loads_textual_or_rich(run, user_env, store, args):
    assert run("demo", "--weeks", "2", "--people", "1").returncode == 0
    _, modules = loaded(user_env, store, *args)
    assert "textual" not in modules and "rich" not in modules, sorted(modules)


def test_python_m_stratui_log_imports_no_textual(run, store):
    done = run("log", "Measured", env={"PYTHONPROFILEIMPORTTIME": "1"})
    assert ID_LINE.fullmatch(done.stdout)
    imported = {line.split("|")[-1].strip() for line in done.stderr.splitlines() if "|" in line}
    assert "stratui.cli" in imported  # the probe saw the imports
    assert not {name for name in imported if name.startswith(("textual", "rich", "tinydb"))}


def test_the_cli_enumerations_are_the_schemas():
    assert cli.STATUSES == schema.COMMITMENT_STATUSES
    assert cli.KINDS == schema.ROADBLOCK_KINDS
    assert cli.SEVERITIES == schema.SEVERITIES


def test_due_loads_only_the_calendars_not_the_rituals(user_env, store):
    """``stratui due`` is for a shell prompt: it reads the rituals' calendars
    (``weekly.periods``, ``retro.status``), not their drafts, nor Textual or Rich."""
    done, report = probed(user_env, store, "due")
    assert report["code"] in (0, 3), done.stderr
    modules = set(report["modules"])
    assert {"stratui.rituals.weekly.periods", "stratui.rituals.retro.status"} <= modules
    heavy = {"stratui.rituals.weekly.draft", "stratui.rituals.retro.draft", "textual", "rich"}
    assert modules.isdisjoint(heavy), sorted(modules & heavy)
