"""Small summaries of a shard's records, which the store keeps per shard file
(:meth:`stratui.store.store.Store.digests`) so that a glance at "now" need not read
years of history. Each is named with a version: change the function, change the name.

Pure functions over live records.
"""

from __future__ import annotations

import zlib
from collections.abc import Callable, Iterable, Mapping

OPEN = "9999-12-31"  # later than any resolution: a shard holding an open roadblock

# What the due, streak and retro-cadence figures read of a review, and the resume offer
# (the newest updated draft first).
HEADER_FIELDS = (
    "id",
    "ritual",
    "owner",
    "team",
    "facilitator",
    "period",
    "status",
    "completed_at",
    "updated_at",
)

# What History lists of each completed review, in this order (a row, not an object: the
# summary of ten years is read whole on History's first visit, and rows read faster).
ROW_FIELDS = ("id", "completed_at", "ritual", "period", "owner", "team", "pulse")


def named_after(name: str, fields: Iterable[str]) -> str:
    """``name`` and a checksum of ``fields``: a summary named so cannot be served from
    files made with other fields."""
    return f"{name}-{zlib.crc32(' '.join(fields).encode()):08x}"


LAST_OPEN_DAY = "last-open-day-1"
REVIEW_HEADERS = named_after("review-headers", HEADER_FIELDS)
COMPLETED_ROWS = named_after("completed-rows", ROW_FIELDS)
OPEN_RETRO_ACTIONS = "open-retro-actions-1"
# What History's search reads of each collection that holds a review's text: the
# review's own answers (every text in them, however nested), notes and people, its
# retrospective's cards, the decisions taken in it (adjustments) and the commitments
# made in it (their titles).
SEARCH_FIELDS = {
    "reviews": (
        "period",
        "owner",
        "team",
        "facilitator",
        "participants",
        "format",
        "notes",
        "answers",
    ),
    "retro_items": ("category", "text", "author", "group"),
    "adjustments": ("kind", "description", "rationale"),
    "commitments": ("title", "notes"),
}
SEARCH_TEXT = named_after("search-text", [f for c in SEARCH_FIELDS.values() for f in c])


def last_open_day(roadblocks: Iterable[Mapping]) -> str:
    """The last day any of ``roadblocks`` was open: its latest resolution, or
    :data:`OPEN` when one is still open; ``""`` for none."""
    return max((str(r.get("resolved_on") or OPEN) for r in roadblocks), default="")


def review_headers(reviews: Iterable[Mapping]) -> list[dict]:
    """Each review without its answers and notes: :data:`HEADER_FIELDS` only."""
    return [{f: review[f] for f in HEADER_FIELDS if f in review} for review in reviews]


def completed_rows(reviews: Iterable[Mapping]) -> list[list]:
    """Each completed review as a row of :data:`ROW_FIELDS` (None for a missing one);
    drafts are left out."""
    return [
        [review.get(f) for f in ROW_FIELDS]
        for review in reviews
        if review.get("status") == "complete"
    ]


def open_retro_actions(commitments: Iterable[Mapping]) -> list[dict]:
    """The commitments that are open actions of a retrospective, whole."""
    return [
        dict(c) for c in commitments if c.get("source") == "retro" and c.get("status") == "open"
    ]


def search_text(collection: str) -> Callable[[Iterable[Mapping]], dict[str, str]]:
    """The summary History searches, for ``collection`` (one of :data:`SEARCH_FIELDS`):
    each review's text in that collection, case-folded and joined, by review id.

    A dict of strings per shard, so that the search is a substring test per review and
    the summaries add no container per record to what the garbage collector walks.
    Records that belong to no review are left out.
    """
    fields = SEARCH_FIELDS[collection]
    own = collection == "reviews"

    def summarise(records: Iterable[Mapping]) -> dict[str, str]:
        texts: dict[str, list[str]] = {}
        for record in records:
            rid = record.get("id") if own else record.get("review_id")
            if not rid:
                continue
            parts = texts.setdefault(str(rid), [])
            for field in fields:
                parts.extend(_texts(record.get(field)))
        return {rid: "\n".join(parts).casefold() for rid, parts in texts.items()}

    return summarise


def _texts(value: object) -> Iterable[str]:
    """Every string and number in ``value``, however deep in lists and objects."""
    if isinstance(value, Mapping):
        for item in value.values():
            yield from _texts(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _texts(item)
    elif isinstance(value, str | int | float) and not isinstance(value, bool) and value != "":
        yield str(value)
