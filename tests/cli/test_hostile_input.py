"""Hostile input (issue 17, "Nothing lost, nothing injected"): refused whole, at the door.

Dates and weeks at the ends of the calendar, bytes that are not UTF-8, text with lone
surrogates or nested 900 deep in an import, a demo of 99999 weeks, a title that starts
with ``-``, an export over one of the store's own files. Each is one line on stderr
naming the argument (or the record and field), exit code 2, and the store's files byte
for byte the same.
"""

from __future__ import annotations

import io
import json
import os
import sys

import pytest

from ._support import (
    GOAL_ID,
    SOLO,
    commitment,
    document,
    fingerprint,
    one_error_line,
    person,
    seed_document,
    write_json,
)

DATES = "stratui takes dates from 1900-01-01 to 2999-12-31"
WEEKS = "stratui takes weeks from 1900-W01 to 2999-W52"
QUARTERS = "stratui takes quarters from 1900-Q1 to 2999-Q4"
NOT_UTF8 = "not valid UTF-8"
DASH = "put -- before a title that starts with -"


@pytest.fixture
def seeded(cli, tmp_path, store):
    assert cli("import", str(write_json(tmp_path / "seed.json", seed_document()))).returncode == 0
    return cli


# (arguments, words the error line must hold)
CASES = [
    # the calendar's ends: tracebacks before
    (["report", "--end", "9999-W52"], ["--end", WEEKS, "'9999-W52'"]),
    (["report", "--week", "0001-W01"], ["--week", WEEKS]),
    (["report", "--as-of", "9999-12-31"], ["--as-of", DATES]),
    (["report", "--as-of", "0001-01-01"], ["--as-of", DATES]),
    (["quarter", "9999-12-31"], ["WHEN", QUARTERS]),
    (["quarter", "0001-01-01"], ["WHEN", QUARTERS]),
    (["quarter", "0001-01-01", "--fiscal-start", "april"], ["WHEN", QUARTERS]),
    (["quarter", "9999-Q4"], ["WHEN", QUARTERS]),
    # accepted before, and then every export --format md or goal show failed
    (["log", "x", "--week", "9999-W52"], ["--week", WEEKS]),
    (["log", "x", "--week", "1899-W52"], ["--week", WEEKS]),
    (["log", "x", "--week", "2999-12-31"], ["--week", WEEKS, "(3000-W01)"]),
    (["log", "x", "--week", "+999999w"], ["--week", WEEKS]),
    (["log", "x", "--due", "9999-12-31"], ["--due", DATES]),
    (["log", "x", "--due", "+1000y"], ["--due", DATES, "'+1000y' ("]),
    (["set", SOLO, "--week", "0001-W01"], ["--week", WEEKS]),
    (["set", SOLO, "--due", "0001-01-01"], ["--due", DATES]),
    (["list", "--week", "9999-W52"], ["--week", WEEKS]),
    (["goal", "add", "g", "--end", "9999-12-31"], ["--end", DATES]),
    (["goal", "add", "g", "--start", "0001-01-01"], ["--start", DATES]),
    (["goal", "add", "g", "--quarter", "9999-Q4"], ["--quarter", QUARTERS]),
    (["goal", "add", "g", "--quarter", "1899-Q4"], ["--quarter", QUARTERS]),
    (["goal", "checkin", GOAL_ID, "--confidence", "3", "--date", "0001-01-01"], ["--date"]),
    (["review", "quarterly", "--quarter", "0001-Q1"], ["--quarter", QUARTERS]),
    (["review", "team", "--week", "9999-W52"], ["--week", WEEKS]),
    # bytes that are not UTF-8, as a shell passes them (surrogate escapes)
    (["log", "bad\udcff\udcfe"], ["argument TITLE", NOT_UTF8, "b'bad\\xff\\xfe'"]),
    (["log", "ok", "--owner", "a\udcff"], ["argument --owner", NOT_UTF8]),
    (["done", SOLO, "--note", "a\udcff"], ["argument --note", NOT_UTF8]),
    (["set", SOLO, "--title", "a\udcff"], ["argument --title", NOT_UTF8]),
    (["set", SOLO, "--note=a\udcff"], ["argument --note", NOT_UTF8]),
    (["block", "x\udcff"], ["argument TITLE", NOT_UTF8]),
    (["block", "x", "--on", SOLO, "--owner", "\udcff"], ["argument --owner", NOT_UTF8]),
    (["goal", "add", "g\udcff"], ["argument TITLE", NOT_UTF8]),
    (["goal", "add", "g", "--description", "\udcc3"], ["argument --description", NOT_UTF8]),
    (["person", "add", "\udcffana"], ["argument NAME", NOT_UTF8]),
    (["list", "--owner", "a\udcff"], ["argument --owner", NOT_UTF8]),
    (["log", "lone \ud800"], ["argument TITLE", NOT_UTF8]),  # not even a surrogate escape
    # a title that starts with -
    (["log", "-x"], ["TITLE", DASH, "(stratui log -- -x)"]),
    (["log", "x", "-y"], [DASH, "(stratui log -- -y)"]),
    (["block", "-x"], [DASH, "(stratui block -- -x)"]),
    (["goal", "add", "-x"], [DASH, "(stratui goal add -- -x)"]),
    (["log", "x", "--due", "-1d"], ["--due", "--due=VALUE"]),
    # an option's value "--" given with "=": argparse handed over [] (a traceback)
    (["report", "--format=--"], ["--format", "got '--'"]),
    (["log", "x", "--week=--"], ["--week", "'--'"]),
    # ten thousand years of demo
    (["demo", "--weeks", "99999"], ["--weeks", "from 2 to 520", "'99999'"]),
    (["demo", "--people", "99999"], ["--people", "from 1 to 50"]),
]


