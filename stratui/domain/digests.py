"""Small summaries of a shard's records, which the store keeps per shard file
(:meth:`stratui.store.store.Store.digests`) so that a glance at "now" need not read
years of history. Each is named with a version: change the function, change the name.

Pure functions over live records.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterable, Mapping

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


def named_after(name: str, fields: Iterable[str]) -> str:
    """``name`` and a checksum of ``fields``: a summary named so cannot be served from
    files made with other fields."""
    return f"{name}-{zlib.crc32(' '.join(fields).encode()):08x}"


LAST_OPEN_DAY = "last-open-day-1"
REVIEW_HEADERS = named_after("review-headers", HEADER_FIELDS)
OPEN_RETRO_ACTIONS = "open-retro-actions-1"


def last_open_day(roadblocks: Iterable[Mapping]) -> str:
    """The last day any of ``roadblocks`` was open: its latest resolution, or
    :data:`OPEN` when one is still open; ``""`` for none."""
    return max((str(r.get("resolved_on") or OPEN) for r in roadblocks), default="")


def review_headers(reviews: Iterable[Mapping]) -> list[dict]:
    """Each review without its answers and notes: :data:`HEADER_FIELDS` only."""
    return [{f: review[f] for f in HEADER_FIELDS if f in review} for review in reviews]


def open_retro_actions(commitments: Iterable[Mapping]) -> list[dict]:
    """The commitments that are open actions of a retrospective, whole."""
    return [
        dict(c) for c in commitments if c.get("source") == "retro" and c.get("status") == "open"
    ]
