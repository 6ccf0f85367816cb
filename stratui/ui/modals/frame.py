"""The frame every dialog is drawn in: a title, a body that scrolls, an error and a hint.

At 80x24 a dialog has about 21 rows. So that nothing a dialog holds is ever cut off,
its frame is a scroll container whose title is docked at the top and whose error line
and key hint are docked at the bottom (``styles/dialogs.tcss``): they are always on
screen, and only the fields between them scroll.

Textual scrolls a newly focused widget into view only when it lies outside its scroll
container, and it counts the docked title and footer as part of the view; a field under
the footer would stay hidden. So a :class:`DialogScreen` brings the focused field's row
(its label too) into view itself, clear of the title and footer, and again when the
error line grows (:meth:`DialogScreen.show_error`).
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen, ScreenResultType
from textual.widget import Widget
from textual.widgets import Static

from stratui.ui.text import literal


class DialogFrame(VerticalScroll, can_focus=False):
    """A dialog's box; focus goes to its fields, never to the box itself."""

    def reveal(self, widget: Widget) -> None:
        """Scroll so that ``widget``'s row (the frame's child holding it) is in view."""
        if not widget.is_attached or self not in widget.ancestors:
            return
        row = widget
        while row.parent is not self and row.parent is not None:
            row = row.parent
        self.scroll_to_widget(row, animate=False, immediate=True)


class DialogScreen(ModalScreen[ScreenResultType]):
    """A modal dialog drawn in a :class:`DialogFrame` (compose one)."""

    def set_focus(
        self, widget: Widget | None, scroll_visible: bool = True, from_app_focus: bool = False
    ) -> None:
        super().set_focus(widget, scroll_visible=False, from_app_focus=from_app_focus)
        if scroll_visible and widget is not None:
            self.call_after_refresh(self._reveal, widget)

    def _reveal(self, widget: Widget) -> None:
        if self.focused is widget:
            self.query_one(DialogFrame).reveal(widget)

    def show_error(self, message: str) -> None:
        """Show ``message`` (literally) on the error line, or hide the line when it is
        ""; the focused field stays in view above it."""
        error = self.query_one("#form-error", Static)
        error.update(literal(message))
        error.display = bool(message)
        if self.focused is not None:
            self.call_after_refresh(self._reveal, self.focused)


def dialog_parts(title: Content | str, hint: str) -> ComposeResult:
    """The docked parts of a dialog: its title on top, its error line and hint below."""
    yield Static(title, classes="dialog-title")
    with Vertical(classes="dialog-footer"):
        error = Static("", id="form-error", classes="form-error")
        error.display = False
        yield error
        yield Static(hint, classes="dialog-hint")
