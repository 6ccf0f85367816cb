"""A main screen's first visit is frozen out of the garbage collector's walks (so a full
collection stays short however much history the screens hold); a screen that is closed
again, as a goal's detail, is not (it must be freed)."""

from __future__ import annotations

import gc

from textual.widgets import DataTable

from stratui.demo import generate_history
from stratui.ui.app import StratuiApp
from stratui.ui.screens.goal_detail import GoalDetailScreen
from stratui.usecases import exchange
from tests.ui.conftest import TODAY


def walked(thing: object) -> bool:
    """Whether a full collection walks ``thing`` (frozen objects are in no generation)."""
    return any(found is thing for found in gc.get_objects())


async def test_main_screens_are_frozen_after_their_first_visit_and_a_goal_detail_is_not(stratui):
    exchange.import_document(stratui, generate_history(people=3, weeks=8, today=TODAY))
    app = StratuiApp(stratui, poll=None)
    app.freezes = True  # as StratuiApp.run sets it
    try:
        async with app.run_test(size=(120, 35)) as pilot:
            await pilot.press("5")
            await pilot.pause()
            history = app.screen.query_one("#history-table", DataTable)
            await pilot.press("4", "enter")
            await pilot.pause()
            assert isinstance(app.screen, GoalDetailScreen)
            detail = app.screen
            assert not walked(history)
            assert walked(detail)
    finally:
        gc.unfreeze()  # give this test's objects back to the collector