def _ids(cases):
    return [" ".join(args).encode("ascii", "backslashreplace").decode() for args, _ in cases]


@pytest.mark.parametrize(("args", "words"), CASES, ids=_ids(CASES))
def test_hostile_input_is_one_line_exit_2_and_nothing_written(seeded, store, args, words):
    before = fingerprint(store)
    line = one_error_line(seeded(*args))
    for word in words:
        assert word in line, line
    assert fingerprint(store) == before


def test_the_supported_years_are_taken_to_their_ends(seeded):
    """1900-W01, 2999-W52 and 2999-12-31 are taken; the dash title goes after --."""
    assert seeded("log", "first", "--week", "1900-W01").returncode == 0
    assert seeded("log", "last", "--week", "2999-W52", "--due", "2999-12-31").returncode == 0
    assert seeded("log", "--", "-x").returncode == 0
    assert (
        seeded("goal", "add", "g", "--start", "1900-01-01", "--end", "2999-12-31").returncode == 0
    )
    assert seeded("report", "--end", "2999-W52").returncode == 0
    weeks = {c["title"]: c["week"] for c in json.loads(seeded("list", "--all", "--json").stdout)}
    assert (weeks["first"], weeks["last"], weeks["-x"]) == ("1900-W01", "2999-W52", "2026-W47")
    for reader in (["export", "--format", "md"], ["check"], ["goal", "list"]):
        assert seeded(*reader).returncode == 0


def test_an_accepted_far_goal_does_not_break_later_commands(seeded):
    """The issue's case, at the edge that is now taken: goal show and the export work."""
    goal = seeded("goal", "add", "g", "--end", "2999-12-31").stdout.strip()
    assert seeded("goal", "show", goal).returncode == 0
    assert seeded("export", "--format", "md").returncode == 0


def test_a_demo_that_would_leave_the_supported_years_is_refused(cli, store, monkeypatch):
    monkeypatch.setenv("STRATUI_TODAY", "1905-01-02")
    line = one_error_line(cli("demo", "--weeks", "520"))
    assert "--weeks: this history would leave the supported years" in line
    assert not store.exists()


# -- import: the importer names the record and the field, nothing is imported ----------------


def _nested(depth: int) -> object:
    value: object = 1
    for _ in range(depth):
        value = {"a": value}
    return value


