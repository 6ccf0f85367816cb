"""Records name people who exist: the use cases refuse anyone else, and me is never unknown.

Over a store in memory and one on disk (the ``store`` fixture). ``me`` is ana.
"""

from __future__ import annotations

import datetime as dt

import pytest

from stratui.clock import Clock
from stratui.domain import records
from stratui.domain.schema import ValidationError
from stratui.store.store import Store
from stratui.store.verify import unknown_people
from stratui.usecases import commitments, exchange, goals, people, roadblocks
from stratui.usecases.workspace import Workspace

TODAY = dt.date(2026, 11, 20)


@pytest.fixture(autouse=True)
def _me(monkeypatch):
    monkeypatch.setenv("STRATUI_ME", "ana")


def app_on(store) -> Workspace:
    return Workspace(store, Clock(TODAY))


def names(app: Workspace) -> list[str]:
    return [p["name"] for p in people.people(app)]


def document(**collections) -> dict:
    return {"format": "stratui", "version": 1, "exported_at": "2026-11-20T09:00:00Z", **collections}


def stamped(fields: dict, second: int = 0) -> dict:
    when = f"2026-11-20T09:00:{second:02d}Z"
    return {**fields, "created_at": when, "updated_at": when}


# -- me is never unknown ---------------------------------------------------------------------


def test_a_new_stores_first_log_makes_me_a_person(store):
    app = app_on(store)
    record = commitments.log(app, "Ship it")
    assert record["owner"] == "ana"
    assert [(p["name"], p["teams"]) for p in people.people(app)] == [("ana", [])]
    assert store.check() == [] and unknown_people(store) == []


def test_a_first_write_of_other_people_makes_me_one_too(store):
    app = app_on(store)
    people.add_person(app, "ben")
    assert names(app) == ["ana", "ben"]
    people.add_person(app, "chioma")  # only the first write adds me
    assert names(app) == ["ana", "ben", "chioma"]


def test_a_store_made_empty_first_still_makes_me_a_person_on_its_first_write(tmp_path):
    """stratui sync setup makes the store (no records yet) in a fresh clone: the first
    write after it, whoever it names, makes me a person too."""
    from stratui.store.backend import DirectoryBackend
    from stratui.store.codec import encode_meta
    from stratui.store.layout import META_FILE, STORE_FORMAT
    from stratui.store.store import SCHEMA_VERSION

    path = tmp_path / "clone" / "store"
    DirectoryBackend(str(path)).commit(
        {META_FILE: encode_meta({"format": STORE_FORMAT, "schema": SCHEMA_VERSION})}
    )
    app = app_on(Store.at(str(path)))
    people.add_person(app, "ben")
    assert names(app) == ["ana", "ben"]


def test_me_is_not_added_twice_nor_when_i_add_myself(store):
    app = app_on(store)
    people.add_person(app, "Ana")  # me, up to case
    commitments.log(app, "Mine")
    assert names(app) == ["Ana"]
    assert commitments.find(app)[0]["owner"] == "Ana"  # the stored name, not the typed one


def test_an_import_writes_its_document_as_it_is(store):
    app = app_on(store)
    exchange.import_document(
        app, document(people=[stamped({"id": "b" * 16, "name": "ben", "teams": []})])
    )
    assert names(app) == ["ben"]


def test_a_store_with_no_people_yet_makes_me_its_first_on_the_next_write(store):
    app = app_on(store)
    only = stamped(
        {
            "id": "c" * 16,
            "title": "From before people",
            "owner": "ana",
            "week": "2026-W47",
            "status": "open",
            "source": "manual",
        }
    )
    exchange.import_document(app, document(commitments=[only]))
    assert names(app) == []
    assert unknown_people(store) == [f"commitments {'c' * 16}: owner 'ana' names no person"]
    roadblocks.block(app, "Waiting")
    assert names(app) == ["ana"]
    assert unknown_people(store) == []


