"""Dialogs at 80x24 and smaller: every field reachable, the focus and the error in view.

Driven by keys on the demo data (the dialogs of ``tests/ui/_dialogs.py``); "in view"
means that the screen really draws the widget where it is (:func:`on_screen`), not that
it exists somewhere below the dialog's edge.
"""

from __future__ import annotations

import pytest
from textual import events
from textual.widgets import Button, Input, Static

from stratui.clock import Clock
from stratui.demo import generate_history
from stratui.store.store import Store
from stratui.ui.app import StratuiApp
from stratui.ui.modals.form import Form
from stratui.usecases import exchange
from stratui.usecases.workspace import Workspace
from tests.ui._dialogs import BAD_VALUES, BIGGEST, DIALOGS, on_screen, open_dialog, type_values
from tests.ui.conftest import TODAY


@pytest.fixture
def demo(tmp_path) -> Workspace:
    """The demo history in a fresh store (as the snapshots use)."""
    stratui = Workspace(Store.at(str(tmp_path / "store")), Clock(TODAY))
    exchange.import_document(stratui, generate_history(people=4, weeks=16, today=TODAY))
    return stratui


@pytest.mark.parametrize("size", [(80, 24), (80, 14), (50, 20)], ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("name", BIGGEST)
async def test_tab_goes_through_every_field_and_each_is_on_screen(demo, name, size):
    case = DIALOGS[name]
    app = StratuiApp(demo, poll=None, start=case.start)
    async with app.run_test(size=size) as pilot:
        await open_dialog(app, pilot, case)
        form = app.screen
        assert isinstance(form, Form)
        for spec in form.fields:
            assert app.focused is form.query_one(f"#field-{spec.name}"), spec.name
            assert on_screen(app.focused), f"{spec.name} is focused but not on screen"
            label = app.focused.parent.query_one(".form-label")
            assert on_screen(label), f"the label of {spec.name} is not on screen"
            await pilot.press("tab")
            await pilot.pause()
        assert app.focused is form.query_one(f"#field-{form.fields[0].name}")  # round again


@pytest.mark.parametrize("name", BIGGEST)
async def test_at_80x24_a_dialog_shows_every_field_without_scrolling(demo, name):
    case = DIALOGS[name]
    app = StratuiApp(demo, poll=None, start=case.start)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_dialog(app, pilot, case)
        shown = [spec.name for spec in app.screen.fields]
        assert [n for n in shown if not on_screen(app.screen.query_one(f"#field-{n}"))] == []
        assert on_screen(app.screen.query_one(".dialog-hint"))


@pytest.mark.parametrize("name", sorted(BAD_VALUES))
async def test_a_refused_value_shows_its_error_on_screen_and_saves_nothing(demo, name):
    case = DIALOGS[name]
    app = StratuiApp(demo, poll=None, start=case.start)
    before = {kind: len(demo.store.all(kind)) for kind in ("commitments", "roadblocks")}
    async with app.run_test(size=(80, 24)) as pilot:
        await open_dialog(app, pilot, case)
        await type_values(app, pilot, BAD_VALUES[name])
        assert isinstance(app.screen, Form)  # still open
        error = app.screen.query_one("#form-error", Static)
        assert str(error.render()).strip(), "no error shown"
        assert on_screen(error)
        assert on_screen(app.focused)
        assert on_screen(app.screen.query_one(".dialog-hint"))
    assert {kind: len(demo.store.all(kind)) for kind in before} == before


async def test_the_error_names_the_value_with_both_its_quotes(demo):
    # issue 12: "got 'abc" lost its closing quote in the form
    app = StratuiApp(demo, poll=None)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_dialog(app, pilot, DIALOGS["goal-check-in"])
        await type_values(app, pilot, {"value": "abc"})
        assert str(app.screen.query_one("#form-error", Static).render()).endswith("got 'abc'")


async def test_an_error_focuses_the_field_it_names(demo):
    app = StratuiApp(demo, poll=None)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_dialog(app, pilot, DIALOGS["commitment-new"])
        app.screen.query_one("#field-due", Input).value = "someday"
        title = app.screen.query_one("#field-title", Input)
        title.focus()
        await pilot.press(*"Ship it", "enter")
        await pilot.pause()
        assert app.focused is app.screen.query_one("#field-due")
        assert "due" in str(app.screen.query_one("#form-error", Static).render())


async def test_a_multi_line_paste_keeps_every_line_joined_by_spaces(demo):
    app = StratuiApp(demo, poll=None)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_dialog(app, pilot, DIALOGS["commitment-new"])
        app.focused.post_message(events.Paste("Ship the importer\n\n  for the reports team\r\n"))
        await pilot.pause()
        assert app.focused.value == "Ship the importer for the reports team"
        assert any("line breaks became spaces" in n.message for n in app._notifications)
        await pilot.press("enter")
        await pilot.pause()
    titles = [c["title"] for c in demo.store.all("commitments")]
    assert "Ship the importer for the reports team" in titles


async def test_a_one_line_paste_says_nothing(demo):
    app = StratuiApp(demo, poll=None)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_dialog(app, pilot, DIALOGS["commitment-new"])
        app.focused.post_message(events.Paste("Ship it\n"))
        await pilot.pause()
        assert app.focused.value == "Ship it"
        assert not list(app._notifications)


async def test_a_confirmation_starts_on_no(demo):
    app = StratuiApp(demo, poll=None)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_dialog(app, pilot, DIALOGS["commitment-delete"])
        assert isinstance(app.focused, Button) and app.focused.id == "no"
        count = len(demo.store.all("commitments"))
        await pilot.press("enter")
        await pilot.pause()
    assert len(demo.store.all("commitments")) == count


@pytest.mark.parametrize("name", ["commitment-new", "roadblock-raise"])
async def test_an_empty_title_is_named_as_the_field_not_as_a_records_id(demo, name):
    """A dialog names what to fix (``title: ...``), not the id the record would have had."""
    app = StratuiApp(demo, poll=None, start=DIALOGS[name].start)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_dialog(app, pilot, DIALOGS[name])
        app.screen.query_one("#field-title", Input).focus()
        await pilot.press("enter")
        await pilot.pause()
        error = str(app.screen.query_one("#form-error", Static).render())
        assert error.startswith("title: "), error
