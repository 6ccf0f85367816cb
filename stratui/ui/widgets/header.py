"""The header every screen shows: Textual's, with an icon that is cheap to draw.

Textual's default icon, ``⭘`` (U+2B58), is outside the characters Rich knows to be one
cell wide without its Unicode width table, and loading that table costs about 15 ms, a
twentieth of stratui's start-up. ``○`` (U+25CB) looks the same and is in the fast range.
User text outside that range still loads the table when it is first drawn.
"""

from __future__ import annotations

from contextlib import suppress

from textual.css.query import NoMatches
from textual.dom import NoScreen
from textual.events import Mount
from textual.widgets import Header
from textual.widgets._header import HeaderTitle

ICON = "○"


class _Header(Header):
    """Textual's header, whose title follows the screen's, safe on a screen going away.

    Textual's own watcher updates the title after the screen's title changes; when the
    screen is replaced in between (a retrospective handing a screen over to the
    participant's), the header's parts are gone and the update raised ``NoMatches``.
    The same watchers, with that case ignored (Textual ignores ``NoScreen`` itself).
    """

    def _on_mount(self, _: Mount) -> None:
        async def set_title() -> None:
            with suppress(NoScreen, NoMatches):  # the header is going with its screen
                self.query_one(HeaderTitle).update(self.format_title())

        for source in (self.app, self.screen):
            self.watch(source, "title", set_title)
            self.watch(source, "sub_title", set_title)


def app_header() -> Header:
    """A header whose icon (which opens the command palette) is :data:`ICON`."""
    return _Header(icon=ICON)
