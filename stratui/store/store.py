"""The store: records by collection, read lazily by shard, written in atomic transactions.

Reading a store never loads more than the shards a question needs. Every read re-checks
the file's signature, so a long-lived process (the TUI) sees what another process wrote.
Writing happens in a :class:`Transaction` that holds the exclusive lock for the whole
read-modify-write and commits every changed file at once (see ``backend.py``).

On opening, the store checks, cheaply, that nothing changed behind its back: it compares
each file's size and modification time with a local manifest, and decodes only the files
that differ. A damaged file (cut short, NUL bytes, not JSON, wrong shape, empty, or
holding a record of the wrong shape: a name that is a number) is then reported with the
latest good backup, by every command, and never overwritten: no record that is not what
stratui writes reaches the rest of the program. The same pass keeps the local id index
(for id prefixes) in step with files changed by git.

The manifest, the id index and the digests are caches: one of the wrong shape, or that
cannot be read, is rebuilt from the store's files, and writing them is best effort, so a
store on a read-only folder or a full disk can still be read. Without the lock (its file
cannot even be opened, see ``lock.py``), a read checks that the store's files did not
change while it read, and otherwise fails, asking to run it again.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import ExitStack, contextmanager

from stratui.store.codec import (
    Lines,
    ShardError,
    decode_meta,
    decode_shard,
    encode_meta,
    encode_shard,
    known_lines,
)
from stratui.store.errors import (
    AmbiguousId,
    LockUnavailable,
    NotAStore,
    StoreDamaged,
    StoreError,
    StoreTooNew,
    UnknownId,
)
from stratui.store.layout import (
    FOLLOW_REVIEW,
    LOCAL_DIR,
    META_FILE,
    SHARDED,
    STORE_FORMAT,
    UNSHARDED,
    is_store_file,
    key_for_period,
    keys_for_weeks,
    parse_relpath,
    placed_in,
    relpath,
    shard_key,
)

SCHEMA_VERSION = 3
_MANIFEST = "manifest.json"
_MANIFEST_VERSION = 2
"""Version 2: every file the manifest lists had its records checked (a manifest of an
earlier version is rebuilt, which checks every file once)."""


class Store:
    """A stratui store over a backend (a directory, or memory in tests)."""

    def __init__(self, backend) -> None:
        self.backend = backend
        # file -> (signature, records by id, the bytes read, their lines once computed)
        self._cache: dict[str, list] = {}
        self._manifest: dict[str, list[int]] | None = None
        self._ids: dict[str, set[str]] = {}
        # digest file -> {file: [signature, summary]}; entries are checked against the
        # shard's signature on every use, as the read cache and the id index are
        self._digests: dict[str, dict[str, list]] = {}
        self._opened = False
        self._tx: Transaction | None = None
        self._read_depth = 0
        self.before_commit: Callable[[Transaction], None] | None = None
        """Called with each transaction just before it commits (under the lock, its changes
        staged) to add what the caller's rules require: the use cases make ``me`` a new
        store's first person (``stratui.usecases.workspace``). A transaction may set its own."""

    @classmethod
    def at(cls, path: str) -> Store:
        """The store in the directory ``path`` (created on the first write)."""
        from stratui.store.backend import DirectoryBackend

        return cls(DirectoryBackend(path))

    @classmethod
    def in_memory(cls) -> Store:
        """A store that lives in memory only (tests)."""
        from stratui.store.backend import MemoryBackend

        return cls(MemoryBackend())

    @property
    def location(self) -> str:
        """The store's path, for messages."""
        return self.backend.name

    # -- opening: meta, recovery, migration, change detection ---------------------------

    def open(self) -> Store:
        """Check the store once: meta, crash recovery, migration, changed files.

        Called by every public method; cheap after the first call.
        """
        if self._opened:
            return self
        if self.backend.needs_recovery():
            # First: a crash may have cut the store's very first commit, meta file and all.
            with ExitStack() as stack:
                try:
                    stack.enter_context(self.backend.lock(True))
                except LockUnavailable as error:
                    raise LockUnavailable(
                        error.path,
                        f"store {self.location} has a write that was cut short "
                        f"({self.backend.path_of(LOCAL_DIR + '/journal.json')}), and only "
                        f"stratui where the store can be written can finish it: {error}",
                    ) from None
                self.backend.recover()
        if not self.backend.exists():
            if not self.backend.is_empty_dir():
                raise NotAStore(
                    f"{self.location} is not a stratui store (no {META_FILE}) and is not an "
                    "empty directory; choose another path with --db or STRATUI_DB"
                )
            self._opened = True
            return self
        meta = self._read_meta()
        schema = meta["schema"]
        if schema < SCHEMA_VERSION:
            with self.backend.lock(True):
                self.backend.recover()
                meta = self._read_meta()
                if meta["schema"] < SCHEMA_VERSION:
                    from stratui.store.migrate import migrate

                    migrate(self.backend, meta["schema"], SCHEMA_VERSION)
        self._opened = True
        return self

    def _read_meta(self) -> dict:
        data = self.backend.read(META_FILE) or b""
        try:
            meta = decode_meta(data)
        except ShardError as error:
            raise self._damaged(META_FILE, str(error), _is_meta) from None
        if meta.get("format") != STORE_FORMAT:
            raise NotAStore(f"{self.backend.path_of(META_FILE)} is not a stratui store file")
        if meta["schema"] > SCHEMA_VERSION:
            # Checked on every read of the meta file, not only on opening: a long-lived
            # process must not write into a store a newer stratui has since migrated.
            raise StoreTooNew(
                f"store {self.location} has schema {meta['schema']}, newer than this stratui "
                f"understands ({SCHEMA_VERSION}); upgrade stratui. The store was not changed."
            )
        return meta

    def verify_changes(self) -> bool:
        """Decode the files changed since this machine last saw them; True if any did.

        Raises :class:`StoreDamaged` for a damaged file. Keeps the id index in step.
        """
        if not self.backend.exists():
            return False
        with self.backend.lock(False):
            listing = self.backend.listing()
            manifest = self._load_manifest()
            changed = [
                rel for rel, sig in listing.items() if manifest.get(rel, [])[:2] != list(sig)
            ]
            removed = [rel for rel in manifest if rel not in listing]
            for rel in removed:
                self._refuse_missing(rel)
            for rel in changed:
                if rel == META_FILE:
                    self._read_meta()  # raises StoreDamaged, NotAStore, StoreTooNew
                else:
                    self._shard_records(rel)  # raises StoreDamaged
        if not changed and not removed:
            return False
        with ExitStack() as stack:
            try:
                stack.enter_context(self.backend.lock(True))
            except LockUnavailable:
                writable = False  # read-only: what was checked is remembered in memory
            else:
                writable = True
                listing = self.backend.listing()
            ids = {}
            for rel in changed:
                if rel != META_FILE and rel in listing:
                    ids[rel] = sorted(self._shard_records(rel))
            self._save_index(listing, ids, removed, write=writable)
        return True

    # -- the local manifest and id index ---------------------------------------------

    def _load_manifest(self) -> dict[str, list[int]]:
        if self._manifest is None:
            self._manifest = _parse_manifest(self._read_cache(_MANIFEST))
        return self._manifest

    def _read_cache(self, name: str) -> bytes | None:
        """A local cache file's bytes; None when it is missing or cannot be read (it is
        then rebuilt from the store's files)."""
        try:
            return self.backend.local_read(name)
        except OSError:
            return None

    def _write_cache(self, name: str, data: bytes) -> bool:
        """Write a local cache file, best effort (a read-only store, a full disk: it is
        rebuilt next time); True when it was written."""
        try:
            self.backend.local_write(name, data)
        except OSError:
            return False
        return True

    def _save_index(
        self,
        listing: Mapping[str, object],
        ids: Mapping[str, list[str]],
        removed: Iterable[str],
        *,
        ours: bool = False,
        write: bool = True,
    ) -> None:
        """Record files' signatures and ids; ``ours`` marks files this program wrote.

        Only a file stratui wrote itself is known to be in canonical form, so only its
        lines may be reused on the next write (see ``codec.known_lines``); a file changed
        from outside (an editor, git) is re-encoded whole once.

        Kept in memory, and written unless ``write`` is False, best effort: a file whose
        ids could not be written is left out of the manifest written, so the next
        process checks it again rather than trust a stale index.
        """
        manifest = self._load_manifest()
        unsaved = set()
        for rel, rel_ids in ids.items():
            self._ids[rel] = set(rel_ids)
            manifest[rel] = [*listing[rel], 1] if ours else list(listing[rel])
            if write and not self._write_cache(f"ids/{rel}.ids", "\n".join(rel_ids).encode()):
                unsaved.add(rel)
        for rel in removed:
            manifest.pop(rel, None)
            self._ids.pop(rel, None)
        if META_FILE in listing:
            manifest[META_FILE] = list(listing[META_FILE])
        if write:
            saved = {rel: entry for rel, entry in manifest.items() if rel not in unsaved}
            document = {"files": saved, "version": _MANIFEST_VERSION}
            self._write_cache(_MANIFEST, json.dumps(document, sort_keys=True).encode())

    def _ids_of(self, rel: str) -> set[str]:
        """The ids in one file, from the local index (rebuilt from the file if missing or
        not text)."""
        if rel not in self._ids:
            name = f"ids/{rel}.ids"
            data = self._read_cache(name)
            try:
                ids = set(data.decode("utf-8").split("\n")) if data else None
            except UnicodeDecodeError:
                ids = None
                self._write_cache(name, "\n".join(sorted(self._shard_records(rel))).encode())
            self._ids[rel] = ids if ids is not None else set(self._shard_records(rel))
        return self._ids[rel]

    def _rels(self, collection: str) -> list[str]:
        """The files of ``collection`` this store knows, from the manifest."""
        if collection in UNSHARDED:
            return [relpath(collection, None)]
        prefix = f"{collection}/"
        return sorted(rel for rel in self._load_manifest() if rel.startswith(prefix))

    # -- reading ---------------------------------------------------------------------

    def _shard_records(
        self, rel: str, *, checked: bool = True, keep: bool = True
    ) -> dict[str, dict]:
        """The records of one file by id, decoded once per version of the file.

        A version of the file the manifest does not list (changed from outside, or not
        seen yet) has each record checked too (``checked``: only ``stratui check``,
        which reports every broken record itself, reads without), and is reported
        damaged when one is not of its collection's shape. Without ``keep``, what is
        read is not kept in the read cache: a pass over the whole store (export, check)
        then holds one file at a time, not the store.
        """
        if self._tx is not None and rel in self._tx.staged:
            return self._tx.staged[rel]
        signature = self.backend.signature(rel)
        cached = self._cache.get(rel)
        if cached and cached[0] == signature:
            return cached[1]
        data = b""
        if signature is None:
            self._refuse_missing(rel)
            records: dict[str, dict] = {}
        else:
            parsed = parse_relpath(rel)
            collection = parsed[0] if parsed else rel
            data = self.backend.read(rel) or b""
            seen = self._load_manifest().get(rel, [])[:2] == list(signature)
            try:
                records = decode_shard(collection, data)
                if checked and not seen:
                    _check_records(collection, records)
            except ShardError as error:
                raise self._damaged(rel, str(error), _sound_as(collection)) from None
            if not checked and not seen:
                return records  # not cached: a checked read must still check them
        if keep:
            self._cache[rel] = [signature, records, data, None]
        return records

    def _lines(self, rel: str, collection: str) -> Lines:
        """The encoded lines of the records last read from ``rel`` (for cheap rewrites)."""
        cached = self._cache.get(rel)
        if cached is None:
            return {}
        written_by_us = self._load_manifest().get(rel, [])
        if written_by_us[2:] != [1] or written_by_us[:2] != list(cached[0] or ()):
            return {}
        if cached[3] is None:
            cached[3] = known_lines(collection, cached[2], cached[1]) if cached[2] else {}
        return cached[3]

    def _refuse_missing(self, rel: str) -> None:
        """StoreDamaged when ``rel`` is gone (or is no regular file) although this store
        wrote it (its manifest says so): its records are lost, not none. Named with its
        latest good backup, as a truncated file is; no write runs, so no write can rotate
        that backup away."""
        if self._load_manifest().get(rel, [])[2:] != [1]:
            return  # never written here: absent means empty
        parsed = parse_relpath(rel)
        if rel == META_FILE or not parsed:
            return
        raise self._damaged(rel, "it is missing, or no longer a regular file", _sound_as(parsed[0]))

    def _damaged(self, rel: str, problem: str, is_good: Callable[[bytes], bool]) -> StoreDamaged:
        backup = self.backend.latest_good_backup(rel, is_good)
        return StoreDamaged(self.backend.path_of(rel), problem, backup)

    @contextmanager
    def reading(self) -> Iterator[None]:
        """Hold the shared lock for a read; the outermost read first looks for changes.

        Several reads inside one ``with store.reading():`` see one consistent state and
        look for changes once (each look stats every file of the store).
        """
        self.open()
        if not self.backend.exists():
            yield
            return
        outermost = self._tx is None and not self._read_depth
        if outermost:
            self.verify_changes()
        self._read_depth += 1
        try:
            with self.shared_lock(consistent=outermost):
                yield
        finally:
            self._read_depth -= 1

    @contextmanager
    def shared_lock(self, *, consistent: bool = True) -> Iterator[None]:
        """Hold the shared lock; without it (its file cannot be opened: see ``lock.py``),
        and if ``consistent``, fail at the end if the store's files changed meanwhile,
        as what was read may then be part of a write (:class:`StoreError`: run again)."""
        with self.backend.lock(False):
            if not consistent or self.backend.lock_held():
                yield
                return
            before = self._unlocked_state()
            yield
            if self._unlocked_state() != before:
                raise self._changed_unlocked()

    def _unlocked_state(self) -> object:
        """For a read without the lock: the state of the store's files, which must not
        change while it reads (nor may a write be under way), else it may see part of
        a write; a writer needs the lock, so without one nothing was written."""
        state = self.backend.fingerprint()
        if self.backend.needs_recovery():
            raise self._changed_unlocked()
        return state

    def _changed_unlocked(self) -> StoreError:
        return StoreError(
            f"store {self.location} was being written while it was read, and this "
            "process cannot take its lock (it cannot open its lock file) to wait for the "
            "write to end: run the command again"
        )

    def get(self, collection: str, rid: str, *, deleted: bool = False) -> dict | None:
        """The record ``rid`` of ``collection`` (tombstones only with ``deleted=True``)."""
        with self.reading():
            for rel in self._candidate_rels(collection, rid):
                record = self._shard_records(rel).get(rid)
                if record is not None:
                    return dict(record) if deleted or not record.get("deleted") else None
        return None

    def _candidate_rels(self, collection: str, rid: str) -> list[str]:
        if collection in UNSHARDED:
            return [relpath(collection, None)]
        staged = [
            rel for rel in (self._tx.staged if self._tx else ()) if rel.startswith(f"{collection}/")
        ]
        indexed = [rel for rel in self._rels(collection) if rid in self._ids_of(rel)]
        return list(dict.fromkeys([*staged, *indexed]))

    def resolve(self, collection: str, prefix: str) -> dict:
        """The one live record whose id starts with ``prefix``.

        Raises :class:`UnknownId` when none does and :class:`AmbiguousId` (listing the
        candidates) when several do.
        """
        prefix = prefix.strip().lower()
        if not prefix:
            raise UnknownId(f"{_singular(collection)} id: expected an id or a unique prefix")
        with self.reading():
            exact = self.get(collection, prefix)
            if exact:
                return exact
            matches: dict[str, dict] = {}
            for rel in self._all_rels(collection):
                if collection in UNSHARDED or (self._tx and rel in self._tx.staged):
                    rids = list(self._shard_records(rel))
                else:
                    rids = self._ids_of(rel)
                for rid in rids:
                    if rid.startswith(prefix):
                        record = self._shard_records(rel).get(rid)
                        if record and not record.get("deleted"):
                            matches[rid] = dict(record)
        if not matches:
            raise UnknownId(f"no {_singular(collection)} has an id starting with {prefix!r}")
        if len(matches) > 1:
            candidates = sorted(matches.values(), key=lambda r: r["id"])
            raise AmbiguousId(
                f"{_singular(collection)} id {prefix!r} is ambiguous: it matches "
                + ", ".join(r["id"] for r in candidates),
                candidates,
            )
        return next(iter(matches.values()))

    def _all_rels(self, collection: str) -> list[str]:
        rels = self._rels(collection)
        if self._tx:
            rels += [r for r in self._tx.staged if r.startswith(f"{collection}/")]
        return sorted(set(rels))

    def find(
        self,
        collection: str,
        *,
        weeks: Iterable[str] | None = None,
        periods: Iterable[str] | None = None,
        within: Iterable[str] | None = None,
        keys: Iterable[str] | None = None,
        where: Callable[[dict], bool] | None = None,
        **equals: object,
    ) -> list[dict]:
        """Live records of ``collection`` whose fields equal ``equals``.

        What a question asks for decides what is read, never more than the files that
        can hold it: ``weeks`` (ISO weeks) gives the records of those weeks (a
        commitment by its week, a check-in, roadblock or adjustment by its date, a review
        by its period); ``periods`` (review periods: weeks or quarters) the reviews of
        those periods, or the retro items of their reviews; ``within`` the parts of the
        collection a :meth:`digests` answer named. Without any, everything is read.
        ``keys`` names shard keys, for the store's own use and tests: outside the store
        nothing knows how it shards. ``where`` filters further. Results are in creation
        order. Without ``equals`` there is no query for TinyDB to run, and it is not
        loaded.
        """
        wanted_weeks = set(weeks) if weeks is not None else None
        wanted_periods = set(periods) if periods is not None else None
        chosen = self._keys_of(collection, wanted_weeks, wanted_periods, within, keys)
        placed = where
        if wanted_weeks is not None or wanted_periods is not None:

            def placed(record: dict) -> bool:
                if wanted_weeks is not None and not placed_in(collection, record, wanted_weeks):
                    return False
                if (
                    wanted_periods is not None
                    and collection == "reviews"
                    and record.get("period") not in wanted_periods
                ):
                    return False
                return where is None or where(record)

        with self.reading():
            if collection in UNSHARDED:
                rels = [relpath(collection, None)]
            elif chosen is None:
                rels = self._all_rels(collection)
            else:
                rels = [relpath(collection, key) for key in sorted(chosen)]
            found: dict[str, dict] = {}
            for rel in rels:
                records = self._shard_records(rel)
                if not records:
                    continue
                for document in _search(collection, records, equals):
                    record = dict(document)
                    if placed is None or placed(record):
                        found[record["id"]] = record
        return sorted(found.values(), key=lambda r: (r.get("created_at", ""), r["id"]))

    @staticmethod
    def _keys_of(
        collection: str,
        weeks: set[str] | None,
        periods: set[str] | None,
        within: Iterable[str] | None,
        keys: Iterable[str] | None,
    ) -> set[str] | None:
        """The shard keys a question limits itself to (None: every shard)."""
        if collection in UNSHARDED:
            return None
        chosen: set[str] | None = None
        for limit in (
            set(keys_for_weeks(weeks)) if weeks is not None else None,
            {key_for_period(p) for p in periods} if periods is not None else None,
            set(within) if within is not None else None,
            set(keys) if keys is not None else None,
        ):
            if limit is not None:
                chosen = limit if chosen is None else chosen & limit
        return chosen

    def digests(
        self,
        collection: str,
        name: str,
        summarise: Callable[[list[dict]], object],
        *,
        weeks: Iterable[str] | None = None,
        keys: Iterable[str] | None = None,
        keep: bool = True,
    ) -> dict[str, object]:
        """``summarise(live records)`` of each shard of ``collection``, by shard key.

        A summary is small (a date, a few fields of a few records) and is kept in
        ``.stratui/digests/`` with the signature of the file it was made from, so a
        shard is read again only when it changed: a screen that needs, say, the shards
        holding an open roadblock reads two files instead of forty. The answer is keyed
        by part: give the parts of interest back to :meth:`find` as ``within``. ``weeks``
        limits the parts to those holding the weeks. ``name`` stands for
        ``summarise``; give a changed function a new name. Summaries must be JSON, and
        are the cache's own: do not change them. ``keys`` limits the shards, as in
        :meth:`find`. A summary is as fresh as the store's change detection: a file
        rewritten with the same size and modification time is not noticed (see
        :meth:`verify_changes`). Without ``keep``, the files read to summarise are not
        kept in the read cache (a pass over every file: see :meth:`read_part`).
        """
        if collection in UNSHARDED:
            raise ValueError(f"{collection} has no shards to summarise")
        asked = set(weeks) if weeks is not None else None
        chosen = self._keys_of(collection, asked, None, None, keys)
        with self.reading():
            if chosen is None:
                rels = self._all_rels(collection)
            else:
                rels = [relpath(collection, key) for key in sorted(chosen)]
            file = f"digests/{collection}.{name}.json"
            saved = self._digests.get(file)
            if saved is None:
                try:
                    saved = json.loads(self._read_cache(file) or b"{}")
                except ValueError:
                    saved = None
                if not isinstance(saved, dict):
                    saved = {}  # derived data: a damaged file is rebuilt from the shards
                self._digests[file] = saved
            found: dict[str, object] = {}
            changed = False
            for rel in rels:
                signature = self.backend.signature(rel)
                if signature is None and not (self._tx and rel in self._tx.staged):
                    continue
                entry = saved.get(rel)
                if self._tx is None and _is_entry(entry) and entry[0] == list(signature or ()):
                    value = entry[1]
                else:
                    records = self._shard_records(rel, keep=keep).values()
                    value = summarise([r for r in records if not r.get("deleted")])
                    if self._tx is None:
                        saved[rel] = [list(signature or ()), value]
                        changed = True
                found[str(parse_relpath(rel)[1])] = value  # type: ignore[index]
            if changed:
                self._write_cache(file, json.dumps(saved, sort_keys=True).encode())
        return found

    def all(self, collection: str) -> list[dict]:
        """Every live record of ``collection`` (reads every shard of it)."""
        return self.find(collection)

    def parts(self, collection: str) -> list[str]:
        """The parts ``collection`` is kept in, oldest first: names to give back to
        :meth:`read_part` (how the store splits a collection is its own business)."""
        with self.reading():
            return self._all_rels(collection)

    def read_part(self, part: str, *, deleted: bool = False) -> list[dict]:
        """The live records of one of :meth:`parts` (tombstones too with ``deleted``),
        read without keeping them: a pass over the whole store (export, ``list --all``)
        holds one part at a time, so its memory does not grow with the history. Hold
        :meth:`reading` around the whole pass to see one consistent state. The records
        may be the read cache's own: do not change them.
        """
        with self.reading():
            records = self._shard_records(part, keep=False).values()
            return [record for record in records if deleted or not record.get("deleted")]

    def collections(
        self, *, deleted: bool = False, files: Iterable[str] | None = None
    ) -> dict[str, list[dict]]:
        """Every record of every collection, tombstones included with ``deleted=True``;
        only those the store files ``files`` hold (relative paths: what a merge changed)
        when given."""
        only = None if files is None else set(files)
        result: dict[str, list[dict]] = {}
        with self.reading():
            for collection in (*UNSHARDED, *SHARDED):
                records: dict[str, dict] = {}
                for rel in self._all_rels(collection):
                    if only is not None and rel not in only:
                        continue
                    for rid, record in self._shard_records(rel).items():
                        if deleted or not record.get("deleted"):
                            records[rid] = dict(record)
                result[collection] = sorted(
                    records.values(), key=lambda r: (r.get("created_at", ""), r["id"])
                )
        return result

    def refresh(self) -> bool:
        """True when another process changed the store since the last look.

        Every read already sees the latest files; this is for a long-lived process that
        wants to know whether to redraw.
        """
        return self.open().verify_changes()

    # -- writing ---------------------------------------------------------------------

    def transaction(self) -> Transaction:
        """A write transaction: ``with store.transaction() as tx: tx.put(...)``."""
        return Transaction(self)

    def check(self) -> list[str]:
        """Every problem of the store, each a line naming the file or record; [] if sound."""
        from stratui.store.verify import check_store

        return check_store(self)


