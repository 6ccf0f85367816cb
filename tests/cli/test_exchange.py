"""``export``, ``import`` and ``demo``: the interchange format through the command line."""

from __future__ import annotations

import csv
import io
import json

import pytest

from ._support import (
    COLLECTIONS,
    GOAL_ID,
    STAMP,
    TWIN_A,
    document,
    fingerprint,
    one_error_line,
    person,
    records,
    seed_document,
    without_stamp,
    write_json,
)


def fill(run, tmp_path) -> None:
    """A store with goals, commitments in two quarters, an outcome and a roadblock."""
    assert run("import", str(write_json(tmp_path / "seed.json", seed_document()))).returncode == 0
    rid = run("log", "Écrire le plan ✓", "--goal", GOAL_ID[:4], "--due", "fri").stdout.strip()
    run("log", "Next year", "--week", "2027-W02", "--confidence", "5")
    run("done", rid, "--note", "line one\nline two")
    run("block", 'Waiting on "legal"', "--on", TWIN_A[:6], "--severity", "critical")


def test_export_json_is_the_documented_document(run, tmp_path):
    fill(run, tmp_path)
    done = run("export", "--format", "json")
    assert done.returncode == 0, done.stderr
    exported = json.loads(done.stdout)
    assert list(exported) == ["format", "version", "exported_at", *COLLECTIONS]
    assert (exported["format"], exported["version"]) == ("stratui", 2)
    assert exported["exported_at"] == STAMP
    counts = {name: len(exported[name]) for name in COLLECTIONS}
    assert counts == {
        **dict.fromkeys(COLLECTIONS, 0),
        "people": 2,
        "goals": 2,
        "commitments": 6,
        "roadblocks": 1,
    }
    assert "Écrire le plan ✓" in done.stdout  # UTF-8, not \u escapes
    assert all("deleted" not in r for name in COLLECTIONS for r in exported[name])
    assert run("export").stdout == done.stdout  # json is the default, and deterministic


def test_export_out_writes_the_file_and_nothing_to_stdout(run, tmp_path):
    fill(run, tmp_path)
    out = tmp_path / "backup.json"
    done = run("export", "--out", str(out))
    assert done.returncode == 0, done.stderr
    assert done.stdout == ""
    assert str(out) in done.stderr
    assert out.read_text(encoding="utf-8") == run("export").stdout


def test_export_csv_has_one_row_per_commitment_and_the_schema_header(cli, tmp_path):
    cli("import", str(write_json(tmp_path / "seed.json", seed_document())))
    cli("log", 'Title, with "quotes"')
    done = cli("export", "--format", "csv")
    assert done.returncode == 0, done.stderr
    rows = list(csv.DictReader(io.StringIO(done.stdout)))
    assert len(rows) == 5
    assert list(rows[0])[:4] == ["id", "title", "owner", "week"]
    assert 'Title, with "quotes"' in {row["title"] for row in rows}
    goals = cli("export", "--format", "csv", "--collection", "goals")
    assert {row["id"] for row in csv.DictReader(io.StringIO(goals.stdout))} == {
        GOAL_ID,
        "cccc1111cccc1111",
    }


def test_export_md_is_a_readable_report_with_the_titles(cli, tmp_path):
    cli("import", str(write_json(tmp_path / "seed.json", seed_document())))
    out = tmp_path / "report.md"
    assert cli("export", "--format", "md", "--out", str(out)).returncode == 0
    text = out.read_text(encoding="utf-8")
    assert text.startswith("# stratui export")
    for title in ("Ship v2", "First twin", "Ben's plan"):
        assert title in text


def test_import_into_a_fresh_store_reproduces_the_same_export(run, tmp_path):
    fill(run, tmp_path)
    first = run("export").stdout
    backup = tmp_path / "backup.json"
    backup.write_text(first, encoding="utf-8")
    fresh = tmp_path / "fresh"
    done = run("--db", str(fresh), "import", str(backup), db=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout == "imported 11 new, 0 updated, 0 unchanged\n"
    second = run("--db", str(fresh), "export", db=False).stdout
    assert without_stamp(second) == without_stamp(first)
    assert run("--db", str(fresh), "check", db=False).returncode == 0


def test_importing_the_same_file_twice_changes_nothing_the_second_time(run, store, tmp_path):
    seed = write_json(tmp_path / "seed.json", seed_document())
    assert run("import", str(seed)).stdout == "imported 8 new, 0 updated, 0 unchanged\n"
    before = fingerprint(store)
    again = run("import", str(seed))
    assert again.returncode == 0
    assert again.stdout.startswith("imported 0 new, 0 updated")
    assert fingerprint(store) == before


def test_import_keeps_a_newer_store_copy_and_takes_a_newer_file_copy(cli, store, tmp_path):
    seed = seed_document()
    cli("import", str(write_json(tmp_path / "seed.json", seed)))
    cli("set", TWIN_A, "--title", "Renamed here")  # store copy now newer than the file's
    assert cli("import", str(tmp_path / "seed.json")).stdout.startswith("imported 0 new, 0 up")
    assert {r["id"]: r["title"] for r in records(cli("list", "--json"))}[TWIN_A] == "Renamed here"
    newer = seed_document()
    newer["commitments"][0].update(title="Renamed there", updated_at="2026-11-23T08:00:00Z")
    done = cli("import", str(write_json(tmp_path / "newer.json", newer)))
    assert done.stdout.startswith("imported 0 new, 1 updated")
    assert {r["id"]: r["title"] for r in records(cli("list", "--json"))}[TWIN_A] == "Renamed there"


def test_import_dash_reads_stdin(run, store):
    done = run("import", "-", input=json.dumps(seed_document()))
    assert done.returncode == 0, done.stderr
    assert done.stdout == "imported 8 new, 0 updated, 0 unchanged\n"
    assert len(records(run("list", "--all", "--json"))) == 4


def test_import_keeps_unknown_fields_for_the_next_export(cli, tmp_path):
    seed = seed_document()
    seed["commitments"][0]["x_future"] = {"kept": True}
    cli("import", str(write_json(tmp_path / "seed.json", seed)))
    exported = json.loads(cli("export").stdout)["commitments"]
    assert next(r for r in exported if r["id"] == TWIN_A)["x_future"] == {"kept": True}


def test_demo_fills_an_empty_store_that_then_checks_sound(run, store):
    done = run("demo")
    assert done.returncode == 0, done.stderr
    assert "16 weeks" in done.stdout
    assert len(records(run("list", "--all", "--json"))) > 50
    assert run("list").stdout.count("\n") > 1  # this week has commitments
    check = run("check")
    assert check.returncode == 0 and "is sound" in check.stdout


def test_demo_refuses_a_store_that_holds_records_and_changes_nothing(run, store):
    run("log", "Mine")
    before = fingerprint(store)
    line = one_error_line(run("demo"))
    assert "demo" in line and str(store) in line
    assert fingerprint(store) == before
    assert [r["title"] for r in records(run("list", "--all", "--json"))] == ["Mine"]


@pytest.mark.parametrize("rid", ["p1\nX", " p1", "", "p" * 201, "p1\x1b", "p1\u2028"])
def test_an_id_that_is_not_one_is_refused_naming_it_on_one_line(cli, store, tmp_path, rid):
    """An id with a newline once split the id index (check then saw the record twice)."""
    path = tmp_path / "bad-id.json"
    path.write_text(json.dumps(document(people=[person(rid, "zed", 1)])), encoding="utf-8")
    before = fingerprint(store)
    done = cli("import", str(path))
    line = one_error_line(done)
    assert "id: expected" in line or "id: is required" in line
    assert fingerprint(store) == before
