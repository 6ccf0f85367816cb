"""Every command's happy path, run as a user runs it, checked on output and stored data."""

from __future__ import annotations

import json

import pytest

from stratui.clock import Clock
from stratui.store.store import Store
from stratui.usecases import commitments
from stratui.usecases.workspace import Workspace

from ._support import (
    CLASH_COMMITMENT,
    CLASH_GOAL,
    COMMITMENT_FIELDS,
    COMMITMENT_REQUIRED,
    GOAL_ID,
    ID_LINE,
    ME,
    SOLO,
    STAMP,
    THIS_WEEK,
    TODAY,
    TWIN_A,
    TWIN_B,
    document,
    goal,
    records,
    seed_document,
    write_json,
)


@pytest.fixture
def seeded(cli, tmp_path):
    """Seed the store with :func:`seed_document` through ``stratui import``."""
    done = cli("import", str(write_json(tmp_path / "seed.json", seed_document())))
    assert done.returncode == 0, done.stderr
    return cli


def stored(store, rid: str, collection: str = "commitments") -> dict:
    """The record as the store holds it, read without the CLI."""
    record = Store.at(str(store)).get(collection, rid)
    assert record is not None, f"{collection} {rid} is not in the store"
    return record


# -- log ------------------------------------------------------------------------------------


def test_log_prints_the_new_id_and_stores_an_open_manual_commitment_of_me_this_week(run, store):
    done = run("log", "Write the migration plan")
    assert done.returncode == 0, done.stderr
    assert ID_LINE.fullmatch(done.stdout)
    assert done.stderr == ""
    rid = done.stdout.strip()
    (listed,) = records(run("list", "--json"))
    assert listed == {
        "id": rid,
        "title": "Write the migration plan",
        "owner": ME,
        "week": THIS_WEEK,
        "status": "open",
        "source": "manual",
        "created_at": STAMP,
        "updated_at": STAMP,
    }
    assert stored(store, rid) == listed


@pytest.mark.parametrize(
    ("options", "expected"),
    [
        (["--owner", "ben"], {"owner": "ben"}),
        (["--week", "2026-W53"], {"week": "2026-W53"}),
        (["--week", "next"], {"week": "2026-W48"}),
        (["--week", "last"], {"week": "2026-W46"}),
        (["--due", "fri"], {"due": "2026-11-27"}),
        (["--due", "2026-12-04"], {"due": "2026-12-04"}),
        (["--due", "+3d"], {"due": "2026-11-25"}),
        (["--confidence", "4"], {"confidence": 4}),
        (
            ["--owner", "ben", "--week", "2026-W50", "--due", "2026-12-09", "--confidence", "2"],
            {"owner": "ben", "week": "2026-W50", "due": "2026-12-09", "confidence": 2},
        ),
    ],
)
def test_log_options_are_stored(cli, store, options, expected):
    assert cli("person", "add", "ben").returncode == 0
    done = cli("log", "Pair with Ben", *options)
    assert done.returncode == 0, done.stderr
    record = stored(store, done.stdout.strip())
    assert {key: record.get(key) for key in expected} == expected
    defaults = {"owner": ME, "week": THIS_WEEK, "status": "open", "source": "manual"}
    for key, value in defaults.items():
        assert record[key] == expected.get(key, value)


def test_log_with_a_goal_prefix_links_the_goal_and_list_shows_its_title(run, store, tmp_path):
    seed = write_json(tmp_path / "goal.json", document(goals=[goal(GOAL_ID, "Ship v2", 0)]))
    assert run("import", str(seed)).returncode == 0
    done = run("log", "Cut the release branch", "--goal", GOAL_ID[:4])
    assert done.returncode == 0, done.stderr
    assert stored(store, done.stdout.strip())["goal_id"] == GOAL_ID
    table = run("list").stdout
    assert "Ship v2" in table and "Cut the release branch" in table


