"""What every main screen shares: the header, the footer, and reloading on change."""

from __future__ import annotations

import gc
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

    lives_with_app = False  # a mode's screen, made once (set by the app)
    _settled = False  # whether what the first visit built was frozen (see ``_settle``)

    def on_screen_resume(self) -> None:
        """Read the store whenever the screen is shown (first mount included)."""
        self.reload()
        if self.lives_with_app and self.app.freezes and not self._settled:  # type: ignore[attr-defined]
            self._settled = True
            self.call_after_refresh(self._settle)

    def _settle(self) -> None:
        """Take what the screen's first visit built out of the garbage collector's walks.

        Only for a mode's screen (``lives_with_app``): a screen pushed and popped, as a
        goal's detail, is garbage once closed, and frozen it would never be freed.
        A mode's screen lives as long as the app, and so do its widgets, their style
        caches and the store records it read. Left in the collector's generations, they
        are walked by every full collection, which then costs 50 to 250 ms after every
        screen was visited (10 years of history, benchmarks/history.py) and lands on an
        arbitrary key press. Frozen (:func:`gc.freeze`, as ``StratuiApp.run`` does with
        the start-up objects), they are not walked; they are still freed by reference
        counting when dropped. What is cyclic garbage at this moment stays allocated: a
        few young objects, once per screen and session, for a full collection that stays
        a few milliseconds.
        """
        gc.freeze()

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
