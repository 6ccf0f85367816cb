"""One collection as CSV, for spreadsheets and scripts.

Columns follow the schema, so every export of a collection has the same header whatever
the records hold: ``id``, the collection's fields in schema order, the two timestamps,
then any unknown extra fields (sorted) so nothing a newer stratui wrote is lost.

Cells are written exactly as typed: no prefix is added to text starting with ``=``, ``+``,
``-`` or ``@``. A spreadsheet may evaluate such a cell as a formula; the project's rule is
that user text is never altered, and the JSON export is the lossless format.

Pure module: no Textual, no TinyDB.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Mapping

from stratui.domain.schema import SCHEMA
from stratui.exchange.document import export_records

DEFAULT_COLLECTION = "commitments"
"""What ``stratui export --format csv`` writes when no collection is named."""


def columns(collection: str, records: Iterable[Mapping[str, object]] = ()) -> list[str]:
    """The header of ``collection``'s CSV, with the extra fields found in ``records``."""
    if collection not in SCHEMA:
        raise ValueError(f"collection: expected one of {', '.join(SCHEMA)}, got {collection!r}")
    fixed = ["id", *SCHEMA[collection], "created_at", "updated_at"]
    extra = sorted({key for record in records for key in record} - set(fixed))
    return fixed + extra


def cell(value: object) -> str:
    """A field value as CSV text: lists joined by ``", "``, objects as compact JSON."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list | tuple):
        return ", ".join(cell(item) for item in value)
    if isinstance(value, Mapping):
        return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return str(value)


def to_csv(records: Iterable[dict], collection: str = DEFAULT_COLLECTION) -> str:
    """The live ``records`` of ``collection`` as CSV text, one row per record.

    Tombstones and store-internal fields are left out and rows come in creation order,
    as in the JSON export. Lines end with ``\\n``; cells holding commas, quotes or
    newlines are quoted by the ``csv`` module.

    Raises:
        ValueError: ``collection`` is not a collection of the format.
    """
    rows = export_records(records)
    header = columns(collection, rows)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    for record in rows:
        writer.writerow([cell(record.get(name)) for name in header])
    return out.getvalue()
