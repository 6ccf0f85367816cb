"""Snapshots of the goal tree and the goal detail on the demo data, at 80x24."""

from __future__ import annotations

from stratui.ui.app import StratuiApp
from stratui.ui.screens.goals import GoalTree
from stratui.usecases import goals as usecases


async def test_the_goal_tree(demo, svg):
    app = StratuiApp(demo, poll=None)
    async with app.run_test(size=(80, 24)) as pilot:
        app.sub_title = "ana · demo store"
        await pilot.press("4")
        await pilot.pause()
        assert app.export_screenshot(title="stratui") == svg


async def test_the_goal_detail(demo, svg):
    # The deepest goal with readings: parent chain, sparklines and numbers all show.
    rows = [row for row in usecases.tree(demo) if usecases.checkins(demo, row.goal["id"])]
    chosen = max(rows, key=lambda row: row.depth).goal["id"]
    app = StratuiApp(demo, poll=None)
    async with app.run_test(size=(80, 24)) as pilot:
        app.sub_title = "ana · demo store"
        await pilot.press("4")
        await pilot.pause()
        screen = app.screen
        screen.query_one(GoalTree).move_cursor(screen.nodes[chosen])
        await pilot.press("enter")
        await pilot.pause()
        assert app.export_screenshot(title="stratui") == svg
