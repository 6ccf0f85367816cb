"""One collection as CSV, for spreadsheets and scripts.

Columns follow the schema, so every export of a collection has the same header whatever
the records hold: ``id``, the collection's fields in schema order, the two timestamps,
then any unknown extra fields (sorted) so nothing a newer stratui wrote is lost.

A text cell that a spreadsheet would read as a formula (it starts with ``=``, ``+``,
``-``, ``@``, a tab or a carriage return) gets a ``'`` in front, the OWASP rule against
CSV injection: opening an export never runs what a teammate typed. ``keep_formulas``
(``export --keep-formulas``) writes them as typed. Control characters are written as
their ``\\u`` escapes (:mod:`stratui.domain.visible`), so no cell holds a bare carriage
return that a reader would take for the end of a row; cells with a newline, a comma or a
quote are quoted. The JSON export is the lossless format.

Pure module: no Textual, no TinyDB.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Mapping

from stratui.domain.schema import SCHEMA
from stratui.domain.visible import visible
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


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
"""How a cell a spreadsheet would evaluate starts (OWASP, CSV injection)."""


def safe_text(text: str, keep_formulas: bool = False) -> str:
    """A text cell as written: a ``'`` before what would start a formula (unless
    ``keep_formulas``), then control characters made visible."""
    if not keep_formulas and text.startswith(FORMULA_STARTS):
        text = "'" + text
    return visible(text)


def cell(value: object, keep_formulas: bool = False) -> str:
    """A field value as CSV text: lists joined by ``", "``, objects as compact JSON, text
    made safe to open (:func:`safe_text`)."""
    if isinstance(value, str):
        return safe_text(value, keep_formulas)
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list | tuple):
        return safe_text(", ".join(str(cell(item, True)) for item in value), keep_formulas)
    if isinstance(value, Mapping):
        text = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
        return visible(text)
    return str(value)


def to_csv(
    records: Iterable[dict], collection: str = DEFAULT_COLLECTION, *, keep_formulas: bool = False
) -> str:
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
        writer.writerow([cell(record.get(name), keep_formulas) for name in header])
    return out.getvalue()
