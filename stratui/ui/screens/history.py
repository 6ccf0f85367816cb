"""History: completed reviews, newest first, a page at a time; ``/`` searches them all;
Enter reads one in full.

The table holds the newest :data:`PAGE` reviews and takes the next page when the cursor
or the scroll comes near its end: Textual measures every cell it is given, so ten years
of reviews in one table cost a second per visit. A visit that finds the same reviews as
the last one keeps the table as it is (the list comes from the store's per-shard
summaries, cheap to read again).
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.timer import Timer
from textual.widgets import DataTable, Input, Static

from stratui.ui.screens.base import StratuiScreen
from stratui.ui.styles import stylesheet
from stratui.ui.text import cell, literal
from stratui.ui.widgets.line_input import LineInput
from stratui.usecases.views.history import (
    History,
    HistoryRow,
    review_by_id,
    review_markdown,
)

PAGE = 100  # rows added to the table at a time
NEAR_END = 10  # the next page comes when the cursor is this close to the last row
SEARCH_PAUSE = 0.2  # seconds of no typing before the list follows the search box


class ReviewReader(ModalScreen[None]):
    """One review, in full."""

    CSS_PATH = stylesheet("dialogs.tcss")

    BINDINGS = [Binding("escape,q", "dismiss", "Close", id="review.close")]

    def __init__(self, markdown: str, review_id: str = "") -> None:
        super().__init__()
        self.markdown = markdown
        self.review_id = review_id  # named in the hint: what `stratui summary` takes

    def compose(self) -> ComposeResult:
        # Imported when a review is read: Markdown brings markdown-it (~60 ms of import),
        # which opening History does not need.
        from textual.widgets import Markdown

        with VerticalScroll(classes="dialog reader"):
            yield Markdown(self.markdown)
            hint = "Esc closes"
            if self.review_id:
                hint += f" · id {self.review_id} (stratui summary {self.review_id[:8]})"
            yield Static(literal(hint), classes="dialog-hint")


class HistoryScreen(StratuiScreen):
    """Every completed review: weekly, team, retrospective, quarterly."""

    HELP_TITLE = "History"
    BINDINGS = [
        Binding("enter", "read", "Read", id="history.read"),
        Binding("slash", "search", "Search", id="history.search"),
        Binding("escape", "clear_search", "Clear search", show=False, id="history.clear"),
    ]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.history = History()  # every completed review, newest first
        self.matches: list[HistoryRow] = []  # those the search keeps, the table's source
        self.search = ""  # the search the matches answer
        self.builds = 0  # how many times the table was filled anew (tests read it)
        self._pending: Timer | None = None  # the search waiting for a pause in typing

    def compose_body(self) -> ComposeResult:
        yield LineInput(
            placeholder="/ search: notes, cards, decisions, commitments, people",
            id="history-search",
        )
        yield DataTable(id="history-table", cursor_type="row", zebra_stripes=True)
        yield Static("", id="history-count")

    def on_mount(self) -> None:
        table = self.query_one("#history-table", DataTable)
        table.add_columns("Completed", "Ritual", "Period", "Who", "Pulse")
        self.watch(table, "scroll_y", self._scrolled, init=False)
        table.focus()

    def reload(self) -> None:
        """Read the list again; rebuild the table only when it changed.

        A search in force is asked again even when the reviews did not change: it also
        reads cards, decisions and commitments, which may have (a card written since).
        """
        rebuilt = self.history.refresh(self.ws)
        matches = self.history.search(self.ws, self.search)
        if rebuilt or (matches is not self.matches and _ids(matches) != _ids(self.matches)):
            self._show(matches)  # else the table, its pages and its cursor stay

    def _show(self, matches: list[HistoryRow]) -> None:
        """Fill the table anew with the first page of ``matches``, the cursor on the first."""
        self.matches = matches
        self.builds += 1
        table = self.query_one("#history-table", DataTable)
        table.clear()
        self._add_page(table)
        self._count()

    def _add_page(self, table: DataTable) -> None:
        """Add the next :data:`PAGE` matches to the table."""
        start = table.row_count
        for row in self.matches[start : start + PAGE]:
            table.add_row(
                row.completed, row.ritual, row.period, cell(row.who), row.pulse, key=row.id
            )

    def _count(self) -> None:
        table = self.query_one("#history-table", DataTable)
        total, shown = len(self.matches), table.row_count
        found = "review" if total == 1 else "reviews"
        more = f" (the newest {shown}; scroll for more)" if shown < total else ""
        text = f"{total} {found}{more}"
        if self.search:
            text += f' matching "{self.search}", Esc clears'
        self.query_one("#history-count", Static).update(literal(text))

    def load_more(self) -> None:
        """Add the next page, if any is left."""
        table = self.query_one("#history-table", DataTable)
        if table.row_count < len(self.matches):
            self._add_page(table)
            self._count()

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        if event.cursor_row >= event.data_table.row_count - NEAR_END:
            self.load_more()

    def _scrolled(self, scroll_y: float) -> None:
        table = self.query_one("#history-table", DataTable)
        if scroll_y >= table.max_scroll_y - NEAR_END:
            self.load_more()

    @on(Input.Changed, "#history-search")
    def _search_changed(self, event: Input.Changed) -> None:
        """Search once typing pauses: filling the table for every key would make typing
        lag (each fill measures and draws a page of rows)."""
        event.stop()
        if self._pending is not None:
            self._pending.stop()
        self._pending = self.set_timer(SEARCH_PAUSE, self._run_search)

    def _run_search(self) -> None:
        """Show the reviews matching the search box, unless they are shown already."""
        if self._pending is not None:
            self._pending.stop()
            self._pending = None
        search = self.query_one("#history-search", Input).value.strip()
        if search != self.search:
            self.search = search
            self._show(self.history.search(self.ws, search))

    @on(Input.Submitted, "#history-search")
    def _search_submitted(self, event: Input.Submitted) -> None:
        """Enter searches at once and goes to the list."""
        event.stop()
        self._run_search()
        self.query_one("#history-table", DataTable).focus()

    def action_search(self) -> None:
        self.query_one("#history-search", Input).focus()

    def action_clear_search(self) -> None:
        """Empty the search box, show every review again and go back to the list."""
        self.query_one("#history-search", Input).value = ""
        self._run_search()
        self.query_one("#history-table", DataTable).focus()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_read()

    def action_read(self) -> None:
        table = self.query_one("#history-table", DataTable)
        if not table.row_count:
            return
        rid = table.coordinate_to_cell_key(table.cursor_coordinate)[0].value
        review = review_by_id(self.ws, rid) if rid else None
        if review is not None:
            self.app.push_screen(ReviewReader(review_markdown(self.ws, review), rid))


def _ids(rows: list[HistoryRow]) -> list[str]:
    return [row.id for row in rows]
