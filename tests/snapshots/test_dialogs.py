"""Snapshots of every dialog the app opens, at 80x24 on the demo data (issue 12, item 6).

The dialogs and how each is opened are listed once, in ``tests/ui/_dialogs.py``; a
dialog that gains a field changes only its own snapshot, to be updated with
``pytest tests/snapshots/test_dialogs.py --snapshot-update -k <dialog>`` and looked at.
The refused-value snapshots show the error line as the person sees it after Enter.
"""

from __future__ import annotations

import pytest

from stratui.ui.app import StratuiApp
from tests.ui._dialogs import BAD_VALUES, DIALOGS, open_dialog, type_values


@pytest.mark.parametrize("name", list(DIALOGS))
async def test_each_dialog_at_80x24(demo, svg, name):
    case = DIALOGS[name]
    app = StratuiApp(demo, poll=None, start=case.start)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_dialog(app, pilot, case)
        app.sub_title = "ana · demo store"  # the real one names a temporary path
        await pilot.pause()
        assert app.export_screenshot(title="stratui") == svg


@pytest.mark.parametrize("name", sorted(BAD_VALUES))
async def test_each_refused_value_at_80x24(demo, svg, name):
    case = DIALOGS[name]
    app = StratuiApp(demo, poll=None, start=case.start)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_dialog(app, pilot, case)
        await type_values(app, pilot, BAD_VALUES[name])
        app.sub_title = "ana · demo store"  # the real one names a temporary path
        await pilot.pause()
        assert app.export_screenshot(title="stratui") == svg