def test_once_people_exist_me_must_be_one_of_them(store, monkeypatch):
    app = app_on(store)
    people.add_person(app, "ben")
    monkeypatch.setenv("STRATUI_ME", "zed")
    with pytest.raises(ValidationError) as refused:
        commitments.log(app, "Whose?")
    assert refused.value.field == "me"  # no owner was named: me is who is unknown
    assert str(refused.value).startswith(
        "me: 'zed' is not a person of this store (known people: ana, ben); "
    )
    assert store.all("commitments") == []


def test_renaming_me_by_the_login_name_keeps_me_a_person(store, monkeypatch):
    monkeypatch.delenv("STRATUI_ME")
    monkeypatch.setenv("LOGNAME", "asmith")
    app = app_on(store)
    commitments.log(app, "First")
    assert names(app) == ["asmith"]
    people.rename_person(app, "asmith", "Ana Smith")
    assert people.who_am_i(app) == people.Me("Ana Smith", "config", "Ana Smith")
    assert commitments.log(app, "Second")["owner"] == "Ana Smith"


# -- anyone else must exist ------------------------------------------------------------------


@pytest.fixture
def team(store) -> Workspace:
    app = app_on(store)
    people.add_person(app, "ben")  # and ana, me
    return app


def refused(call) -> str:
    with pytest.raises(ValidationError) as caught:
        call()
    assert caught.value.field == "owner"
    return str(caught.value)


UNKNOWN = "owner: no person named 'ghost'; known people: ana, ben"


def test_a_commitment_for_someone_unknown_is_refused_and_nothing_written(team, store):
    before = store.collections(deleted=True)
    assert refused(lambda: commitments.log(team, "Theirs", owner="ghost")) == UNKNOWN
    assert store.collections(deleted=True) == before
    assert commitments.log(team, "Ben's", owner="BEN")["owner"] == "ben"  # the stored name


def test_a_roadblock_raised_or_assigned_to_someone_unknown_is_refused(team, store):
    assert refused(lambda: roadblocks.block(team, "In the way", owner="ghost")) == UNKNOWN
    assert store.all("roadblocks") == []
    raised = roadblocks.block(team, "In the way")
    assert refused(lambda: roadblocks.assign(team, raised["id"], " ghost ")) == UNKNOWN
    assert store.get("roadblocks", raised["id"])["owner"] == "ana"
    assert roadblocks.assign(team, raised["id"], "ben")["owner"] == "ben"


def test_a_goal_owned_by_someone_unknown_is_refused_on_create_and_edit(team, store):
    assert refused(lambda: goals.create(team, {"title": "Grow", "owner": "ghost"})) == UNKNOWN
    assert store.all("goals") == []
    made = goals.create(team, {"title": "Grow"})
    assert made["owner"] == "ana"
    assert refused(lambda: goals.edit(team, made["id"], {"owner": "ghost"})) == UNKNOWN
    assert store.get("goals", made["id"])["owner"] == "ana"
    assert goals.edit(team, made["id"], {"owner": "Ben"})["owner"] == "ben"


# -- check -----------------------------------------------------------------------------------


def test_unknown_people_lists_each_record_naming_someone_who_is_not_a_person(team, store):
    now = team.clock.now()
    ghost_commitment = records.new_commitment(
        title="Theirs", owner="ghost", week="2026-W47", now=now
    )
    review = records.new_record(
        "reviews",
        {
            "ritual": "team",
            "period": "2026-W47",
            "team": "Platform",
            "facilitator": "zed",
            "participants": ["ana", "zed", "ghost"],
            "status": "draft",
            "started_at": records.stamp(now),
        },
        now,
    )
    squad = records.new_record("teams", {"name": "Platform", "members": ["ben", "zed"]}, now)
    with store.transaction() as tx:
        tx.put_many({"commitments": [ghost_commitment], "reviews": [review], "teams": [squad]})
    assert unknown_people(store) == [
        f"teams {squad['id']}: members 'zed' names no person",
        f"commitments {ghost_commitment['id']}: owner 'ghost' names no person",
        f"reviews {review['id']}: facilitator 'zed' names no person",
        f"reviews {review['id']}: participants 'zed', 'ghost' name no person",
    ]
    assert store.check() == []  # the store is sound as a store: this is about its records
