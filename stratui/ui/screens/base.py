"""What every main screen shares: the header, the footer, and reloading on change."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer, Header

if TYPE_CHECKING:
    from stratui.services import Stratui


class StratuiScreen(Screen):
    """A main screen: shows store data and reloads it when the store changes."""

    HELP_TITLE = ""  # the heading of this screen's keys on the help screen

    @property
    def stratui(self) -> Stratui:
        """The use cases over the app's store."""
        return self.app.stratui  # type: ignore[attr-defined]

    def compose(self) -> ComposeResult:
        yield Header()
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
