"""Reading an export document back: every rule of EXPORT-FORMAT.md, all or nothing.

:func:`plan_import` checks a parsed document against the format and the store (through a
``lookup`` callable, so this module never touches the store) and returns an
:class:`ImportPlan`: exactly the records to write. Nothing is written here; the caller
applies the plan in one transaction. Any violation raises :class:`ImportRejected` before
a plan exists, so an import is never partial.

Records are matched by ``id`` and the newer ``updated_at`` wins (a tie keeps the store's
copy), which makes importing the same file twice change nothing the second time.

Pure module: no Textual, no TinyDB.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from stratui.domain.schema import (
    COLLECTIONS,
    ValidationError,
    check_storable,
    check_supported_years,
    record_label,
    references,
    validate_record,
)
from stratui.exchange.document import FORMAT, INTERNAL_FIELDS, VERSION

Lookup = Callable[[str, str], "dict | None"]
"""``lookup(collection, id)``: the store's record with that id (maybe a tombstone) or None."""


class ImportRejected(ValueError):
    """The document breaks a rule; nothing may be imported.

    The message is one line naming the record (collection and id, or the collection and
    its list index when there is no usable id), the field, and what is accepted.

    Attributes:
        record: How the message names the record, or None for document-level problems.
        field: The offending field or top-level key, or None.
    """

    def __init__(self, message: str, *, record: str | None = None, field: str | None = None):
        self.record = record
        self.field = field
        super().__init__(message)


@dataclass(frozen=True)
class ImportPlan:
    """What importing a document does to the store.

    Attributes:
        writes: For each collection (all nine, in format order), the records to store:
            new ids, and existing ids whose file copy is newer. Records are exactly as in
            the file, unknown extra fields included.
        added: How many records are new to the store, over all collections.
        updated: How many replace an older store copy (or an older tombstone).
        unchanged: How many the store already has at the same or a newer ``updated_at``;
            these are not written.
        per_collection: The same three counts for each collection:
            ``{"goals": {"added": 1, "updated": 0, "unchanged": 2}, ...}``.
    """

    writes: dict[str, list[dict]] = field(default_factory=dict)
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    per_collection: dict[str, dict[str, int]] = field(default_factory=dict)

    @property
    def total_writes(self) -> int:
        """How many records the plan writes (0 means the import changes nothing)."""
        return sum(len(records) for records in self.writes.values())

    def summary(self) -> str:
        """One line for the user: ``added 3, updated 1, unchanged 12``."""
        return f"added {self.added}, updated {self.updated}, unchanged {self.unchanged}"


def load_document(text: str) -> object:
    """Parse ``text`` as JSON, turning every parse failure into :class:`ImportRejected`.

    A leading byte-order mark is tolerated (editors on some systems add one). ``NaN`` and
    ``Infinity``, which Python's parser accepts but JSON does not, are refused.
    """

    def refuse_constant(name: str) -> object:
        raise ImportRejected(f"not JSON: {name} is not a JSON value")

    try:
        return json.loads(text.removeprefix("\ufeff"), parse_constant=refuse_constant)
    except json.JSONDecodeError as exc:
        raise ImportRejected(
            f"not JSON: {exc.msg} at line {exc.lineno} column {exc.colno}"
        ) from None
    except RecursionError:
        raise ImportRejected("not JSON: nested too deeply to read") from None


def plan_import(doc: object, lookup: Lookup) -> ImportPlan:
    """Check ``doc`` against every rule of EXPORT-FORMAT.md and plan its import.

    Args:
        doc: The parsed document (see :func:`load_document`).
        lookup: ``lookup(collection, id)`` returns the store's current record with that
            id, possibly a tombstone, or None. It is the only view of the store.

    Returns:
        The plan: which records to write and how many are added, updated, unchanged.

    Raises:
        ImportRejected: On the first violation, in document order, with a one-line
            message naming the record and field. No plan is returned in that case.
    """
    collections = _check_header(doc)
    _check_records(collections)
    _check_unique(collections)

    cache: dict[tuple[str, str], dict | None] = {}

    def stored(collection: str, rid: str) -> dict | None:
        key = (collection, rid)
        if key not in cache:
            cache[key] = lookup(collection, rid)
        return cache[key]

    winners: dict[str, dict[str, dict]] = {name: {} for name in COLLECTIONS}
    outcome: dict[str, dict[str, str]] = {name: {} for name in COLLECTIONS}
    for name, records in collections.items():
        for record in records:
            current = stored(name, record["id"])
            if current is None:
                outcome[name][record["id"]] = "added"
                winners[name][record["id"]] = record
            elif _stamp_key(record.get("updated_at")) > _stamp_key(current.get("updated_at")):
                outcome[name][record["id"]] = "updated"
                winners[name][record["id"]] = record
            else:
                outcome[name][record["id"]] = "unchanged"
                winners[name][record["id"]] = current

    _check_references(collections, winners, stored)

    writes: dict[str, list[dict]] = {}
    per_collection: dict[str, dict[str, int]] = {}
    for name in COLLECTIONS:
        records = collections.get(name, [])
        kinds = [outcome[name][record["id"]] for record in records]
        writes[name] = [
            copy.deepcopy(record)
            for record, kind in zip(records, kinds, strict=True)
            if kind != "unchanged"
        ]
        per_collection[name] = {k: kinds.count(k) for k in ("added", "updated", "unchanged")}

    def total(kind: str) -> int:
        return sum(counts[kind] for counts in per_collection.values())

    return ImportPlan(
        writes=writes,
        added=total("added"),
        updated=total("updated"),
        unchanged=total("unchanged"),
        per_collection=per_collection,
    )


# --- the checks, in the order a reader would expect the complaints ------------------------


