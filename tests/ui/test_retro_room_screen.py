"""Two people in one retrospective, each in their own app on one store (Pilot tests).

ana leads (she starts it); ben opens the team's retrospective and takes part: his screen
follows her phase with no key pressed, shows her cards only once she reveals them, and
lets him spend his own dots, no more. Today is Sunday 2026-11-22 (2026-W47).
"""

from __future__ import annotations

import asyncio
import time

from textual.widgets import ContentSwitcher, DataTable, Input, Static

from stratui.clock import Clock
from stratui.ui.app import StratuiApp
from stratui.ui.screens.retro import RetroScreen
from stratui.ui.screens.retro.room import RetroRoomScreen
from stratui.usecases import people
from tests._person import Person
from tests.ui.conftest import TODAY


def everyone(path: str) -> tuple[Person, Person]:
    ana, ben = Person(path, Clock(TODAY), "ana"), Person(path, Clock(TODAY), "ben")
    for name in ("ana", "ben", "cy"):
        people.add_person(ana, name)
    people.add_team(ana, "Platform", ["ana", "ben", "cy"])
    return ana, ben


async def until(pilot, what, seconds: float = 5.0) -> float:
    """Wait, as a person would, until ``what()`` holds; how long it took."""
    start = time.monotonic()
    while not what():
        assert time.monotonic() - start < seconds, "the screen did not follow"
        await asyncio.sleep(0.05)
        await pilot.pause()
    return time.monotonic() - start


def board(app) -> list[str]:
    """The text of each row: a card's, a topic's or a health dimension's (the last column)."""
    table = app.screen.query_one("#room-board", DataTable)
    return [str(table.get_row_at(row)[-1]) for row in range(table.row_count)]


def status(app) -> str:
    return str(app.screen.query_one("#room-status", Static).render())


def heading(app) -> str:
    return str(app.screen.query_one("#room-heading", Static).render())


def problems(app) -> str:
    widget = app.screen.query_one("#room-problems", Static)
    return str(widget.render()) if widget.display else ""


def phase(app) -> str:
    return app.screen.query_one("#ritual-body", ContentSwitcher).current


async def lead_to_gather(app, pilot) -> None:
    """The leader keeps the format and goes on to the gather phase (past a follow-up
    with nothing to follow up)."""
    await pilot.press("enter")
    await pilot.pause()
    if phase(app) == "step-follow-up":
        await pilot.press("enter")
        await pilot.pause()
    assert phase(app) == "step-gather"


async def test_a_participant_follows_sees_after_reveal_and_spends_only_their_dots(tmp_path):
    ana, ben = everyone(str(tmp_path / "store"))
    lead = StratuiApp(ana, poll=None, start="retro")
    joins = StratuiApp(ben, poll=None, start="retro")
    async with lead.run_test(size=(80, 24)) as a, joins.run_test(size=(80, 24)) as b:
        assert isinstance(lead.screen, RetroScreen)
        await lead_to_gather(lead, a)
        await until(b, lambda: isinstance(joins.screen, RetroRoomScreen))
        await until(b, lambda: "Gather" in heading(joins))
        assert "you take part as ben" in heading(joins)

        await a.press(*"Deploys got faster", "enter")  # ana's card: hidden from ben
        await b.press(*"Flaky tests", "enter")  # ben's own card
        await until(b, lambda: board(joins) == ["Flaky tests"])
        await until(b, lambda: "Hidden until the facilitator reveals them: ana 1" in status(joins))
        await until(
            a,
            lambda: (
                "2 of 3 have written; 2 cards"
                in str(lead.screen.query_one("#gather-count", Static).render())
            ),
        )

        await a.press("ctrl+o")  # ana reveals
        await until(b, lambda: sorted(board(joins)) == ["Deploys got faster", "Flaky tests"])
        await a.press("enter", "enter")  # gather, then group: on to the vote
        await a.pause()
        assert phase(lead) == "step-vote"
        await until(b, lambda: "Your dots: 3 of 3 left" in status(joins))
        joins.screen.query_one("#room-board", DataTable).focus()
        for _ in range(4):
            await b.press("plus")
            await b.pause()
        assert "ben has used all 3 votes" in problems(joins)
        assert "Your dots: 0 of 3 left" in status(joins)

        await a.press("enter")  # on to the discussion
        await until(b, lambda: "Discuss" in heading(joins))
        assert problems(joins) == ""  # the vote's refusal is not news any more
        await a.press("enter")  # on to the health check
        await a.pause()
        assert phase(lead) == "step-health"
        await until(b, lambda: "Health" in heading(joins))
        assert board(joins) == list(lead.screen.draft.health)  # the rows in the leader's order

    (ballot,) = ben.store.all("retro_ballots")
    assert (ballot["person"], sum(ballot["dots"].values())) == ("ben", 3)
    cards = {c["text"]: c for c in ana.store.all("retro_items")}
    assert cards["Flaky tests"]["author"] == "ben"
    assert cards["Deploys got faster"]["author"] == "ana"


