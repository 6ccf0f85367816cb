"""An inter-process readers-writer lock on a file, with ``fcntl.flock``.

TinyDB is not safe across processes, so every writer holds the exclusive lock for the
whole read-modify-write, and readers hold the shared lock while they read several files,
so they never see half of a multi-file commit. A busy lock makes the caller wait (flock
blocks) rather than fail.

Reading needs no write access. The shared lock is taken on the lock file opened for
reading when it cannot be opened for writing (a read-only folder or file system, a full
disk: ``flock`` does not care how the file was opened). When the lock file cannot be
opened at all (it does not exist and cannot be created, or it is unreadable), a reader
goes on without the lock: :attr:`FileLock.held` says so, and the store then checks that
nothing changed while it read (``Store.reading``), since only then is what it read one
consistent state. A writer always needs the lock file opened for writing; the exclusive
lock raises ``OSError`` when it cannot be.

The lock file may be removed, under the exclusive lock, by a first write that was
refused (it leaves nothing behind): whoever then gets the lock on the removed file sees
that the path no longer names it and locks the file now there instead.
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
        self._writable = False
        self._depth = 0
        self._exclusive = False

    @property
    def held(self) -> bool:
        """Whether the lock is really held now: False when no hold is open, and while a
        reader goes on without the lock because its file cannot be opened."""
        return self._depth > 0 and self._fd is not None

    @contextmanager
    def hold(self, exclusive: bool) -> Iterator[None]:
        """Hold the lock (shared or exclusive) for the duration of the ``with`` block.

        Raises:
            OSError: ``exclusive`` and the lock file cannot be opened for writing (an
                outer shared hold is then kept).
        """
        if self._depth and (self._exclusive or not exclusive):
            self._depth += 1
            try:
                yield
            finally:
                self._depth -= 1
            return
        upgraded = self._depth > 0
        previous = self._exclusive
        try:
            self._acquire(exclusive)
        except BaseException:
            if upgraded:
                self._acquire(previous)
            else:
                self._release()
            raise
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
        if exclusive and self._fd is not None and not self._writable:
            self._close()  # a shared lock taken read-only: a writer needs the file writable
        while True:
            if self._fd is None:
                self._open(exclusive)
                if self._fd is None:  # a reader without the lock (see the module doc)
                    self._exclusive = False
                    return
            fcntl.flock(self._fd, fcntl.LOCK_EX if exclusive else fcntl.LOCK_SH)
            if self._names_our_file():
                break
            self._close()  # removed while we waited (see the module doc): lock the new one
        self._exclusive = exclusive

    def _open(self, exclusive: bool) -> None:
        try:
            os.makedirs(os.path.dirname(self.path), exist_ok=True)
            self._fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
            self._writable = True
            return
        except OSError:
            if exclusive:
                raise
        try:
            self._fd = os.open(self.path, os.O_RDONLY)
            self._writable = False
        except OSError:
            self._fd = None

    def _names_our_file(self) -> bool:
        """Whether the lock's path still names the file whose lock we hold."""
        assert self._fd is not None
        try:
            path = os.stat(self.path)
        except OSError:
            return False
        held = os.fstat(self._fd)
        return (path.st_dev, path.st_ino) == (held.st_dev, held.st_ino)

    def _close(self) -> None:
        if self._fd is not None:
            os.close(self._fd)  # closing releases the flock
            self._fd = None

    def _release(self) -> None:
        if self._fd is not None:
            fcntl.flock(self._fd, fcntl.LOCK_UN)
        self._close()
        self._exclusive = False
