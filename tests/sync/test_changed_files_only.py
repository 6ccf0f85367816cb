"""``stratui sync`` reads what the merge changed, not the whole store, and still misses
nothing: twins and deleted targets are put right, malformed records refused, whether
the other copy or the record pointing to it is in a file the merge touched or not."""

from __future__ import annotations

import json
import os

import pytest

from stratui.cli.sync import _follow_renames
from stratui.store import codec
from stratui.store import store as store_module
from stratui.sync import session
from stratui.usecases import commitments

from ._support import MONDAY, TUESDAY, Member, Team
from .test_sync_command import head, one_error

OLD_WEEKS = ("2025-W10", "2025-W30", "2026-W10", "2026-W30")  # four shards, never touched


def sync_in_process(member: Member, monkeypatch) -> tuple[list[str], list[set[str]]]:
    """``stratui sync`` in this process, as ``member``: the lines it said and, for each
    store file it decoded (``decode_shard`` spied on), the ids of its records."""
    for key in list(os.environ):
        if key.startswith(("STRATUI_", "GIT_")) and key not in member.env:
            monkeypatch.delenv(key)
    for key, value in member.env.items():
        monkeypatch.setenv(key, value)
    monkeypatch.chdir(member.clone)
    decoded: list[set[str]] = []

    def spy(collection: str, data: bytes) -> dict[str, dict]:
        records = codec.decode_shard(collection, data)
        decoded.append(set(records))
        return records

    monkeypatch.setattr(store_module, "decode_shard", spy)
    monkeypatch.setattr(session, "decode_shard", spy)
    said: list[str] = []
    session.sync(str(member.store), said.append, after_merge=_follow_renames)
    return said, decoded


@pytest.mark.parametrize("renamed", [False, True], ids=["", "after-a-rename"])
@pytest.mark.parametrize("ours_too", [False, True], ids=["receive-one", "both-changed"])
def test_a_sync_decodes_no_shard_the_merge_did_not_touch(
    team: Team, monkeypatch, ours_too, renamed
):
    """Also once someone was renamed: following renames reads what the merge changed."""
    lea = team.founded()
    old = {lea.log(f"Done in {week}", "--week", week) for week in OLD_WEEKS}
    if renamed:
        lea.ok("person", "rename", "carl", "karl")
    lea.sync()
    ben = team.clone("ben")
    ben.sync()  # the first sync of a clone reads everything once
    arriving = lea.log("This week's")
    lea.sync()
    mine = ben.log("Ben's this week") if ours_too else None
    said, decodes = sync_in_process(ben, monkeypatch)
    decoded = set().union(*decodes)
    pushed = "pushed to origin/main: the store is in sync with it"
    assert said[-1] == (pushed if ours_too else "the store is in sync with origin/main")
    assert arriving in decoded  # the file it arrived in was read and checked
    assert not decoded & old  # no record of an untouched shard was decoded
    found = ben.commitments()
    assert arriving in found and old <= set(found) and (mine is None or mine in found)
    ben.check()


def test_deletions_arriving_decode_the_file_they_are_in_a_few_times_not_once_each(
    team: Team, monkeypatch
):
    """Whether each arriving deletion left a link dangling is asked of the file as it
    was before the merge: decoded once, however many deletions arrive."""
    lea = team.founded()
    doomed = [lea.log(f"Dropped {n}") for n in range(12)]
    lea.sync()
    ben = team.clone("ben")
    ben.sync()
    for rid in doomed:
        commitments.delete(lea.app(MONDAY), rid)
    lea.sync()
    ben.log("Ben's this week")
    said, decodes = sync_in_process(ben, monkeypatch)
    assert said[-1] == "pushed to origin/main: the store is in sync with it"
    holding = [ids for ids in decodes if doomed[0] in ids]
    assert 0 < len(holding) < len(doomed), len(holding)  # a fixed few reads, not one each
    assert not set(doomed) & set(ben.commitments())


