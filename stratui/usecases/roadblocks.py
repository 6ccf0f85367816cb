"""The roadblock use cases: raise, assign, resolve, list (shared by the TUI and CLI)."""

from __future__ import annotations

from stratui.domain import records as rec
from stratui.domain.schema import ValidationError
from stratui.usecases.workspace import Stratui

STATES = ("open", "resolved", "all")


def roadblocks(app: Stratui, *, state: str = "open", kind: str | None = None) -> list[dict]:
    """Roadblocks by state (open, resolved, all) and kind; oldest raised first."""
    if state not in STATES:
        raise ValueError(f"state: expected one of {', '.join(STATES)}, got {state!r}")

    def wanted(record: dict) -> bool:
        resolved = bool(record.get("resolved_on"))
        return state == "all" or resolved == (state == "resolved")

    equals = {"kind": kind} if kind else {}
    found = app.store.find("roadblocks", where=wanted, **equals)
    return sorted(found, key=lambda r: (r["raised_on"], r["created_at"], r["id"]))


def assign(app: Stratui, ref: str, owner: str) -> dict:
    """Give a roadblock to whoever removes it: an existing person (ValidationError, field
    ``owner``, listing who exists, otherwise)."""
    if not owner.strip():
        raise ValidationError("owner", "name who removes it")
    with app.store.transaction() as tx:
        record = app.store.resolve("roadblocks", ref)
        name = app.person_named(owner, "owner")
        return tx.put(
            "roadblocks", rec.updated("roadblocks", record, {"owner": name}, app.clock.now())
        )


def resolve(app: Stratui, ref: str, resolution: str) -> dict:
    """Mark a roadblock resolved today, saying how."""
    if not resolution.strip():
        raise ValueError("resolution: say how it was resolved")
    with app.store.transaction() as tx:
        record = app.store.resolve("roadblocks", ref)
        changes = {"resolved_on": app.clock.today().isoformat(), "resolution": resolution.strip()}
        return tx.put("roadblocks", rec.updated("roadblocks", record, changes, app.clock.now()))
