"""Where a store's bytes live: a directory on disk, or memory for tests.

Both backends offer the same small surface: read a file, tell whether it changed (a
cheap signature), list the store's files, and commit a set of new file contents at once.
The directory backend makes that commit atomic and durable:

1. every new content goes to a temporary file in ``.stratui/tmp`` and is fsynced;
2. with more than one file, a journal naming the renames is written and fsynced;
3. each temporary file is renamed over its target (atomic on POSIX), directories fsynced;
4. the journal is removed.

A crash before step 2 leaves the old state (stray temporaries are swept by the next
write, under the lock); a crash after it is rolled forward by
:meth:`DirectoryBackend.recover`. A write is acknowledged only after step 4, so no
acknowledged write is ever lost, and no reader ever sees a half-written file. Each
committed file is also copied into ``.stratui/backups``; those copies are what a user is
pointed to when a file is later found damaged.

The journal is only followed when it is what step 2 writes: every rename in it takes
one of stratui's own temporary files to one of the store's files, each a regular file
whose content decodes as that file. Anything else is refused, naming the journal
(:class:`~stratui.store.errors.JournalRefused`), and nothing is touched.

A store that cannot be written (a read-only folder, a full disk, an immutable file) can
still be read: the files of ``.stratui`` that only speed reading up (manifest, id index,
digests) are written best effort by the store, and the lock is taken read-only (see
``lock.py``). A write that cannot be made raises
:class:`~stratui.store.errors.StoreUnwritable` naming the store file, before anything is
changed whenever that can be known in advance.
"""

from __future__ import annotations

import errno
import json
import os
import re
import stat
import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import ExitStack, contextmanager, suppress

