"""A record of the wrong shape pushed with plain git (a hostile teammate, an older tool)
is refused by ``stratui sync`` before it merges: the receiving clone stays usable."""

from __future__ import annotations

import json

from ._support import Team


def test_a_malformed_record_pushed_by_git_is_refused_and_the_clone_stays_usable(team: Team):
    team.founded().sync()
    ana, ben = team.clone("ana"), team.clone("ben")
    people = ana.store / "people.json"
    document = json.loads(people.read_text(encoding="utf-8"))
    first = next(iter(document["people"].values()))
    first["name"] = 5  # not a name
    people.write_text(json.dumps(document), encoding="utf-8")
    ana.git("commit", "-qam", "a broken person, by hand")
    ana.git("push", "-q")
    done = ben.run("sync")
    assert done.returncode == 1
    assert "holds a damaged store file" in done.stderr and "nothing was merged" in done.stderr
    assert "name: expected non-empty text" in done.stderr, done.stderr  # the record, named
    assert ben.run("person", "list").returncode == 0  # ben's store is as it was
