"""Two clones editing different fields of one record both keep their edit; the same
field edited on both keeps the later edit, and sync says which field and whose edit.

The reproduction of issue 17 (item 3): ana marks a commitment done while ben, not yet
synced, renames it; after both sync, it is renamed *and* done.
"""

from __future__ import annotations

from ._support import Team


def shared(team: Team):
    team.founded().sync()  # ana and ben are people of the store already
    ana, ben = team.clone("ana"), team.clone("ben")
    rid = ana.log("Ship the importer")
    ana.sync()
    ben.sync()
    return ana, ben, rid


def test_edits_of_different_fields_are_both_kept(team: Team):
    ana, ben, rid = shared(team)
    ana.ok("done", rid)
    ben.ok("set", rid, "--title", "Ship the importer v2")
    ana.sync()
    said = ben.sync()
    assert "both sides changed" not in said  # different fields: no conflict to tell
    ana.sync()
    for member in (ana, ben):
        record = member.commitments()[rid]
        assert (record["title"], record["status"]) == ("Ship the importer v2", "done")
        member.check()


def test_the_same_field_keeps_the_later_edit_and_sync_says_so(team: Team):
    ana, ben, rid = shared(team)
    ana.ok("set", rid, "--title", "Ana's title", today="2026-11-23")
    ben.ok("set", rid, "--title", "Ben's title", "--progress", "40", today="2026-11-24")
    ana.sync()
    said = ben.sync()
    assert f"both sides changed commitments {rid[:8]} title: kept yours (the later one)" in said
    ana_said = ana.sync()
    for member in (ana, ben):
        record = member.commitments()[rid]
        assert (record["title"], record["progress"]) == ("Ben's title", 40)
    assert "both sides changed" not in ana_said  # ana only received the merge
    log = ben.git("log", "-1", "--format=%B")
    assert f"commitments {rid[:8]} title: kept yours" in log
