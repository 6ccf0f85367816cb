"""The whole store in and out: the interchange document (EXPORT-FORMAT.md), all or nothing.

No Textual and no Rich here; TinyDB only through the store.
"""

from __future__ import annotations

from stratui.domain import records as rec
from stratui.usecases.workspace import Workspace


def export_document(ws: Workspace) -> dict:
    """The whole store as an interchange document (EXPORT-FORMAT.md)."""
    from stratui.exchange.document import build_document

    return build_document(ws.store.collections(), rec.stamp(ws.clock.now()))


def import_document(ws: Workspace, document: object):
    """Import an interchange document, all or nothing; returns the import plan."""
    from stratui.exchange.importer import plan_import

    def lookup(collection: str, rid: str) -> dict | None:
        return ws.store.get(collection, rid, deleted=True)

    with ws.store.transaction() as tx:
        tx.before_commit = None  # the document as it is: me is not added to it
        plan = plan_import(document, lookup)
        tx.put_many(plan.writes)
    return plan


def is_empty(ws: Workspace) -> bool:
    """True when the store holds no live record at all."""
    return not any(ws.store.collections().values())