def test_user_text_is_stored_and_shown_exactly_as_typed(cli, store):
    title = "[bold]Fix[/bold] *the* `flaky` test <b> & 50%"
    rid = cli("log", title).stdout.strip()
    assert stored(store, rid)["title"] == title
    assert title in cli("list").stdout


# -- list -----------------------------------------------------------------------------------


def test_list_shows_this_weeks_commitments_as_a_table_of_ids_and_titles(seeded):
    table = seeded("list")
    assert table.returncode == 0
    lines = table.stdout.splitlines()
    assert lines[0].split() == ["ID", "WEEK", "OWNER", "STATUS", "DONE", "GOAL", "TITLE"]
    assert any(line.startswith(TWIN_A[:8]) and "First twin" in line for line in lines)
    assert any(line.startswith(TWIN_B[:8]) and "100%" in line for line in lines)
    assert any(line.startswith(CLASH_COMMITMENT[:8]) and "Ship v2" in line for line in lines)
    assert "Ben's plan" not in table.stdout  # next week's
    assert len(lines) == 4


@pytest.mark.parametrize(
    ("options", "expected"),
    [
        ([], {TWIN_A, TWIN_B, CLASH_COMMITMENT}),
        (["--week", "2026-W48"], {SOLO}),
        (["--week", "next"], {SOLO}),
        (["--all"], {TWIN_A, TWIN_B, CLASH_COMMITMENT, SOLO}),
        (["--all", "--owner", "ben"], {SOLO}),
        (["--owner", "ben"], set()),
        (["--status", "done"], {TWIN_B}),
        (["--all", "--status", "OPEN"], {TWIN_A, CLASH_COMMITMENT, SOLO}),
        (["--week", "2026-W40"], set()),
    ],
)
def test_list_filters_by_week_owner_and_status(seeded, options, expected):
    assert {r["id"] for r in records(seeded("list", "--json", *options))} == expected


def test_list_says_so_when_a_week_has_no_commitments(seeded):
    done = seeded("list", "--week", "2026-W40")
    assert (done.returncode, done.stdout) == (0, "no commitments for 2026-W40\n")


def test_list_json_records_have_exactly_the_export_format_fields(cli, store, tmp_path):
    seed = write_json(tmp_path / "goal.json", document(goals=[goal(GOAL_ID, "Ship v2", 0)]))
    cli("import", str(seed))
    full = cli("log", "Everything", "--goal", GOAL_ID, "--due", "fri", "--confidence", "3")
    rid = full.stdout.strip()
    cli("done", rid, "--note", "merged")
    gone = cli("log", "Deleted later").stdout.strip()
    commitments.delete(Workspace(Store.at(str(store)), Clock.from_env()), gone)

    listed = records(cli("list", "--all", "--json"))
    assert [r["id"] for r in listed] == [rid]  # the deleted one is not listed
    (record,) = listed
    assert COMMITMENT_REQUIRED | {"goal_id", "due", "confidence", "notes", "progress"} <= set(
        record
    )
    assert set(record) <= COMMITMENT_FIELDS
    assert "deleted" not in record
    exported = json.loads(cli("export").stdout)["commitments"]
    assert exported == listed


def test_list_of_an_empty_store_is_empty_and_creates_nothing(run, store):
    assert records(run("list", "--all", "--json")) == []
    assert run("list").stdout == f"no commitments for {THIS_WEEK}\n"
    assert not store.exists()


# -- done and set -----------------------------------------------------------------------------


def test_done_with_a_four_character_prefix_closes_the_commitment_today(run, store):
    rid = run("log", "Ship it").stdout.strip()
    done = run("done", rid[:4], "--note", "merged in #412")
    assert done.returncode == 0, done.stderr
    assert done.stdout == f"{rid} done: Ship it\n"
    (record,) = records(run("list", "--json"))
    assert record["status"] == "done"
    assert record["progress"] == 100
    assert record["closed_on"] == TODAY
    assert record["notes"] == "merged in #412"


