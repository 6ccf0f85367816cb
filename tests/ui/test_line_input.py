"""One-line fields keep a pasted multi-line text whole: its lines joined by spaces."""

from __future__ import annotations

from textual import events
from textual.app import App, ComposeResult
from textual.content import Content
from textual.widgets import Input, Static
from textual.widgets.input import Selection

from stratui.ui.widgets.line_input import LineInput, one_line
from stratui.ui.widgets.review import InlineEdit


def test_one_line_joins_the_non_blank_lines_and_counts_them():
    joined = ("Fix the build before the demo", 2)
    assert one_line("Fix the build\n\n   before the demo \r\n") == joined
    assert one_line("one line") == ("one line", 1)
    assert one_line("\n \n") == ("", 0)


class Question(App):
    """An InlineEdit under a Static, as a ritual step has it."""

    def __init__(self) -> None:
        super().__init__()
        self.answers: list[str] = []

    def compose(self) -> ComposeResult:
        yield Static("table", id="back")
        yield InlineEdit()

    def on_mount(self) -> None:
        self.query_one(InlineEdit).ask(
            Content("Note:"), "", self.answers.append, self.query_one("#back")
        )


async def test_the_inline_question_keeps_every_pasted_line():
    app = Question()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.focused, LineInput)
        app.focused.post_message(events.Paste("Waiting on the vendor\nsince Monday"))
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert any("line breaks became spaces" in n.message for n in app._notifications)
    assert app.answers == ["Waiting on the vendor since Monday"]


async def test_a_paste_replaces_the_selection_once():
    class One(App):
        def compose(self) -> ComposeResult:
            yield LineInput("Ship the old thing")

    app = One()
    async with app.run_test(size=(80, 24)) as pilot:
        field = app.query_one(Input)
        field.focus()
        field.selection = Selection(9, 18)  # "old thing"
        field.post_message(events.Paste("new\nimporter"))
        await pilot.pause()
        assert field.value == "Ship the new importer"
