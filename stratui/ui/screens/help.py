"""Help: every key, by screen, read from the bindings themselves (never out of date)."""

from __future__ import annotations

from collections.abc import Mapping

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import DataTable, Static

from stratui.ui.styles import stylesheet
from stratui.ui.text import cell


def _keys(binding: Binding, keymap: Mapping[str, str]) -> str:
    names = {
        "left_square_bracket": "[",
        "right_square_bracket": "]",
        "slash": "/",
        "question_mark": "?",
        "space": "space",
        "delete": "del",
    }
    keys = keymap.get(binding.id, binding.key) if binding.id else binding.key
    return ", ".join(names.get(key, key) for key in keys.split(","))


class HelpScreen(ModalScreen[None]):
    """Lists the app's keys and each screen's keys, as the person's ``[keys]``
    (``keymap``) remaps them, with each binding's id (what ``[keys]`` names)."""

    CSS_PATH = stylesheet("dialogs.tcss")

    BINDINGS = [Binding("escape,q,f1,question_mark", "dismiss", "Close", id="help.close")]

    def __init__(
        self, sections: list[tuple[str, list[Binding]]], keymap: Mapping[str, str] | None = None
    ) -> None:
        super().__init__()
        self.sections = sections
        self.keymap = dict(keymap or {})

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog help"):
            yield Static("Keys", classes="dialog-title")
            for title, bindings in self.sections:
                yield Static(title, classes="help-section")
                table = DataTable(show_header=False, cursor_type="none", classes="help-keys")
                table.add_columns("key", "action", "id")
                for binding in bindings:
                    keys = cell(_keys(binding, self.keymap))  # as the person wrote them
                    table.add_row(keys, binding.description, binding.id or "")
                yield table
            yield Static(
                "Esc closes this help. ctrl+p opens the command palette.", classes="dialog-hint"
            )
