"""The commands that read the whole store: ``export --format json``, ``list --all --json``
and ``check`` (with ``--json``), on a generated history of several store files each."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from stratui.exchange.document import build_document, public_record
from stratui.store.store import Store


@pytest.fixture
def history(cli, store: Path) -> Path:
    """A demo history of 40 weeks of six people: every time series over four files."""
    assert cli("demo", "--weeks", "40", "--people", "6").returncode == 0
    return store


def without_stamp(document: dict) -> dict:
    return {key: value for key, value in document.items() if key != "exported_at"}


def test_export_holds_every_live_record_in_the_documented_order(cli, history, tmp_path):
    out = tmp_path / "export.json"
    assert cli("export", "--format", "json", "--out", str(out)).returncode == 0
    exported = json.loads(out.read_text(encoding="utf-8"))
    expected = build_document(Store.at(str(history)).collections(), "stamp")
    assert list(exported) == list(expected)  # header, then the collections in order
    assert without_stamp(exported) == without_stamp(expected)
    assert len(exported["commitments"]) > 100


def test_export_then_import_into_an_empty_store_gives_the_same_document(cli, history, tmp_path):
    first = tmp_path / "first.json"
    assert cli("export", "--out", str(first)).returncode == 0
    fresh = tmp_path / "fresh"
    done = cli("--db", str(fresh), "import", str(first))
    assert done.returncode == 0, done.stderr
    second = tmp_path / "second.json"
    assert cli("--db", str(fresh), "export", "--out", str(second)).returncode == 0
    one, two = (json.loads(path.read_text(encoding="utf-8")) for path in (first, second))
    assert without_stamp(one) == without_stamp(two)
    assert Store.at(str(fresh)).collections() == Store.at(str(history)).collections()


def test_export_to_stdout_is_the_same_document_as_to_a_file(cli, history, tmp_path):
    out = tmp_path / "export.json"
    cli("export", "--out", str(out))
    printed = cli("export").stdout
    assert without_stamp(json.loads(printed)) == without_stamp(json.loads(out.read_text()))


def test_list_all_json_is_every_commitment_as_list_sorts_them(cli, history):
    done = cli("list", "--all", "--json")
    assert done.returncode == 0
    listed = json.loads(done.stdout)
    stored = Store.at(str(history)).all("commitments")
    stored.sort(key=lambda r: (r["week"], r["owner"], r["created_at"], r["id"]))
    assert listed == [public_record(record) for record in stored]
    assert len({record["week"] for record in listed}) == 40


def test_list_all_json_filters_by_owner_and_status(cli, history):
    listed = json.loads(cli("list", "--all", "--json", "--owner", "ben", "--status", "done").stdout)
    assert listed
    assert all(r["owner"] == "ben" and r["status"] == "done" for r in listed)
    everything = json.loads(cli("list", "--all", "--json").stdout)
    assert listed == [r for r in everything if r["owner"] == "ben" and r["status"] == "done"]


def test_list_all_json_on_an_empty_store_is_an_empty_list(cli):
    done = cli("list", "--all", "--json")
    assert (done.returncode, json.loads(done.stdout)) == (0, [])


def test_check_json_on_a_sound_store(cli, history):
    done = cli("check", "--json")
    assert done.returncode == 0
    verdict = json.loads(done.stdout)
    live = sum(len(found) for found in Store.at(str(history)).collections().values())
    assert verdict == {"ok": True, "store": str(history), "records": live, "problems": []}
    assert cli("check").stdout == f"store {history} is sound: {live} records\n"


def test_check_json_names_file_record_and_field_of_each_problem(cli, history):
    shard = sorted((history / "commitments").iterdir())[-1]
    data = json.loads(shard.read_text(encoding="utf-8"))
    rid, record = next(iter(data["commitments"].items()))
    data["commitments"][rid] = {**record, "goal_id": "0000dead0000beef", "owner": "ghost"}
    shard.write_text(json.dumps(data), encoding="utf-8")
    cut = sorted((history / "reviews").iterdir())[0]
    cut.write_bytes(cut.read_bytes()[:100])

    done = cli("check", "--json")
    assert done.returncode == 1
    verdict = json.loads(done.stdout)
    assert verdict["ok"] is False
    problems = verdict["problems"]
    assert all(set(p) == {"message", "file", "collection", "record", "field"} for p in problems)
    by_field = {(p["record"], p["field"]): p for p in problems}
    dangling = by_field[rid, "goal_id"]
    assert dangling["file"] == str(shard) and dangling["collection"] == "commitments"
    assert "0000dead0000beef" in dangling["message"]
    assert by_field[rid, "owner"]["message"].endswith("owner 'ghost' names no person")
    damaged = [p for p in problems if p["file"] == str(cut)]
    assert len(damaged) == 1 and damaged[0]["record"] is None
    # The lines without --json are the messages, in the same order.
    lines = cli("check").stderr.splitlines()
    assert lines[:-1] == [p["message"] for p in problems]
    assert lines[-1] == f"{len(problems)} problem(s) in {history}"


@pytest.mark.parametrize("args", [["list", "--all", "--json"], ["export"]])
def test_a_reader_that_takes_its_time_keeps_no_write_waiting(run, history, user_env, args):
    """The output is made (under the store's lock) before it is printed: a pager that
    has not read it all yet holds nothing a write of the store waits for."""
    with subprocess.Popen(
        [sys.executable, "-m", "stratui", "--db", str(history), *args],
        stdout=subprocess.PIPE,
        env=user_env,
    ) as reader:
        try:
            first = reader.stdout.read(1)  # printing has begun; the rest fills the pipe
            assert first
            assert run("log", "Written while the list is open").returncode == 0
            rest = reader.stdout.read()
            assert reader.wait(timeout=60) == 0
        finally:
            reader.kill()
    assert len(first + rest) > 1 << 16  # more than a pipe holds: the reader did wait
    assert json.loads(first + rest)
