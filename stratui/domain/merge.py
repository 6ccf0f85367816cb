"""The three-way merge of two versions of a set of records against their common ancestor.

Git gives a merge driver three versions of a file: the common ancestor (base), ours and
theirs. A store file is a set of records keyed by id, so it is merged record by record,
never line by line:

- a record only one side changed (added, edited, deleted, moved away) takes that change;
- a record both sides changed the same way is kept once;
- a record both sides changed differently (both live, with an ancestor) is merged field
  by field: a field only one side changed takes that change, a field both changed alike
  is kept, and a field both changed differently takes the value of the copy that wins
  :func:`newest` (a :class:`FieldConflict`, which ``stratui sync`` reports); the merged
  ``updated_at`` is the later of the two. A review is kept whole instead (its answers
  are one draft: halves of two drafts would be neither), and so is a record whose
  field-by-field merge the caller's ``valid`` refuses;
- otherwise (a deletion against an edit, a record both sides added) the copy that wins
  :func:`newest` is kept:
  a completed review over a draft of it (two clones that each started the team's next
  retrospective share its id: the one held to the end is the one kept), then a draft
  someone leads over one no one leads yet (a card written ahead of time from a shell
  starts a retrospective led by no one: it must not undo the leader's progress), else
  the later ``updated_at``; at the same instant a live record over a tombstone (a
  tombstone can be made again, lost data cannot), then the greater canonical JSON, so
  that every machine picks the same copy whichever side it stands on;
- a record one side removed from the file while the other edited it is kept: records
  leave a file only when they move to another shard (deletions are tombstones), so the
  moved copy lives on in its new file and the edited one stays here. The store keeps
  the newest of such twins when ``stratui sync`` reconciles the merge
  (:mod:`stratui.store.reconcile`).

So a record is never dropped, and merging the same inputs always gives the same result,
whichever side is "ours".

Pure module: no I/O, no Textual, no TinyDB.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

from stratui.domain.records import stamp_order

Records = Mapping[str, Mapping]


class MergeConflict(ValueError):
    """The two sides cannot be merged by rule; the message says what differs."""


@dataclass(frozen=True)
class FieldConflict:
    """A field both sides changed differently: the record, the field, and whose value
    was kept (``ours`` or ``theirs``: the later edit, see :func:`newest`)."""

    record_id: str
    field: str
    kept: str


_ABSENT = object()  # a field a copy does not have


def precedence(record: Mapping) -> tuple[bool, bool, str, bool, str]:
    """The order in which copies of one record win a merge (greatest wins).

    A stamp that is missing or not text counts as the oldest.
    """
    stamp = record.get("updated_at")
    return (
        record.get("status") == "complete",  # only reviews are ever "complete"
        bool(record.get("facilitator")),  # only reviews name one
        stamp_order(stamp) if isinstance(stamp, str) else "",
        not record.get("deleted"),
        json.dumps(record, sort_keys=True, ensure_ascii=False),
    )


def newest(copies: Iterable[Mapping]) -> Mapping:
    """The copy of a record that wins, among copies of the same id (see the module doc)."""
    return max(copies, key=precedence)


def merge_records(
    base: Records,
    ours: Records,
    theirs: Records,
    conflicts: list[FieldConflict] | None = None,
    valid: Callable[[Mapping], bool] | None = None,
) -> dict[str, Mapping]:
    """Merge two versions of records by id against their common ancestor ``base``.

    Returns the merged records by id, in id order; the fields both sides changed
    differently are appended to ``conflicts`` when given. ``valid`` says whether a
    record merged field by field may stand (else the winning copy is kept whole). The
    records do not depend on which side is ``ours``: ``merge_records(b, x, y) ==
    merge_records(b, y, x)``.
    """
    merged: dict[str, Mapping] = {}
    for rid in sorted({*ours, *theirs}):
        mine, other, old = ours.get(rid), theirs.get(rid), base.get(rid)
        if mine == other or other == old:
            kept = mine  # the same on both sides, or only ours changed it
        elif mine == old:
            kept = other  # only theirs changed it
        elif mine is None or other is None:
            kept = mine if other is None else other  # moved away on one side, edited here
        elif _by_field(old, mine, other):
            assert old is not None
            clashes: list[FieldConflict] = []
            kept = merge_fields(rid, old, mine, other, clashes)
            if valid is not None and not valid(kept):
                kept = newest((mine, other))
                clashes = [FieldConflict(rid, "(whole record)", _side(kept, mine))]
            if conflicts is not None:
                conflicts.extend(clashes)
        else:
            kept = newest((mine, other))
        if kept is not None:
            merged[rid] = kept
    return merged


def merge_fields(
    rid: str, base: Mapping, ours: Mapping, theirs: Mapping, conflicts: list[FieldConflict]
) -> dict:
    """One record both sides changed, merged field by field against ``base`` (see the
    module doc); each field both changed differently is added to ``conflicts``."""
    winner = newest((ours, theirs))
    side = _side(winner, ours)
    merged: dict = {}
    for key in sorted({*base, *ours, *theirs} - {"updated_at"}):
        mine, other, old = ours.get(key, _ABSENT), theirs.get(key, _ABSENT), base.get(key, _ABSENT)
        if mine == other or other == old:
            value = mine
        elif mine == old:
            value = other
        else:
            value = winner.get(key, _ABSENT)
            conflicts.append(FieldConflict(rid, key, side))
        if value is not _ABSENT:
            merged[key] = value
    stamps = [c["updated_at"] for c in (ours, theirs) if isinstance(c.get("updated_at"), str)]
    if stamps:
        merged["updated_at"] = max(stamps, key=lambda s: (stamp_order(s), s))  # symmetric
    return merged


def _by_field(old: Mapping | None, mine: Mapping, other: Mapping) -> bool:
    """Whether two edits of a record are merged field by field: both copies live, with
    a common ancestor, and not a review (kept whole: see the module doc)."""
    if old is None or mine.get("deleted") or other.get("deleted"):
        return False
    return "ritual" not in mine and "ritual" not in other


def _side(kept: Mapping, ours: Mapping) -> str:
    return "ours" if kept is ours else "theirs"


def merge_meta(base: Mapping | None, ours: Mapping, theirs: Mapping) -> Mapping:
    """Merge the store's meta file: a change on one side wins; different changes refuse.

    The meta file names the store's format and schema version; two sides that changed it
    differently hold stores of different schemas, which no record rule can merge.
    """
    if ours == theirs or theirs == base:
        return ours
    if ours == base:
        return theirs
    raise MergeConflict(
        f"the two sides changed the store's format differently (schema {ours.get('schema')} "
        f"and {theirs.get('schema')}); upgrade stratui on every machine and sync again"
    )
