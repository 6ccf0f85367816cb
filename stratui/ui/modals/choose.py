"""Choose one item of a list: Enter picks it, Esc cancels, a refusal is shown inline.

Like :class:`~stratui.ui.modals.form.Form`, it knows no rule: ``submit(value)`` runs the
use case and raises ``ValueError`` (or ``LookupError``) with a message; the dialog then
stays open with the message under the list. The list scrolls (at most 10 rows, so that
at 80x24 the title, a message of a few lines and the hint fit around it).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from stratui.ui.modals.frame import DialogFrame, DialogScreen, dialog_parts
from stratui.ui.styles import stylesheet
from stratui.ui.text import error_message


class Choose(DialogScreen[object]):
    """Ask for one of ``options`` (``(shown, value)``; shown as typed, never markup)."""

    CSS_PATH = stylesheet("dialogs.tcss")

    DEFAULT_CSS = "Choose #choose-list { height: auto; max-height: 10; }"
    BINDINGS = [Binding("escape", "cancel", "Cancel", id="choose.cancel")]

    def __init__(
        self,
        title: Content | str,
        options: Sequence[tuple[str, str]],
        submit: Callable[[str], object],
        *,
        current: str | None = None,
    ) -> None:
        super().__init__()
        self.choose_title = title
        self.options = list(options)
        self.submit = submit
        self.current = current

    def compose(self) -> ComposeResult:
        with DialogFrame(classes="dialog form"):
            yield from dialog_parts(self.choose_title, "Enter: choose   Esc: cancel")
            yield OptionList(
                *(Option(Text(shown), id=value) for shown, value in self.options),
                id="choose-list",
            )

    def on_mount(self) -> None:
        listing = self.query_one(OptionList)
        values = [value for _, value in self.options]
        if self.current in values:
            listing.highlighted = values.index(self.current)
        listing.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.choose(event.option.id or "")

    def choose(self, value: str) -> None:
        """Run the submit callback with ``value``; show its error, or close with its result."""
        try:
            result = self.submit(value)
        except (ValueError, LookupError) as error:
            self.show_error(error_message(error))
            return
        self.dismiss(result)

    def action_cancel(self) -> None:
        self.dismiss(None)
