"""A retrospective shared through git: cards and dots written on different clones, before
anyone syncs, end up on one board, identical on every clone, with no conflict.

ana and ben each add cards ahead of time from their shells (each clone starts the
team's next retrospective: the same one, by its id); lea, who leads, reveals and opens
the vote; ana and ben vote from their clones; after everyone syncs, every clone holds
the same retrospective, cards and ballots.
"""

from __future__ import annotations

import json

from stratui.rituals.retro.ritual import RETRO
from stratui.usecases import retro_room, rituals

from ._support import Team


def board(member) -> dict:
    """The retrospective as this clone holds it: its id, cards and everyone's dots."""
    ws = member.app()
    review = retro_room.open_review(ws, "Platform")
    assert review is not None
    room = retro_room.room(ws, review["id"])
    return {
        "review": review["id"],
        "cards": sorted((c.id, c.text, c.author) for c in room.draft.cards),
        "dots": room.draft.votes,
    }


def test_cards_and_dots_from_two_clones_make_one_board(team: Team):
    lea = team.founded()
    lea.ok("team", "add", "Platform", "--members", "lea,ana,ben")
    lea.sync()
    ana, ben = team.clone("ana"), team.clone("ben")
    for member in (ana, ben):
        member.ok("sync")
    ana.ok("retro", "card", "Deploys got faster")
    ana.ok("retro", "card", "Too many meetings", "--category", "stop", "--anonymous")
    ben.ok("retro", "card", "Flaky tests", "--category", "stop")
    for member in (ana, ben, lea, ana, ben):
        said = member.sync()
        assert "conflict" not in said
    assert board(ana) == board(ben) == board(lea)
    assert len(board(lea)["cards"]) == 3

    ws = lea.app()
    review, draft = rituals.start_or_resume(ws, RETRO, team="Platform")
    draft.reveal_all()
    draft.step = RETRO.steps.index("vote")
    rituals.save(ws, RETRO, review, draft)
    lea.sync()
    for member in (ana, ben):
        member.sync()
    cards = json.loads(ana.ok("retro", "cards", "--json"))["cards"]
    assert len(cards) == 3 and all(card["revealed"] for card in cards)
    flaky = next(card["id"] for card in cards if card["text"] == "Flaky tests")
    ana.ok("retro", "vote", flaky[:8])
    ana.ok("retro", "vote", flaky[:8])
    ben.ok("retro", "vote", flaky[:8])
    for member in (ana, ben, lea, ana, ben):
        member.sync()
    final = board(lea)
    assert board(ana) == board(ben) == final
    assert final["dots"] == {"ana": {flaky: 2}, "ben": {flaky: 1}}
    for member in (lea, ana, ben):
        member.no_conflict_markers()
        member.check()
