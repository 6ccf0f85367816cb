"""The frame every dialog is drawn in: a title, a body that scrolls, an error and a hint.

At 80x24 a dialog has about 21 rows. So that nothing a dialog holds is ever cut off,
its frame is a scroll container whose title is docked at the top and whose error line
and key hint are docked at the bottom (``styles/dialogs.tcss``): they are always on
screen, and only the fields between them scroll. Focus moving to a field scrolls it
into view (Textual does so on focus), and :meth:`DialogFrame.show_error` keeps the
focused field in view when the error line grows.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Static

from stratui.ui.text import literal


class DialogFrame(VerticalScroll, can_focus=False):
    """A dialog's box; focus goes to its fields, never to the box itself."""

    def show_error(self, message: str) -> None:
        """Show ``message`` (literally) on the error line, or hide the line when it is
        ""; the focused field stays in view above it."""
        error = self.query_one("#form-error", Static)
        error.update(literal(message))
        error.display = bool(message)
        focused = self.screen.focused
        if focused is not None and self in focused.ancestors:
            self.call_after_refresh(self.scroll_to_widget, focused, animate=False)


def dialog_parts(title: Content | str, hint: str) -> ComposeResult:
    """The docked parts of a dialog: its title on top, its error line and hint below."""
    yield Static(title, classes="dialog-title")
    with Vertical(classes="dialog-footer"):
        error = Static("", id="form-error", classes="form-error")
        error.display = False
        yield error
        yield Static(hint, classes="dialog-hint")