async def test_cards_are_refused_once_the_gather_phase_has_ended(tmp_path):
    ana, ben = everyone(str(tmp_path / "store"))
    lead = StratuiApp(ana, poll=None, start="retro")
    joins = StratuiApp(ben, poll=None, start="retro")
    async with lead.run_test(size=(80, 24)) as a, joins.run_test(size=(80, 24)) as b:
        await lead_to_gather(lead, a)
        await a.press("enter", "enter")  # no cards: past gather and group
        await a.pause()
        await until(b, lambda: isinstance(joins.screen, RetroRoomScreen))
        await until(b, lambda: "Vote" in heading(joins))
        assert not joins.screen.query_one("#room-fields").display  # no card to write
    assert ana.store.all("retro_items") == []


async def test_facilitate_takes_the_lead_and_the_old_facilitator_takes_part(tmp_path):
    ana, ben = everyone(str(tmp_path / "store"))
    lead = StratuiApp(ana, poll=None, start="retro")
    takes = StratuiApp(ben, poll=None, start="retro", facilitate=True)
    async with lead.run_test(size=(80, 24)) as a:
        assert isinstance(lead.screen, RetroScreen)
        await a.press("enter")
        await a.pause()
        async with takes.run_test(size=(80, 24)) as b:
            await b.pause()
            assert isinstance(takes.screen, RetroScreen)  # ben leads now
            await until(a, lambda: isinstance(lead.screen, RetroRoomScreen))
            assert "led by ben" in lead.screen.sub_title
    (review,) = [r for r in ana.store.all("reviews") if r["ritual"] == "retro"]
    assert review["facilitator"] == "ben"


async def test_one_who_opened_it_a_moment_after_the_leader_takes_part(tmp_path):
    """ben's app found no retrospective in progress, so it opened the leader's screen;
    ana started it a moment before: ben's screen sees that and takes part instead."""
    ana, ben = everyone(str(tmp_path / "store"))
    lead = StratuiApp(ana, poll=None, start="retro")
    late = StratuiApp(ben, poll=None)
    async with lead.run_test(size=(80, 24)) as a, late.run_test(size=(80, 24)) as b:
        await a.pause()
        await late.push_screen(RetroScreen(team="Platform"))  # as enter() chose it
        await until(b, lambda: isinstance(late.screen, RetroRoomScreen))
        assert isinstance(lead.screen, RetroScreen)
    (review,) = [r for r in ana.store.all("reviews") if r["ritual"] == "retro"]
    assert review["facilitator"] == "ana"


async def test_text_typed_after_enter_is_kept_for_the_next_card(tmp_path):
    """Enter sends the card while the person types on: when the card is written, the
    field already holds the start of the next one, which must not be wiped."""
    ana, ben = everyone(str(tmp_path / "store"))
    lead = StratuiApp(ana, poll=None, start="retro")
    joins = StratuiApp(ben, poll=None, start="retro")
    async with lead.run_test(size=(80, 24)) as a, joins.run_test(size=(80, 24)) as b:
        await a.pause()
        await until(b, lambda: isinstance(joins.screen, RetroRoomScreen))
        field = joins.screen.query_one("#room-text", Input)
        field.value = "Seco"  # typed after Enter, before the card "First" was written
        field.post_message(Input.Submitted(field, "First"))
        await until(b, lambda: len(ben.store.all("retro_items")) == 1)
        await b.pause()
        assert field.value == "Seco"
    assert [c["text"] for c in ben.store.all("retro_items")] == ["First"]


