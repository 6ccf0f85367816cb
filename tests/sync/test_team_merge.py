"""Two clones change the same store concurrently and merge through git: nothing is lost.

Each test starts from a team repository the lead set up and shared, with a few
commitments in it; ana and ben clone it, change their stores concurrently (neither sees
the other's changes), then run ``stratui sync``: ana first, ben second (he merges), ana
again (she receives the merge). Then both stores are byte for byte the same, hold every
change as the rules say, carry no conflict marker, and pass ``stratui check``.
"""

from __future__ import annotations

import pytest

from stratui.usecases import commitments

from ._support import MONDAY, TUESDAY, Member, Team


@pytest.fixture
def seeded(team: Team) -> dict[str, str]:
    """The lead's shared store: ana's and ben's commitments of this week, one in W39."""
    lea = team.founded()
    ids = {
        "shared": lea.log("Ship the release", "--owner", "ana"),
        "ana": lea.log("Write the runbook", "--owner", "ana"),
        "ben": lea.log("Fix the flaky test", "--owner", "ben"),
        "september": lea.log("Close Q3 books", "--owner", "ana", "--week", "2026-W39"),
    }
    lea.sync()
    return ids


@pytest.fixture
def ana(team: Team, seeded) -> Member:
    return team.clone("ana")


@pytest.fixture
def ben(team: Team, seeded) -> Member:
    return team.clone("ben")


def sync_both(ana: Member, ben: Member) -> str:
    """Ana syncs, ben syncs (and merges), ana syncs again; ben's output is returned."""
    ana.sync()
    merged = ben.sync()
    ana.sync()
    for member in (ana, ben):
        member.no_conflict_markers()
        member.check()
        assert member.git("status", "--porcelain") == ""
    assert ana.fingerprint() == ben.fingerprint()
    assert ana.git("rev-parse", "HEAD") == ben.git("rev-parse", "HEAD")
    return merged


def test_adds_on_both_sides_are_all_kept(ana, ben, seeded):
    mine = {ana.log("Ana's first"), ana.log("Ana's second", "--week", "next")}
    theirs = {ben.log("Ben's first"), ben.log("Ben's second", "--week", "next")}
    out = sync_both(ana, ben)
    assert "merged origin/main: commitments: 2 added" in out
    assert set(ana.commitments()) == mine | theirs | set(seeded.values())


def test_the_same_commitment_edited_on_both_sides_keeps_the_newer_edit(ana, ben, seeded):
    shared = seeded["shared"]
    ana.ok("set", shared, "--progress", "40", today=MONDAY)
    ben.ok("set", shared, "--progress", "70", "--note", "nearly there", today=TUESDAY)
    sync_both(ana, ben)
    kept = ana.commitments()[shared]
    assert (kept["progress"], kept["notes"]) == (70, "nearly there")
    assert kept["updated_at"] == "2026-11-24T12:00:00Z"


def test_the_newer_edit_wins_whichever_side_merges(ana, ben, seeded):
    shared = seeded["shared"]
    ana.ok("set", shared, "--progress", "40", today=TUESDAY)  # newer, and ana merges now
    ben.ok("set", shared, "--progress", "70", today=MONDAY)
    sync_both(ben, ana)
    assert ben.commitments()[shared]["progress"] == 40


def test_a_newer_deletion_beats_an_edit_made_on_the_other_side(ana, ben, seeded):
    commitments.delete(ana.app(TUESDAY), seeded["ana"])
    ben.ok("set", seeded["ana"], "--status", "done", today=MONDAY)
    sync_both(ana, ben)
    assert seeded["ana"] not in ben.commitments()
    tombstone = ben.app().store.get("commitments", seeded["ana"], deleted=True)
    assert tombstone["deleted"] is True and tombstone["updated_at"] == "2026-11-24T12:00:00Z"


def test_a_newer_edit_beats_a_deletion_made_on_the_other_side(ana, ben, seeded):
    commitments.delete(ana.app(MONDAY), seeded["ana"])
    ben.ok("set", seeded["ana"], "--status", "done", today=TUESDAY)
    sync_both(ana, ben)
    assert ana.commitments()[seeded["ana"]]["status"] == "done"


def test_both_completing_their_weekly_reviews_keeps_both(ana, ben, seeded):
    from ._support import THIS_WEEK
    from .test_weekly import complete_weekly_review

    made_by_ana = complete_weekly_review(ana, "Ana's next step")
    made_by_ben = complete_weekly_review(ben, "Ben's next step")
    sync_both(ana, ben)
    reviews = ana.app().store.find("reviews", ritual="weekly", status="complete")
    assert {(r["owner"], r["period"]) for r in reviews} == {("ana", THIS_WEEK), ("ben", THIS_WEEK)}
    titles = {c["title"] for c in ben.commitments().values()}
    assert {made_by_ana, made_by_ben} <= titles


