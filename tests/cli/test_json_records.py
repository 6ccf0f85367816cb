"""``--json`` on the commands that write a record (log, done, set, block): the record
written, in the interchange format's fields, for scripts; the same record the store holds."""

from __future__ import annotations

import json

from stratui.store.store import Store


def stored(store, collection: str, rid: str) -> dict:
    from stratui.exchange.document import public_record

    record = Store.at(str(store)).get(collection, rid)
    assert record is not None
    return public_record(record)


def test_each_write_prints_the_record_it_wrote(cli, store):
    logged = json.loads(cli("log", "Ship it", "--confidence", "4", "--json").stdout)
    assert (logged["title"], logged["owner"], logged["confidence"]) == ("Ship it", "ana", 4)
    assert logged == stored(store, "commitments", logged["id"])

    changed = json.loads(cli("set", logged["id"][:6], "--progress", "40", "--json").stdout)
    assert (changed["id"], changed["progress"]) == (logged["id"], 40)
    assert changed == stored(store, "commitments", logged["id"])

    done = json.loads(cli("done", logged["id"], "--note", "merged", "--json").stdout)
    assert (done["status"], done["progress"]) == ("done", 100)
    assert done == stored(store, "commitments", logged["id"])

    blocked = json.loads(cli("block", "Waiting on legal", "--on", logged["id"], "--json").stdout)
    assert (blocked["title"], blocked["commitment_id"]) == ("Waiting on legal", logged["id"])
    assert blocked == stored(store, "roadblocks", blocked["id"])


def test_without_json_the_lines_are_as_before(cli):
    rid = cli("log", "Plain").stdout.strip()
    assert len(rid) == 16
    assert cli("done", rid).stdout == f"{rid} done: Plain\n"
