"""The header every screen shows: Textual's, with an icon that is cheap to draw.

Textual's default icon, ``⭘`` (U+2B58), is outside the characters Rich knows to be one
cell wide without its Unicode width table, and loading that table costs about 15 ms, a
twentieth of stratui's start-up. ``○`` (U+25CB) looks the same and is in the fast range.
User text outside that range still loads the table when it is first drawn.
"""

from __future__ import annotations

from textual.widgets import Header

ICON = "○"


def app_header() -> Header:
    """A header whose icon (which opens the command palette) is :data:`ICON`."""
    return Header(icon=ICON)
