"""History: completed reviews, newest first; Enter reads one in full."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import DataTable, Markdown, Static

from stratui.ui.screens.base import StratuiScreen
from stratui.ui.styles import stylesheet
from stratui.ui.text import cell
from stratui.usecases.views.history import RITUAL_TITLES, completed_reviews, review_markdown


class ReviewReader(ModalScreen[None]):
    """One review, in full."""

    CSS_PATH = stylesheet("dialogs.tcss")

    BINDINGS = [Binding("escape,q", "dismiss", "Close", id="review.close")]

    def __init__(self, markdown: str) -> None:
        super().__init__()
        self.markdown = markdown

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog reader"):
            yield Markdown(self.markdown)
            yield Static("Esc closes", classes="dialog-hint")


class HistoryScreen(StratuiScreen):
    """Every completed review: weekly, team, retrospective, quarterly."""

    HELP_TITLE = "History"
    BINDINGS = [Binding("enter", "read", "Read", id="history.read")]

    def compose_body(self) -> ComposeResult:
        yield DataTable(id="history-table", cursor_type="row", zebra_stripes=True)

    def on_mount(self) -> None:
        table = self.query_one("#history-table", DataTable)
        table.add_columns("Completed", "Ritual", "Period", "Who", "Pulse")
        table.focus()

    def reload(self) -> None:
        table = self.query_one("#history-table", DataTable)
        table.clear()
        self.reviews = {review["id"]: review for review in completed_reviews(self.ws)}
        for review in self.reviews.values():
            who = review.get("owner") or review.get("team") or ""
            table.add_row(
                (review.get("completed_at") or "")[:10],
                RITUAL_TITLES[review["ritual"]],
                review["period"],
                cell(who),
                f"{review['pulse']}/5" if review.get("pulse") else "",
                key=review["id"],
            )

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_read()

    def action_read(self) -> None:
        table = self.query_one("#history-table", DataTable)
        if not table.row_count:
            return
        rid = table.coordinate_to_cell_key(table.cursor_coordinate)[0].value
        self.app.push_screen(ReviewReader(review_markdown(self.ws, self.reviews[rid])))
