"""One store file merged as git's merge driver: ``stratui merge-driver %O %A %B %P``.

Git calls the driver for each file both sides changed, with the common ancestor (``%O``),
ours (``%A``, where the result goes) and theirs (``%B``) in temporary files, and the
file's path in the repository (``%P``). The driver decodes the three with the store's own
codec, merges them record by record (:mod:`stratui.domain.merge`), checks every merged
record against the schema and writes the result in the store's deterministic form, so the
same three inputs always give the same bytes.

It refuses, leaving ``%A`` untouched and exiting non-zero, when a side is damaged or the
result would not be a valid store file: git then keeps the path in its conflict state for
the user to resolve, and no broken store file is ever written. An empty ancestor means the
file has none (both sides added it).

The fields both sides changed differently (each kept from the later edit) are appended,
one JSON line each, to the file named by :data:`NOTES_VARIABLE` when ``stratui sync``
sets it, so that sync can say which fields conflicted and whose edit was kept.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping

from stratui.domain.merge import FieldConflict, MergeConflict, merge_meta, merge_records
from stratui.store.codec import ShardError, decode_meta, decode_shard, encode_meta, encode_shard
from stratui.store.errors import StoreError
from stratui.store.layout import META_FILE, SHARDED, STORE_FORMAT, UNSHARDED, parse_relpath

_SIDES = ("the common ancestor (%O)", "ours (%A)", "theirs (%B)")

NOTES_VARIABLE = "STRATUI_MERGE_NOTES"
"""The environment variable naming where the driver notes the fields that conflicted."""


class MergeRefused(StoreError):
    """The driver will not merge this file; the message names it and says why."""


def merge_file(base: str, ours: str, theirs: str, path: str | None = None) -> None:
    """Merge the store file ``path`` from git's three temporary files into ``ours``.

    Raises :class:`MergeRefused` (``ours`` untouched) when a side is damaged, foreign or
    the merged records break the schema.
    """
    name = path or ours
    contents = [_read(file, name) for file in (base, ours, theirs)]
    kind = _kind(path, contents[1])
    try:
        data = _merge_meta(contents) if kind == META_FILE else _merge_shard(kind, contents)
    except _Refusal as refusal:
        raise MergeRefused(
            f"merge-driver: {name}: {refusal}; the file was left in conflict for you "
            "(fix it and git add it, or git merge --abort)"
        ) from None
    _write(ours, data)


def _note(collection: str, conflicts: list[FieldConflict]) -> None:
    """Append the conflicts to the notes file ``stratui sync`` named, if it named one."""
    target = os.environ.get(NOTES_VARIABLE)
    if not target or not conflicts:
        return
    lines = [
        json.dumps({"collection": collection, "id": c.record_id, "field": c.field, "kept": c.kept})
        for c in conflicts
    ]
    try:
        with open(target, "a", encoding="utf-8") as notes:
            notes.write("\n".join(lines) + "\n")
    except OSError:
        pass  # the merge stands; only sync's report of it is shorter


class _Refusal(Exception):
    """Why a merge is refused, without the file's name."""


def _merge_shard(collection: str, contents: list[bytes]) -> bytes:
    from stratui.domain.schema import ValidationError, validate_record

    sides = [
        _decode(lambda d: decode_shard(collection, d), data, side)
        for data, side in zip(contents, _SIDES, strict=True)
    ]
    def valid(record) -> bool:
        try:
            validate_record(collection, record)
        except ValidationError:
            return False
        return True

    conflicts: list[FieldConflict] = []
    merged = merge_records(sides[0] or {}, sides[1], sides[2], conflicts, valid)
    _note(collection, conflicts)
    for record in merged.values():
        try:
            validate_record(collection, record)
        except ValidationError as error:
            raise _Refusal(f"the merged record would be invalid: {error}") from None
    return encode_shard(collection, merged)[0]


def _merge_meta(contents: list[bytes]) -> bytes:
    sides = [_decode(decode_meta, data, side) for data, side in zip(contents, _SIDES, strict=True)]
    for meta, side in zip(sides, _SIDES, strict=True):
        if meta is not None and meta.get("format") != STORE_FORMAT:
            raise _Refusal(f"{side} is not a stratui store file")
    try:
        return encode_meta(merge_meta(sides[0], sides[1], sides[2]))
    except MergeConflict as error:
        raise _Refusal(str(error)) from None


def _decode(decode, data: bytes, side: str):
    """Decode one side; an empty ancestor is no ancestor (``None``)."""
    if not data and side == _SIDES[0]:
        return None
    try:
        return decode(data)
    except ShardError as error:
        raise _Refusal(f"{side} is damaged ({error})") from None


def _kind(path: str | None, ours: bytes) -> str:
    """What the file is: ``META_FILE`` or the collection whose records it holds.

    Taken from the path when git gives it (``%P``); else from the single key of ours.
    """
    if path:
        parts = path.replace(os.sep, "/").split("/")
        if parts[-1] == META_FILE:
            return META_FILE
        for tail in ("/".join(parts[-2:]), parts[-1]):
            parsed = parse_relpath(tail)
            if parsed:
                return parsed[0]
    try:
        document = json.loads(ours.decode("utf-8"))
    except ValueError:
        document = None
    if isinstance(document, Mapping):
        if document.get("format") == STORE_FORMAT:
            return META_FILE
        if len(document) == 1 and next(iter(document)) in (*UNSHARDED, *SHARDED):
            return next(iter(document))
    raise MergeRefused(
        f"merge-driver: {path or 'this file'}: not a stratui store file (nor is ours "
        "readable as one); the file was left in conflict for you"
    )


def _read(file: str, name: str) -> bytes:
    try:
        with open(file, "rb") as handle:
            return handle.read()
    except OSError as error:
        raise MergeRefused(f"merge-driver: {name}: cannot read {file}: {error.strerror}") from None


def _write(target: str, data: bytes) -> None:
    """Replace ``target`` whole (a temporary file renamed over it): never half written."""
    tmp = f"{target}.{os.getpid()}.stratui-merge"
    try:
        with open(tmp, "wb") as handle:
            handle.write(data)
        os.replace(tmp, target)
    except OSError as error:
        if os.path.exists(tmp):
            os.remove(tmp)
        raise MergeRefused(f"merge-driver: cannot write {target}: {error.strerror}") from None
