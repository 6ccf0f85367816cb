"""Help: every key, by screen, read from the bindings themselves (never out of date)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import DataTable, Static

from stratui.ui.styles import stylesheet


def _keys(binding: Binding) -> str:
    names = {
        "left_square_bracket": "[",
        "right_square_bracket": "]",
        "slash": "/",
        "question_mark": "?",
        "space": "space",
        "delete": "del",
    }
    return ", ".join(names.get(key, key) for key in binding.key.split(","))


class HelpScreen(ModalScreen[None]):
    """Lists the app's keys and each screen's keys."""

    CSS_PATH = stylesheet("dialogs.tcss")

    BINDINGS = [Binding("escape,q,f1,question_mark", "dismiss", "Close", id="help.close")]

    def __init__(self, sections: list[tuple[str, list[Binding]]]) -> None:
        super().__init__()
        self.sections = sections

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog help"):
            yield Static("Keys", classes="dialog-title")
            for title, bindings in self.sections:
                yield Static(title, classes="help-section")
                table = DataTable(show_header=False, cursor_type="none", classes="help-keys")
                table.add_columns("key", "action")
                for binding in bindings:
                    table.add_row(_keys(binding), binding.description)
                yield table
            yield Static(
                "Esc closes this help. ctrl+p opens the command palette.", classes="dialog-hint"
            )
