"""The command line's output streams, with control characters shown rather than sent.

Every command prints user text (titles, names, notes, a teammate's synced words) in
tables, messages, Markdown, CSV and JSON. Rather than trust each print, ``main`` wraps
stdout and stderr in :class:`VisibleStream`, which passes every write through
:func:`stratui.domain.visible.visible`: nothing a person typed reaches the terminal as a
command. stratui's own output holds no control characters (no colours), so nothing it
means to send is lost; JSON stays valid and exact (C0 is already escaped by the encoder,
and the ``\\u`` escapes added for DEL and C1 decode to the same text). Textual draws on
the interpreter's original streams (``sys.__stderr__``), which are left alone.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TextIO

from stratui.domain.visible import visible


class VisibleStream:
    """``stream``, writing every text through :func:`~stratui.domain.visible.visible`."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        self._stream.write(visible(text))
        return len(text)

    def writelines(self, lines: Iterable[str]) -> None:
        for line in lines:
            self.write(line)

    def __getattr__(self, name: str):
        return getattr(self._stream, name)
