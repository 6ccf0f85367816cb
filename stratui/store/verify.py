"""``stratui check``: a full verification of a store, file by file and record by record.

Unlike the cheap check every command makes (only files changed since last seen), this
reads everything: each file decodes, each record is valid (its dates in the supported
years, its text storable) and sits in the shard its fields call for, ids are unique, and
every reference points to a live record. And
:func:`unknown_people` lists the records that name someone who is not a person.
"""

from __future__ import annotations

from stratui.domain.people import PERSON_REFERENCES
from stratui.domain.schema import (
    ValidationError,
    check_storable,
    check_supported_years,
    references,
    validate_record,
)
from stratui.store.errors import StoreError
from stratui.store.layout import (
    FOLLOW_REVIEW,
    META_FILE,
    SHARDED,
    UNSHARDED,
    key_for_period,
    parse_relpath,
    shard_key,
)


def check_store(store) -> list[str]:
    """Every problem found, one line each naming the file or the record; [] when sound."""
    problems: list[str] = []
    backend = store.backend
    try:
        store.open()
        if backend.exists():
            store._read_meta()  # again: the store may have been opened before it broke
    except StoreError as error:
        return [str(error)]
    if not backend.exists():
        return [f"no store at {store.location} yet (it is created by the first write)"]
    records: dict[str, dict[str, dict]] = {c: {} for c in (*UNSHARDED, *SHARDED)}
    where: dict[tuple[str, str], str] = {}
    with store.shared_lock():  # one consistent state
        listing = backend.listing()
        for rel in sorted(set(store._load_manifest()) - set(listing)):
            try:
                store._refuse_missing(rel)  # a file this store wrote, gone
            except StoreError as error:
                problems.append(str(error))
        for rel in sorted(listing):
            if rel == META_FILE:
                continue
            collection, _key = parse_relpath(rel)
            try:
                shard = store._shard_records(rel, checked=False)  # each record: below
            except StoreError as error:
                problems.append(str(error))
                continue
            for rid, record in shard.items():
                if rid in records[collection]:
                    problems.append(
                        f"{collection} {rid}: stored twice ({where[collection, rid]}, {rel}); "
                        "after a git merge, `stratui sync` keeps the right copy"
                    )
                records[collection][rid] = record
                where[collection, rid] = rel
    for collection, by_id in records.items():
        for rid, record in by_id.items():
            try:
                check_storable(collection, record)
                validate_record(collection, record)
                check_supported_years(collection, record)
            except ValidationError as error:
                problems.append(f"{error} (in {backend.path_of(where[collection, rid])})")
                continue
            if record.get("deleted"):
                continue
            expected = _expected_key(collection, record, records)
            actual = parse_relpath(where[collection, rid])[1]
            if collection not in UNSHARDED and expected is not None and expected != actual:
                problems.append(
                    f"{collection} {rid}: belongs in shard {expected}, found in {actual}"
                )
            for field, target in references(collection).items():
                value = record.get(field)
                if value is None:
                    continue
                pointed = records[target].get(value)
                if pointed is None or pointed.get("deleted"):
                    problems.append(
                        f"{collection} {rid}: {field} {value} points to no {target} record"
                    )
    return problems


def unknown_people(store) -> list[str]:
    """A line for each live record that names someone who is not a person: a field of
    ``PERSON_REFERENCES`` (an owner, a member, a participant...), matched exactly, as a
    rename matches names. [] when everyone named exists.

    Apart from :func:`check_store` (what ``Store.check`` returns: is the store sound as a
    store) because it is about what the records say, not how they are kept: ``stratui
    check`` reports both.
    """
    collections = store.collections()
    people = {p.get("name") for p in collections.get("people", ())}
    problems: list[str] = []
    for collection, (single, lists) in PERSON_REFERENCES.items():
        if collection == "people":
            continue
        for record in sorted(collections.get(collection, ()), key=lambda r: r["id"]):
            rid = record["id"]
            for field in (*single, *lists):
                value = record.get(field)
                names = value if isinstance(value, list) else [] if value is None else [value]
                unknown = [n for n in dict.fromkeys(names) if n not in people]
                if unknown:
                    who = ", ".join(repr(n) for n in unknown)
                    verb = "names" if len(unknown) == 1 else "name"
                    problems.append(f"{collection} {rid}: {field} {who} {verb} no person")
    return problems


def _expected_key(collection: str, record: dict, records: dict) -> str | None:
    if collection in FOLLOW_REVIEW:
        review = records["reviews"].get(str(record.get("review_id")))
        return key_for_period(str(review["period"])) if review else None
    return shard_key(collection, record)
