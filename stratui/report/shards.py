"""Reading a store shard by shard, each shard once: the report's window onto the store.

:class:`Shards` knows which shards exist (from the store's file listing) and keeps what
it read, so the figures that need the same shard share one read; :class:`Lookup`
finds a commitment or goal by id, from what was read or through the store's id index.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from stratui.store.layout import key_for_week, parse_relpath
from stratui.store.store import Store


class Shards:
    """Reads shards once each, and knows which exist."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self._read: dict[tuple[str, str], list[dict]] = {}
        self._keys: dict[str, list[str]] | None = None

    def keys(self, collection: str) -> list[str]:
        """The shard keys of ``collection`` that exist, oldest first."""
        if self._keys is None:
            self._keys = {}
            for rel in self.store.backend.listing():
                parsed = parse_relpath(rel)
                if parsed and parsed[1] is not None:
                    self._keys.setdefault(parsed[0], []).append(parsed[1])
            for keys in self._keys.values():
                keys.sort()
        return self._keys.get(collection, [])

    def records(self, collection: str, keys: Iterable[str]) -> list[dict]:
        """The live records of those shards of ``collection``."""
        found: list[dict] = []
        for key in sorted(set(keys)):
            if (collection, key) not in self._read:
                self._read[collection, key] = self.store.find(collection, keys=[key])
            found += self._read[collection, key]
        return found

    def for_weeks(self, collection: str, weeks: Iterable[str]) -> list[dict]:
        """The records of the shards holding ``weeks`` (the whole shards, not just them)."""
        return self.records(collection, {key_for_week(week) for week in weeks})

    def everything(self, collection: str) -> list[dict]:
        """Every record of ``collection`` read so far."""
        return [
            r for (name, _), records in self._read.items() if name == collection for r in records
        ]


class Lookup:
    """Commitments and goals by id for the scope of roadblocks and adjustments."""

    def __init__(self, store: Store, by_id: dict[str, dict], goals: dict[str, dict]) -> None:
        self.store, self.by_id, self.goals = store, by_id, goals

    def commitment(self, rid: str) -> Mapping | None:
        """The commitment ``rid`` (read already, else through the id index), or None."""
        if rid not in self.by_id:
            record = self.store.get("commitments", rid)
            if record is None:
                return None
            self.by_id[rid] = record
        return self.by_id[rid]

    def goal(self, rid: str) -> Mapping | None:
        """The goal ``rid``, or None."""
        return self.goals.get(rid)
