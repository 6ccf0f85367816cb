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
from collections.abc import Iterable, Iterator, Mapping

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


def header(exported_at: str) -> dict[str, object]:
    """The document's header keys, in order, for an export stamped ``exported_at``."""
    return {"format": FORMAT, "version": VERSION, "exported_at": exported_at}


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
    document = header(exported_at)
    for name in COLLECTIONS:
        document[name] = export_records(collections.get(name, ()))
    return document


_encode = json.JSONEncoder(ensure_ascii=False, sort_keys=True, allow_nan=False).encode
"""One value as compact JSON, keys sorted at every depth. Without ``indent`` the json
module takes its C encoder: an export of years of history is encoded many times faster
than with ``indent`` (Python's own encoder, call by call)."""


def record_line(record: object) -> str:
    """One record (or any JSON value) as the export writes it: compact JSON on one line,
    keys sorted, without the store's internal fields, NaN and infinities refused
    (``ValueError``: they are not JSON), DEL and C1 controls escaped as JSON escapes C0
    ones (:mod:`stratui.domain.visible`), so the file decodes to exactly the text stored
    and showing it in a terminal obeys nothing in it."""
    if isinstance(record, Mapping) and any(field in record for field in INTERNAL_FIELDS):
        record = public_record(record)
    line = _encode(record)
    # JSON escapes C0 itself: an ASCII line without DEL has nothing left to escape, and
    # says so faster than a search would (most lines of an export).
    return line if line.isascii() and "\x7f" not in line else visible(line)


_BATCH = 256
"""Lines written at once: one write a record would cost more than encoding it."""


def list_chunks(items: Iterable[object], depth: int = 0) -> Iterator[str]:
    """A JSON list, one item a line (:func:`record_line`) indented two spaces deeper than
    ``depth`` levels, in pieces of a few hundred lines, made as the items come."""
    inner = "\n" + "  " * (depth + 1)
    between = inner
    batch = ["["]
    for item in items:
        batch.append(between + record_line(item))
        between = "," + inner
        if len(batch) >= _BATCH:
            yield "".join(batch)
            batch = []
    batch.append("]" if between == inner else "\n" + "  " * depth + "]")
    yield "".join(batch)


def document_chunks(items: Iterable[tuple[str, object]]) -> Iterator[str]:
    """The text of a document, piece by piece, from its ``(key, value)`` pairs in order:
    a list or iterator value is written one item a line, as the items come; any other
    value on its key's line. Writing the pieces as they are made keeps the memory of an
    export to what a record needs, whatever the size of the store.

    The layout (keys on lines of their own, indented by two; records one a line inside
    their list) is plain JSON, which is all EXPORT-FORMAT.md promises of it.
    """
    yield "{"
    separator = "\n  "
    for key, value in items:
        head = f"{separator}{_encode(key)}: "
        separator = ",\n  "
        if value is None or isinstance(value, str | int | float | Mapping):
            yield head + record_line(value)
            continue
        yield head
        yield from list_chunks(value, depth=1)  # type: ignore[arg-type]
    yield "\n}\n"


def dump_document(document: Mapping[str, object]) -> str:
    """The JSON text of ``document`` (:func:`document_chunks`): deterministic.

    Record keys are sorted, while the top level keeps the documented order (header, then
    the collections in order, then any other key sorted), so a human reading the file
    sees it as EXPORT-FORMAT.md shows it.
    """
    known = [key for key in (*HEADER_KEYS, *COLLECTIONS) if key in document]
    others = sorted(key for key in document if key not in known)
    return "".join(document_chunks((key, document[key]) for key in (*known, *others)))
