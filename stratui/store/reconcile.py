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

``stratui sync`` calls this under the store's exclusive lock, right after a merge, and
commits the result with the merge. Like ``verify``, it reads every file of the store.
"""

from __future__ import annotations

from collections.abc import Iterable

from stratui.domain.schema import ValidationError, references
from stratui.store.layout import META_FILE, parse_relpath

Link = tuple[str, str, str]  # (collection, id, field) of a live record pointing to a tombstone


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
        collection: {rid: dict(newest(r for _, r in found)) for rid, found in by_id.items()}
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
        links = set() if revive_except is None else _dangling(winners) - set(revive_except)
        for collection, rid, field in sorted(links):
            record = winners[collection][rid]
            target = references(collection)[field]
            tomb = winners[target][record[field]]
            if not tomb.get("deleted"):
                continue  # revived already, for another link
            alive = {key: value for key, value in tomb.items() if key != "deleted"}
            try:
                tx.put(target, alive)
            except ValidationError as error:
                said.append(f"{target} {tomb['id']} stays deleted: {error}")
                continue
            winners[target][tomb["id"]] = alive
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
