"""Snapshots of the main screens on the demo data, at 80x24 and at 120x35 (and 160x48)."""

from __future__ import annotations

import pytest

from stratui.ui.app import StratuiApp

SIZES = [(80, 24), (120, 35)]


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize(
    "key",
    ["1", "2", "3", "4", "5"],
    ids=["dashboard", "commitments", "roadblocks", "goals", "history"],
)
async def test_main_screens(demo, svg, key, size):
    app = StratuiApp(demo, poll=None)
    async with app.run_test(size=size) as pilot:
        app.sub_title = "ana · demo store"  # the real one names a temporary path
        await pilot.press(key)
        await pilot.pause()
        assert app.export_screenshot(title="stratui") == svg


async def test_the_dashboard_uses_a_large_terminal(demo, svg):
    app = StratuiApp(demo, poll=None)
    async with app.run_test(size=(160, 48)) as pilot:
        app.sub_title = "ana · demo store"
        await pilot.pause()
        assert app.export_screenshot(title="stratui") == svg


async def test_the_help_screen(demo, svg):
    app = StratuiApp(demo, poll=None)
    async with app.run_test(size=(80, 24)) as pilot:
        app.sub_title = "ana · demo store"
        await pilot.press("f1")
        await pilot.pause()
        assert app.export_screenshot(title="stratui") == svg
