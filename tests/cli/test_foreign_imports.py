"""``stratui import --from taskwarrior|csv``: other tools' files as commitments, each
keeping its external reference, so a second import changes nothing and an import after
edits updates. The Taskwarrior file is a real ``task export`` (Taskwarrior 2.6.2, made
for this test: a recurring task, a completed and a deleted one, tags and a project).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ._support import fingerprint, one_error_line

TASKS = Path(__file__).resolve().parent.parent / "fixtures" / "taskwarrior-export.json"


def imported(cli, *args: str) -> str:
    done = cli("import", *args)
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def by_title(cli) -> dict[str, dict]:
    return {c["title"]: c for c in json.loads(cli("list", "--all", "--json").stdout)}


def test_a_real_task_export_imports_once_then_changes_nothing(cli):
    assert imported(cli, "--from", "taskwarrior", str(TASKS)) == (
        "imported 7 new, 0 updated, 0 unchanged"  # 8 tasks but the recurring template
    )
    assert imported(cli, "--from", "taskwarrior", str(TASKS)) == (
        "imported 0 new, 0 updated, 7 unchanged"
    )
    found = by_title(cli)
    rfc = found["Write the RFC"]
    assert (rfc["status"], rfc["week"], rfc["due"], rfc["owner"]) == (
        "open",
        "2026-W49",  # the due date's week
        "2026-12-04",
        "ana",
    )
    assert rfc["notes"] == "project: platform · tags: docs, q4"
    assert rfc["ref"].startswith("taskwarrior:")
    assert found["Fix flaky CI"]["status"] == "done"
    assert found["Old plan"]["status"] == "dropped"
    assert found['Review, with commas; and "quotes"']["week"] == "2026-W50"  # its entry's


def test_an_import_after_edits_updates_rather_than_duplicates(cli, tmp_path):
    imported(cli, "--from", "taskwarrior", str(TASKS))
    tasks = json.loads(TASKS.read_text(encoding="utf-8"))
    tasks[0]["description"] = "Write the RFC, second draft"
    tasks[0]["modified"] = "20261209T090000Z"
    edited = tmp_path / "edited.json"
    edited.write_text(json.dumps(tasks), encoding="utf-8")
    assert imported(cli, "--from", "taskwarrior", str(edited)) == (
        "imported 0 new, 1 updated, 6 unchanged"
    )
    titles = set(by_title(cli))
    assert "Write the RFC, second draft" in titles and "Write the RFC" not in titles


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('{"not": "a list"}', "taskwarrior: expected the JSON array of `task export`, got dict"),
        (
            '[{"uuid": "u1", "status": "pending", "entry": "20261130T090000Z"}]',
            "taskwarrior task 1 (u1): description: expected text",
        ),
        (
            '[{"uuid": "u1", "status": "pending", "description": "x", "entry": "yesterday"}]',
            "taskwarrior task 1 (u1): entry: expected a Taskwarrior time",
        ),
        ("[{", "FILE: not the JSON of `task export`"),
    ],
)
def test_a_bad_task_file_is_one_line_and_writes_nothing(cli, store, tmp_path, content, message):
    cli("log", "before")
    bad = tmp_path / "bad.json"
    bad.write_text(content, encoding="utf-8")
    before = fingerprint(store)
    assert message in one_error_line(cli("import", "--from", "taskwarrior", str(bad)))
    assert fingerprint(store) == before


JIRA = (
    "Issue key,Summary,Status,Assignee,Due Date\n"
    "OPS-1,Rotate the keys,Done,ben,2026-11-20\n"
    'OPS-2,"Migrate, then verify",In Progress,,2026-12-03\n'
)


def test_a_csv_export_with_a_column_map(cli, tmp_path):
    assert cli("person", "add", "ben").returncode == 0
    path = tmp_path / "jira.csv"
    path.write_text(JIRA, encoding="utf-8")
    mapping = "title=Summary,due=Due Date,owner=Assignee,status=Status,ref=Issue key"
    assert imported(cli, "--from", "csv", str(path), "--map", mapping) == (
        "imported 2 new, 0 updated, 0 unchanged"
    )
    assert imported(cli, "--from", "csv", str(path), "--map", mapping).startswith(
        "imported 0 new, 0 updated"
    )
    found = by_title(cli)
    keys = found["Rotate the keys"]
    assert (keys["owner"], keys["status"], keys["week"], keys["ref"]) == (
        "ben",
        "done",
        "2026-W47",
        "csv:OPS-1",
    )
    assert found["Migrate, then verify"]["owner"] == "ana"  # no assignee: me


def test_a_csv_map_naming_a_column_that_is_not_there_lists_the_columns(cli, store, tmp_path):
    path = tmp_path / "jira.csv"
    path.write_text(JIRA, encoding="utf-8")
    before = fingerprint(store)
    line = one_error_line(cli("import", "--from", "csv", str(path), "--map", "title=Title"))
    assert "--map: title=Title: no such column; the file has Assignee, Due Date" in line
    assert fingerprint(store) == before


def test_a_csv_owner_who_is_not_a_person_is_refused_naming_the_line(cli, store, tmp_path):
    path = tmp_path / "jira.csv"
    path.write_text(JIRA.replace(",ben,", ",zed,"), encoding="utf-8")
    before = fingerprint(store)
    mapping = "title=Summary,owner=Assignee,ref=Issue key"
    line = one_error_line(cli("import", "--from", "csv", str(path), "--map", mapping))
    assert "csv line 2 (OPS-1): Assignee: " in line and "no person named 'zed'" in line
    assert fingerprint(store) == before


def test_a_csv_imported_again_keeps_an_edit_made_since_in_stratui(cli, tmp_path):
    import os

    path = tmp_path / "jira.csv"
    path.write_text("Issue key,Summary,Status\nAB-1,Fix login,Open\n", encoding="utf-8")
    os.utime(path, (1_700_000_000, 1_700_000_000))  # exported in 2023
    mapping = "title=Summary,status=Status,ref=Issue key"
    imported(cli, "--from", "csv", str(path), "--map", mapping)
    rid = by_title(cli)["Fix login"]["id"]
    assert cli("done", rid).returncode == 0  # decided in stratui since
    assert imported(cli, "--from", "csv", str(path), "--map", mapping) == (
        "imported 0 new, 0 updated, 1 unchanged"
    )
    assert by_title(cli)["Fix login"]["status"] == "done"


def test_a_taskwarrior_due_day_is_the_day_it_falls_on_here(monkeypatch):
    import datetime as dt
    import time

    from stratui.exchange.foreign import taskwarrior_document

    monkeypatch.setenv("TZ", "Europe/Berlin")
    time.tzset()
    try:
        task = {
            "uuid": "u1",
            "status": "pending",
            "description": "Monday's",
            "entry": "20261201T090000Z",
            "due": "20261206T230000Z",  # Monday 7 December, 00:00 in Berlin
        }
        now = dt.datetime(2026, 12, 1, tzinfo=dt.UTC)
        (made,) = taskwarrior_document([task], owner="ana", now=now)["commitments"]
    finally:
        monkeypatch.delenv("TZ")
        time.tzset()
    assert (made["due"], made["week"]) == ("2026-12-07", "2026-W50")


def test_a_csv_with_a_byte_order_mark_maps_its_first_column(cli, tmp_path):
    path = tmp_path / "excel.csv"
    path.write_text("\ufeffIssue key,Summary\nAB-2,Ship it\n", encoding="utf-8")
    out = imported(cli, "--from", "csv", str(path), "--map", "title=Summary,ref=Issue key")
    assert out == "imported 1 new, 0 updated, 0 unchanged"