class Transaction:
    """Changes to the store, committed together, all or nothing, under the exclusive lock.

    Nothing is written if the ``with`` block raises. Reads through the store during the
    transaction see its staged changes.

    On a store that does not exist yet, the lock (a file inside the store) is taken only
    at commit: a transaction refused for bad input then leaves no trace at all, not even
    the directory a mistyped ``--db`` named; nor does a first commit that fails (a full
    disk): what taking the lock created is removed again, under the lock.
    """

    def __init__(self, store: Store) -> None:
        self.store = store
        self.staged: dict[str, dict[str, dict]] = {}
        self._hold = None
        self.before_commit = store.before_commit  # None: commit exactly what was staged

    def __enter__(self) -> Transaction:
        store = self.store
        if store._tx is not None:
            raise StoreError("a transaction is already open on this store")
        store.open()
        store._tx = self
        if store.backend.exists():
            self._lock()
        return self

    def _lock(self) -> None:
        """Take the exclusive lock, finish any interrupted commit, see the latest files."""
        self._hold = self.store.backend.lock(True)
        self._hold.__enter__()
        try:
            self.store.backend.recover()
            self.store.verify_changes()
        except BaseException:
            self._abandon_first_write()
            self._leave(None, None, None)
            raise

    def _abandon_first_write(self) -> None:
        """After a failed first commit, still under the lock: remove what taking the lock
        left (the backend does nothing once the store exists)."""
        if self._hold is not None:
            self.store.backend.abandon_first_write()

    def __exit__(self, kind, error, trace) -> None:
        try:
            if kind is None:
                self._commit()
        finally:
            self._leave(kind, error, trace)

    def _leave(self, kind, error, trace) -> None:
        self.store._tx = None
        hold, self._hold = self._hold, None
        if hold is not None:
            hold.__exit__(kind, error, trace)

    # -- changes -----------------------------------------------------------------------

    def get(self, collection: str, rid: str, *, deleted: bool = False) -> dict | None:
        """The record as this transaction sees it."""
        return self.store.get(collection, rid, deleted=deleted)

    def insert(self, collection: str, record: Mapping) -> dict:
        """Add a new record; its id must not exist yet.

        Only the shard the record goes to is checked: ids are 64 random bits, so a clash
        with a record elsewhere is not a practical event (``check`` would report it), and
        looking through every shard would make each write cost more as history grows.
        """
        record = self._valid(collection, record)
        rel = relpath(collection, self._key_of(collection, record))
        if record["id"] in self.store._shard_records(rel):
            raise StoreError(f"{_singular(collection)} {record['id']} already exists")
        self._staged(rel)[record["id"]] = record
        return record

    def put(self, collection: str, record: Mapping) -> dict:
        """Insert or replace ``record`` whole, moving it if its shard key changed (a
        review that moves takes its cards and ballots along: they live in its shard)."""
        record = self._valid(collection, record)
        key = self._key_of(collection, record)
        rel = relpath(collection, key)
        if record["id"] not in self.store._shard_records(rel):
            moved_from = self._remove_elsewhere(collection, record["id"], rel)
            if collection == "reviews" and key is not None:
                for old in moved_from:
                    self._move_followers(record["id"], parse_relpath(old), key)
        self._staged(rel)[record["id"]] = record
        return record

    def _move_followers(self, rid: str, old: tuple[str, str | None] | None, key: str) -> None:
        """Move the records that follow review ``rid`` from its old shard to ``key``'s."""
        if old is None or old[1] is None:
            return
        for collection in FOLLOW_REVIEW:
            source = relpath(collection, old[1])
            records = self.store._shard_records(source)
            followers = [r for r in records.values() if r.get("review_id") == rid]
            if not followers:
                continue
            staged = self._staged(source)
            target = self._staged(relpath(collection, key))
            for follower in followers:
                del staged[follower["id"]]
                target[follower["id"]] = follower

    @staticmethod
    def _valid(collection: str, record: Mapping) -> dict:
        from stratui.domain.schema import validate_record

        record = dict(record)
        validate_record(collection, record)
        return record

    def _remove_elsewhere(self, collection: str, rid: str, rel: str) -> list[str]:
        """Drop ``rid`` from any shard but ``rel`` (its week changed: it moves); returns
        the shards it was dropped from."""
        dropped = []
        for old in self.store._candidate_rels(collection, rid):
            if old != rel and rid in self.store._shard_records(old):
                del self._staged(old)[rid]
                dropped.append(old)
        return dropped

    def put_many(self, writes: Mapping[str, Iterable[Mapping]]) -> int:
        """Insert or replace many records (an import), shard by shard; returns the count.

        The same as :meth:`put` for each record, grouped by shard.
        """
        count = 0
        for collection in (*UNSHARDED, *SHARDED):  # reviews before the retro items in them
            by_rel: dict[str, list[dict]] = {}
            for record in writes.get(collection, ()):
                record = self._valid(collection, record)
                rel = relpath(collection, self._key_of(collection, record))
                if record["id"] not in self.store._shard_records(rel):
                    self._remove_elsewhere(collection, record["id"], rel)
                by_rel.setdefault(rel, []).append(record)
            for rel, records in by_rel.items():
                self._staged(rel).update((record["id"], record) for record in records)
                count += len(records)
        return count

    def delete(self, collection: str, rid: str, now) -> dict:
        """Replace the record by its tombstone (kept, so merges know it was deleted)."""
        from stratui.domain.records import tombstone

        record = self.store.get(collection, rid)
        if record is None:
            raise UnknownId(f"no {_singular(collection)} {rid}")
        return self.put(collection, tombstone(record, now))

    def _key_of(self, collection: str, record: Mapping) -> str | None:
        if collection in FOLLOW_REVIEW:
            review = self.store.get("reviews", str(record["review_id"]), deleted=True)
            if review is None:
                raise UnknownId(
                    f"{_singular(collection)} {record['id']}: no review {record['review_id']}"
                )
            return shard_key("reviews", review)
        return shard_key(collection, record)

    def _stage_on_top_of_files(self) -> None:
        """Keep what another process wrote while this first transaction was being built.

        Without a store there was nothing to read, so everything staged is new records;
        if the store appeared meanwhile, they go on top of its files.
        """
        backend = self.store.backend
        for rel, records in self.staged.items():
            data = backend.read(rel)
            if data:
                current = decode_shard(parse_relpath(rel)[0], data)
                self.staged[rel] = {**current, **records}

    def committed(self, collection: str) -> list[dict]:
        """The live records of an unsharded collection as the store held them when this
        transaction began (what it staged left out)."""
        rel = relpath(collection, None)
        staged = self.staged.pop(rel, None)
        try:
            records = self.store._shard_records(rel)
        finally:
            if staged is not None:
                self.staged[rel] = staged
        return [dict(record) for record in records.values() if not record.get("deleted")]

    def _staged(self, rel: str) -> dict[str, dict]:
        """This transaction's copy of a shard's records (records are replaced, not edited).

        The copy shares the record objects with the read cache, so the lines of the
        records left untouched are reused when the shard is encoded.
        """
        if rel not in self.staged:
            self.staged[rel] = dict(self.store._shard_records(rel))
        return self.staged[rel]

    def _commit(self) -> None:
        if not self.staged:
            return
        if self._hold is not None:
            self._commit_locked()
            return
        self._lock()  # the store's first commit: lock now (see the class doc)
        self.store._tx = self
        try:
            self._stage_on_top_of_files()
            self._commit_locked()
        except BaseException:
            self._abandon_first_write()
            raise

    def _commit_locked(self) -> None:
        store, backend = self.store, self.store.backend
        if self.before_commit is not None:
            self.before_commit(self)
        writes: dict[str, bytes] = {}
        if not backend.exists():
            writes[META_FILE] = encode_meta({"format": STORE_FORMAT, "schema": SCHEMA_VERSION})
            writes[".gitignore"] = f"{LOCAL_DIR}/\n".encode()
        made: dict[str, Lines] = {}
        for rel, records in self.staged.items():
            collection = parse_relpath(rel)[0]
            writes[rel], made[rel] = encode_shard(
                collection, records, store._lines(rel, collection)
            )
        backend.commit(writes)
        listing = {rel: backend.signature(rel) for rel in writes if rel != ".gitignore"}
        for rel, records in self.staged.items():
            store._cache[rel] = [listing[rel], records, writes[rel], made[rel]]
        store._save_index(
            listing, {rel: sorted(recs) for rel, recs in self.staged.items()}, (), ours=True
        )


