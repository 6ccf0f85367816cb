"""An inter-process readers-writer lock on a file, with ``fcntl.flock``.

TinyDB is not safe across processes, so every writer holds the exclusive lock for the
whole read-modify-write, and readers hold the shared lock while they read several files,
so they never see half of a multi-file commit. A busy lock makes the caller wait (flock
blocks) rather than fail.
"""

from __future__ import annotations

import fcntl
import os
from collections.abc import Iterator
from contextlib import contextmanager


class FileLock:
    """A re-entrant lock on ``path``: nested ``hold()`` calls reuse the outer hold.

    Asking for the exclusive lock while only the shared one is held releases and
    re-acquires it (flock converts, but not atomically; callers re-read after it).
    """

    def __init__(self, path: str) -> None:
        self.path = path
        self._fd: int | None = None
        self._depth = 0
        self._exclusive = False

    @contextmanager
    def hold(self, exclusive: bool) -> Iterator[None]:
        """Hold the lock (shared or exclusive) for the duration of the ``with`` block."""
        if self._depth and (self._exclusive or not exclusive):
            self._depth += 1
            try:
                yield
            finally:
                self._depth -= 1
            return
        upgraded = self._depth > 0
        previous = self._exclusive
        self._acquire(exclusive)
        self._depth += 1
        try:
            yield
        finally:
            self._depth -= 1
            if upgraded:
                self._acquire(previous)
            else:
                self._release()

    def _acquire(self, exclusive: bool) -> None:
        if self._fd is None:
            os.makedirs(os.path.dirname(self.path), exist_ok=True)
            self._fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        fcntl.flock(self._fd, fcntl.LOCK_EX if exclusive else fcntl.LOCK_SH)
        self._exclusive = exclusive

    def _release(self) -> None:
        if self._fd is not None:
            fcntl.flock(self._fd, fcntl.LOCK_UN)
            os.close(self._fd)
            self._fd = None
        self._exclusive = False