async def test_everyone_sees_the_phases_countdown_and_the_leader_extends_it(tmp_path):
    """The clock is pinned (noon), so the gather phase shows its whole five minutes;
    ctrl+g gives it one more, on every screen."""
    ana, ben = everyone(str(tmp_path / "store"))
    lead = StratuiApp(ana, poll=None, start="retro")
    joins = StratuiApp(ben, poll=None, start="retro")
    async with lead.run_test(size=(80, 24)) as a, joins.run_test(size=(80, 24)) as b:
        await lead_to_gather(lead, a)
        assert "5:00 left (ctrl+g: +1 min)" in lead.screen.sub_title
        await until(b, lambda: "Gather · 5:00 left" in heading(joins))
        await a.press("ctrl+g")  # from the card field, where the leader types
        await a.pause()
        assert "6:00 left" in lead.screen.sub_title
        await until(b, lambda: "Gather · 6:00 left" in heading(joins))


async def test_in_the_vote_a_card_still_hidden_is_not_shown_and_the_board_has_the_keys(tmp_path):
    """A card the leader never revealed stays unreadable in the vote phase; when the
    phase changes, the board has the focus, its cursor on the first row."""
    from stratui.rituals.retro.ritual import RETRO
    from stratui.usecases import retro_room, rituals

    ana, ben = everyone(str(tmp_path / "store"))
    review, draft = rituals.start_or_resume(ana, RETRO, team="Platform")
    retro_room.add_card(ana, review["id"], "Secret of ana")
    bens = retro_room.add_card(ben, review["id"], "Mine, ben's")
    review, draft = rituals.start_or_resume(ana, RETRO, team="Platform")
    draft.reveal(bens["id"])
    draft.step = RETRO.steps.index("vote")  # moved on without revealing ana's card
    rituals.save(ana, RETRO, review, draft)
    joins = StratuiApp(ben, poll=None, start="retro")
    async with joins.run_test(size=(80, 24)) as b:
        await until(b, lambda: isinstance(joins.screen, RetroRoomScreen))
        await until(b, lambda: "Your dots" in status(joins))
        assert board(joins) == ["Mine, ben's"]
        table = joins.screen.query_one("#room-board", DataTable)
        assert joins.focused is table and table.cursor_row == 0
        await b.press("plus")
        await b.pause()
        assert "Your dots: 2 of 3 left" in status(joins)


async def test_participants_follow_the_discussion_and_read_the_summary(tmp_path):
    """In the discussion a participant sees the topics by votes and the actions agreed
    as the leader writes them; once the retrospective is complete, its summary."""
    from stratui.rituals.retro.ritual import RETRO
    from stratui.usecases import retro_room, rituals

    ana, ben = everyone(str(tmp_path / "store"))
    review, draft = rituals.start_or_resume(ana, RETRO, team="Platform")
    flaky = retro_room.add_card(ben, review["id"], "Flaky tests")
    retro_room.add_card(ana, review["id"], "Deploys got faster")
    review, draft = rituals.start_or_resume(ana, RETRO, team="Platform")
    draft.reveal_all()
    draft.step = RETRO.steps.index("vote")
    rituals.save(ana, RETRO, review, draft)
    retro_room.vote(ben, review["id"], flaky["id"])
    retro_room.vote(ben, review["id"], flaky["id"])

    lead = StratuiApp(ana, poll=None, start="retro")
    joins = StratuiApp(ben, poll=None, start="retro")
    async with lead.run_test(size=(100, 30)) as a, joins.run_test(size=(100, 30)) as b:
        await until(b, lambda: isinstance(joins.screen, RetroRoomScreen))
        await a.press("enter")  # the vote ends: on to the discussion
        await a.pause()
        await until(b, lambda: "Discuss" in heading(joins))
        assert board(joins)[:2] == ["Flaky tests", "Deploys got faster"]  # by votes
        await a.press("a", *"Quarantine flaky tests")  # the leader's keys
        await a.press("tab", "enter", "down", "enter", "tab")  # owner: the first listed
        await a.press(*"fri", "enter")
        await a.pause()
        await until(b, lambda: any("Quarantine flaky tests · ana" in r for r in board(joins)))

        for _ in range(3):  # the discussion ends; the health check is skipped; complete
            await a.press("enter")
            await a.pause()
        assert ana.store.get("reviews", review["id"])["status"] == "complete"
        summary = joins.screen.query_one("#room-summary-text")
        await until(b, lambda: "Quarantine flaky tests" in str(summary.source))
        assert "Flaky tests" in summary.source
        assert "The retrospective is complete" in status(joins)