def test_a_deletion_arriving_keeps_a_carry_over_in_a_shard_the_merge_did_not_touch(team: Team):
    """Ana carried W39's commitment (2026-Q3.json) into W40 (2026-Q4.json); ben deleted
    it. Ana's merge changes only 2026-Q3.json: the carry-over pointing to the deleted
    record is in a file it did not touch, and is found all the same."""
    lea = team.founded()
    september = lea.log("Close Q3 books", "--week", "2026-W39")
    lea.sync()
    ana, ben = team.clone("ana"), team.clone("ben")
    ana.sync()
    _, carried = commitments.carry_over(ana.app(MONDAY), september)
    assert carried["week"] == "2026-W40"
    commitments.delete(ben.app(TUESDAY), september)  # newer than ana's close
    ben.sync()
    merged = ana.sync()
    assert (
        f"commitments {september} was deleted on one side but commitments {carried['id']} "
        "points to it (carried_from): kept it"
    ) in merged
    ben.sync()
    for member in (ana, ben):
        member.check()
        assert member.commitments()[carried["id"]]["carried_from"] == september
    assert ana.fingerprint() == ben.fingerprint()


@pytest.mark.parametrize("mark", ["kept", "unknown commit"])
def test_twins_a_plain_git_pull_left_after_a_sync_are_reconciled(team: Team, mark):
    """Ben synced (his clone knows the commit it reconciled), then pulled with plain git:
    the next sync reconciles what changed since; with no usable mark, everything."""
    lea = team.founded()
    september = lea.log("Close Q3 books", "--week", "2026-W39")
    lea.sync()
    ana, ben = team.clone("ana"), team.clone("ben")
    ben.sync()
    if mark == "unknown commit":
        (ben.store / ".stratui" / session.SYNCED_FILE).write_text("0" * 40)
    ana.ok("set", september, "--week", "2026-W40", today=MONDAY)
    ana.sync()
    ben.ok("set", september, "--progress", "50", today=TUESDAY)
    ben.git("add", "-A", "store")
    ben.git("commit", "-q", "-m", "ben")
    ben.git("pull", "-q", "--no-rebase", "--no-edit")
    assert f"commitments {september}: stored twice" in ben.run("check").stderr
    out = ben.sync()
    assert f"commitments {september} was stored twice after the merge" in out
    ben.check()
    assert ben.commitments()[september]["progress"] == 50


def test_a_malformed_record_a_plain_git_pull_brought_after_a_sync_is_refused(team: Team):
    lea = team.founded()
    lea.log("Shared")
    lea.sync()
    ana, ben = team.clone("ana"), team.clone("ben")
    ben.sync()
    shard = ana.store / "commitments" / "2026-Q4.json"
    document = json.loads(shard.read_text(encoding="utf-8"))
    record = next(iter(document["commitments"].values()))
    record["status"] = "finished"  # not a status
    shard.write_text(json.dumps(document), encoding="utf-8")
    ana.git("commit", "-qam", "a broken commitment, by hand")
    ana.git("push", "-q")
    ben.git("pull", "-q", "--no-rebase", "--no-edit")
    before = head(ben)
    line = one_error(ben.run("sync"))
    assert "commitments/2026-Q4.json is damaged" in line and "status" in line, line
    assert head(ben) == before  # nothing committed, nothing pushed
    assert ana.git("ls-remote", "origin", "main").split()[0] == before


def test_a_record_under_a_former_name_pushed_with_plain_git_follows_the_rename(team: Team):
    """Ana renamed ben and synced; ben logged under his old name, pulled and pushed with
    plain git (no stratui to follow the rename). Ana's next merge changes none of her
    people, only the file the commitment arrived in: it is renamed all the same."""
    team.founded().sync()
    ana, ben = team.clone("ana"), team.clone("ben")
    ben.ok("sync", "setup")
    ana.ok("person", "rename", "ben", "benjamin")
    ana.sync()
    rid = ben.log("Ben's work", "--owner", "ben", "--week", "2026-W10")
    ben.git("add", "-A", "store")
    ben.git("commit", "-q", "-m", "ben, by hand")
    ben.git("pull", "-q", "--no-rebase", "--no-edit")
    ben.git("push", "-q")
    said = ana.sync()
    assert "person ben is benjamin now (renamed on another clone): 1 record followed" in said
    ben.sync()
    for member in (ana, ben):
        assert member.commitments()[rid]["owner"] == "benjamin"
        member.check()
