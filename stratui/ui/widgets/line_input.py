"""A one-line text field that keeps all of a pasted multi-line text, and shows control
characters rather than sending them to the terminal.

Textual's ``Input`` keeps only the first line of a paste and drops the rest without a
word, so a pasted paragraph becomes its first sentence. Every one-line field of stratui
is a :class:`LineInput`: the lines of a paste are joined with spaces (blank lines
dropped), and the person is told that the line breaks became spaces. A value holding a
control character (a title edited after a teammate's sync) is drawn with a visible
stand-in for it (:func:`stratui.domain.visible.pictured`), one character for one, so the
cursor stays where it is; the value itself is kept as it is.
"""

from __future__ import annotations

from rich.text import Text
from textual import events
from textual.widgets import Input

from stratui.domain.visible import pictured


def one_line(text: str) -> tuple[str, int]:
    """``text`` on one line (its non-blank lines joined by a space) and how many lines
    were joined."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return " ".join(lines), len(lines)


class LineInput(Input):
    """An ``Input`` whose paste keeps every line, joined by spaces, and says so, and
    which draws control characters as visible stand-ins."""

    @property
    def _value(self) -> Text:
        """The value as drawn (``Input._value``, Textual's hook for it): control
        characters pictured, one for one."""
        if self.password:
            return super()._value
        text = Text(pictured(self.value), no_wrap=True, overflow="ignore", end="")
        return self.highlighter(text) if self.highlighter is not None else text

    def _on_paste(self, event: events.Paste) -> None:
        event.prevent_default()  # Input's own handler would run next and keep one line
        event.stop()
        text, lines = one_line(event.text)
        if not text:
            return
        before = self.value
        if self.selection.is_empty:
            self.insert_text_at_cursor(text)
        else:
            self.replace(text, *self.selection)
        if lines > 1 and self.value != before:
            self.notify(f"Pasted {lines} lines as one: the line breaks became spaces.")
