"""Writing a file outside the store whole or not at all: summaries, exports, settings.

The store writes its own files through its backend (journalled, locked). Everything else
stratui writes (a summary, an export, the app's settings, the local config, a file the
git setup adds) goes through :func:`write_atomically`: written next to its destination,
flushed to disk and renamed into place, so a reader never sees half a file and a crash
leaves the old one.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable
from pathlib import Path


def write_atomically(path: str | os.PathLike, data: str | bytes, *, durable: bool = True) -> Path:
    """Write ``data`` (text as UTF-8 with ``\\n`` line ends) to ``path``; returns its
    absolute path. ``durable`` fsyncs before the rename (a summary or an export must
    survive a power cut; a preference need not).

    Raises:
        OSError: the folder cannot be written; nothing is left behind.
    """
    return write_pieces_atomically(path, [data], durable=durable)


def write_pieces_atomically(
    path: str | os.PathLike, pieces: Iterable[str | bytes], *, durable: bool = True
) -> Path:
    """:func:`write_atomically` for data made piece by piece (an export of years of
    history): each piece is written as it comes, so the whole is never in memory. An
    error while making a piece leaves nothing behind, as an error writing does."""
    target = Path(path).absolute()
    handle, temporary = tempfile.mkstemp(
        prefix=f".{target.name}.", suffix=".tmp", dir=target.parent
    )
    try:
        with os.fdopen(handle, "wb", buffering=1 << 16) as out:
            for piece in pieces:
                out.write(piece.encode("utf-8") if isinstance(piece, str) else piece)
            out.flush()
            if durable:
                os.fsync(out.fileno())
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return target
