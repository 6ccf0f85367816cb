"""A panel's rows as aligned text columns, as many as fit, and how many more there are.

The dashboard's panels are read, not worked in: a table widget with a cursor would cost
several times as much to build and draw at start-up. When the rows do not fit, the last
line says how many are left and which screen lists them all.
"""

from __future__ import annotations

from textual.content import Content
from textual.widget import Widget

from stratui.ui.text import GAP, columns

LAST = 20  # how much of the last column the squeezed one makes room for


class Listing(Widget):
    """Rows under a bold header, cut to the panel's height with a "+N more" line.

    One column (``squeeze``, a long title) gives up width so that the last column shows
    :data:`LAST` cells, but keeps at least ``keep``; the last column is cut at the border.
    """

    DEFAULT_CSS = """
    Listing {
        text-wrap: nowrap;
        text-overflow: clip;
    }
    """

    def __init__(
        self,
        header: list[str],
        more: str,
        *,
        squeeze: int,
        keep: int = 24,
        id: str,
        classes: str = "",
        empty: str = "",
    ) -> None:
        """``header`` names the columns; ``more`` says where the whole list is, as in
        ``+3 more: press 3``; ``empty`` is shown, dimmed, when there are no rows."""
        super().__init__(id=id, classes=classes)
        self.header = header
        self.more = more
        self.empty = empty
        self.squeeze = squeeze
        self.keep = keep
        self.rows: list[list[Content]] = []

    def show(self, rows: list[list[Content]]) -> None:
        """Show ``rows``, their cells in header order."""
        self.rows = rows
        self.refresh()

    def render(self) -> Content:
        if not self.rows:
            return Content.styled(self.empty, "dim")
        lines = columns(self.rows, self.header, {self.squeeze: self._squeezed_width()})
        room = self.content_size.height
        if room and len(lines) > room:
            shown = max(room - 2, 0)  # rows under the header, above the "more" line
            more = Content.styled(f"+{len(self.rows) - shown} more: {self.more}", "dim")
            lines = [*lines[: shown + 1], more] if room > 1 else [more]
        return Content("\n").join(lines)

    def _squeezed_width(self) -> int:
        """The squeezed column's width: what the panel leaves it once every other column
        has its widest cell (plus the gaps), but at least :attr:`keep` cells."""
        natural = [
            max([len(title), *(row[index].cell_length for row in self.rows)])
            for index, title in enumerate(self.header)
        ]
        natural[-1] = min(natural[-1], LAST)
        others = sum(natural) - natural[self.squeeze] + GAP * (len(natural) - 1)
        return max(self.keep, self.content_size.width - others)
