"""Plain-text tables for the command line: aligned columns, titles cut to the terminal.

No Rich: the CLI prints user text exactly as typed, and stays fast to start.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping, Sequence

SHORT_ID = 8  # enough to be unique in practice; any unique prefix is accepted back


def _width() -> int | None:
    """The terminal's width, or None when the output is not a terminal (no cutting)."""
    if not sys.stdout.isatty():
        return None
    try:
        return os.get_terminal_size().columns
    except OSError:
        return None


def _cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[: max(width - 1, 0)] + "…"


def one_line(text: str) -> str:
    """User text on one line: newlines and tabs become spaces."""
    return " ".join(str(text).split())


def table(headers: Sequence[str], rows: Sequence[Sequence[str]], *, stretch: int) -> str:
    """Columns padded to their widest cell; column ``stretch`` is cut to fit the terminal."""
    widths = [max(len(h), *(len(row[i]) for row in rows)) for i, h in enumerate(headers)]
    total = _width()
    if total is not None:
        others = sum(w for i, w in enumerate(widths) if i != stretch) + 2 * (len(widths) - 1)
        widths[stretch] = max(min(widths[stretch], total - others), 10)
    lines = []
    for row in (headers, *rows):
        cells = [_cut(cell, widths[i]).ljust(widths[i]) for i, cell in enumerate(row)]
        lines.append("  ".join(cells).rstrip())
    return "\n".join(lines)


def commitment_table(records: Sequence[Mapping], goals: Mapping[str, Mapping]) -> str:
    """The ``stratui list`` table: id, week, owner, status, progress, goal, title."""
    rows = []
    for record in records:
        progress = record.get("progress")
        goal = goals.get(record.get("goal_id") or "")
        carried = "↻ " if record.get("carried_from") else ""
        rows.append(
            [
                record["id"][:SHORT_ID],
                record["week"],
                one_line(record["owner"]),
                record["status"],
                f"{progress:g}%" if progress is not None else "",
                _cut(one_line(goal["title"]), 24) if goal else "",
                carried + one_line(record["title"]),
            ]
        )
    return table(["ID", "WEEK", "OWNER", "STATUS", "DONE", "GOAL", "TITLE"], rows, stretch=6)
