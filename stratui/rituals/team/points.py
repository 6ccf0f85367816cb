"""Talking points: what a member brings to the team's next review, from their own shell.

A talking point is an item of the review (a ``retro_items`` record, as a retrospective's
card is: the collection holds what people bring to a review) whose category is
:data:`TALKING_POINT`, signed by its author and linked to the team review's draft. Each
member writes their own, so points from many shells and clones never overwrite one
another; the review shows them at their author's turn (the team's own, by people who are
not members, in the adjust step) and its summary lists them.

Pure module: no Textual, no TinyDB, no store.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from stratui.domain import records as rec
from stratui.domain.people import same_name
from stratui.domain.schema import ValidationError

TALKING_POINT = "talking-point"
"""The category of a team review's item that is a talking point."""


def point_text(text: object) -> str:
    """A talking point's text on one line; ValidationError on ``text`` when empty."""
    words = " ".join(text.split()) if isinstance(text, str) else ""
    if not words:
        raise ValidationError("text", "say what you want to talk about")
    return words


def talking_points(items: Iterable[Mapping]) -> list[dict]:
    """The live talking points among a review's ``items``, oldest first."""
    points = [
        dict(item) for item in items if rec.is_live(item) and item.get("category") == TALKING_POINT
    ]
    return sorted(points, key=lambda p: (str(p.get("created_at", "")), str(p["id"])))


def points_of(points: Iterable[Mapping], author: str) -> list[Mapping]:
    """The points ``author`` brought (names compared as people's names are)."""
    return [p for p in points if same_name(str(p.get("author") or ""), author)]


def point_line(point: Mapping) -> str:
    """``ana: the release train is too slow`` (the text exactly as typed)."""
    author = str(point.get("author") or "someone")
    return f"{author}: {point.get('text', '')}"
