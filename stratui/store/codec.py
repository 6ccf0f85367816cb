"""The bytes of a store file: deterministic to write, strict to read.

A shard file holds one JSON object ``{"<collection>": {"<id>": {record}, ...}}`` with the
records sorted by id, one record per line, keys sorted: the same records always give the
same bytes, and a change to one record changes one line, which keeps git diffs and merges
small. Reading checks the shape as well as the syntax, so a truncated, zeroed or foreign
file is reported as damaged instead of being taken for an empty one.
"""

from __future__ import annotations

import json
from collections.abc import Mapping


class ShardError(ValueError):
    """The bytes are not a valid store file; the message says what is wrong."""


def encode_shard(collection: str, records: Mapping[str, Mapping]) -> bytes:
    """Serialise ``records`` (by id) deterministically, one record per line."""
    lines = [
        f"{json.dumps(rid, ensure_ascii=False)}: "
        f"{json.dumps(records[rid], ensure_ascii=False, sort_keys=True)}"
        for rid in sorted(records)
    ]
    body = ",\n".join(lines)
    head = json.dumps(collection)
    text = f"{{{head}: {{\n{body}\n}}}}\n" if lines else f"{{{head}: {{}}}}\n"
    return text.encode("utf-8")


def decode_shard(collection: str, data: bytes) -> dict[str, dict]:
    """Parse and check a store file; raise :class:`ShardError` saying what is wrong."""
    if not data:
        raise ShardError("the file is empty")
    if b"\x00" in data:
        raise ShardError("the file contains NUL bytes")
    try:
        document = json.loads(data.decode("utf-8"))
    except UnicodeDecodeError as error:
        raise ShardError(f"not UTF-8 text at byte {error.start}") from None
    except json.JSONDecodeError as error:
        raise ShardError(f"not valid JSON: {error.msg} at line {error.lineno}") from None
    if not isinstance(document, dict) or set(document) != {collection}:
        raise ShardError(f'expected an object with the single key "{collection}"')
    records = document[collection]
    if not isinstance(records, dict):
        raise ShardError(f'"{collection}" is not an object of records by id')
    for rid, record in records.items():
        if not isinstance(record, dict) or record.get("id") != rid:
            raise ShardError(f"record {rid!r} is not an object whose id is {rid!r}")
    return records


def encode_meta(meta: Mapping) -> bytes:
    """The store's meta file: small, sorted, one line per key."""
    return (json.dumps(dict(meta), indent=1, sort_keys=True) + "\n").encode("utf-8")


def decode_meta(data: bytes) -> dict:
    """Parse the meta file; raise :class:`ShardError` if it is not a meta object."""
    if not data:
        raise ShardError("the file is empty")
    try:
        meta = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise ShardError("not valid JSON") from None
    if not isinstance(meta, dict) or not isinstance(meta.get("schema"), int):
        raise ShardError('expected an object with an integer "schema"')
    return meta
