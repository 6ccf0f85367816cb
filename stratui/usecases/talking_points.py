"""Talking points: a member brings something to the team's next review from a shell.

``stratui review team --team T --point TEXT`` writes one record of my own (a
``retro_items`` record of category :data:`~stratui.rituals.team.points.TALKING_POINT`,
signed by me) linked to the team's review draft; when the team has none open, its next
review is started as a draft that no one runs yet (whoever opens it in the app runs it),
with the same id on every clone, so points written on two clones before they sync land
in one review. Refusals are :class:`~stratui.domain.schema.ValidationError` naming the
field; nothing is written.

No Textual and no Rich here; TinyDB only through the store.
"""

from __future__ import annotations

from stratui.domain import records as rec
from stratui.domain.schema import ValidationError
from stratui.rituals.team.points import TALKING_POINT, point_text, talking_points
from stratui.rituals.team.ritual import TEAM
from stratui.usecases import rituals
from stratui.usecases.workspace import Workspace


def add_point(
    ws: Workspace, text: str, *, team: str | None = None, period: str | None = None
) -> tuple[dict, dict]:
    """Write a talking point of mine for the team's review in progress (of ``period``,
    when given), else for its next one, started now; returns the review and the point.

    Raises:
        ValidationError: on ``text`` (empty), ``team`` (unknown: the message lists the
            teams), ``me`` (not a person), or ``team review`` (completed meanwhile).
        ReviewError: ``period`` has the team's completed review already.
    """
    words = point_text(text)
    me = ws.person_named(None, "me")
    review, _draft = rituals.start_or_resume(ws, TEAM, team=team, period=period, lead=False)
    with ws.store.transaction() as tx:
        current = ws.store.get("reviews", review["id"])
        if current is None or current.get("status") != "draft":
            raise ValidationError(
                "team review",
                f"the review of {review.get('team')} for {review['period']} closed a moment "
                "ago; run the command again to bring your point to the next one",
            )
        fields = {
            "review_id": review["id"],
            "category": TALKING_POINT,
            "text": words,
            "author": me,
            "votes": 0,
        }
        point = tx.insert("retro_items", rec.new_record("retro_items", fields, ws.clock.now()))
    return current, point


def points(ws: Workspace, review: dict) -> list[dict]:
    """The talking points brought to ``review``, oldest first."""
    items = ws.store.find("retro_items", periods=[str(review["period"])], review_id=review["id"])
    return talking_points(items)