def test_a_carry_over_chain_on_one_side_survives_changes_on_the_other(ana, ben, seeded):
    first, second = commitments.carry_over(ana.app(MONDAY), seeded["ana"])
    _, third = commitments.carry_over(ana.app(TUESDAY), second["id"])
    ben.ok("set", seeded["ben"], "--status", "done")
    new = ben.log("Ben's plan", "--week", "next")
    sync_both(ana, ben)
    found = ben.commitments()
    assert found[third["id"]]["carried_from"] == second["id"]
    assert found[second["id"]]["carried_from"] == first["id"] == seeded["ana"]
    assert found[first["id"]]["status"] == "missed"
    assert found[seeded["ben"]]["status"] == "done" and new in found


def test_a_deletion_of_a_commitment_carried_over_on_the_other_side_keeps_the_chain(
    ana, ben, seeded
):
    """The carry-over points to it: it is kept alive rather than left dangling."""
    _, carried = commitments.carry_over(ana.app(MONDAY), seeded["ana"])
    commitments.delete(ben.app(TUESDAY), seeded["ana"])  # newer than ana's close
    ben.sync()
    merged = ana.sync()  # ana merges
    assert "points to it (carried_from): kept it" in merged
    ben.sync()
    for member in (ana, ben):
        member.check()
    found = ana.commitments()
    assert found[carried["id"]]["carried_from"] == seeded["ana"] in found
    assert ana.fingerprint() == ben.fingerprint()


@pytest.mark.parametrize("newer", ["mover", "editor"])
def test_a_commitment_moved_to_another_quarter_on_one_side_and_edited_on_the_other(
    ana, ben, seeded, newer
):
    """W39 -> W40 moves it from commitments/2026-Q3.json to 2026-Q4.json; ben edits it
    in Q3 meanwhile. Each file merges cleanly, so the merge holds it twice: sync keeps
    the newer copy, once, in the shard its week calls for."""
    september = seeded["september"]
    ana.ok("set", september, "--week", "2026-W40", today=TUESDAY if newer == "mover" else MONDAY)
    ben.ok("set", september, "--progress", "50", today=MONDAY if newer == "mover" else TUESDAY)
    out = sync_both(ana, ben)
    assert "was stored twice after the merge" in out
    kept = ana.commitments()[september]
    if newer == "mover":
        assert (kept["week"], kept.get("progress")) == ("2026-W40", None)
        where = "2026-Q4"
    else:
        assert (kept["week"], kept["progress"]) == ("2026-W39", 50)
        where = "2026-Q3"
    holding = [
        p.stem for p in (ana.store / "commitments").glob("*.json") if september in p.read_text()
    ]
    assert holding == [where]


def test_merging_the_same_two_histories_in_two_clones_gives_identical_bytes(team, ana, ben, seeded):
    ana.log("Ana's add")
    ana.ok("set", seeded["shared"], "--progress", "30", today=MONDAY)
    ben.log("Ben's add")
    ben.ok("set", seeded["shared"], "--progress", "60", today=TUESDAY)
    ana.sync()
    ben.ok("sync", "setup")  # this clone's driver entry (sync would write it too)
    ben.git("add", "-A", "store")
    ben.git("commit", "-q", "-m", "ben's work")
    ben_commit = ben.git("rev-parse", "HEAD").strip()
    ben.git("fetch", "-q", "origin")
    # The same merge twice: in ben's clone, and in a third clone given ben's commit.
    carl = team.clone("carl")
    carl.ok("sync", "setup")
    carl.git("fetch", "-q", str(ben.clone), "main")
    assert carl.git("rev-parse", "FETCH_HEAD").strip() == ben_commit
    carl.git("merge", "-q", "--no-edit", "FETCH_HEAD")
    ben.git("merge", "-q", "--no-edit", "origin/main")
    assert ben.fingerprint() == carl.fingerprint()
    assert ben.git("rev-parse", "HEAD:store") == carl.git("rev-parse", "HEAD:store")
    ben.no_conflict_markers()
    ben.check()


def test_a_command_after_a_plain_git_pull_sees_the_merged_records(ana, ben, seeded):
    """Git rewrites store files behind stratui's back: the next command notices."""
    ana.ok("list")  # ana's store has seen its files: its manifest is filled
    ben_new = ben.log("Ben's new one")
    ben.ok("set", seeded["shared"], "--progress", "80", today=MONDAY)
    ben.sync()
    ana_new = ana.log("Ana's new one")
    ana.ok("sync", "setup")
    ana.git("add", "-A", "store")
    ana.git("commit", "-q", "-m", "ana's work")
    ana.git("pull", "-q", "--no-rebase", "--no-edit")  # git runs the driver itself
    ana.no_conflict_markers()
    found = ana.commitments()
    assert {ben_new, ana_new} <= set(found)
    assert found[seeded["shared"]]["progress"] == 80
    ana.check()
