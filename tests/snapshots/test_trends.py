"""Snapshots of the trends screen on the demo data, at 80x24 and 120x35."""

from __future__ import annotations

import pytest

from stratui.ui.app import StratuiApp

SIZES = [(80, 24), (120, 35)]


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("keys", [(), ("t",)], ids=["chart", "table"])
async def test_trends_screen(demo, svg, keys, size):
    app = StratuiApp(demo, poll=None)
    async with app.run_test(size=size) as pilot:
        app.sub_title = "ana · demo store"
        await pilot.press("6", *keys)
        await pilot.pause()
        assert app.export_screenshot(title="stratui") == svg
