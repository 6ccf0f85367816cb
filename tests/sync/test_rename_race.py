"""A rename racing a sync: ana renames ben to benjamin on her clone while ben, not yet
synced, logs a commitment for himself under his old name. After both sync, the
commitment is benjamin's on every clone, sync says so, and check finds nothing wrong."""

from __future__ import annotations

from ._support import Team


def test_a_record_written_under_a_name_renamed_elsewhere_follows_the_rename(team: Team):
    team.founded().sync()
    ana, ben = team.clone("ana"), team.clone("ben")
    ana.ok("person", "rename", "ben", "benjamin")
    rid = ben.log("Ben's work", "--owner", "ben")
    ana.sync()
    said = ben.sync()
    assert "person ben is benjamin now (renamed on another clone): 1 record followed" in said
    ana.sync()
    for member in (ana, ben):
        assert member.commitments()[rid]["owner"] == "benjamin"
        member.check()


def test_a_former_name_someone_holds_again_is_not_followed(team: Team):
    lea = team.founded()
    lea.sync()
    ana = team.clone("ana")
    lea.ok("person", "rename", "ben", "benjamin")
    lea.ok("person", "add", "ben")  # a new ben
    lea.sync()
    rid = ana.log("Work for ben", "--owner", "ben")
    said = ana.sync()
    assert "is benjamin now" not in said
    assert ana.commitments()[rid]["owner"] == "ben"
    ana.check()
