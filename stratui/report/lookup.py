"""Finding a commitment or goal by id for a report: from what was read, else through the
store's id index (what the report reads, part by part, is a
:class:`~stratui.store.reader.Reader`'s)."""

from __future__ import annotations

from collections.abc import Mapping

from stratui.store.store import Store


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
