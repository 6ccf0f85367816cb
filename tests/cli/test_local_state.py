"""Local state of the wrong shape, and a record of the wrong shape, as a user meets them:
one line naming the file (and the record and field) and what to do, exit 1, nothing
rewritten; or, for what can be rebuilt, nothing to see at all."""

from __future__ import annotations

import errno
import json
from pathlib import Path

import pytest

from tests.store._support import unwritable

from ._support import fingerprint, one_error_line


@pytest.fixture
def logged(cli, store) -> Path:
    """ana's store (me is ana) holding one commitment, logged this week."""
    assert cli("person", "add", "ana").returncode == 0
    assert cli("log", "x").returncode == 0
    return store


@pytest.mark.parametrize("args", [["list"], ["log", "y"], ["export"], ["report"]])
def test_a_journal_of_the_wrong_shape_is_named_with_what_to_do(cli, logged, args):
    journal = logged / ".stratui" / "journal.json"
    journal.write_text("{}\n")
    before = fingerprint(logged)
    line = one_error_line(cli(*args), code=1)
    assert str(journal) in line and "delete it" in line
    assert fingerprint(logged) == before and journal.exists()


def test_check_names_the_journal_and_the_store_works_once_it_is_removed(cli, logged):
    journal = logged / ".stratui" / "journal.json"
    journal.write_text(json.dumps({"renames": [[".stratui/tmp/1-0.json", "../../x.json"]]}))
    done = cli("check")
    assert done.returncode == 1
    assert "'../../x.json', which is not a store file" in done.stderr
    journal.unlink()
    assert cli("check").returncode == 0


@pytest.mark.parametrize("content", [b'{"files": []}', b"\xff\xfe"], ids=["shape", "not-utf8"])
def test_a_manifest_or_id_index_of_the_wrong_shape_is_rebuilt_silently(cli, logged, content):
    (logged / ".stratui" / "manifest.json").write_bytes(content)
    for index in (logged / ".stratui" / "ids").rglob("*.ids"):
        index.write_bytes(content)
    listed = cli("list", "--json")
    assert listed.returncode == 0 and listed.stderr == ""
    (record,) = json.loads(listed.stdout)
    done = cli("done", record["id"][:6])
    assert done.returncode == 0 and done.stderr == ""
    assert cli("check").returncode == 0


@pytest.mark.parametrize(
    "args",
    [
        ["list"],
        ["person", "list"],
        ["team", "list"],
        ["log", "y"],
        ["person", "add", "bob"],
        ["report"],
        ["export"],
        ["goal", "list"],
    ],
)
def test_a_person_whose_name_is_a_number_crashes_no_command(cli, logged, args):
    people = logged / "people.json"
    people.write_text(people.read_text().replace('"name": "ana"', '"name": 42'))
    before = fingerprint(logged)
    line = one_error_line(cli(*args), code=1)  # and, says the fixture, no traceback
    assert str(people) in line
    assert "name: expected non-empty text, got 42" in line
    assert fingerprint(logged) == before


def test_check_reports_the_record_and_field_of_a_number_for_a_name(cli, logged):
    people = logged / "people.json"
    people.write_text(people.read_text().replace('"name": "ana"', '"name": 42'))
    done = cli("check")
    assert done.returncode == 1
    (rid,) = json.loads(people.read_text())["people"]
    assert done.stderr.splitlines()[0] == (
        f"people {rid}: name: expected non-empty text, got 42 (in {people})"
    )


def test_reads_work_and_writes_are_refused_on_a_read_only_store(cli, logged, monkeypatch):
    before = fingerprint(logged)
    unwritable(monkeypatch, logged, errno.EROFS)
    for args in (["list"], ["check"], ["export"], ["report"], ["person", "list"]):
        done = cli(*args)
        assert done.returncode == 0 and done.stderr == "", (args, done.stderr)
    line = one_error_line(cli("log", "y"), code=1)
    assert line == (
        f"stratui: error: cannot write the store {logged}: Read-only file system "
        f"({logged}/.stratui/lock); nothing was changed"
    )
    monkeypatch.undo()
    assert fingerprint(logged) == before


def test_a_full_disk_names_the_store_file_not_a_temporary(cli, logged, monkeypatch):
    unwritable(monkeypatch, logged, errno.ENOSPC)
    assert cli("list").returncode == 0
    line = one_error_line(cli("log", "y"), code=1)
    shard = next((logged / "commitments").iterdir())
    assert line == (
        f"stratui: error: cannot write {shard}: No space left on device; the store was not changed"
    )
