"""The goal use cases: create, edit, drop, and link commitments to a goal."""

from __future__ import annotations

from stratui.domain import records as rec
from stratui.services import Stratui


def goals(app: Stratui, *, status: str | None = None) -> list[dict]:
    """Goals, optionally of one status, by priority then title."""
    found = app.store.find("goals", **({"status": status} if status else {}))
    return sorted(found, key=lambda g: (g.get("priority") or 9, g["title"].lower(), g["id"]))


def create(app: Stratui, fields: dict) -> dict:
    """A new active goal; ``parent`` may be an id prefix, and its dates and team are inherited."""
    fields = dict(fields)
    parent_ref = fields.pop("parent", None)
    with app.store.transaction() as tx:
        if parent_ref:
            parent = app.store.resolve("goals", parent_ref)
            fields["parent_id"] = parent["id"]
            for inherited in ("start", "end", "team"):
                fields.setdefault(inherited, parent.get(inherited))
        fields.setdefault("owner", app.me)
        record = rec.new_record("goals", {**fields, "status": "active"}, app.clock.now())
        return tx.insert("goals", record)


def edit(app: Stratui, ref: str, changes: dict) -> dict:
    """Change a goal's fields (``None`` removes an optional one)."""
    with app.store.transaction() as tx:
        record = app.store.resolve("goals", ref)
        return tx.put("goals", rec.updated("goals", record, changes, app.clock.now()))


def drop(app: Stratui, ref: str) -> dict:
    """Drop a goal: it stays in the history, marked dropped."""
    return edit(app, ref, {"status": "dropped"})


def link(app: Stratui, goal_ref: str, commitment_ref: str) -> dict:
    """Link a commitment to a goal."""
    goal = app.store.resolve("goals", goal_ref)
    return app.set_commitment(commitment_ref, goal=goal["id"])
