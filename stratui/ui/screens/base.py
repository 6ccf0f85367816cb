"""What every main screen shares: the header, the footer, and reloading on change."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.screen import Screen

from stratui.ui.widgets.footer import Footer
from stratui.ui.widgets.header import app_header

if TYPE_CHECKING:
    from stratui.usecases.workspace import Workspace


class StratuiScreen(Screen):
    """A main screen: shows store data and reloads it when the store changes."""

    HELP_TITLE = ""  # the heading of this screen's keys on the help screen
    TABLE = ""  # the id of the screen's main table, whose rows are keyed by record id

    @property
    def ws(self) -> Workspace:
        """The use cases over the app's store."""
        return self.app.workspace  # type: ignore[attr-defined]

    def compose(self) -> ComposeResult:
        yield app_header()
        yield from self.compose_body()
        yield Footer()

    def compose_body(self) -> ComposeResult:
        """The screen's own widgets, between header and footer."""
        yield from ()

    def on_screen_resume(self) -> None:
        """Read the store whenever the screen is shown (first mount included)."""
        self.reload()

    def reload(self) -> None:
        """Read the store again and redraw."""

    def selected_id(self) -> str | None:
        """The id of the record under the cursor of the main table, if any."""
        from textual.widgets import DataTable  # imported by the screens that have one

        table = self.query_one(f"#{self.TABLE}", DataTable)
        if not table.row_count:
            return None
        return table.coordinate_to_cell_key(table.cursor_coordinate)[0].value

    def ask(self, dialog: Screen) -> None:
        """Show a dialog; read the store again when it saved something."""
        self.app.push_screen(dialog, self._reload_if_saved)

    def _reload_if_saved(self, result: object) -> None:
        if result is not None:
            self.reload()
