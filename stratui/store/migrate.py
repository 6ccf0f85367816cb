"""Schema versions of the store's files and the migrations between them.

- schema 1: one file per collection, ``<collection>.json`` holding
  ``{"<collection>": {"<id>": record}}``; simple, but every write rewrote a whole
  collection, so a command's cost grew with the history.
- schema 2: the time-series collections split into shards of thirteen ISO weeks
  (``layout.py``); the small collections keep their single file.
- schema 3: a retrospective's cards are records from the moment they are written, and
  each participant's dots and ratings are a ballot (``retro_ballots/``, sharded with
  the review). The files of schema 2 mean what they meant, so the step only says so;
  it is a step so that an older stratui, which would ignore everyone's cards and
  ballots, refuses the store ("upgrade stratui") instead of completing a retro without
  them.

A migration runs under the exclusive lock, after a full copy of the store is put aside in
``.stratui/backups``, and commits the new layout atomically (one journalled commit); the
old files are removed only after that commit.
"""

from __future__ import annotations

from stratui.store.codec import decode_shard, encode_meta, encode_shard
from stratui.store.errors import StoreDamaged
from stratui.store.layout import (
    FOLLOW_REVIEW,
    META_FILE,
    SHARDED,
    STORE_FORMAT,
    key_for_period,
    relpath,
    shard_key,
)


def migrate(backend, current: int, target: int) -> str:
    """Bring the store from schema ``current`` to ``target``; return the backup's path."""
    backup = backend.snapshot(f"schema-{current}")
    steps = {1: _one_to_two, 2: _two_to_three}
    while current < target:
        steps[current](backend)
        current += 1
    return backup


def _two_to_three(backend) -> None:
    """Nothing to move: the meta file says schema 3 (see the module doc)."""
    backend.commit({META_FILE: encode_meta({"format": STORE_FORMAT, "schema": 3})})


def _one_to_two(backend) -> None:
    """Split each time-series collection's single file into thirteen-week shards."""
    flat = {}
    for collection in SHARDED:
        rel = f"{collection}.json"
        data = backend.read(rel)
        if data is None:
            flat[collection] = {}
            continue
        try:
            flat[collection] = decode_shard(collection, data)
        except ValueError as error:
            raise StoreDamaged(backend.path_of(rel), f"cannot migrate: {error}", None) from None
    review_keys = {rid: key_for_period(str(r["period"])) for rid, r in flat["reviews"].items()}
    shards: dict[str, dict[str, dict]] = {}
    for collection, records in flat.items():
        for rid, record in records.items():
            if collection in FOLLOW_REVIEW:
                key = review_keys.get(str(record.get("review_id")), "unplaced")
            else:
                key = shard_key(collection, record)
            shards.setdefault(relpath(collection, key), {})[rid] = record
    writes = {rel: encode_shard(rel.split("/")[0], recs)[0] for rel, recs in shards.items()}
    writes[META_FILE] = encode_meta({"format": STORE_FORMAT, "schema": 2})
    backend.commit(writes)
    for collection in SHARDED:
        backend.remove(f"{collection}.json")
