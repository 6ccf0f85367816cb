"""Snapshots of every step of the weekly review on the demo data, at 80x24.

The review of 2026-W47 is walked with Enter from the check-in to the summary, deciding
nothing (the look-back shows its commitments undecided); each step is captured as it
first appears.
"""

from __future__ import annotations

from textual.widgets import ContentSwitcher

from stratui.rituals.weekly import STEPS
from stratui.ui.app import StratuiApp


async def test_each_step_of_the_weekly_review(demo, svg):
    app = StratuiApp(demo, poll=None, start="weekly")
    async with app.run_test(size=(80, 24)) as pilot:
        app.sub_title = "ana · demo store"
        await pilot.pause()
        for index, step in enumerate(STEPS):
            name = step.replace(" ", "-")
            assert app.screen.query_one("#weekly-body", ContentSwitcher).current == f"step-{name}"
            assert app.export_screenshot(title="stratui") == svg(name=f"{index + 1}-{name}")
            await pilot.press(*(("4", "enter") if step == STEPS[0] else ("enter",)))
            await pilot.pause()
