"""The export document of docs/EXPORT-FORMAT.md, version 2: building it and writing its bytes.

Version 2 adds ``retro_ballots`` (each participant's dots and health ratings of a
retrospective, their own record) and cards written before a retrospective finishes;
a version 1 document is a version 2 document without ballots, and imports as such.

The document is the project's public contract, so its bytes are deterministic: the same
records give the same file whatever order the store hands them over in. That keeps
exports diffable and lets tests compare them byte for byte.

Pure module: no Textual, no TinyDB.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping

from stratui.domain.schema import COLLECTIONS, STORE_FIELDS
from stratui.domain.visible import visible

FORMAT = "stratui"
"""The value of the document's ``format`` key."""

VERSION = 2
"""The format version this module writes and the importer reads up to (from 1)."""

INTERNAL_FIELDS: tuple[str, ...] = STORE_FIELDS
"""Fields the store keeps for itself (tombstones); never part of an export."""

HEADER_KEYS: tuple[str, ...] = ("format", "version", "exported_at")
"""The document's top-level keys before the collections, in the documented order."""


def record_order(record: Mapping[str, object]) -> tuple[str, str]:
    """The sort key of a record in every export: creation time, then id as tie-break."""
    return (str(record.get("created_at", "")), str(record.get("id", "")))


def public_record(record: Mapping[str, object]) -> dict:
    """A copy of ``record`` as the format shows it: without the store's internal fields.

    Unknown extra fields stay, so a newer file passes through an older stratui intact.
    """
    return {key: value for key, value in record.items() if key not in INTERNAL_FIELDS}


def export_records(records: Iterable[Mapping[str, object]]) -> list[dict]:
    """The records an export shows: live ones only, internal fields dropped, in order."""
    kept = [public_record(record) for record in records if not record.get("deleted")]
    return sorted(kept, key=record_order)


def build_document(collections: Mapping[str, Iterable[dict]], exported_at: str) -> dict:
    """The export document holding ``collections``, stamped ``exported_at``.

    Args:
        collections: Records by collection name. Missing collections export as empty
            lists; names that are not a collection of the format (a store's own tables)
            are ignored.
        exported_at: The UTC timestamp to write, passed in so exports are reproducible.

    Returns:
        A dict with the header keys then all ten collections, in the documented order.
    """
    document: dict[str, object] = {"format": FORMAT, "version": VERSION, "exported_at": exported_at}
    for name in COLLECTIONS:
        document[name] = export_records(collections.get(name, ()))
    return document


def _sorted_keys(value: object) -> object:
    """``value`` with every nested dict's keys in sorted order, for stable bytes."""
    if isinstance(value, Mapping):
        return {key: _sorted_keys(value[key]) for key in sorted(value)}
    if isinstance(value, list | tuple):
        return [_sorted_keys(item) for item in value]
    return value


def dump_document(document: Mapping[str, object]) -> str:
    """The JSON text of ``document``: UTF-8 friendly, indented, deterministic.

    Record keys are sorted, while the top level keeps the documented order (header, then
    the collections in order, then any other key sorted), so a human reading the file
    sees it as EXPORT-FORMAT.md shows it. NaN and infinities are refused (``ValueError``)
    because they are not JSON. DEL and C1 controls are written as ``\\u`` escapes, as
    JSON writes C0 ones: the file decodes to exactly the text stored, and showing it in a
    terminal (``cat``) obeys nothing a person typed (:mod:`stratui.domain.visible`).
    """
    known = [key for key in (*HEADER_KEYS, *COLLECTIONS) if key in document]
    others = sorted(key for key in document if key not in known)
    ordered = {key: _sorted_keys(document[key]) for key in (*known, *others)}
    return visible(json.dumps(ordered, ensure_ascii=False, indent=2, allow_nan=False)) + "\n"
