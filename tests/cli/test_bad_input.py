"""Bad input: exit 2, one line on stderr naming the field, and nothing written.

"Nothing written" is checked on the files a user or git sees: every file of the store
outside ``.stratui/`` (this machine's lock, index and backups) is byte-for-byte the same,
and a store that did not exist still does not.
"""

from __future__ import annotations

import json

import pytest

from ._support import (
    CLASH_COMMITMENT,
    CLASH_GOAL,
    GOAL_ID,
    SOLO,
    TWIN_A,
    TWIN_B,
    commitment,
    document,
    fingerprint,
    goal,
    one_error_line,
    seed_document,
    write_json,
)

WRONG_DOCUMENTS = {
    "version3.json": ({**document(), "version": 3}, ["version", "3"]),
    "week53.json": (
        document(commitments=[commitment("dddd4444dddd4444", "Too late", 6, week="2025-W53")]),
        ["week", "2025-W53", "dddd4444dddd4444"],
    ),
    "dangling.json": (
        document(commitments=[commitment("dddd4444dddd4444", "Lost", 6, goal_id="f" * 16)]),
        ["goal_id", "f" * 16],
    ),
    "status.json": (
        document(commitments=[commitment("dddd4444dddd4444", "Odd", 6, status="finished")]),
        ["status", "finished"],
    ),
    "format.json": ({**document(), "format": "todo.txt"}, ["format"]),
    "missing.json": (
        document(goals=[{k: v for k, v in goal(GOAL_ID, "x", 0).items() if k != "title"}]),
        ["title", GOAL_ID],
    ),
    "deleted.json": (
        document(commitments=[{**commitment("dddd4444dddd4444", "Odd", 6), "deleted": True}]),
        ["deleted"],
    ),
}

# (arguments, words the error line must hold): each refused on the seeded store.
CASES = [
    (["log", "x", "--confidence", "6"], ["--confidence", "1 to 5"]),
    (["log", "x", "--confidence", "0"], ["--confidence"]),
    (["log", "x", "--confidence", "2.5"], ["--confidence"]),
    (["log", "x", "--week", "2025-W53"], ["--week", "2025-W53", "52"]),
    (["log", "x", "--week", "2026-W54"], ["--week"]),
    (["log", "x", "--week", "someday"], ["--week", "YYYY-Www"]),
    (["log", "x", "--due", "someday"], ["--due", "YYYY-MM-DD"]),
    (["log", "x", "--due", "2026-02-30"], ["--due"]),
    (["log", ""], ["TITLE"]),
    (["log", "   "], ["TITLE"]),
    (["log"], ["TITLE"]),
    (["log", "x", "--owner", ""], ["--owner"]),
    (["log", "x", "--goal", "ffff"], ["goal", "'ffff'"]),
    (["log", "x", "--bogus"], ["--bogus"]),
    (["list", "--status", "finished"], ["--status", "open, done, partial, missed, dropped"]),
    (["list", "--week", "2025-W53"], ["--week"]),
    (["list", "--week", "2026-W47", "--all"], ["--all", "--week"]),
    (["done", "ffff"], ["commitment", "'ffff'"]),
    (["done", ""], ["id"]),
    (["done", SOLO, "--note", ""], ["--note"]),
    (["set", SOLO], ["nothing to change", "--status", "--progress"]),
    (["set", SOLO, "--status", "finished"], ["--status"]),
    (["set", SOLO, "--progress", "101"], ["--progress", "0 to 100"]),
    (["set", SOLO, "--progress", "-5"], ["--progress"]),
    (["set", SOLO, "--progress", "lots"], ["--progress"]),
    (["set", SOLO, "--confidence", "9"], ["--confidence"]),
    (["set", SOLO, "--week", "2025-W53"], ["--week"]),
    (["set", SOLO, "--due", "never"], ["--due"]),
    (["set", SOLO, "--title", " "], ["--title"]),
    (["set", SOLO, "--goal", "ffff"], ["goal", "'ffff'"]),
    (["set", "ffff", "--status", "done"], ["commitment", "'ffff'"]),
    (["block", "x", "--kind", "blocker"], ["--kind", "dependency"]),
    (["block", "x", "--severity", "urgent"], ["--severity", "low, medium, high, critical"]),
    (["block", ""], ["TITLE"]),
    (["block", "x", "--on", "ffff"], ["--on", "'ffff'"]),
    (["export", "--format", "xml"], ["--format", "json, csv, md"]),
    (["export", "--format", "csv", "--collection", "widgets"], ["--collection", "commitments"]),
    (["import", "no-such-file.json"], ["FILE", "no-such-file.json"]),
    (["import", "not-json.txt"], ["not JSON"]),
    (["demo"], ["demo", "already holds records"]),
    (["demo", "--weeks", "0"], ["--weeks"]),
    (["frobnicate"], ["COMMAND", "frobnicate"]),
    *[(["import", name], words) for name, (_, words) in WRONG_DOCUMENTS.items()],
]

