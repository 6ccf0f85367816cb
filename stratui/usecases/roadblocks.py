"""The roadblock use cases: raise, assign, resolve, list (shared by the TUI and CLI)."""

from __future__ import annotations

from stratui.domain import records as rec
from stratui.domain.schema import ValidationError
from stratui.store.errors import AmbiguousId, UnknownId
from stratui.usecases.workspace import Workspace

STATES = ("open", "resolved", "all")


def find(ws: Workspace, *, state: str = "open", kind: str | None = None) -> list[dict]:
    """Roadblocks by state (open, resolved, all) and kind; oldest raised first."""
    if state not in STATES:
        raise ValueError(f"state: expected one of {', '.join(STATES)}, got {state!r}")

    def wanted(record: dict) -> bool:
        resolved = bool(record.get("resolved_on"))
        return state == "all" or resolved == (state == "resolved")

    equals = {"kind": kind} if kind else {}
    found = ws.store.find("roadblocks", where=wanted, **equals)
    return sorted(found, key=lambda r: (r["raised_on"], r["created_at"], r["id"]))


def assign(ws: Workspace, ref: str, owner: str) -> dict:
    """Give a roadblock to whoever removes it: an existing person (ValidationError, field
    ``owner``, listing who exists, otherwise)."""
    if not owner.strip():
        raise ValidationError("owner", "name who removes it")
    with ws.store.transaction() as tx:
        record = ws.store.resolve("roadblocks", ref)
        name = ws.person_named(owner, "owner")
        return tx.put(
            "roadblocks", rec.updated("roadblocks", record, {"owner": name}, ws.clock.now())
        )


def resolve(ws: Workspace, ref: str, resolution: str) -> dict:
    """Mark a roadblock resolved today, saying how."""
    if not resolution.strip():
        raise ValueError("resolution: say how it was resolved")
    with ws.store.transaction() as tx:
        record = ws.store.resolve("roadblocks", ref)
        changes = {"resolved_on": ws.clock.today().isoformat(), "resolution": resolution.strip()}
        return tx.put("roadblocks", rec.updated("roadblocks", record, changes, ws.clock.now()))


def block(
    ws: Workspace,
    title: str,
    *,
    kind: str = "other",
    severity: str = "medium",
    on: str | None = None,
    owner: str | None = None,
) -> dict:
    """Raise a roadblock, optionally on a commitment or a goal (id prefix)."""
    with ws.store.transaction() as tx:
        link = _resolve_link(ws, on) if on else {}
        record = rec.new_record(
            "roadblocks",
            {
                "title": title.strip(),
                "kind": kind,
                "severity": severity,
                "owner": ws.person_named(owner, "owner"),
                "raised_on": ws.clock.today().isoformat(),
                **link,
            },
            ws.clock.now(),
        )
        return tx.insert("roadblocks", record)


def _resolve_link(ws: Workspace, ref: str) -> dict[str, str]:
    """``commitment_id`` or ``goal_id`` for a prefix that names exactly one of them."""
    found: list[tuple[str, dict]] = []
    for collection, field in (("commitments", "commitment_id"), ("goals", "goal_id")):
        try:
            found.append((field, ws.store.resolve(collection, ref)))
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