def _check_header(doc: object) -> dict[str, list[dict]]:
    """Check the document's shape, format and version; return its collections' lists."""
    if not isinstance(doc, dict):
        raise ImportRejected(
            f"document: expected a JSON object (a stratui export), got {_json_type(doc)}"
        )
    fmt = doc.get("format")
    if fmt != FORMAT:
        got = "nothing" if fmt is None else repr(fmt)
        raise ImportRejected(
            f'format: expected "{FORMAT}" (a stratui export), got {got}', field="format"
        )
    version = doc.get("version")
    if version is None:
        raise ImportRejected(
            f"version: is required (this stratui reads version {VERSION})", field="version"
        )
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise ImportRejected(
            f"version: expected a whole number from 1 to {VERSION}, got {version!r}",
            field="version",
        )
    if version > VERSION:
        raise ImportRejected(
            f"version: this file is version {version}; this stratui reads up to version "
            f"{VERSION}: upgrade stratui to import it",
            field="version",
        )
    collections: dict[str, list[dict]] = {}
    for name in COLLECTIONS:
        if name not in doc:
            continue
        records = doc[name]
        if not isinstance(records, list):
            raise ImportRejected(
                f"{name}: expected a list of records, got {_json_type(records)}", field=name
            )
        for index, record in enumerate(records):
            if not isinstance(record, dict):
                raise ImportRejected(
                    f"{name}[{index}]: expected a record (a JSON object), got {_json_type(record)}",
                    record=f"{name}[{index}]",
                )
        collections[name] = records
    return collections


def _check_records(collections: Mapping[str, list[dict]]) -> None:
    """Validate every record through the schema, refuse the store's internal fields, text
    that cannot be stored, values nested too deep, and dates, weeks and quarters outside
    the supported years."""
    for name, records in collections.items():
        for index, record in enumerate(records):
            label = _label(name, record, index)
            for internal in INTERNAL_FIELDS:
                if internal in record:
                    raise ImportRejected(
                        f"{label}: {internal}: is internal to the store and not part of "
                        "the export format; remove it",
                        record=label,
                        field=internal,
                    )
            try:
                check_storable(name, record)
                validate_record(name, record)
                check_supported_years(name, record)
            except ValidationError as exc:
                # The schema names the record its own way; re-prefix with ours, which
                # falls back to the list index when the id itself is the problem.
                detail = str(exc).removeprefix(f"{exc.record}: ") if exc.record else str(exc)
                raise ImportRejected(f"{label}: {detail}", record=label, field=exc.field) from None


def _check_unique(collections: Mapping[str, list[dict]]) -> None:
    """Refuse duplicate ids within a collection, and duplicate people names."""
    for name, records in collections.items():
        seen: dict[str, int] = {}
        for index, record in enumerate(records):
            rid = record["id"]
            if rid in seen:
                label = f"{name} {rid}"
                raise ImportRejected(
                    f"{label}: id: appears twice in this file (records {seen[rid]} and "
                    f"{index} of {name}); ids are unique",
                    record=label,
                    field="id",
                )
            seen[rid] = index
    names: dict[str, str] = {}
    for record in collections.get("people", []):
        person = record["name"]
        label = f"people {record['id']}"
        if person in names:
            raise ImportRejected(
                f"{label}: name: {person!r} is already the name of people {names[person]} "
                "in this file; people names are unique",
                record=label,
                field="name",
            )
        names[person] = record["id"]


def _check_references(
    collections: Mapping[str, list[dict]],
    winners: Mapping[str, Mapping[str, dict]],
    stored: Callable[[str, str], dict | None],
) -> None:
    """Refuse a reference to an id that will not be a live record after the import.

    A target counts when the file holds it and the file's copy wins, or when the store
    holds it live. A store tombstone does not count, whether the file lacks the id or
    the tombstone is newer than the file's copy (the import would keep it deleted).
    """
    for name, records in collections.items():
        refs = references(name)
        for record in records:
            label = f"{name} {record['id']}"
            for ref_field, target in refs.items():
                value = record.get(ref_field)
                if value is None:
                    continue
                winner = winners[target].get(value)
                if winner is None:
                    winner = stored(target, value)
                    if winner is None:
                        raise ImportRejected(
                            f"{label}: {ref_field}: points to {target} {value!r}, which is "
                            "in neither this file nor the store",
                            record=label,
                            field=ref_field,
                        )
                if winner.get("deleted"):
                    raise ImportRejected(
                        f"{label}: {ref_field}: points to {target} {value!r}, which is "
                        "deleted in the store",
                        record=label,
                        field=ref_field,
                    )


# --- helpers ------------------------------------------------------------------------------


def _label(collection: str, record: Mapping[str, object], index: int) -> str:
    """``commitments 3f2a9c1e``, or ``commitments[4]`` when the id is missing or bad (not
    printable, as a lone surrogate or a control character: a message must not carry it)."""
    rid = record.get("id")
    if isinstance(rid, str) and rid.strip() and rid.isprintable():
        return record_label(collection, record)  # an id that is not one comes quoted
    return f"{collection}[{index}]"


_OLDEST = dt.datetime.min.replace(tzinfo=dt.UTC)


def _stamp_key(value: object) -> dt.datetime:
    """An ``updated_at`` as a comparable time (string order fails on fractional seconds).

    A missing or unreadable store stamp counts as the oldest, so a valid file copy wins.
    """
    if isinstance(value, str):
        try:
            parsed = dt.datetime.fromisoformat(value)
        except ValueError:
            return _OLDEST
        return parsed if parsed.tzinfo else parsed.replace(tzinfo=dt.UTC)
    return _OLDEST


def _json_type(value: object) -> str:
    """The JSON name of ``value``'s type, for messages about shapes."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "an object"
    return type(value).__name__