IMPORTS = {
    "far-week": (
        document(commitments=[commitment("dddd4444dddd4444", "Far", 6, week="9999-W52")]),
        ["commitments dddd4444dddd4444", "week", WEEKS, "'9999-W52'"],
    ),
    "far-due": (
        document(commitments=[commitment("dddd4444dddd4444", "Far", 6, due="0001-01-01")]),
        ["commitments dddd4444dddd4444", "due", DATES],
    ),
    "far-stamp": (
        document(
            commitments=[
                commitment("dddd4444dddd4444", "Far", 6, created_at="9999-12-31T00:00:00Z")
            ]
        ),
        ["commitments dddd4444dddd4444", "created_at", "1900-01-01 to 2999-12-31"],
    ),
    "surrogate": (
        document(people=[person("dddd5555dddd5555", "z\ud800", 7)]),
        ["people dddd5555dddd5555", "name", "not valid Unicode", "lone surrogate"],
    ),
    "surrogate-key": (
        document(commitments=[{**commitment("dddd4444dddd4444", "x", 6), "k\udc80": 1}]),
        ["commitments dddd4444dddd4444", "'k\\udc80'", "not valid Unicode"],
    ),
    "surrogate-id": (
        document(commitments=[commitment("d\ud800", "x", 6)]),
        ["commitments[0]", "id", "not valid Unicode"],
    ),
    "deep": (
        document(commitments=[{**commitment("dddd4444dddd4444", "x", 6), "extra": _nested(900)}]),
        ["commitments dddd4444dddd4444", "extra", "more than 32 deep"],
    ),
}


@pytest.mark.parametrize("name", IMPORTS)
def test_a_hostile_import_names_the_record_and_field_and_imports_nothing(
    seeded, store, tmp_path, name
):
    content, words = IMPORTS[name]
    path = tmp_path / f"{name}.json"
    # json.dumps writes a lone surrogate as the escape "\ud800", as any JSON writer may
    path.write_text(json.dumps(content, ensure_ascii=True), encoding="utf-8")
    before = fingerprint(store)
    line = one_error_line(seeded("import", str(path)))
    for word in words:
        assert word in line, line
    assert line.endswith("nothing was imported")
    assert fingerprint(store) == before


def test_standard_input_that_is_not_utf8_is_refused(seeded, store, monkeypatch):
    before = fingerprint(store)
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b'{"format": "\xff"}')))
    line = one_error_line(seeded("import", "-"))
    assert "FILE: standard input is not UTF-8 text" in line
    assert fingerprint(store) == before


# -- export --out never writes into the store --------------------------------------------------


@pytest.mark.parametrize("target", ["people.json", "commitments/2026-Q4.json", "new.json", "."])
def test_export_out_inside_the_store_is_refused(seeded, store, target):
    before = fingerprint(store)
    line = one_error_line(seeded("export", "--out", str(store / target)))
    assert "--out:" in line and "inside the store" in line
    assert fingerprint(store) == before


def test_export_out_through_a_symlink_into_the_store_is_refused(seeded, store, tmp_path):
    os.symlink(store, tmp_path / "alias")
    before = fingerprint(store)
    line = one_error_line(seeded("export", "--format", "md", "--out", str(tmp_path / "alias/x")))
    assert "--out:" in line and "inside the store" in line
    assert fingerprint(store) == before
    assert seeded("export", "--out", str(tmp_path / "backup.json")).returncode == 0


# -- the environment ------------------------------------------------------------------------------


@pytest.mark.parametrize("today", ["9999-12-31", "0001-01-01", "someday"])
def test_stratui_today_outside_the_supported_years_is_one_line(seeded, store, monkeypatch, today):
    before = fingerprint(store)
    monkeypatch.setenv("STRATUI_TODAY", today)
    for args in (["list"], ["log", "x"], ["log", "x", "--week", "this"]):
        line = one_error_line(seeded(*args))
        assert "STRATUI_TODAY" in line
    assert fingerprint(store) == before


def test_a_file_name_that_is_not_utf8_is_still_a_path(run, tmp_path):
    """Paths are the one kind of argument taken as the system gives them (any bytes): in
    a real process, as a shell passes them."""
    out = tmp_path / "backup-\udcff.json"
    assert run("person", "add", "ana").returncode == 0
    assert run("export", "--out", str(out)).returncode == 0
    assert os.path.exists(out)
    assert run("import", str(out)).returncode == 0
    assert NOT_UTF8 in one_error_line(run("person", "add", "\udcff"))
