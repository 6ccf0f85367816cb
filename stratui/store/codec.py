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

# Record id -> (the record object a line was made from, that line). Re-encoding a
# 650-record shard costs milliseconds; a write changes one record, so the lines of the
# records that did not change (the very same objects) are reused as they were read.
Lines = dict[str, tuple[Mapping, str]]

_encode = json.JSONEncoder(ensure_ascii=False, sort_keys=True).encode


class ShardError(ValueError):
    """The bytes are not a valid store file; the message says what is wrong."""


def encode_shard(
    collection: str, records: Mapping[str, Mapping], known: Lines | None = None
) -> tuple[bytes, Lines]:
    """Serialise ``records`` (by id) deterministically, one record per line.

    Returns the bytes and the lines made, to pass back as ``known`` next time.
    """
    lines: Lines = {}
    for rid in sorted(records):
        record = records[rid]
        previous = known.get(rid) if known else None
        if previous is not None and previous[0] is record:
            lines[rid] = previous
        else:
            lines[rid] = (record, f"{_encode(rid)}: {_encode(record)}")
    head = _encode(collection)
    if not lines:
        return f"{{{head}: {{}}}}\n".encode(), lines
    body = ",\n".join(line for _, line in lines.values())
    return f"{{{head}: {{\n{body}\n}}}}\n".encode(), lines


def known_lines(collection: str, data: bytes, records: Mapping[str, Mapping]) -> Lines:
    """The line of each record in ``data``, if the file is in the form stratui writes.

    JSON strings cannot hold a raw newline, so each record line can be cut out by
    splitting on newlines; a file in another form (edited by hand) gives ``{}`` and is
    simply re-encoded whole on its next write.
    """
    text = data.decode("utf-8").split("\n")
    if len(text) != len(records) + 3 or text[0] != f"{{{_encode(collection)}: {{":
        return {}
    lines: Lines = {}
    for index, rid in enumerate(sorted(records)):
        line = text[index + 1]
        prefix = f'"{rid}": ' if rid.isalnum() and rid.isascii() else f"{_encode(rid)}: "
        if not line.startswith(prefix):
            return {}
        body = line[len(prefix) : -1 if index < len(records) - 1 else None]
        lines[rid] = (records[rid], f"{prefix}{body}")
    return lines


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
    if not isinstance(document, dict) or list(document) != [collection]:
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
