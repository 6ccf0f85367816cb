"""TinyDB, the query engine over a shard; the only module that imports it.

A shard's records are served to TinyDB by :class:`ShardStorage`, a TinyDB ``Storage``
whose ``read`` hands over the records the store has already decoded, and queries are
TinyDB queries. Writes do not go through TinyDB: a transaction replaces whole records
in its staged copy of each shard and commits every changed file at once through the
backend (temporary files, fsync, rename, journal), which TinyDB's own ``JSONStorage``
cannot do across files or processes. Keeping TinyDB out of the write path also keeps
it out of ``stratui log``, whose budget is a few milliseconds over starting Python.

Records keep their own string ids as TinyDB document ids.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import reduce
from operator import and_

from tinydb import Query, TinyDB
from tinydb.storages import Storage
from tinydb.table import Table


class _RecordTable(Table):
    """A TinyDB table keyed by the records' own ids (strings), never by counters."""

    document_id_class = str

    def _get_next_id(self):  # pragma: no cover - every record arrives with its id
        raise TypeError("stratui records carry their own ids")


class _ShardDB(TinyDB):
    table_class = _RecordTable


class ShardStorage(Storage):
    """Serves one shard's records to TinyDB, read-only (writes are the store's)."""

    def __init__(self, collection: str, records: Mapping[str, dict]) -> None:
        self.collection = collection
        self.records = records

    def read(self) -> dict:
        return {self.collection: self.records}

    def write(self, data: dict) -> None:
        raise TypeError("stratui writes through store transactions, not through TinyDB")


def search(collection: str, records: Mapping[str, dict], equals: Mapping[str, object]) -> list:
    """The live records of a shard whose fields equal ``equals`` (all when it is empty)."""
    db = _ShardDB(storage=ShardStorage, collection=collection, records=records)
    record = Query()
    conditions = [record[field] == value for field, value in equals.items()]
    conditions.append(~(record.deleted == True))  # noqa: E712 - a TinyDB query, not a test
    return db.table(collection, cache_size=0).search(reduce(and_, conditions))
