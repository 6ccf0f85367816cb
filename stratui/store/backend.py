"""Where a store's bytes live: a directory on disk, or memory for tests.

Both backends offer the same small surface: read a file, tell whether it changed (a
cheap signature), list the store's files, and commit a set of new file contents at once.
The directory backend makes that commit atomic and durable:

1. every new content goes to a temporary file in ``.stratui/tmp`` and is fsynced;
2. with more than one file, a journal naming the renames is written and fsynced;
3. each temporary file is renamed over its target (atomic on POSIX), directories fsynced;
4. the journal is removed.

A crash before step 2 leaves the old state (stray temporaries are swept later); a crash
after it is rolled forward by :meth:`DirectoryBackend.recover`. A write is acknowledged
only after step 4, so no acknowledged write is ever lost, and no reader ever sees a
half-written file. Each committed file is also copied into ``.stratui/backups``; those
copies are what a user is pointed to when a file is later found damaged.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager, suppress

from stratui.store.layout import LOCAL_DIR, META_FILE, SHARDED, UNSHARDED, parse_relpath
from stratui.store.lock import FileLock

Signature = tuple[int, int]  # (size, mtime_ns): changes whenever a file is replaced

BACKUPS_KEPT = 3
_JOURNAL = "journal.json"


class MemoryBackend:
    """A store held in a dict: the second backend every store test runs against."""

    def __init__(self) -> None:
        self.name = ":memory:"
        self.files: dict[str, bytes] = {}
        self.local: dict[str, bytes] = {}
        self.backups: dict[str, list[bytes]] = {}
        self._versions: dict[str, int] = {}
        self._clock = 0

    def exists(self) -> bool:
        return bool(self.files)

    def is_empty_dir(self) -> bool:
        return not self.files

    def path_of(self, rel: str) -> str:
        return f":memory:/{rel}"

    def read(self, rel: str) -> bytes | None:
        return self.files.get(rel)

    def signature(self, rel: str) -> Signature | None:
        data = self.files.get(rel)
        return None if data is None else (len(data), self._versions[rel])

    def listing(self) -> dict[str, Signature]:
        return {
            rel: sig
            for rel in self.files
            if (rel == META_FILE or parse_relpath(rel)) and (sig := self.signature(rel))
        }

    def commit(self, writes: Mapping[str, bytes]) -> None:
        for rel, data in writes.items():
            self._clock += 1
            self.files[rel] = data
            self._versions[rel] = self._clock
            if _backed_up(rel):
                self.backups.setdefault(rel, []).append(data)
                del self.backups[rel][:-BACKUPS_KEPT]

    @contextmanager
    def lock(self, exclusive: bool) -> Iterator[None]:
        yield

    def recover(self) -> bool:
        return False

    def local_read(self, name: str) -> bytes | None:
        return self.local.get(name)

    def local_write(self, name: str, data: bytes) -> None:
        self.local[name] = data

    def latest_good_backup(self, rel: str, is_good: Callable[[bytes], bool]) -> str | None:
        for index in range(len(self.backups.get(rel, ())) - 1, -1, -1):
            if is_good(self.backups[rel][index]):
                return f":memory:/{LOCAL_DIR}/backups/{rel}#{index}"
        return None

    def snapshot(self, label: str) -> str:
        self.local[f"snapshot-{label}"] = json.dumps(
            {rel: data.decode("utf-8") for rel, data in self.files.items()}
        ).encode()
        return f":memory:/{LOCAL_DIR}/snapshot-{label}"

    def remove(self, rel: str) -> None:
        self.files.pop(rel, None)


class DirectoryBackend:
    """A store directory on disk, with atomic multi-file commits (see the module doc)."""

    def __init__(self, root: str) -> None:
        self.root = os.path.abspath(root)
        self.name = self.root
        self.local_root = os.path.join(self.root, LOCAL_DIR)
        self._lock = FileLock(os.path.join(self.local_root, "lock"))

    # -- reading ----------------------------------------------------------------------

    def exists(self) -> bool:
        return os.path.isfile(os.path.join(self.root, META_FILE))

    def is_empty_dir(self) -> bool:
        """True when there is nothing at the path, or only an empty directory."""
        if not os.path.exists(self.root):
            return True
        return os.path.isdir(self.root) and not any(
            name for name in os.listdir(self.root) if name != LOCAL_DIR
        )

    def path_of(self, rel: str) -> str:
        return os.path.join(self.root, rel)

    def read(self, rel: str) -> bytes | None:
        try:
            with open(os.path.join(self.root, rel), "rb") as handle:
                return handle.read()
        except FileNotFoundError:
            return None

    def signature(self, rel: str) -> Signature | None:
        try:
            info = os.stat(os.path.join(self.root, rel))
        except FileNotFoundError:
            return None
        return (info.st_size, info.st_mtime_ns)

    def listing(self) -> dict[str, Signature]:
        """Every store file with its signature: the meta file, small files and shards."""
        found: dict[str, Signature] = {}
        for name in (META_FILE, *(f"{c}.json" for c in UNSHARDED)):
            if sig := self.signature(name):
                found[name] = sig
        for collection in SHARDED:
            try:
                entries = os.scandir(os.path.join(self.root, collection))
            except (FileNotFoundError, NotADirectoryError):
                continue
            with entries:
                for entry in entries:
                    if entry.name.endswith(".json") and entry.is_file():
                        info = entry.stat()
                        found[f"{collection}/{entry.name}"] = (info.st_size, info.st_mtime_ns)
        return found

    # -- writing ----------------------------------------------------------------------

    def commit(self, writes: Mapping[str, bytes]) -> None:
        """Replace the files of ``writes`` all at once (module doc); durable on return."""
        if not writes:
            return
        tmp_dir = os.path.join(self.local_root, "tmp")
        os.makedirs(tmp_dir, exist_ok=True)
        renames: list[tuple[str, str]] = []
        for index, (rel, data) in enumerate(sorted(writes.items())):
            tmp = os.path.join(tmp_dir, f"{os.getpid()}-{index}.json")
            _write_durably(tmp, data)
            renames.append((tmp, os.path.join(self.root, rel)))
        journal = os.path.join(self.local_root, _JOURNAL)
        if len(renames) > 1:
            payload = json.dumps(
                {
                    "renames": [
                        [os.path.relpath(a, self.root), os.path.relpath(b, self.root)]
                        for a, b in renames
                    ]
                }
            ).encode()
            _write_durably(journal + ".tmp", payload)
            os.replace(journal + ".tmp", journal)
            _fsync_dir(self.local_root)
        self._apply(renames)
        if len(renames) > 1:
            os.remove(journal)
            _fsync_dir(self.local_root)
        for rel, data in writes.items():
            if _backed_up(rel):
                self._backup(rel, data)

    def _apply(self, renames: list[tuple[str, str]]) -> None:
        directories = set()
        for tmp, final in renames:
            directory = os.path.dirname(final)
            if directory not in directories:
                os.makedirs(directory, exist_ok=True)
                directories.add(directory)
            os.replace(tmp, final)
        for directory in directories:
            _fsync_dir(directory)

    def recover(self) -> bool:
        """Finish a commit a crash interrupted (call with the exclusive lock held).

        Returns True when a journal was rolled forward. Temporary files of commits that
        never reached their journal are removed: those writes were never acknowledged.
        """
        journal = os.path.join(self.local_root, _JOURNAL)
        rolled = False
        try:
            with open(journal, "rb") as handle:
                plan = json.loads(handle.read())
        except FileNotFoundError:
            plan = None
        except ValueError:
            plan = None  # the journal itself was cut short: its commit never started
            os.remove(journal)
        if plan is not None:
            pending = [
                (os.path.join(self.root, tmp), os.path.join(self.root, final))
                for tmp, final in plan["renames"]
                if os.path.exists(os.path.join(self.root, tmp))
            ]
            self._apply(pending)
            os.remove(journal)
            _fsync_dir(self.local_root)
            rolled = True
        tmp_dir = os.path.join(self.local_root, "tmp")
        if os.path.isdir(tmp_dir):
            for name in os.listdir(tmp_dir):
                os.remove(os.path.join(tmp_dir, name))
        return rolled

    def needs_recovery(self) -> bool:
        return os.path.exists(os.path.join(self.local_root, _JOURNAL))

    def lock(self, exclusive: bool):
        return self._lock.hold(exclusive)

    def remove(self, rel: str) -> None:
        with suppress(FileNotFoundError):
            os.remove(os.path.join(self.root, rel))

    # -- local, derived state and backups -------------------------------------------

    def local_read(self, name: str) -> bytes | None:
        try:
            with open(os.path.join(self.local_root, name), "rb") as handle:
                return handle.read()
        except FileNotFoundError:
            return None

    def local_write(self, name: str, data: bytes) -> None:
        """Replace a local file atomically; not fsynced: it can be rebuilt from the store."""
        path = os.path.join(self.local_root, name)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        tmp = f"{path}.{os.getpid()}.tmp"
        with open(tmp, "wb") as handle:
            handle.write(data)
        os.replace(tmp, path)

    def _backup_dir(self, rel: str) -> str:
        return os.path.join(self.local_root, "backups", rel)

    def _backup(self, rel: str, data: bytes) -> None:
        """Keep a copy of what was just committed; prune to the newest ``BACKUPS_KEPT``."""
        directory = self._backup_dir(rel)
        os.makedirs(directory, exist_ok=True)
        with open(os.path.join(directory, f"{time.time_ns()}.json"), "wb") as handle:
            handle.write(data)
        names = sorted(os.listdir(directory))
        for name in names[:-BACKUPS_KEPT]:
            os.remove(os.path.join(directory, name))

    def latest_good_backup(self, rel: str, is_good: Callable[[bytes], bool]) -> str | None:
        """The newest backup of ``rel`` whose content ``is_good`` accepts."""
        directory = self._backup_dir(rel)
        try:
            names = sorted(os.listdir(directory), reverse=True)
        except FileNotFoundError:
            return None
        for name in names:
            path = os.path.join(directory, name)
            with open(path, "rb") as handle:
                if is_good(handle.read()):
                    return path
        return None

    def snapshot(self, label: str) -> str:
        """Copy the whole store (not ``.stratui``) aside, e.g. before a migration."""
        import shutil

        target = os.path.join(self.local_root, "backups", f"{label}-{time.time_ns()}")
        shutil.copytree(self.root, target, ignore=shutil.ignore_patterns(LOCAL_DIR))
        return target


def _backed_up(rel: str) -> bool:
    """Record files and the meta file get backups (a damaged one is reported with its
    latest good copy); ``.gitignore`` does not."""
    return rel == META_FILE or parse_relpath(rel) is not None


def _write_durably(path: str, data: bytes) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view) :]
        os.fsync(fd)
    finally:
        os.close(fd)


def _fsync_dir(path: str) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
