"""``stratui person`` and ``stratui team``: run as a user runs them, checked on the store.

Bad input is one line naming the argument and what is accepted, exit 2, and every file
of the store outside ``.stratui/`` stays byte-for-byte the same.
"""

from __future__ import annotations

import json

import pytest

from stratui.store.store import Store

from ._support import fingerprint, one_error_line


@pytest.fixture
def crew(cli):
    """ana, ben and chioma; the team Platform of ana and ben."""
    for name in ("ana", "ben", "chioma"):
        assert cli("person", "add", name).returncode == 0
    done = cli("team", "add", "Platform", "--members", "ana,ben")
    assert done.returncode == 0, done.stderr
    return cli


def stored(store, collection: str) -> list[dict]:
    return Store.at(str(store)).all(collection)


def test_person_add_and_list(cli, store):
    done = cli("person", "add", "  Ana Lima ")
    assert (done.returncode, done.stdout, done.stderr) == (0, "added person Ana Lima\n", "")
    cli("person", "add", "ana")  # STRATUI_ME of the tests
    assert sorted((p["name"], p["teams"]) for p in stored(store, "people")) == [
        ("Ana Lima", []),
        ("ana", []),
    ]
    listed = cli("person", "list")
    assert listed.stdout == "ana (me)  -\nAna Lima  -\n"
    as_json = json.loads(cli("person", "list", "--json").stdout)
    assert [p["name"] for p in as_json] == ["ana", "Ana Lima"]
    assert set(as_json[0]) == {"id", "name", "teams", "created_at", "updated_at"}


def test_team_add_list_and_membership_keep_both_sides_in_step(crew, store):
    assert crew("team", "list").stdout == "Platform  ana, ben\n"
    done = crew("team", "add-member", "Platform", "chioma")
    assert (done.returncode, done.stdout) == (0, "team Platform: ana, ben, chioma\n")
    done = crew("team", "remove-member", "platform", "ANA,ben")
    assert (done.returncode, done.stdout) == (0, "team Platform: chioma\n")
    assert {p["name"]: p["teams"] for p in stored(store, "people")} == {
        "ana": [],
        "ben": [],
        "chioma": ["Platform"],
    }
    assert crew("person", "list").stdout == "ana (me)  -\nben       -\nchioma    Platform\n"
    assert crew("team", "add", "Solo").stdout == "added team Solo: -\n"
    assert json.loads(crew("team", "list", "--json").stdout)[1]["members"] == []


def test_renames_follow_into_every_record(crew, store):
    crew("log", "Profile the gateway", "--owner", "ben")
    crew("block", "Waiting on legal", "--owner", "ben")
    done = crew("person", "rename", "ben", "Benjamin")
    assert (done.returncode, done.stdout) == (0, "renamed person ben to Benjamin\n")
    assert stored(store, "teams")[0]["members"] == ["ana", "Benjamin"]
    assert stored(store, "commitments")[0]["owner"] == "Benjamin"
    assert stored(store, "roadblocks")[0]["owner"] == "Benjamin"
    done = crew("team", "rename", "Platform", "Core")
    assert (done.returncode, done.stdout) == (0, "renamed team Platform to Core\n")
    assert {p["name"]: p["teams"] for p in stored(store, "people")}["Benjamin"] == ["Core"]


def test_person_me_writes_the_local_config_that_me_is_read_from(crew, run, store):
    done = crew("person", "me")
    assert done.stdout == "me: ana (from STRATUI_ME)\n"
    done = crew("person", "me", "Ben")
    assert done.returncode == 0
    assert done.stdout == (
        "me: ana (from STRATUI_ME)\nthis store's setting is ben; STRATUI_ME wins while it is set\n"
    )
    config = json.loads((store / ".stratui" / "config.json").read_text(encoding="utf-8"))
    assert config == {"me": "ben"}
    plain = run("person", "me", env={"STRATUI_ME": None})
    assert plain.stdout == "me: ben (set for this store on this machine)\n"
    assert run("log", "Mine now", env={"STRATUI_ME": None}).returncode == 0
    assert [c["owner"] for c in stored(store, "commitments")] == ["ben"]


BAD = [
    (["person", "add", "ANA"], ["NAME", "'ana' already exists"]),
    (["person", "add", ""], ["NAME", "non-empty"]),
    (["person", "add", "   "], ["NAME", "non-empty"]),
    (["person", "add", "a,b"], ["NAME", "without commas"]),
    (["person", "rename", "zed", "x"], ["NAME", "no person named 'zed'", "ana, ben, chioma"]),
    (["person", "rename", "ana", "Ben"], ["NEW", "'ben' already exists"]),
    (["person", "me", "zed"], ["NAME", "no person named 'zed'"]),
    (["person", "frob"], ["ACTION", "'frob'", "'add', 'list', 'rename', 'me'"]),
    (["person"], ["ACTION"]),
    (["team", "add", "platform"], ["NAME", "'Platform' already exists"]),
    (["team", "add", "Growth", "--members", "ana,zed"], ["--members", "no person named 'zed'"]),
    (["team", "add", "Growth", "--members", "ana,,ben"], ["--members", "single commas"]),
    (["team", "add", "Growth", "--members", ""], ["--members", "non-empty"]),
    (["team", "add-member", "Platform", "zed"], ["MEMBERS", "no person named 'zed'"]),
    (["team", "add-member", "Platform", "ana"], ["MEMBERS", "'ana' is in 'Platform' already"]),
    (["team", "add-member", "Nope", "ana"], ["TEAM", "no team named 'Nope'", "Platform"]),
    (["team", "remove-member", "Platform", "chioma"], ["MEMBERS", "not a member", "ana, ben"]),
    (["team", "rename", "Nope", "X"], ["NAME", "no team named 'Nope'"]),
    (["team", "rename", "Platform", "x,y"], ["NEW", "without commas"]),
    (["team", "add-member", "Platform"], ["MEMBERS"]),
]


@pytest.mark.parametrize(("args", "words"), BAD, ids=[" ".join(a) or "-" for a, _ in BAD])
def test_bad_input_is_one_line_exit_2_and_the_store_is_unchanged(crew, store, args, words):
    before = fingerprint(store)
    line = one_error_line(crew(*args))
    for word in words:
        assert word in line, line
    assert fingerprint(store) == before


def test_a_refused_first_command_leaves_no_store_behind(cli, store):
    assert "no person named 'ana'" in one_error_line(cli("team", "add", "P", "--members", "ana"))
    assert "no person named" in one_error_line(cli("person", "me", "ana"))
    assert not store.exists()


def test_real_processes_manage_people_and_teams(run, store):
    assert run("person", "add", "ana").stdout == "added person ana\n"
    assert run("person", "add", "ben").returncode == 0
    assert run("team", "add", "Platform", "--members", "ana,ben").returncode == 0
    before = fingerprint(store)
    line = one_error_line(run("team", "add", "Growth", "--members", "ana,zed"))
    assert line == "stratui: error: --members: no person named 'zed'; known people: ana, ben"
    assert fingerprint(store) == before
    assert run("team", "list").stdout == "Platform  ana, ben\n"
    assert run("check").returncode == 0
    help_text = run("--help", db=False).stdout
    assert "person" in help_text and "team" in help_text
