"""A panel's rows as aligned text columns, as many as fit, and how many more there are.

The dashboard's panels are read, not worked in: a table widget with a cursor would cost
several times as much to build and draw at start-up. When the rows do not fit, the last
line says how many are left and which screen lists them all.
"""

from __future__ import annotations

from textual.content import Content
from textual.widget import Widget

from stratui.ui.text import columns


class Listing(Widget):
    """Rows under a bold header, cut to the panel's height with a "+N more" line."""

    DEFAULT_CSS = """
    Listing {
        text-wrap: nowrap;
        text-overflow: clip;
    }
    """

    def __init__(self, header: list[str], more: str, *, id: str, classes: str = "") -> None:
        """``header`` names the columns; ``more`` says where the whole list is, as in
        ``+3 more: press 3``."""
        super().__init__(id=id, classes=classes)
        self.header = header
        self.more = more
        self.widest: dict[int, int] = {}
        self.rows: list[list[Content]] = []

    def show(self, rows: list[list[Content]], widest: dict[int, int] | None = None) -> None:
        """Show ``rows`` (cells in header order), a column ``i`` cut to ``widest[i]``."""
        self.rows, self.widest = rows, widest or {}
        self.refresh()

    def render(self) -> Content:
        lines = columns(self.rows, self.header, self.widest)
        room = self.content_size.height
        if room and len(lines) > room:
            hidden = len(lines) - room + 1
            lines = [*lines[: room - 1], Content.styled(f"+{hidden} more: {self.more}", "dim")]
        return Content("\n").join(lines)
