"""Reading a long stretch of history part by part, each part once: for reports and trends.

A report reads far back (a streak, the retrospectives after a window, every roadblock
open on a day), and reads the same part of the store for several figures. A
:class:`Reader` keeps what it read, so those figures share one read, and asks in weeks
and days: how the store is split into parts (shards) is the store's own business. Each
answer is whole parts, so a caller filters what it asked for from them (a superset of
the weeks asked is returned, never less).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from stratui.domain.weeks import week_of
from stratui.store.layout import key_for_week, key_weeks, keys_for_weeks, parse_relpath
from stratui.store.store import Store


@dataclass(frozen=True)
class Part:
    """A part of a collection read in full: the ISO weeks it spans and its records."""

    first: str
    last: str
    records: list[dict]


class Reader:
    """Reads the parts of a store once each, in week order."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self._read: dict[tuple[str, str], list[dict]] = {}
        self._indexes: dict[tuple[str, str, str], dict[str, list[dict]]] = {}
        self._keys: dict[str, list[str]] | None = None

    def _existing(self, collection: str) -> list[str]:
        """The parts of ``collection`` that exist, oldest first."""
        if self._keys is None:
            self._keys = {}
            for rel in self.store.backend.listing():
                parsed = parse_relpath(rel)
                if parsed and parsed[1] is not None:
                    self._keys.setdefault(parsed[0], []).append(parsed[1])
            for keys in self._keys.values():
                keys.sort()
        return self._keys.get(collection, [])

    def _records(self, collection: str, keys: Iterable[str]) -> list[dict]:
        found: list[dict] = []
        for key in sorted(set(keys)):
            if (collection, key) not in self._read:
                self._read[collection, key] = self.store.find(collection, keys=[key])
            found += self._read[collection, key]
        return found

    def weeks(self, collection: str, weeks: Iterable[str]) -> list[dict]:
        """The records of the parts holding ``weeks``."""
        return self._records(collection, keys_for_weeks(weeks))

    def between(self, collection: str, first: str, last: str) -> list[dict]:
        """The records of the parts holding the weeks ``first`` to ``last``."""
        return self._records(collection, self._keys_between(collection, first, last))

    def between_matching(
        self, collection: str, first: str, last: str, field: str, value: str
    ) -> list[dict]:
        """The records of :meth:`between` whose ``field`` is ``value`` (a text).

        Each part is indexed by ``field`` once and kept, so many look-ups over
        overlapping stretches (each retrospective's actions) cost one pass over each
        part, not one per look-up.
        """
        found: list[dict] = []
        for key in sorted(self._keys_between(collection, first, last)):
            index = self._indexes.get((collection, key, field))
            if index is None:
                index = {}
                for record in self._records(collection, [key]):
                    if isinstance(found_value := record.get(field), str):
                        index.setdefault(found_value, []).append(record)
                self._indexes[collection, key, field] = index
            found += index.get(value, [])
        return found

    def _keys_between(self, collection: str, first: str, last: str) -> set[str]:
        low, high = key_for_week(first), key_for_week(last)
        return {low, *(k for k in self._existing(collection) if low <= k <= high)}

    def until(self, collection: str, day: dt.date) -> list[dict]:
        """The records of every part up to the one holding ``day``."""
        bound = key_for_week(week_of(day))
        return self._records(collection, [k for k in self._existing(collection) if k <= bound])

    def summarised_until(
        self,
        collection: str,
        day: dt.date,
        name: str,
        summarise: Callable[[list[dict]], object],
        keep: Callable[[object], bool],
    ) -> list[dict]:
        """The records of the parts up to the one holding ``day`` whose summary passes
        ``keep`` (a part without one is read).

        The summaries are the store's (:meth:`Store.digests`, ``name`` and
        ``summarise``), kept between runs: a figure that needs, say, the roadblocks open
        at some point of a window reads the parts that hold one, not ten years of them.
        """
        bound = key_for_week(week_of(day))
        summaries = self.store.digests(collection, name, summarise)
        return self._records(
            collection,
            [
                key
                for key in self._existing(collection)
                if key <= bound and (key not in summaries or keep(summaries[key]))
            ],
        )

    def since(self, collection: str, day: dt.date, until: dt.date) -> list[dict]:
        """The records of the parts holding ``day`` to ``until``."""
        return self.between(collection, week_of(day), week_of(until))

    def after(self, collection: str, week: str, until: dt.date) -> Iterator[Part]:
        """The parts after the one holding ``week``, up to the one holding ``until``,
        oldest first, read as they are asked for (stop early to read less)."""
        low, high = key_for_week(week), key_for_week(week_of(until))
        for key in [k for k in self._existing(collection) if low < k <= high]:
            yield Part(*key_weeks(key), self._records(collection, [key]))

    def back_from(self, collection: str, day: dt.date) -> Iterator[Part]:
        """The parts up to the one holding ``day``, newest first, that one included
        even when it does not exist yet (it is then empty), read as they are asked for."""
        newest = key_for_week(week_of(day))
        keys = [newest, *(k for k in reversed(self._existing(collection)) if k < newest)]
        for key in keys:
            yield Part(*key_weeks(key), self._records(collection, [key]))

    def oldest(self, collection: str) -> list[dict]:
        """The records of the oldest part of ``collection`` ([] when it has none)."""
        return self._records(collection, self._existing(collection)[:1])

    def everything(self, collection: str) -> list[dict]:
        """Every record of ``collection`` read so far."""
        return [
            r for (name, _), records in self._read.items() if name == collection for r in records
        ]
