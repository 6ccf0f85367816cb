"""After a git merge: one copy of every record, and no link to a record deleted meanwhile.

Git merges a store file by file (:mod:`stratui.sync.driver`), and a file-level merge
cannot see two things that span files:

- **twins**: a record moved to another shard on one side (its week changed) while the
  other side edited it where it was. Each file merges cleanly, and the record is then
  stored twice. :func:`reconcile` keeps the copy that wins the merge rule
  (:func:`stratui.domain.merge.newest`: the newest ``updated_at``) in the shard its fields
  call for, and removes the other;
- **a deleted target**: one side deleted a record (a tombstone) while the other side made
  a record that points to it (a carry-over of that commitment, a roadblock on it). The
  link would dangle and ``stratui check`` would fail, so the target is kept alive: its
  tombstone loses the ``deleted`` mark and keeps its fields and stamp (deterministic:
  every machine reconciling the same merge writes the same bytes, and a tombstone of the
  same stamp loses to it in a later merge). Links that already dangled before the merge
  (``revive_except``) were made on this machine and are left as they were.

``stratui sync`` calls :func:`reconcile_files` under the store's exclusive lock, right
after a merge, and commits the result with the merge. It reads only what the merge
changed: the files git names, the other files the id index says hold a copy of one of
their records, and the files holding the records linked from or to them. (Only a deletion
arriving, which can leave a link from anywhere dangling, makes it read the collections
that may point to the deleted records.) :func:`reconcile`, like ``verify``, reads every
file of the store: the first sync on a machine, or after git history was rewritten.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from stratui.domain.schema import ValidationError, references
from stratui.store.layout import META_FILE, SHARDED, UNSHARDED, parse_relpath

Link = tuple[str, str, str]  # (collection, id, field) of a live record pointing to a tombstone
Copies = dict[str, dict[str, list[tuple[str, dict]]]]  # collection -> id -> [(file, record)]


def _copies(store) -> dict[str, dict[str, list[tuple[str, dict]]]]:
    """Every record of the store as ``collection -> id -> [(file, record), ...]``."""
    found: dict[str, dict[str, list[tuple[str, dict]]]] = {}
    for rel in sorted(store.backend.listing()):
        if rel == META_FILE:
            continue
        collection = parse_relpath(rel)[0]
        for rid, record in store._shard_records(rel).items():
            found.setdefault(collection, {}).setdefault(rid, []).append((rel, record))
    return found


def _winners(copies) -> dict[str, dict[str, dict]]:
    from stratui.domain.merge import newest

    return {
        collection: {
            rid: dict(found[0][1] if len(found) == 1 else newest(r for _, r in found))
            for rid, found in by_id.items()
        }
        for collection, by_id in copies.items()
    }


def dangling_links(store) -> set[Link]:
    """The links of live records to deleted ones, as ``(collection, id, field)``."""
    with store.reading():
        return _dangling(_winners(_copies(store)))


def _dangling(winners: dict[str, dict[str, dict]]) -> set[Link]:
    links: set[Link] = set()
    for collection, by_id in winners.items():
        refs = references(collection)
        for rid, record in by_id.items():
            if record.get("deleted"):
                continue
            for field, target in refs.items():
                value = record.get(field)
                pointed = winners.get(target, {}).get(value) if isinstance(value, str) else None
                if pointed is not None and pointed.get("deleted"):
                    links.add((collection, rid, field))
    return links


def reconcile(store, revive_except: Iterable[Link] | None = None) -> list[str]:
    """Remove twins and, unless ``revive_except`` is None, revive deleted targets of links
    not in it (see the module doc); returns one line per record fixed.

    Everything is written in one transaction; nothing when there is nothing to fix.
    """
    said: list[str] = []
    with store.transaction() as tx:
        copies = _copies(store)
        winners = _winners(copies)
        said += _remove_twins(tx, copies, winners)
        links = set() if revive_except is None else _dangling(winners) - set(revive_except)
        said += _revive(tx, links, lambda collection, rid: winners[collection][rid])
    return said


def reconcile_files(
    store, rels: Iterable[str], before: Callable[[str], dict[str, dict]] | None = None
) -> list[str]:
    """What :func:`reconcile` does after a change of the files ``rels`` only (a merge:
    the files git changed), reading only what that change can concern (module doc).

    ``before(rel)`` gives the records a changed file held before the merge (``{}``: it
    had none). With it, deleted targets are revived as :func:`reconcile` revives them
    given the links that dangled before the merge; without it (a fast-forward, or
    nothing merged), twins only. Everything is written in one transaction.
    """
    said: list[str] = []
    with store.transaction() as tx:  # its start re-reads and re-indexes changed files
        finder = _Finder(store, rels)
        copies = finder.copies_of_changed()
        # links first, while the files read are as the merge left them (removing a twin
        # changes no record's winning copy)
        links = set() if before is None else finder.new_dangling(before)
        said += _remove_twins(tx, copies, _winners(copies))
        said += _revive(tx, links, finder.winner)
    return said


class _Finder:
    """The records concerned by a change of some files, found through the id index.

    ``winner`` answers for any record, reading only the files the index says hold it;
    a record's copies are found once (later answers reflect revivals, see ``_revive``).
    """

    def __init__(self, store, rels: Iterable[str]) -> None:
        self.store = store
        self.changed: dict[str, set[str]] = {}  # collection -> changed files, gone ones too
        for rel in set(rels):
            parsed = parse_relpath(rel)
            if parsed is not None:
                self.changed.setdefault(parsed[0], set()).add(rel)
        self.winners: dict[tuple[str, str], dict | None] = {}

    def _present(self, collection: str) -> list[str]:
        return [
            rel for rel in self.store._all_rels(collection) if self.store.backend.signature(rel)
        ]

    def copies_of_changed(self) -> Copies:
        """Every copy of every record the changed files hold, wherever it is."""
        store, found = self.store, {}
        for collection, changed in self.changed.items():
            present = self._present(collection)
            wanted: set[str] = set()
            for rel in sorted(changed.intersection(present)):
                wanted.update(store._shard_records(rel))
            by_id: dict[str, list[tuple[str, dict]]] = {}
            for rel in present:
                held = wanted if rel in changed else wanted.intersection(store._ids_of(rel))
                records = store._shard_records(rel) if held else {}
                for rid in sorted(held):
                    if rid in records:
                        by_id.setdefault(rid, []).append((rel, records[rid]))
            found[collection] = by_id
        for collection, by_id in found.items():
            for rid, copies in _winners({collection: by_id})[collection].items():
                self.winners[collection, rid] = copies
        return found

    def winner(self, collection: str, rid: str) -> dict | None:
        """The copy of ``rid`` that wins (None: there is none)."""
        if (collection, rid) not in self.winners:
            self.winners[collection, rid] = self._newest(
                self.store._shard_records(rel).get(rid)
                for rel in self.store._candidate_rels(collection, rid)
            )
        return self.winners[collection, rid]

    def winner_before(
        self, collection: str, rid: str, before: Callable[[str], dict[str, dict]]
    ) -> dict | None:
        """The copy of ``rid`` that won before the change: unchanged files as they are,
        changed ones as ``before`` gives them."""
        changed = self.changed.get(collection, set())
        kept = [rel for rel in self.store._candidate_rels(collection, rid) if rel not in changed]
        return self._newest(
            [
                *(self.store._shard_records(rel).get(rid) for rel in kept),
                *(before(rel).get(rid) for rel in sorted(changed)),
            ]
        )

    @staticmethod
    def _newest(found: Iterable[dict | None]) -> dict | None:
        from stratui.domain.merge import newest

        copies = [record for record in found if record is not None]
        if len(copies) < 2:
            return dict(copies[0]) if copies else None
        return dict(newest(copies))

    def new_dangling(self, before: Callable[[str], dict[str, dict]]) -> set[Link]:
        """The links of live records to deleted ones that did not dangle before the
        change: those from a record the changed files hold, and those to a record they
        hold deleted that was not deleted before (found by reading the collections that
        may point to it: a deletion arriving is the one change that costs more)."""
        links: set[Link] = set()
        newly_deleted: dict[str, set[str]] = {}
        for (collection, rid), record in list(self.winners.items()):
            if record is None:
                continue
            if record.get("deleted"):
                earlier = self.winner_before(collection, rid, before)
                if earlier is None or not earlier.get("deleted"):
                    newly_deleted.setdefault(collection, set()).add(rid)
                continue
            for field, target in references(collection).items():
                value = record.get(field)
                pointed = self.winner(target, value) if isinstance(value, str) else None
                if pointed is not None and pointed.get("deleted"):
                    links.add((collection, rid, field))
        for collection, field, target in _links_into(newly_deleted):
            for rel in self._present(collection):
                for rid, record in self.store._shard_records(rel).items():
                    if self._points(record, field, newly_deleted[target]):
                        record = self.winner(collection, rid) or {}
                        if not record.get("deleted") and self._points(
                            record, field, newly_deleted[target]
                        ):
                            links.add((collection, rid, field))
        return {link for link in links if not self._dangled_before(link, before)}

    @staticmethod
    def _points(record: dict, field: str, ids: set[str]) -> bool:
        value = record.get(field)
        return isinstance(value, str) and value in ids

    def _dangled_before(self, link: Link, before: Callable[[str], dict[str, dict]]) -> bool:
        collection, rid, field = link
        record = self.winner_before(collection, rid, before)
        if record is None or record.get("deleted") or not isinstance(record.get(field), str):
            return False
        pointed = self.winner_before(references(collection)[field], record[field], before)
        return pointed is not None and bool(pointed.get("deleted"))


def _links_into(targets: Iterable[str]) -> list[tuple[str, str, str]]:
    """``(collection, field, target)`` for each field of any collection that points
    into one of the collections ``targets``."""
    wanted = set(targets)
    return [
        (collection, field, target)
        for collection in (*UNSHARDED, *SHARDED)
        for field, target in references(collection).items()
        if target in wanted
    ]


def _remove_twins(tx, copies: Copies, winners: dict[str, dict[str, dict]]) -> list[str]:
    """Keep one copy, the winner, of each record stored more than once; a line each."""
    said = []
    for collection, by_id in copies.items():
        for rid, found in by_id.items():
            if len(found) < 2:
                continue
            for rel, _record in found:
                del tx._staged(rel)[rid]
            placed = tx.put(collection, winners[collection][rid])
            files = ", ".join(rel for rel, _ in found)
            where = _file_of(tx, collection, rid)
            said.append(
                f"{collection} {rid} was stored twice after the merge ({files}): "
                f"kept the newest ({placed['updated_at']}) in {where}"
            )
    return said


def _revive(tx, links: Iterable[Link], winner: Callable[[str, str], dict | None]) -> list[str]:
    """Revive the deleted target of each link (in order); a line each. ``winner`` gives
    a record's winning copy, and is updated in place as targets come alive."""
    said = []
    for collection, rid, field in sorted(links):
        record = winner(collection, rid)
        target = references(collection)[field]
        tomb = winner(target, record[field]) if record else None
        if tomb is None or not tomb.get("deleted"):
            continue  # revived already, for another link
        alive = {key: value for key, value in tomb.items() if key != "deleted"}
        try:
            tx.put(target, alive)
        except ValidationError as error:
            said.append(f"{target} {tomb['id']} stays deleted: {error}")
            continue
        tomb.pop("deleted")  # the winner's copy: later links see it alive
        said.append(
            f"{target} {tomb['id']} was deleted on one side but {collection} {rid} "
            f"points to it ({field}): kept it"
        )
    return said


def _file_of(tx, collection: str, rid: str) -> str:
    for rel, records in tx.staged.items():
        if parse_relpath(rel)[0] == collection and rid in records:
            return rel
    return "its shard"


def notice_files(store, rels: Iterable[str]) -> None:
    """Make the store re-read ``rels`` (changed by git) whatever their size and time say.

    The store spots changed files by size and modification time; git can rewrite a file
    with the same size within the same clock tick as stratui's last write, so after a
    merge the files git reports as changed are forgotten and read again.
    """
    manifest = store._load_manifest()
    for rel in rels:
        manifest.pop(rel, None)
        store._cache.pop(rel, None)
    store.verify_changes()
