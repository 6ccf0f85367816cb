"""The History screen on a long history: a page at a time, the search, reuse between visits."""

from __future__ import annotations

import pytest
from textual.widgets import DataTable, Input, Markdown, Static

from stratui.demo import generate_history
from stratui.domain.records import new_id
from stratui.ui.app import StratuiApp
from stratui.ui.screens.history import PAGE
from stratui.usecases import exchange
from tests.ui.conftest import TODAY

NOTE = "We decided to move billing to [bold]Postgres 16[/bold]"


@pytest.fixture
def years(stratui):
    """More than a page of completed reviews (60 weeks of 3 people); the oldest weekly
    review's notes hold text that looks like markup, and a card of the oldest retro says
    'zeppelin'."""
    exchange.import_document(stratui, generate_history(people=3, weeks=60, today=TODAY))
    reviews = stratui.store.find("reviews", status="complete")
    weekly = [r for r in reviews if r["ritual"] == "weekly"]
    oldest = min(weekly, key=lambda r: (r["completed_at"], r["id"]))
    retro = min((r for r in reviews if r["ritual"] == "retro"), key=lambda r: r["completed_at"])
    with stratui.store.transaction() as tx:
        tx.put("reviews", {**oldest, "notes": NOTE})
        stamps = {"created_at": retro["completed_at"], "updated_at": retro["completed_at"]}
        card = {"id": new_id(), "review_id": retro["id"], "category": "start", "votes": 0}
        card.update(stamps)
        tx.insert("retro_items", {**card, "text": "Ride the zeppelin to the offsite"})
    return stratui


def table(app) -> DataTable:
    return app.screen.query_one("#history-table", DataTable)


def keys(app) -> list[str]:
    found = table(app)
    return [found.coordinate_to_cell_key((i, 0))[0].value for i in range(found.row_count)]


def count_line(app) -> str:
    return str(app.screen.query_one("#history-count", Static).render())


def completed_ids_newest_first(ws) -> list[str]:
    reviews = ws.store.find("reviews", status="complete")
    reviews.sort(key=lambda r: (r["completed_at"], r["id"]), reverse=True)
    return [r["id"] for r in reviews]


async def test_history_shows_the_newest_page_and_ctrl_end_loads_the_older_ones(years):
    everything = completed_ids_newest_first(years)
    assert len(everything) > 2 * PAGE
    app = StratuiApp(years, poll=None)
    async with app.run_test(size=(120, 35)) as pilot:
        await pilot.press("5")
        await pilot.pause()
        assert keys(app) == everything[:PAGE]
        assert count_line(app) == f"{len(everything)} reviews (the newest {PAGE}; scroll for more)"
        while table(app).row_count < len(everything):
            before = table(app).row_count
            await pilot.press("ctrl+end")
            await pilot.pause()
            assert table(app).row_count > before  # near the end: the next page came
        assert keys(app) == everything
        assert count_line(app) == f"{len(everything)} reviews"


async def test_scrolling_the_table_to_its_end_loads_the_next_page(years):
    app = StratuiApp(years, poll=None)
    async with app.run_test(size=(120, 35)) as pilot:
        await pilot.press("5")
        await pilot.pause()
        table(app).scroll_end(animate=False, immediate=True)
        await pilot.pause()
        assert table(app).row_count == 2 * PAGE
        assert table(app).cursor_row == 0  # scrolling does not move the cursor


