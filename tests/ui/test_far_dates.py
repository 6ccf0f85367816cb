"""The app on a store already holding dates and weeks outside 1900-2999: shown, no crash.

The store of ``tests/_far_dates.py`` (an older stratui's, or a synced file's): a goal
from year 1 to 9999, commitments of 0001-W01 and 9999-W52, reviews of 9999-Q4. Every
screen opens, and typed dates outside the supported years are refused inline.
"""

from __future__ import annotations

from textual.widgets import DataTable, Input, Static

from stratui.ui.screens.goal_detail import GoalDetailScreen
from tests._far_dates import GOAL, fill_far_store
from tests.ui.test_goal_tree import cursor_on
from tests.ui.test_weekly_review import screen_text


async def press(pilot, *keys: str) -> None:
    for key in keys:
        await pilot.press(key)
        await pilot.pause()


async def test_the_goal_detail_of_a_goal_ending_in_9999_opens(app, stratui):
    fill_far_store(stratui)
    async with app.run_test(size=(120, 40)) as pilot:
        await press(pilot, "4")
        cursor_on(app, GOAL)
        await press(pilot, "enter")
        assert isinstance(app.screen, GoalDetailScreen)
        assert "0001-01-01 \u2013 9999-12-31" in screen_text(app)  # an en dash


async def test_every_screen_opens_on_far_dates(app, stratui):
    """Dashboard, commitments, roadblocks, goals, history (each review read), trends
    (every window, the "all" one from year 1 included, and the tables)."""
    fill_far_store(stratui)
    async with app.run_test(size=(120, 40)) as pilot:
        for screen in "12345":
            await press(pilot, screen)
        rows = app.screen.query_one("#history-table", DataTable).row_count
        assert rows == 5
        for row in range(rows):
            await press(pilot, "5", *["down"] * row, "enter")
            await press(pilot, "escape")
        await press(pilot, "6")
        for _window in range(5):
            await press(pilot, "p", "t", "t")
        await press(pilot, "s", "s", "s")
        assert app.return_code is None  # still running: nothing raised


async def test_a_goal_end_in_9999_is_refused_in_the_form(app, stratui):
    async with app.run_test(size=(120, 35)) as pilot:
        await press(pilot, "4", "n")
        await pilot.press(*"Forever")
        app.screen.query_one("#field-end", Input).value = "9999-12-31"
        await press(pilot, "enter")
        error = str(app.screen.query_one("#form-error", Static).render())
        assert "1900-01-01 to 2999-12-31" in error
        assert stratui.store.all("goals") == []


async def test_a_week_of_9999_is_refused_in_the_commitment_form(app, stratui):
    async with app.run_test(size=(120, 35)) as pilot:
        await press(pilot, "2", "a")
        await pilot.press(*"Plan")
        app.screen.query_one("#field-week", Input).value = "9999-W52"
        await press(pilot, "enter")
        error = str(app.screen.query_one("#form-error", Static).render())
        assert "1900-W01 to 2999-W52" in error
        assert stratui.store.all("commitments") == []
