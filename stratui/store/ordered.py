"""Reading a whole collection in an order of the caller's, holding few of its parts at once.

``stratui export`` and ``list --all`` go through every record of a collection in an
order (creation; week then owner) that is not the order of the store's files. Reading
every file and sorting holds the whole history in memory (a gigabyte for ten years of
fifty people); :func:`in_order` instead merges the files, each read when the merge
reaches its first record and let go once it is written out, so memory stays that of a
few files whatever the length of the history.
"""

from __future__ import annotations

import heapq
from collections.abc import Callable, Iterator, Mapping
from typing import Any

from stratui.store.layout import parse_relpath
from stratui.store.store import Store

Key = Callable[[Mapping[str, Any]], Any]


def in_order(
    store: Store,
    collection: str,
    key: Key,
    where: Callable[[dict], bool] | None = None,
    *,
    name: str | None = None,
) -> Iterator[dict]:
    """The live records of ``collection`` that ``where`` keeps, sorted by ``key``
    (unique per record: an id as tie-break), as :meth:`Store.find` would give them.

    A first pass notes each part's smallest key; the second merges the parts, reading
    each when the merge reaches its smallest key and dropping it once it is written
    out. Records mostly lie in the parts of the weeks they are about, and the orders
    asked for follow time, so two or three parts are alive at a time; a part whose
    first record is far older than its neighbours' stays until it is written out, and
    the order is right whatever the parts hold. Hold :meth:`Store.reading` around the
    whole iteration for one consistent state. Do not change the records.

    A record stored twice (moved to another part on one clone, edited where it was on
    another, until ``stratui sync`` reconciles the merge) is given once, from the last
    part, as the store reads it, when ``key`` keeps its copies side by side, as
    creation order does (a record's creation time never changes); in another order its
    copies may come apart and are then both given, as ``stratui check`` reports them.
    Telling them apart in every order would take a set of every id: memory in
    proportion to the store, which this module exists to avoid.

    ``name`` (which must stand for ``key``, with no ``where``; the key a flat tuple of
    JSON values) keeps each part's smallest key among the store's summaries
    (:meth:`Store.digests`), so the next pass reads each unchanged part once, not twice.
    """
    parts = store.parts(collection)

    def read(index: int) -> list[dict]:
        found = store.read_part(parts[index])
        return found if where is None else [record for record in found if where(record)]

    firsts = _firsts(store, collection, parts, key, name) if name and not where else None
    if firsts is None:
        firsts = []
        for index in range(len(parts)):
            records = read(index)
            if records:
                firsts.append((min(map(key, records)), index))
    firsts.sort(reverse=True)  # the smallest last, to pop
    waiting: list[tuple[Any, int, int]] = []  # (key, part, position) of the next records
    loaded: dict[int, list[tuple[Any, int, dict]]] = {}  # part -> (key, n, record) sorted
    held: dict | None = None  # the record to give next, unless a later copy replaces it
    while firsts or waiting:
        while firsts and (not waiting or firsts[-1][0] <= waiting[0][0]):
            index = firsts.pop()[1]
            records = read(index)
            if records:
                loaded[index] = sorted((key(r), n, r) for n, r in enumerate(records))
                heapq.heappush(waiting, (loaded[index][0][0], index, 0))
        if not waiting:
            continue
        _, index, position = heapq.heappop(waiting)
        ordered = loaded[index]
        record = ordered[position][2]
        if held is not None and held["id"] != record["id"]:
            yield held
        held = record  # a copy of the same id from a later part replaces the one held
        if position + 1 < len(ordered):
            heapq.heappush(waiting, (ordered[position + 1][0], index, position + 1))
        else:
            del loaded[index]
    if held is not None:
        yield held


def _firsts(
    store: Store, collection: str, parts: list[str], key: Key, name: str
) -> list[tuple[Any, int]] | None:
    """Each part's smallest key (parts without a record left out), from the store's
    summaries; None when the collection has no summaries (it is kept in one file)."""

    def smallest(records: list[dict]) -> object:
        return list(min(map(key, records))) if records else None

    try:
        found = store.digests(collection, f"first-{name}", smallest, keep=False)
    except ValueError:
        return None
    keys = [str(parse_relpath(part)[1]) for part in parts]  # type: ignore[index]
    return [
        (tuple(found[k]), index)  # type: ignore[arg-type]
        for index, k in enumerate(keys)
        if found.get(k) is not None
    ]
