"""Every option naming a person takes someone who exists; me is never unknown.

Refusals are one line naming the option and listing who exists, exit 2, and no store
file changes. ``check`` reports records naming someone who is not a person.
"""

from __future__ import annotations

import json

import pytest

from stratui.store.store import Store

from ._support import fingerprint, one_error_line, write_json


@pytest.mark.parametrize(
    "args",
    [
        ["log", "Theirs", "--owner", "ghost"],
        ["block", "In the way", "--owner", "ghost"],
        ["goal", "add", "Theirs", "--owner", "ghost"],
        ["list", "--owner", "ghost"],
        ["goal", "list", "--owner", "ghost"],
    ],
    ids=lambda args: " ".join(args[:2]),
)
def test_an_unknown_person_is_refused_naming_the_option_and_who_exists(with_ben, store, args):
    before = fingerprint(store)
    line = one_error_line(with_ben(*args))
    assert line == "stratui: error: --owner: no person named 'ghost'; known people: ana, ben"
    assert fingerprint(store) == before


def test_a_known_person_is_stored_by_their_name(with_ben, store):
    rid = with_ben("log", "Pair", "--owner", "BEN").stdout.strip()
    assert Store.at(str(store)).get("commitments", rid)["owner"] == "ben"
    assert json.loads(with_ben("list", "--owner", "Ben", "--json").stdout)[0]["id"] == rid


def test_a_new_users_first_log_just_works_and_makes_me_a_person(run, store):
    done = run("log", "My first commitment")
    assert done.returncode == 0, done.stderr
    assert run("person", "list").stdout == "ana (me)  -\n"
    assert run("check").returncode == 0


def test_import_adds_nobody_the_document_does_not_hold(run, store, tmp_path):
    ben = {
        "id": "b" * 16,
        "name": "ben",
        "teams": [],
        "created_at": "2026-11-20T09:00:00Z",
        "updated_at": "2026-11-20T09:00:00Z",
    }
    seed = {"format": "stratui", "version": 1, "exported_at": "2026-11-20T09:00:00Z"}
    done = run("import", str(write_json(tmp_path / "ben.json", {**seed, "people": [ben]})))
    assert done.returncode == 0, done.stderr
    assert run("person", "list").stdout == "ben  -\n"
    line = one_error_line(run("log", "Mine"))  # me (ana) has to be added, or chosen
    assert line == (
        "stratui: error: me: 'ana' is not a person of this store (known people: ben); "
        "say who you are with `stratui person me NAME`, or add yourself with "
        "`stratui person add ana`"
    )


def test_check_reports_each_record_naming_someone_who_is_not_a_person(run, store, tmp_path):
    stamp = {"created_at": "2026-11-20T09:00:00Z", "updated_at": "2026-11-20T09:00:00Z"}
    document = {
        "format": "stratui",
        "version": 1,
        "exported_at": "2026-11-20T09:00:00Z",
        "people": [{"id": "a" * 16, "name": "ana", "teams": [], **stamp}],
        "teams": [{"id": "e" * 16, "name": "Platform", "members": ["ana", "zed"], **stamp}],
        "commitments": [
            {
                "id": "c" * 16,
                "title": "Theirs",
                "owner": "ghost",
                "week": "2026-W47",
                "status": "open",
                "source": "manual",
                **stamp,
            }
        ],
    }
    assert run("import", str(write_json(tmp_path / "doc.json", document))).returncode == 0
    done = run("check")
    assert done.returncode == 1
    assert done.stdout == ""
    assert done.stderr.splitlines() == [
        f"teams {'e' * 16}: members 'zed' names no person",
        f"commitments {'c' * 16}: owner 'ghost' names no person",
        f"2 problem(s) in {store}",
    ]