def _search(collection: str, records: Mapping[str, dict], equals: Mapping[str, object]):
    """The live records of one shard whose fields equal ``equals``: a TinyDB query, but
    only when there is something to query (TinyDB is loaded by the commands that do)."""
    if not equals:
        return [record for record in records.values() if not record.get("deleted")]
    from stratui.store import tiny

    return tiny.search(collection, records, equals)


def _parse_manifest(data: bytes | None) -> dict[str, list[int]]:
    """The files of a manifest, each ``[size, mtime_ns]`` or ``[size, mtime_ns, 1]``
    (written by stratui): a manifest of another version or shape is empty, and an entry
    that is not a store file's, or not of that shape, is left out (all are then checked
    again: see :meth:`Store.verify_changes`)."""
    try:
        document = json.loads(data) if data else None
    except ValueError:
        return {}
    if not isinstance(document, dict) or document.get("version") != _MANIFEST_VERSION:
        return {}
    files = document.get("files")
    if not isinstance(files, dict):
        return {}
    return {
        rel: entry for rel, entry in files.items() if is_store_file(rel) and _is_signature(entry)
    }


def _is_signature(entry: object) -> bool:
    return (
        isinstance(entry, list)
        and len(entry) in (2, 3)
        and all(type(n) is int for n in entry)
        and entry[2:] in ([], [1])
    )


def _check_records(collection: str, records: Mapping[str, dict]) -> None:
    """Raise :class:`ShardError` naming the first record of the wrong shape (and its
    field)."""
    from stratui.domain.schema import ValidationError, validate_record

    for record in records.values():
        try:
            validate_record(collection, record)
        except ValidationError as error:
            raise ShardError(str(error)) from None


def _is_meta(data: bytes) -> bool:
    try:
        decode_meta(data)
    except ShardError:
        return False
    return True


def _sound_as(collection: str) -> Callable[[bytes], bool]:
    """Whether a file's bytes are a sound file of ``collection``: they decode, and each
    record is of its shape."""

    def is_good(data: bytes) -> bool:
        try:
            _check_records(collection, decode_shard(collection, data))
        except ShardError:
            return False
        return True

    return is_good


def _singular(collection: str) -> str:
    return {
        "people": "person",
        "goal_checkins": "goal check-in",
        "retro_items": "retro item",
        "retro_ballots": "retro ballot",
    }.get(collection, collection.rstrip("s").replace("_", " "))


def _is_entry(entry: object) -> bool:
    """Whether a digest file's entry has its shape: ``[signature, summary]``."""
    return isinstance(entry, list) and len(entry) == 2 and isinstance(entry[0], list)
