"""A damaged store: every command says which file and where its backup is, exits 1, and
rewrites nothing."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from ._support import fingerprint, one_error_line, records


@pytest.fixture
def damaged(run, store) -> Path:
    """A store of three commitments whose quarter shard was then cut short."""
    for title in ("One", "Two", "Three"):
        assert run("log", title).returncode == 0
    shard = store / "commitments" / "2026-Q4.json"
    data = shard.read_bytes()
    shard.write_bytes(data[: len(data) // 2])
    return shard


@pytest.mark.parametrize(
    "args",
    [["list", "--all"], ["list"], ["log", "x"], ["done", "abcd"], ["export"], ["block", "x"]],
)
def test_a_cut_shard_stops_every_command_naming_the_file_and_its_backup(run, store, damaged, args):
    before = fingerprint(store)
    line = one_error_line(run(*args), code=1)
    assert str(damaged) in line
    assert "damaged" in line
    backup = re.search(r"latest good backup: (\S+)", line)
    assert backup, line
    assert Path(backup[1]).is_file()
    assert len(json.loads(Path(backup[1]).read_text(encoding="utf-8"))) >= 1  # readable JSON
    assert fingerprint(store) == before


def test_check_reports_the_damaged_file_and_exits_1(run, store, damaged):
    before = fingerprint(store)
    done = run("check")
    assert done.returncode == 1
    assert done.stdout == ""
    assert str(damaged) in done.stderr and "backup" in done.stderr
    assert done.stderr.splitlines()[-1] == f"1 problem(s) in {store}"
    assert fingerprint(store) == before


def test_the_restored_backup_makes_the_store_usable_again(run, store, damaged):
    line = one_error_line(run("list", "--all"), code=1)
    backup = Path(re.search(r"latest good backup: (\S+)", line)[1])
    damaged.write_bytes(backup.read_bytes())
    assert run("check").returncode == 0
    assert len(records(run("list", "--all", "--json"))) >= 2


def test_a_path_that_is_not_a_store_is_refused_with_exit_1(run, store):
    store.mkdir()
    (store / "notes.txt").write_text("my own file\n", encoding="utf-8")
    line = one_error_line(run("log", "x"), code=1)
    assert str(store) in line and "not a stratui store" in line
    assert sorted(p.name for p in store.iterdir()) == ["notes.txt"]