from stratui.store.codec import ShardError, decode_meta, decode_shard
from stratui.store.errors import JournalRefused, LockUnavailable, StoreUnwritable
from stratui.store.layout import (
    LOCAL_DIR,
    META_FILE,
    SHARDED,
    UNSHARDED,
    is_store_file,
    parse_relpath,
)
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

    def lock_held(self) -> bool:
        return True

    def recover(self) -> bool:
        return False

    def needs_recovery(self) -> bool:
        return False

    def abandon_first_write(self) -> None:
        """Nothing to remove: memory keeps no lock."""

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
        self._made: list[str] = []  # the folders a first write's lock created, deepest first
        self._cache_writes = 0

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
        """The file's size and time; None when it is missing or not a regular file (a
        directory or a link in its place is no store file: the store says so)."""
        try:
            info = os.lstat(os.path.join(self.root, rel))
        except (FileNotFoundError, NotADirectoryError):
            return None
        if not stat.S_ISREG(info.st_mode):
            return None
        return (info.st_size, info.st_mtime_ns)

    def listing(self) -> dict[str, Signature]:
        """Every store file with its signature: the meta file, small files and shards."""
        return {rel: (info.st_size, info.st_mtime_ns) for rel, info in self._scan().items()}

    def _scan(self) -> dict[str, os.stat_result]:
        found: dict[str, os.stat_result] = {}
        for name in (META_FILE, *(f"{c}.json" for c in UNSHARDED)):
            try:
                info = os.lstat(os.path.join(self.root, name))
            except FileNotFoundError:
                continue
            if stat.S_ISREG(info.st_mode):
                found[name] = info
        for collection in SHARDED:
            try:
                entries = os.scandir(os.path.join(self.root, collection))
            except (FileNotFoundError, NotADirectoryError):
                continue
            with entries:
                for entry in entries:
                    if entry.name.endswith(".json") and entry.is_file(follow_symlinks=False):
                        found[f"{collection}/{entry.name}"] = entry.stat(follow_symlinks=False)
        return found

    def fingerprint(self) -> object:
        """What changes whenever a commit starts, renames a file or ends: for a reader
        without the lock, which read one consistent state only if this did not change
        while it read (see ``Store.reading``)."""
        files = {rel: (i.st_size, i.st_mtime_ns, i.st_ino) for rel, i in self._scan().items()}
        return (self.needs_recovery(), files)

    # -- writing ----------------------------------------------------------------------

    def commit(self, writes: Mapping[str, bytes]) -> None:
        """Replace the files of ``writes`` all at once (module doc); durable on return.

        Raises:
            StoreUnwritable: a file cannot be written (it is named); the store was not
                changed, unless a journalled write was cut short by a file that could not
                be replaced, which the next write finishes once it can.
        """
        if not writes:
            return
        ordered = sorted(writes.items())
        for rel, _data in ordered:
            self._check_replaceable(rel)
        tmp_dir = os.path.join(self.local_root, "tmp")
        journal = os.path.join(self.local_root, _JOURNAL)
        renames: list[tuple[str, str]] = []
        failing = ordered[0][0]
        journalled = False
        try:
            os.makedirs(tmp_dir, exist_ok=True)
            for index, (rel, data) in enumerate(ordered):
                failing = rel
                tmp = os.path.join(tmp_dir, f"{os.getpid()}-{index}.json")
                renames.append((tmp, os.path.join(self.root, rel)))
                _write_durably(tmp, data)
            if len(renames) > 1:
                failing = os.path.join(LOCAL_DIR, _JOURNAL)
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
                journalled = True
                _fsync_dir(self.local_root)
        except OSError as error:
            for tmp, _final in renames:
                with suppress(OSError):
                    os.remove(tmp)
            with suppress(OSError):
                os.remove(journal + ".tmp")
            if journalled:
                with suppress(OSError):  # its temporaries are gone: it renames nothing
                    os.remove(journal)
            raise self._unwritable(failing, error, "the store was not changed") from None
        try:
            self._apply(renames)
        except _ReplaceFailed as failed:
            if len(renames) == 1:
                with suppress(OSError):
                    os.remove(renames[0][0])
                outcome = "the store was not changed"
            else:
                outcome = (
                    "the write was cut short: once the file can be written, the next "
                    "stratui command finishes it"
                )
            raise self._unwritable(failed.rel, failed.error, outcome) from None
        if len(renames) > 1:
            os.remove(journal)
            _fsync_dir(self.local_root)
        for rel, data in writes.items():
            if _backed_up(rel):
                self._backup(rel, data)

    def _unwritable(self, rel: str, error: OSError, outcome: str) -> StoreUnwritable:
        path = os.path.join(self.root, rel)
        return StoreUnwritable(path, f"cannot write {path}: {error.strerror}; {outcome}")

    def _check_replaceable(self, rel: str) -> None:
        """Refuse, before anything is written, a file no rename can replace (immutable
        or append-only, in a folder that cannot be written, on a read-only file
        system): a multi-file write would otherwise stop half way. Opening for writing
        changes nothing; a file only its mode keeps from being written is still
        replaced, by a rename, as any file in the folder."""
        folder = os.path.dirname(os.path.join(self.root, rel))
        if os.path.isdir(folder) and not os.access(folder, os.W_OK | os.X_OK):
            denied = OSError(errno.EACCES, os.strerror(errno.EACCES))
            raise self._unwritable(rel, denied, "the store was not changed")
        try:
            fd = os.open(os.path.join(self.root, rel), os.O_WRONLY | os.O_NONBLOCK | os.O_NOFOLLOW)
        except OSError as error:
            if error.errno in (errno.EPERM, errno.EROFS):
                raise self._unwritable(rel, error, "the store was not changed") from None
            return
        os.close(fd)

    def _apply(self, renames: list[tuple[str, str]]) -> None:
        directories = set()
        for tmp, final in renames:
            directory = os.path.dirname(final)
            try:
                if directory not in directories:
                    os.makedirs(directory, exist_ok=True)
                    directories.add(directory)
                os.replace(tmp, final)
            except OSError as error:
                raise _ReplaceFailed(os.path.relpath(final, self.root), error) from None
        for directory in directories:
            _fsync_dir(directory)

    def recover(self) -> bool:
        """Finish a commit a crash interrupted (call with the exclusive lock held).

        Returns True when a journal was rolled forward. Temporary files of commits that
        never reached their journal are removed: those writes were never acknowledged.

        Raises:
            JournalRefused: the journal is not one stratui wrote (module doc).
            StoreUnwritable: a file the journal names cannot be replaced.
        """
        journal = os.path.join(self.local_root, _JOURNAL)
        rolled = False
        renames = self._read_journal(journal)
        if renames is not None:
            pending = [(tmp, final) for tmp, final in renames if os.path.lexists(tmp)]
            for tmp, final in pending:
                self._check_temporary(journal, tmp, final)
            try:
                self._apply(pending)
            except _ReplaceFailed as failed:
                raise self._unwritable(
                    failed.rel,
                    failed.error,
                    f"so the write cut short that {journal} records cannot be finished; "
                    "once the file can be written, the next stratui command finishes it",
                ) from None
            os.remove(journal)
            _fsync_dir(self.local_root)
            rolled = True
        self._sweep()
        return rolled

    def _read_journal(self, journal: str) -> list[tuple[str, str]] | None:
        """The renames of the journal (absolute paths), None when there is none."""
        try:
            data = _read_regular(journal)
        except OSError as error:
            raise JournalRefused(journal, f"cannot be read ({error.strerror})") from None
        if data is None:
            return None
        try:
            plan = json.loads(data)
        except ValueError:
            plan = None
        entries = plan.get("renames") if isinstance(plan, dict) else None
        if not isinstance(entries, list) or not entries:
            raise JournalRefused(journal, 'is not a journal stratui writes ({"renames": [...]})')
        renames = []
        for entry in entries:
            if not (
                isinstance(entry, list)
                and len(entry) == 2
                and all(isinstance(part, str) for part in entry)
            ):
                raise JournalRefused(journal, f"is not a journal stratui writes (entry {entry!r})")
            tmp, final = entry
            if not _COMMIT_TEMP.fullmatch(tmp):
                raise JournalRefused(
                    journal, f"names {tmp!r}, which is not one of stratui's temporary files"
                )
            if not (is_store_file(final) or final == ".gitignore"):
                raise JournalRefused(journal, f"names {final!r}, which is not a store file")
            renames.append((os.path.join(self.root, tmp), os.path.join(self.root, final)))
        return renames

    def _check_temporary(self, journal: str, tmp: str, final: str) -> None:
        """Refuse to roll forward a temporary file that is not what a commit wrote for
        ``final``: a regular file (not a link) whose content decodes as that file."""
        rel = os.path.relpath(final, self.root)
        if not stat.S_ISREG(os.lstat(tmp).st_mode):
            raise JournalRefused(journal, f"names {tmp}, which is not a regular file")
        if rel == ".gitignore":
            return
        with open(tmp, "rb") as handle:
            data = handle.read()
        parsed = parse_relpath(rel)
        try:
            if parsed is None:
                decode_meta(data)
            else:
                decode_shard(parsed[0], data)
        except ShardError as error:
            raise JournalRefused(
                journal, f"names {tmp}, which does not hold a {rel} ({error})"
            ) from None

    def _sweep(self) -> None:
        """Remove the temporary files processes that died left (call under the exclusive
        lock): only stratui's own, by their names. Those of a commit are only ever
        written under this lock, so they are all stale; those of the local caches may
        be written by a process without it (the local config), so only the files of
        processes that are gone are removed."""
        tmp_dir = os.path.join(self.local_root, "tmp")
        for name in _names_in(tmp_dir):
            cache = _CACHE_TEMP.fullmatch(name)
            if _COMMIT_TEMP_NAME.fullmatch(name) or (cache and not _alive(int(cache[1]))):
                with suppress(FileNotFoundError):
                    os.remove(os.path.join(tmp_dir, name))
        with suppress(FileNotFoundError):
            os.remove(os.path.join(self.local_root, _JOURNAL + ".tmp"))
        # Earlier versions wrote the caches' temporaries next to them.
        for directory, _folders, names in _walk(self.local_root):
            for name in names:
                legacy = _LEGACY_TEMP.fullmatch(name)
                if legacy and not _alive(int(legacy[1])):
                    with suppress(FileNotFoundError):
                        os.remove(os.path.join(directory, name))

    def needs_recovery(self) -> bool:
        return os.path.lexists(os.path.join(self.local_root, _JOURNAL))

    @contextmanager
    def lock(self, exclusive: bool) -> Iterator[None]:
        """Hold the store's lock (see ``lock.py``).

        Raises:
            LockUnavailable: ``exclusive``, and the lock file cannot be opened for writing.
        """
        if exclusive and not self._lock.held and not self.exists():
            self._made = _missing_folders(self.local_root)
        with ExitStack() as stack:
            try:
                stack.enter_context(self._lock.hold(exclusive))
            except OSError as error:
                raise LockUnavailable(
                    self.root,
                    f"cannot write the store {self.root}: {error.strerror} "
                    f"({self._lock.path}); nothing was changed",
                ) from None
            yield

    def lock_held(self) -> bool:
        """Whether the lock is held: False for a reader that reads without it."""
        return self._lock.held

    def abandon_first_write(self) -> None:
        """Remove what a refused first write left (call with the exclusive lock held):
        its lock, the store's local folder and the folders taking the lock created, if
        they hold nothing else. Nothing happens once the store exists, or while a
        journal names its first commit."""
        if self.exists() or self.needs_recovery():
            return
        self._sweep()
        with suppress(OSError):
            os.remove(self._lock.path)  # whoever waits for it locks a new one: lock.py
        for folder in (os.path.join(self.local_root, "tmp"), self.local_root, *self._made):
            with suppress(OSError):
                os.rmdir(folder)
        self._made = []

    def remove(self, rel: str) -> None:
        with suppress(FileNotFoundError):
            os.remove(os.path.join(self.root, rel))

    # -- local, derived state and backups -------------------------------------------

    def local_read(self, name: str) -> bytes | None:
        """A local file's bytes, None when there is none.

        Raises:
            OSError: it cannot be read, or is not a regular file.
        """
        return _read_regular(os.path.join(self.local_root, name))

    def local_write(self, name: str, data: bytes) -> None:
        """Replace a local file atomically; not fsynced: it can be rebuilt from the store.

        Raises:
            OSError: it cannot be written; nothing is left behind.
        """
        path = os.path.join(self.local_root, name)
        tmp_dir = os.path.join(self.local_root, "tmp")
        self._cache_writes += 1
        tmp = os.path.join(tmp_dir, f"cache-{os.getpid()}-{self._cache_writes}.tmp")
        try:
            os.makedirs(os.path.dirname(path), exist_ok=True)
            os.makedirs(tmp_dir, exist_ok=True)
            with open(tmp, "wb") as handle:
                handle.write(data)
            os.replace(tmp, path)
        except BaseException:
            with suppress(OSError):
                os.remove(tmp)
            raise

    def _backup_dir(self, rel: str) -> str:
        return os.path.join(self.local_root, "backups", rel)

    def _backup(self, rel: str, data: bytes) -> None:
        """Keep a copy of what was just committed; prune to the newest ``BACKUPS_KEPT``.

        Best effort: the commit is made by then, and must not be reported as failed
        because its copy could not be kept (a full disk); the older copies are kept.
        """
        directory = self._backup_dir(rel)
        path = os.path.join(directory, f"{time.time_ns()}.json")
        try:
            os.makedirs(directory, exist_ok=True)
            with open(path, "wb") as handle:
                handle.write(data)
        except OSError:
            with suppress(OSError):
                os.remove(path)
            return
        with suppress(OSError):
            names = sorted(os.listdir(directory))
            for name in names[:-BACKUPS_KEPT]:
                os.remove(os.path.join(directory, name))

    def latest_good_backup(self, rel: str, is_good: Callable[[bytes], bool]) -> str | None:
        """The newest backup of ``rel`` whose content ``is_good`` accepts."""
        directory = self._backup_dir(rel)
        try:
            names = sorted(os.listdir(directory), reverse=True)
        except OSError:
            return None
        for name in names:
            path = os.path.join(directory, name)
            try:
                with open(path, "rb") as handle:
                    data = handle.read()
            except OSError:
                continue
            if is_good(data):
                return path
        return None

    def snapshot(self, label: str) -> str:
        """Copy the whole store (not ``.stratui``) aside, e.g. before a migration."""
        import shutil

        target = os.path.join(self.local_root, "backups", f"{label}-{time.time_ns()}")
        shutil.copytree(self.root, target, ignore=shutil.ignore_patterns(LOCAL_DIR))
        return target


