"""Talking points through git: two members bring points to the team's next review from
their own clones before anyone syncs; after everyone syncs, every clone holds one
review with both points, and the manager who opens it runs it."""

from __future__ import annotations

from stratui.usecases import talking_points

from ._support import Team


def points_on(member) -> tuple[str, list[tuple[str, str]]]:
    ws = member.app()
    (review,) = ws.store.find("reviews", ritual="team")
    found = talking_points.points(ws, review)
    return review["id"], sorted((p["text"], p["author"]) for p in found)


def test_points_from_two_clones_make_one_review(team: Team):
    lea = team.founded()
    lea.ok("team", "add", "Platform", "--members", "lea,ana,ben")
    lea.sync()
    ana, ben = team.clone("ana"), team.clone("ben")
    for member in (ana, ben):
        member.ok("sync")
    ana.ok("review", "team", "--point", "Release train is slow")
    ben.ok("review", "team", "--point", "On-call load")
    for member in (ana, ben, lea, ana, ben):
        assert "conflict" not in member.sync()
    expected = points_on(lea)
    assert points_on(ana) == points_on(ben) == expected
    assert expected[1] == [("On-call load", "ben"), ("Release train is slow", "ana")]
    for member in (lea, ana, ben):
        member.no_conflict_markers()
        member.check()