async def test_search_finds_a_review_from_years_ago_and_enter_opens_it(years):
    app = StratuiApp(years, poll=None)
    async with app.run_test(size=(120, 35)) as pilot:
        await pilot.press("5", "slash")
        await pilot.press(*"[BOLD]postgres", "enter")  # Enter: at once, and to the list
        await pilot.pause()
        (rid,) = keys(app)
        assert years.store.get("reviews", rid)["notes"] == NOTE  # from the first weeks
        assert rid not in completed_ids_newest_first(years)[:PAGE]  # not on the first page
        assert count_line(app) == '1 review matching "[BOLD]postgres", Esc clears'
        await pilot.press("enter")  # reads the review
        await pilot.pause()
        shown = app.screen.query_one(Markdown).source
        assert "Postgres 16" in shown and "bold" in shown  # the note, as typed
        hint = str(app.screen.query_one(".dialog-hint", Static).render())
        assert f"stratui summary {rid[:8]}" in hint  # the id `stratui summary` takes
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("escape")  # clears the search: every review again
        await pilot.pause()
        assert app.screen.query_one("#history-search", Input).value == ""
        assert table(app).row_count == PAGE


async def test_search_reads_a_retrospectives_cards(years):
    app = StratuiApp(years, poll=None)
    async with app.run_test(size=(120, 35)) as pilot:
        await pilot.press("5", "slash", *"Zeppelin")
        await pilot.pause(0.5)  # a pause in typing searches too
        (rid,) = keys(app)
        assert years.store.get("reviews", rid)["ritual"] == "retro"
        await pilot.press(*"xyz")
        await pilot.pause(0.5)
        assert table(app).row_count == 0
        assert count_line(app) == '0 reviews matching "Zeppelinxyz", Esc clears'


async def test_a_search_in_force_follows_a_card_written_since(years):
    """Only the cards changed, not the reviews: the search is asked again all the same."""
    app = StratuiApp(years, poll=None)
    async with app.run_test(size=(120, 35)) as pilot:
        await pilot.press("5", "slash", *"Zeppelin", "enter")
        await pilot.pause()
        (first,) = keys(app)
        retro = next(
            r
            for r in years.store.find("reviews", status="complete", ritual="retro")
            if r["id"] != first
        )
        with years.store.transaction() as tx:
            card = {"id": new_id(), "review_id": retro["id"], "category": "stop", "votes": 0}
            stamps = {"created_at": retro["completed_at"], "updated_at": retro["completed_at"]}
            tx.insert("retro_items", {**card, **stamps, "text": "No zeppelin this year"})
        app.action_reload()  # what the app's poll does when the store changed
        await pilot.pause()
        assert sorted(keys(app)) == sorted([first, retro["id"]])


async def test_a_second_visit_keeps_the_table_and_a_new_review_shows_on_the_next(years):
    app = StratuiApp(years, poll=None)
    async with app.run_test(size=(120, 35)) as pilot:
        await pilot.press("5")
        await pilot.pause()
        assert app.screen.builds == 1
        await pilot.press("down", "down", "1", "5")
        await pilot.pause()
        assert app.screen.builds == 1  # nothing changed: the same table, cursor and all
        assert table(app).cursor_row == 2
        newest = years.store.get("reviews", completed_ids_newest_first(years)[0])
        added = {**newest, "id": new_id(), "completed_at": "2026-11-22T18:00:00Z"}
        with years.store.transaction() as tx:
            tx.insert("reviews", added)
        await pilot.press("1", "5")
        await pilot.pause()
        assert app.screen.builds == 2
        assert keys(app)[0] == added["id"]


def test_a_search_asked_again_with_nothing_changed_is_the_same_answer(years):
    """A visit with a search in force asks it again: with nothing changed it is answered
    from the last search (the very same list), and a change is seen."""
    from stratui.usecases.views.history import History

    history = History()
    history.refresh(years)
    first = history.search(years, "zeppelin")
    assert len(first) == 1
    assert history.search(years, "Zeppelin ") is first
    retro = next(r for r in years.store.find("reviews", status="complete", ritual="retro"))
    with years.store.transaction() as tx:
        card = {"id": new_id(), "review_id": retro["id"], "category": "stop", "votes": 0}
        stamps = {"created_at": retro["completed_at"], "updated_at": retro["completed_at"]}
        tx.insert("retro_items", {**card, **stamps, "text": "Another zeppelin"})
    again = history.search(years, "zeppelin")
    assert again is not first and retro["id"] in {row.id for row in again}