class _ReplaceFailed(Exception):
    """A rename of a commit failed: ``rel`` is the store file it was to replace."""

    def __init__(self, rel: str, error: OSError) -> None:
        super().__init__(rel)
        self.rel, self.error = rel, error


_COMMIT_TEMP_NAME = re.compile(r"\d+-\d+\.json")
_COMMIT_TEMP = re.compile(rf"{re.escape(LOCAL_DIR)}/tmp/{_COMMIT_TEMP_NAME.pattern}")
_CACHE_TEMP = re.compile(r"cache-(\d+)-\d+\.tmp")
_LEGACY_TEMP = re.compile(r".+\.json(?:\.ids)?\.(\d+)\.tmp")


def _names_in(directory: str) -> list[str]:
    try:
        return os.listdir(directory)
    except OSError:
        return []


def _walk(local_root: str) -> Iterator[tuple[str, list[str], list[str]]]:
    """The local folder's folders but its backups (many files, no temporaries)."""
    for directory, folders, names in os.walk(local_root):
        if directory == local_root:
            folders[:] = [f for f in folders if f not in ("backups", "tmp")]
        yield directory, folders, names


def _alive(pid: int) -> bool:
    """Whether the process ``pid`` runs (on this machine: ``.stratui`` is this machine's)."""
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except (ProcessLookupError, OverflowError):
        return False
    except PermissionError:
        return True  # another user's
    return True


def _read_regular(path: str) -> bytes | None:
    """The bytes of the regular file ``path``; None when there is none.

    Raises:
        OSError: it cannot be read, or is not a regular file (a pipe would block, a
            link may lead anywhere).
    """
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    except FileNotFoundError:
        return None
    except OSError as error:
        if error.errno == errno.ELOOP:
            raise OSError(errno.EINVAL, "not a regular file (a link)", path) from None
        raise
    with os.fdopen(fd, "rb") as handle:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise OSError(errno.EINVAL, "not a regular file", path)
        return handle.read()


def _missing_folders(path: str) -> list[str]:
    """``path`` and its parents that do not exist, deepest first."""
    missing = []
    while path and not os.path.exists(path):
        missing.append(path)
        parent = os.path.dirname(path)
        if parent == path:
            break
        path = parent
    return missing[1:]  # not the local folder itself: abandon_first_write removes it


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
