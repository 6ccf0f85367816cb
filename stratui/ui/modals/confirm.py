"""A yes/no question (deleting asks first).

The question scrolls inside the dialog's frame when it is too long for the terminal;
the buttons stay docked below it. The focus starts on "No", so an Enter typed by habit
does not delete anything: yes is ``y`` or the Yes button.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.content import Content
from textual.widgets import Button, Static

from stratui.ui.modals.frame import DialogFrame, DialogScreen
from stratui.ui.styles import stylesheet


class Confirm(DialogScreen[bool]):
    """Ask ``question``; dismiss with True for yes."""

    CSS_PATH = stylesheet("dialogs.tcss")

    AUTO_FOCUS = "#no"

    BINDINGS = [
        Binding("y", "answer(True)", "Yes", id="confirm.yes"),
        Binding("n,escape", "answer(False)", "No", id="confirm.no"),
    ]

    def __init__(self, question: Content | str) -> None:
        super().__init__()
        self.question = question

    def compose(self) -> ComposeResult:
        with DialogFrame(classes="dialog confirm"):
            yield Static(self.question, classes="dialog-question")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Yes (y)", id="yes", variant="error")
                yield Button("No (n)", id="no", variant="primary")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)
