"""The issue's "done when", as new users would do it.

Two people clone the team's repository (they never run ``stratui sync setup``: the lead
did, and ``stratui sync`` sets up their clone by itself), each runs the weekly review on
the same day, each runs ``stratui sync``; then both have the same store holding both
reviews and everything they decided, with nothing to resolve by hand.
"""

from __future__ import annotations

from ._support import THIS_WEEK, Member, Team


def complete_weekly_review(member: Member, new_title: str) -> str:
    """``member``'s weekly review of this week, completed as the TUI completes it:
    every commitment done, a roadblock raised, one commitment for next week."""
    from stratui.rituals.weekly import NewCommitment, NewRoadblock
    from stratui.rituals.weekly.ritual import WEEKLY
    from tests._ritual_support import bound

    reviews = bound(member.app(), WEEKLY)
    review, draft = reviews.start_or_resume(member.name)
    draft.pulse, draft.checkin = 4, f"{member.name}: a good week"
    for commitment_id in list(draft.outcomes):
        draft.set_status(commitment_id, "done")
    draft.new_roadblocks = [NewRoadblock(title=f"{member.name} waits on legal", severity="high")]
    draft.new_commitments = [NewCommitment(title=new_title)]
    reviews.complete(review, draft)
    return new_title


def test_two_new_users_review_on_the_same_day_and_end_with_the_same_store(team: Team):
    lea = team.founded()
    planned = {
        "ana": lea.log("Ship the release", "--owner", "ana"),
        "ben": lea.log("Fix the flaky test", "--owner", "ben"),
    }
    lea.sync()

    ana, ben = team.clone("ana"), team.clone("ben")
    complete_weekly_review(ana, "Ana: plan the launch")
    complete_weekly_review(ben, "Ben: pair on the cache")
    first = ana.sync()
    second = ben.sync()
    third = ana.sync()

    assert "set up the merge driver in this clone" in first
    assert "merged origin/main" in second and "pushed to origin/main" in second
    assert "in sync with origin/main" in third
    assert ana.fingerprint() == ben.fingerprint()
    for member in (ana, ben):
        member.check()
        member.no_conflict_markers()
        assert member.git("status", "--porcelain") == ""
        assert member.git("ls-files", "-u") == ""  # nothing left to resolve
        store = member.app().store
        completed = store.find("reviews", ritual="weekly", status="complete")
        assert sorted((r["owner"], r["period"]) for r in completed) == [
            ("ana", THIS_WEEK),
            ("ben", THIS_WEEK),
        ]
        assert {r["title"] for r in store.find("roadblocks")} == {
            "ana waits on legal",
            "ben waits on legal",
        }
        found = member.commitments()
        assert found[planned["ana"]]["status"] == found[planned["ben"]]["status"] == "done"
        assert {"Ana: plan the launch", "Ben: pair on the cache"} <= {
            c["title"] for c in found.values()
        }
    # git log reads as the team's journal
    subjects = ana.git("log", "--format=%s").splitlines()
    assert any(s.startswith("stratui (ana): ") and "reviews: 1 added" in s for s in subjects)
    assert any(s.startswith("Merge origin/main (stratui sync by ben)") for s in subjects)
