"""Small rules of English the screens and messages share.

Pure module: no Textual, no TinyDB, no store.
"""

from __future__ import annotations


def counted(number: int, noun: str, plural: str | None = None) -> str:
    """``1 card``, ``3 cards``, ``0 cards`` (``plural`` when adding an s is wrong)."""
    return f"{number} {noun if number == 1 else plural or noun + 's'}"
