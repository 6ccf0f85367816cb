"""The use cases the command line and the TUI share: one function per thing a user does.

Each use case validates its input through the domain, reads and writes through one store
transaction, and returns the records it touched. Neither door holds a rule of its own:
the CLI parses arguments and prints, the TUI shows and asks; both call these.

No Textual and no Rich here; TinyDB only through the store.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable

from stratui.clock import Clock
from stratui.domain import records as rec
from stratui.domain.schema import ValidationError
from stratui.store.errors import AmbiguousId, UnknownId
from stratui.store.layout import key_for_week
from stratui.store.store import Store


def current_user(store: Store | None = None) -> str:
    """Who ``me`` is: ``STRATUI_ME``, else the store's local config, else the login name."""
    name = os.environ.get("STRATUI_ME", "").strip()
    if name:
        return name
    if store is not None:
        data = store.backend.local_read("config.json")
        if data:
            try:
                configured = json.loads(data).get("me")
            except ValueError:
                configured = None
            if isinstance(configured, str) and configured.strip():
                return configured.strip()
    for variable in ("LOGNAME", "USER", "USERNAME"):  # what getpass reads first, unimported
        if os.environ.get(variable):
            return os.environ[variable]
    import getpass

    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "me"


class Stratui:
    """The use cases over one store and one clock."""

    def __init__(self, store: Store, clock: Clock | None = None) -> None:
        self.store = store
        self.clock = clock or Clock()
        store.before_commit = self._me_first

    def _me_first(self, tx) -> None:
        """A store's first write (or any write while it has no people) makes ``me`` a person.

        So a new user's first ``stratui log`` (or ``person add ben``, or weekly review)
        just works, and the records it writes name a person. An import writes its
        document as it is (see :meth:`import_document`); a ``me`` that is not a valid
        name is not added.
        """
        from stratui.domain import people as rules

        everyone = self.store.all("people")  # with this write's
        if everyone and self.store.backend.exists():
            return
        try:
            name = rules.check_name(self.me)
        except ValidationError:
            return
        if rules.find_named(everyone, name) is None:
            person = rec.new_record("people", {"name": name, "teams": []}, self.clock.now())
            tx.insert("people", person)

    def person_named(self, name: str | None, field: str) -> str:
        """The stored name of the person ``name`` (default: me) for a record's ``field``.

        Found exactly, else up to case (``ANA`` gives ``ana``). Anyone else is refused
        with a ValidationError naming ``field`` and who exists. ``me`` is accepted while
        the store has no people yet, as the write then makes me its first person (see
        :meth:`_me_first`). Call it inside the write's transaction.
        """
        from stratui.domain import people as rules

        given = (name or "").strip()
        name = given or self.me
        everyone = self.store.all("people")
        if not everyone and rules.same_name(name, self.me):
            return rules.check_name(self.me, field)
        if given:
            return str(rules.require_named(everyone, name, field, "person")["name"])
        found = rules.find_named(everyone, name)
        if found is None:  # me, by default, and me is nobody here
            raise ValidationError(
                "me",
                f"{name!r} is not a person of this store (known people: "
                f"{rules.known_names(everyone)}); say who you are with `stratui person me "
                f"NAME`, or add yourself with `stratui person add {name}`",
            )
        return str(found["name"])

    @property
    def me(self) -> str:
        """The current user's name."""
        return current_user(self.store)

    def this_week(self) -> str:
        """The ISO week of today."""
        from stratui.domain.weeks import week_of

        return week_of(self.clock.today())

    # -- commitments -------------------------------------------------------------------

    def log(
        self,
        title: str,
        *,
        owner: str | None = None,
        week: str | None = None,
        goal: str | None = None,
        due: str | None = None,
        confidence: int | None = None,
        source: str = "manual",
        review_id: str | None = None,
    ) -> dict:
        """Record a new open commitment; ``goal`` may be an id prefix."""
        with self.store.transaction() as tx:
            goal_id = self.store.resolve("goals", goal)["id"] if goal else None
            record = rec.new_commitment(
                title=title,
                owner=self.person_named(owner, "owner"),
                week=week or self.this_week(),
                now=self.clock.now(),
                goal_id=goal_id,
                due=due,
                confidence=confidence,
                source=source,
                review_id=review_id,
            )
            return tx.insert("commitments", record)

    def commitments(
        self,
        *,
        week: str | None = None,
        weeks: Iterable[str] | None = None,
        owner: str | None = None,
        status: str | None = None,
        everything: bool = False,
    ) -> list[dict]:
        """Commitments of ``week`` (default this week), or of all weeks, filtered.

        Sorted by week, owner, then creation, which is how a person reads a list.
        """
        equals = {k: v for k, v in (("owner", owner), ("status", status)) if v}
        if everything:
            found = self.store.find("commitments", **equals)
        else:
            chosen = list(weeks) if weeks is not None else [week or self.this_week()]
            wanted = set(chosen)
            found = self.store.find(
                "commitments",
                keys=[key_for_week(w) for w in chosen],
                where=lambda record: record["week"] in wanted,
                **equals,
            )
        return sorted(found, key=lambda r: (r["week"], r["owner"], r["created_at"], r["id"]))

    def commitment(self, ref: str) -> dict:
        """The commitment whose id starts with ``ref``."""
        return self.store.resolve("commitments", ref)

    def complete(self, ref: str, *, note: str | None = None) -> dict:
        """Mark a commitment done (progress 100, closed today)."""
        return self.set_commitment(ref, status="done", note=note)

    def set_commitment(
        self,
        ref: str,
        *,
        status: str | None = None,
        progress: float | None = None,
        note: str | None = None,
        title: str | None = None,
        week: str | None = None,
        goal: str | None = None,
        due: str | None = None,
        confidence: int | None = None,
    ) -> dict:
        """Change a commitment: its outcome, progress, notes or plan fields."""
        with self.store.transaction() as tx:
            record = self.store.resolve("commitments", ref)
            now, today = self.clock.now(), self.clock.today()
            changes: dict[str, object] = {}
            if title is not None:
                changes["title"] = title.strip()
            if week is not None:
                changes["week"] = week
            if goal is not None:
                changes["goal_id"] = self.store.resolve("goals", goal)["id"] if goal else None
            if due is not None:
                changes["due"] = due or None
            if confidence is not None:
                changes["confidence"] = confidence
            if changes:
                record = rec.updated("commitments", record, changes, now)
            if status is not None:
                record = rec.close_commitment(record, status, now, today, progress=progress)
            elif progress is not None:
                record = rec.updated("commitments", record, {"progress": progress}, now)
            if note:
                record = rec.updated(
                    "commitments",
                    record,
                    {"notes": rec.append_note(record.get("notes"), note)},
                    now,
                )
            return tx.put("commitments", record)

    def carry_over(self, ref: str, *, review_id: str | None = None) -> tuple[dict, dict]:
        """Carry an unfinished commitment into the next week; returns (old, new).

        An open original is closed as missed (or partial when it has progress), so the
        slip is counted once, on the week where it happened.
        """
        with self.store.transaction() as tx:
            old = self.store.resolve("commitments", ref)
            now, today = self.clock.now(), self.clock.today()
            if old.get("status") == "open":
                outcome = "partial" if old.get("progress") else "missed"
                old = tx.put("commitments", rec.close_commitment(old, outcome, now, today))
            new = tx.insert("commitments", rec.carry_over(old, now, review_id=review_id))
            return old, new

    def delete_commitment(self, ref: str) -> dict:
        """Delete a commitment (a tombstone is kept for merges)."""
        with self.store.transaction() as tx:
            record = self.store.resolve("commitments", ref)
            return tx.delete("commitments", record["id"], self.clock.now())

    # -- roadblocks --------------------------------------------------------------------

    def block(
        self,
        title: str,
        *,
        kind: str = "other",
        severity: str = "medium",
        on: str | None = None,
        owner: str | None = None,
    ) -> dict:
        """Raise a roadblock, optionally on a commitment or a goal (id prefix)."""
        with self.store.transaction() as tx:
            link = self._resolve_link(on) if on else {}
            record = rec.new_record(
                "roadblocks",
                {
                    "title": title.strip(),
                    "kind": kind,
                    "severity": severity,
                    "owner": self.person_named(owner, "owner"),
                    "raised_on": self.clock.today().isoformat(),
                    **link,
                },
                self.clock.now(),
            )
            return tx.insert("roadblocks", record)

    def _resolve_link(self, ref: str) -> dict[str, str]:
        """``commitment_id`` or ``goal_id`` for a prefix that names exactly one of them."""
        found: list[tuple[str, dict]] = []
        for collection, field in (("commitments", "commitment_id"), ("goals", "goal_id")):
            try:
                found.append((field, self.store.resolve(collection, ref)))
            except UnknownId:
                continue
        if not found:
            raise UnknownId(f"--on: no commitment or goal has an id starting with {ref!r}")
        if len(found) > 1:
            raise AmbiguousId(
                f"--on: {ref!r} matches both a commitment and a goal; give more characters",
                [record for _, record in found],
            )
        field, record = found[0]
        return {field: record["id"]}

    # -- whole store -------------------------------------------------------------------

    def export_document(self) -> dict:
        """The whole store as an interchange document (EXPORT-FORMAT.md)."""
        from stratui.exchange.document import build_document

        return build_document(self.store.collections(), rec.stamp(self.clock.now()))

    def import_document(self, document: object):
        """Import an interchange document, all or nothing; returns the import plan."""
        from stratui.exchange.importer import plan_import

        def lookup(collection: str, rid: str) -> dict | None:
            return self.store.get(collection, rid, deleted=True)

        with self.store.transaction() as tx:
            tx.before_commit = None  # the document as it is: me is not added to it
            plan = plan_import(document, lookup)
            tx.put_many(plan.writes)
        return plan

    def is_empty(self) -> bool:
        """True when the store holds no live record at all."""
        return not any(self.store.collections().values())


__all__ = ["AmbiguousId", "Stratui", "UnknownId", "ValidationError", "current_user"]