# Refused writes on a store that does not exist yet: it must still not exist after.
ABSENT_CASES = [
    (["log", "x", "--confidence", "6"], ["--confidence"]),
    (["log", "x", "--goal", "ffff"], ["goal"]),
    (["done", "ffff"], ["'ffff'"]),
    (["set", "ffff", "--status", "done"], ["'ffff'"]),
    (["set", "ffff"], ["nothing to change"]),
    (["block", "x", "--on", "ffff"], ["--on"]),
    (["import", "no-such-file.json"], ["FILE"]),
    (["demo", "--weeks", "1"], ["--weeks"]),
    *[(["import", name], words) for name, (_, words) in WRONG_DOCUMENTS.items()],
]


def _ids(cases):
    return [" ".join(args) or "(empty)" for args, _ in cases]


@pytest.fixture(autouse=True)
def files(tmp_path):
    """The files the cases name, in the working directory."""
    (tmp_path / "not-json.txt").write_text("id,title\n1,Ship it\n", encoding="utf-8")
    for name, (content, _) in WRONG_DOCUMENTS.items():
        write_json(tmp_path / name, content)


@pytest.fixture
def seeded(cli, tmp_path, store):
    assert cli("import", str(write_json(tmp_path / "seed.json", seed_document()))).returncode == 0
    return cli


@pytest.mark.parametrize(("args", "words"), CASES, ids=_ids(CASES))
def test_bad_input_is_one_line_exit_2_and_nothing_written(seeded, store, args, words):
    before = fingerprint(store)
    line = one_error_line(seeded(*args))
    for word in words:
        assert word in line, line
    assert fingerprint(store) == before


@pytest.mark.parametrize(("args", "words"), ABSENT_CASES, ids=_ids(ABSENT_CASES))
def test_bad_input_on_a_missing_store_leaves_no_store_behind(cli, store, args, words):
    line = one_error_line(cli(*args))
    for word in words:
        assert word in line, line
    assert not store.exists()


@pytest.mark.parametrize(
    "args",
    [["done", "aaaa"], ["set", "aaaa", "--status", "missed"], ["block", "x", "--on", "aaaa"]],
    ids=["done", "set", "block"],
)
def test_an_ambiguous_commitment_prefix_is_refused_listing_the_candidates(seeded, store, args):
    before = fingerprint(store)
    done = seeded(*args)
    assert done.returncode == 2
    assert done.stdout == ""
    first, *candidates = done.stderr.splitlines()
    assert first.startswith("stratui: error:")
    assert "'aaaa'" in first and "ambiguous" in first
    assert TWIN_A in first and TWIN_B in first
    assert [line.split()[0] for line in candidates] == [TWIN_A, TWIN_B]
    assert "First twin" in candidates[0] and "Second twin" in candidates[1]
    assert fingerprint(store) == before


def test_on_a_prefix_of_both_a_commitment_and_a_goal_is_refused_listing_both(seeded, store):
    before = fingerprint(store)
    done = seeded("block", "x", "--on", "cccc")
    assert done.returncode == 2
    first, *candidates = done.stderr.splitlines()
    assert first.startswith("stratui: error: --on:") and "'cccc'" in first
    assert {line.split()[0] for line in candidates} == {CLASH_COMMITMENT, CLASH_GOAL}
    assert fingerprint(store) == before


def test_real_processes_refuse_bad_input_the_same_way(run, store, tmp_path):
    """A few cases end to end: what a shell sees, with the store created or not."""
    line = one_error_line(run("log", "x", "--week", "2025-W53"))
    assert line.startswith("stratui log: error: argument --week:")
    assert "FILE" in one_error_line(run("import", "nowhere.json"))
    assert "goal_id" in one_error_line(run("import", "dangling.json"))
    assert not store.exists()
    seed = write_json(tmp_path / "seed.json", seed_document())
    assert run("import", str(seed)).returncode == 0
    before = fingerprint(store)
    assert "--confidence" in one_error_line(run("set", TWIN_A, "--confidence", "high"))
    assert "version" in one_error_line(run("import", "version3.json"))
    assert "not JSON" in one_error_line(run("import", "-", input="{oops"))
    assert "nothing to change" in one_error_line(run("set", CLASH_COMMITMENT))
    assert "--kind" in one_error_line(run("block", "x", "--kind", "people"))
    ambiguous = run("done", "aaaa")
    assert ambiguous.returncode == 2 and TWIN_B in ambiguous.stderr
    assert fingerprint(store) == before
    statuses = {r["id"]: r["status"] for r in json.loads(run("list", "--all", "--json").stdout)}
    assert statuses == {TWIN_A: "open", TWIN_B: "done", SOLO: "open", CLASH_COMMITMENT: "open"}
