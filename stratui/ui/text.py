"""User text, shown literally: never parsed as markup.

Textual widgets parse ``[...]`` as markup, so a title like ``[@click=app.quit]x[/]``
would run an action and ``[/red] oops`` would crash the app (STACK.md). Every piece of
text a user typed goes through :func:`literal` before it reaches a widget.
"""

from __future__ import annotations

from rich.text import Text
from textual.content import Content


def literal(text: object) -> Content:
    """``text`` as content that is displayed exactly as typed, on one line."""
    return Content(" ".join(str(text).split()))


def literal_block(text: object) -> Content:
    """``text`` as literal content, keeping its line breaks."""
    return Content(str(text))


def cell(text: object) -> Text:
    """``text`` as a literal DataTable cell (Rich text, which the table can measure)."""
    return Text(" ".join(str(text).split()))