def test_done_note_is_appended_after_earlier_notes(cli, store):
    rid = cli("log", "Ship it").stdout.strip()
    cli("set", rid, "--note", "started")
    cli("done", rid, "--note", "finished")
    assert stored(store, rid)["notes"] == "started\nfinished"


@pytest.mark.parametrize(
    ("options", "expected", "shown"),
    [
        (["--status", "missed"], {"status": "missed", "closed_on": TODAY}, "missed: Ship it"),
        (["--status", "partial", "--progress", "60"], {"progress": 60}, "partial, 60%: Ship it"),
        (["--progress", "35%"], {"status": "open", "progress": 35}, "open, 35%: Ship it"),
        (["--progress", "12.5"], {"progress": 12.5}, "open, 12.5%"),
        (["--note", "blocked on review"], {"notes": "blocked on review"}, "open: Ship it"),
        (["--title", "Ship it twice"], {"title": "Ship it twice"}, "open: Ship it twice"),
        (["--week", "next"], {"week": "2026-W48"}, "open: Ship it"),
        (["--due", "2026-12-04"], {"due": "2026-12-04"}, "open: Ship it"),
        (["--due", "tomorrow"], {"due": "2026-11-23"}, "open: Ship it"),
        (["--confidence", "2"], {"confidence": 2}, "open: Ship it"),
    ],
)
def test_set_changes_what_it_is_told_and_prints_the_outcome(cli, store, options, expected, shown):
    rid = cli("log", "Ship it").stdout.strip()
    done = cli("set", rid[:6], *options)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(f"{rid} ") and shown in done.stdout
    record = stored(store, rid)
    assert {key: record.get(key) for key in expected} == expected
    assert record["updated_at"] == STAMP


def test_set_reopening_a_commitment_clears_its_closing_date(cli, store):
    rid = cli("log", "Ship it").stdout.strip()
    cli("done", rid)
    cli("set", rid, "--status", "open")
    record = stored(store, rid)
    assert record["status"] == "open" and record.get("closed_on") is None


def test_set_week_into_another_quarter_moves_the_commitment_and_keeps_one_copy(seeded, store):
    done = seeded("set", TWIN_A[:5], "--week", "2027-W02")
    assert done.returncode == 0, done.stderr
    everything = records(seeded("list", "--all", "--json"))
    assert [r["id"] for r in everything].count(TWIN_A) == 1
    assert next(r for r in everything if r["id"] == TWIN_A)["week"] == "2027-W02"
    assert len(everything) == 4
    assert TWIN_A not in (store / "commitments" / "2026-Q4.json").read_text()
    assert TWIN_A in (store / "commitments" / "2027-Q1.json").read_text()
    assert seeded("check").returncode == 0


def test_set_goal_links_a_goal_by_prefix(seeded, store):
    assert seeded("set", TWIN_A, "--goal", CLASH_GOAL[:5]).returncode == 0
    assert stored(store, TWIN_A)["goal_id"] == CLASH_GOAL


# -- block ------------------------------------------------------------------------------------


def test_block_on_a_commitment_prefix_stores_a_roadblock_raised_today(run, store):
    rid = run("log", "Ship it").stdout.strip()
    done = run(
        "block",
        "Waiting on API keys",
        "--kind",
        "dependency",
        "--severity",
        "high",
        "--on",
        rid[:4],
    )
    assert done.returncode == 0, done.stderr
    assert ID_LINE.fullmatch(done.stdout)
    record = stored(store, done.stdout.strip(), "roadblocks")
    assert {k: record.get(k) for k in ("title", "kind", "severity", "owner", "raised_on")} == {
        "title": "Waiting on API keys",
        "kind": "dependency",
        "severity": "high",
        "owner": ME,
        "raised_on": TODAY,
    }
    assert record["commitment_id"] == rid
    assert "goal_id" not in record or record["goal_id"] is None
    (exported,) = json.loads(run("export").stdout)["roadblocks"]
    assert exported == record


