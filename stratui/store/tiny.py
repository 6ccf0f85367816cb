"""TinyDB, the query and update engine over one shard; the only module that imports it.

A shard's records are served to TinyDB by :class:`ShardStorage`, a TinyDB ``Storage``
whose ``read`` hands over the records the store has already decoded and whose ``write``
hands the result back to the store's transaction. Durability is not TinyDB's job here:
the transaction commits every changed shard at once through the backend (atomic rename,
journal), which TinyDB's own ``JSONStorage`` cannot do across files or processes.

Records keep their own string ids as TinyDB document ids.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from functools import reduce
from operator import and_

from tinydb import Query, TinyDB
from tinydb.storages import Storage
from tinydb.table import Document, Table


class _RecordTable(Table):
    """A TinyDB table keyed by the records' own ids (strings), never by counters."""

    document_id_class = str

    def _get_next_id(self):  # pragma: no cover - every record arrives with its id
        raise TypeError("stratui records carry their own ids")


class _ShardDB(TinyDB):
    table_class = _RecordTable


class ShardStorage(Storage):
    """Serves one shard's records to TinyDB and passes TinyDB's writes to a callback."""

    def __init__(self, collection: str, records: dict, on_write: Callable[[dict], None]):
        self.collection = collection
        self.records = records
        self.on_write = on_write

    def read(self) -> dict:
        return {self.collection: self.records}

    def write(self, data: dict) -> None:
        self.records = data.get(self.collection, {})
        self.on_write(self.records)


def shard_table(
    collection: str, records: dict, on_write: Callable[[dict], None] | None = None
) -> Table:
    """A TinyDB table over ``records`` (by id); ``on_write`` receives every new state."""
    db = _ShardDB(
        storage=ShardStorage,
        collection=collection,
        records=records,
        on_write=on_write or _read_only,
    )
    return db.table(collection, cache_size=0)


def _read_only(_records: dict) -> None:
    raise TypeError("this shard was opened for reading")


def search(table: Table, equals: Mapping[str, object]) -> list[dict]:
    """The live records whose fields equal ``equals`` (all of them when it is empty)."""
    record = Query()
    conditions = [record[field] == value for field, value in equals.items()]
    conditions.append(~(record.deleted == True))  # noqa: E712 - a TinyDB query, not a test
    return [dict(doc) for doc in table.search(reduce(and_, conditions))]


def put(table: Table, record: Mapping) -> None:
    """Insert ``record``, or replace the stored record with the same id whole."""
    rid = record["id"]
    if table.contains(doc_id=rid):
        # Remove and insert rather than update in place: the shard's record objects are
        # shared with the store's read cache and must not change under a reader.
        table.remove(doc_ids=[rid])
    table.insert(Document(dict(record), doc_id=rid))


def remove(table: Table, rid: str) -> None:
    """Drop the record ``rid`` from this shard (it moved to another one)."""
    table.remove(doc_ids=[rid])


def put_many(table: Table, records: list[Mapping]) -> None:
    """Insert or replace ``records`` whole, with one TinyDB removal and one insertion."""
    present = [record["id"] for record in records if table.contains(doc_id=record["id"])]
    if present:
        table.remove(doc_ids=present)
    table.insert_multiple(Document(dict(record), doc_id=record["id"]) for record in records)
