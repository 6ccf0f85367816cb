"""Snapshots of every phase of the retrospective on the demo data, at 80x24.

The demo team's retrospective of 2026-W47 is walked by keys: the default format, the
previous retro's open actions carried over, two cards written and revealed, a dot, a
health rating, and the summary before completing.
"""

from __future__ import annotations

from textual.widgets import ContentSwitcher

from stratui.rituals.retro import PHASES
from stratui.ui.app import StratuiApp

KEYS = {  # what is pressed in each phase once it is captured
    "setup": ("enter",),
    "follow-up": ("enter",),
    "gather": ("ctrl+o", "enter"),
    "group": ("enter",),
    "vote": ("plus", "enter"),
    "discuss": ("enter",),
    "health": ("4", "enter"),
    "summary": (),
}


async def test_each_phase_of_the_retrospective(demo, svg):
    app = StratuiApp(demo, poll=None, start="retro")
    async with app.run_test(size=(80, 24)) as pilot:
        app.sub_title = "ana · demo store"
        await pilot.pause()
        for index, phase in enumerate(PHASES):
            screen = app.screen
            assert screen.query_one("#ritual-body", ContentSwitcher).current == f"step-{phase}"
            if phase == "follow-up":  # the open actions are carried over, by key
                for _ in screen.draft.undisposed:
                    await pilot.press("c")
                await pilot.pause()
            if phase == "gather":
                for text in ("Deploys got faster", "[b]Flaky tests[/b] again"):
                    await pilot.press(*text, "enter")
                await pilot.pause()
            screen.sub_title = "demo store"
            await pilot.pause()
            assert app.export_screenshot(title="stratui") == svg(name=f"{index + 1}-{phase}")
            await pilot.press(*KEYS[phase])
            await pilot.pause()