def test_block_on_a_goal_prefix_links_the_goal(seeded, store):
    done = seeded("block", "No budget", "--on", GOAL_ID[:4], "--kind", "RESOURCES")
    assert done.returncode == 0, done.stderr
    record = stored(store, done.stdout.strip(), "roadblocks")
    assert record["goal_id"] == GOAL_ID
    assert record.get("commitment_id") is None
    assert (record["kind"], record["severity"]) == ("resources", "medium")


def test_block_without_options_is_an_unlinked_medium_other_roadblock_of_me(cli, store):
    done = cli("block", "Too many meetings")
    record = stored(store, done.stdout.strip(), "roadblocks")
    assert (record["kind"], record["severity"], record["owner"]) == ("other", "medium", ME)
    assert record.get("commitment_id") is None and record.get("goal_id") is None


def test_block_owner_names_who_removes_it(cli, store):
    assert cli("person", "add", "carla").returncode == 0
    done = cli("block", "Needs a decision", "--owner", "carla", "--kind", "decision")
    assert stored(store, done.stdout.strip(), "roadblocks")["owner"] == "carla"


# -- check, version, help ---------------------------------------------------------------------


def test_check_says_the_store_is_sound(run, store):
    run("log", "Ship it")
    run("block", "Waiting")
    done = run("check")
    assert done.returncode == 0, done.stderr
    assert done.stdout == f"store {store} is sound: 3 records\n"  # and me, made a person


def test_check_of_a_store_that_does_not_exist_says_so_and_creates_nothing(run, store):
    done = run("check")
    assert done.returncode == 1
    assert f"no store at {store}" in done.stderr
    assert not store.exists()


def test_me_is_stratui_me_else_the_stores_config_else_the_login_name(run, store):
    login = {"LOGNAME": "zed", "USER": "zed"}
    assert run("log", "Blank me", env={**login, "STRATUI_ME": "   "}).returncode == 0
    assert run("person", "add", "bea").returncode == 0
    assert run("person", "add", "carla").returncode == 0
    assert run("block", "Mine", env={**login, "STRATUI_ME": " bea "}).returncode == 0
    (store / ".stratui" / "config.json").write_text('{"me": "carla"}', encoding="utf-8")
    assert run("log", "Configured", env={**login, "STRATUI_ME": None}).returncode == 0
    exported = json.loads(run("export").stdout)
    owners = {r["title"]: r["owner"] for r in exported["commitments"] + exported["roadblocks"]}
    assert owners == {"Blank me": "zed", "Mine": "bea", "Configured": "carla"}


def test_version(run):
    done = run("--version", db=False)
    assert (done.returncode, done.stdout) == (0, "stratui 0.1.0\n")


def test_no_command_prints_the_help_and_exits_zero(run, store):
    done = run()
    assert done.returncode == 0
    assert done.stdout.startswith("usage: stratui")
    for command in ("log", "list", "done", "set", "block", "export", "import", "demo", "check"):
        assert command in done.stdout
    assert not store.exists()


def test_store_path_from_stratui_db_works_from_another_directory(run, tmp_path, store):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {"STRATUI_DB": str(store)}
    rid = run("log", "From anywhere", db=False, cwd=elsewhere, env=env).stdout.strip()
    assert ID_LINE.fullmatch(rid + "\n")
    assert stored(store, rid)["title"] == "From anywhere"
    assert [r["id"] for r in records(run("list", "--json", db=False, cwd=elsewhere, env=env))] == [
        rid
    ]
    assert list(elsewhere.iterdir()) == []
    # --db wins over STRATUI_DB
    other = tmp_path / "other"
    run("--db", str(other), "log", "Elsewhere", db=False, env=env)
    assert [r["title"] for r in records(run("list", "--json"))] == ["From anywhere"]
    assert [r["title"] for r in records(run("--db", str(other), "list", "--json", db=False))] == [
        "Elsewhere"
    ]
