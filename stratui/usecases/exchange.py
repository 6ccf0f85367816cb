"""The whole store in and out: the interchange document (EXPORT-FORMAT.md), all or nothing.

No Textual and no Rich here; TinyDB only through the store.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator

from stratui.domain import records as rec
from stratui.usecases.workspace import Workspace


def export_document(ws: Workspace) -> dict:
    """The whole store as an interchange document (EXPORT-FORMAT.md)."""
    from stratui.exchange.document import build_document

    return build_document(ws.store.collections(), rec.stamp(ws.clock.now()))


def export_text(ws: Workspace) -> Iterator[str]:
    """The whole store as an interchange document's text, piece by piece, holding a few
    of the store's files at a time (:func:`stratui.store.ordered.in_order`): the same
    records, in the same order, as :func:`export_document`, in memory that does not
    grow with the history. One consistent state of the store is read throughout."""
    from stratui.domain.schema import COLLECTIONS
    from stratui.exchange.document import document_chunks, header, record_order
    from stratui.store.ordered import in_order

    with ws.store.reading():
        items = [*header(rec.stamp(ws.clock.now())).items()]
        collections = (
            (name, in_order(ws.store, name, record_order, name="created")) for name in COLLECTIONS
        )
        yield from document_chunks(itertools.chain(items, collections))


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
