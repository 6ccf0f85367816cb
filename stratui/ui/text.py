"""User text, shown literally: never parsed as markup, never obeyed by the terminal.

Textual widgets parse ``[...]`` as markup, so a title like ``[@click=app.quit]x[/]``
would run an action and ``[/red] oops`` would crash the app (STACK.md); a control
character would reach the terminal as it is (``clr<ESC>[2Jscreen`` blanked a screen).
Every piece of text a user typed goes through :func:`literal` (or :func:`literal_block`,
:func:`cell`) before it reaches a widget: markup is not read, and control characters are
shown as their ``\\u`` escapes (:mod:`stratui.domain.visible`).
"""

from __future__ import annotations

from rich.text import Text
from textual.content import Content

from stratui.domain.visible import visible


def plain(text: object) -> str:
    """``text`` on one line with its control characters visible: a plain string to
    assemble into Rich ``Text`` or ``Content`` (which read no markup in plain strings)."""
    return " ".join(visible(str(text)).split())


def literal(text: object) -> Content:
    """``text`` as content that is displayed exactly as typed, on one line."""
    return Content(plain(text))


def literal_block(text: object) -> Content:
    """``text`` as literal content, keeping its line breaks."""
    return Content(visible(str(text)))


def cell(text: object) -> Text:
    """``text`` as a literal DataTable cell (Rich text, which the table can measure)."""
    return Text(plain(text))


GAP = 2  # spaces between two columns of text


def columns(
    rows: list[list[Content]],
    header: list[str],
    widest: dict[int, int] | None = None,
    gap: int = GAP,
) -> list[Content]:
    """``rows`` under ``header`` as aligned columns: the lines, the header's first, bold.

    Every column but the last is padded to its widest cell, or cut to ``widest[index]``
    cells when given; the last runs on (the widget crops it). Cheaper to draw than a
    DataTable, for panels that are only read.
    """
    limits = widest or {}
    widths = [
        min(
            max([len(title), *(cells[index].cell_length for cells in rows)]),
            limits.get(index, 1 << 16),
        )
        for index, title in enumerate(header)
    ]

    def line(cells: list[Content]) -> Content:
        padded = [
            cell.truncate(width, pad=True).pad_right(gap)
            for cell, width in zip(cells[:-1], widths, strict=False)
        ]
        return Content.assemble(*padded, cells[-1])

    head = line([Content(title) for title in header]).stylize("bold")
    return [head, *(line(cells) for cells in rows)]


def error_message(error: BaseException) -> str:
    """What ``error`` says, for a person: its message as raised.

    ``str()`` of a ``KeyError`` quotes its argument (``'no such member'``); the message
    itself is wanted, with any quotes it contains (``got 'abc'``) kept. A record's rule
    broken by what a dialog was saving names the field (``title: expected non-empty
    text``), not the id the new record would have had.
    """
    if isinstance(error, KeyError) and len(error.args) == 1:
        return str(error.args[0])
    from stratui.domain.schema import ValidationError

    if isinstance(error, ValidationError) and error.record:
        # what a dialog was about to write: name the field, not the new record's id
        return str(error).removeprefix(f"{error.record}: ")
    return str(error)
