"""Past reviews as a person reads them: the list, its search, and each one in full (no
Textual here).

The list and the search read the store's per-shard summaries (:mod:`stratui.domain.digests`),
kept with each shard's signature: a visit costs a look at each shard's signature, not a
decoding of years of reviews, and a search is a substring test per review.
"""

from __future__ import annotations

from typing import NamedTuple

from stratui.domain import digests
from stratui.domain.markdown import md
from stratui.domain.retro_totals import group_totals
from stratui.usecases.workspace import Workspace

RITUAL_TITLES = {
    "weekly": "Weekly review",
    "team": "Team review",
    "retro": "Retrospective",
    "quarterly": "Quarterly strategy review",
}


class HistoryRow(NamedTuple):
    """One completed review as History lists it (a tuple of strings: cheap to keep, and
    nothing the garbage collector needs to walk)."""

    id: str
    completed_at: str
    ritual: str  # its title, e.g. "Weekly review"
    period: str
    who: str  # the owner of a weekly review, else the team
    pulse: str  # "4/5", or "" when not rated

    @property
    def completed(self) -> str:
        """The day it was completed."""
        return self.completed_at[:10]


class History:
    """Every completed review, newest first (by completion, then id), kept between
    visits: :meth:`refresh` builds the rows again only when a shard's summary changed,
    and :meth:`search` searches again only when the query or what it reads changed."""

    def __init__(self) -> None:
        self.rows: list[HistoryRow] = []
        self._summaries: dict[str, object] | None = None
        self._searched: tuple[str, list[HistoryRow], list[dict], list[HistoryRow]] | None
        self._searched = None  # the last search: needle, rows, texts read, its answer

    def refresh(self, ws: Workspace) -> bool:
        """Read the reviews' summaries again; True when the rows were built anew.

        The store hands back the same summary objects for shards that did not change,
        so comparing them with the last ones costs a look per shard.
        """
        summaries = ws.store.digests("reviews", digests.COMPLETED_ROWS, digests.completed_rows)
        if summaries == self._summaries:
            return False
        self._summaries = summaries
        self.rows = [
            HistoryRow(
                rid,
                completed_at or "",
                RITUAL_TITLES[ritual],
                period,
                owner or team or "",
                f"{pulse}/5" if pulse else "",
            )
            for shard in summaries.values()
            for rid, completed_at, ritual, period, owner, team, pulse in shard  # type: ignore[attr-defined]
        ]
        self.rows.sort(key=lambda row: (row.completed_at, row.id), reverse=True)
        return True

    def search(self, ws: Workspace, query: str) -> list[HistoryRow]:
        """The rows whose review mentions ``query`` (case-insensitive, as typed: no
        pattern): in its columns, its notes and people, its retrospective's cards, the
        decisions taken in it or the commitments made in it. An empty query keeps them
        all. The texts are the store's per-shard summaries; unchanged ones come back as
        the same objects, so asking again on each visit costs a look per shard."""
        needle = query.strip().casefold()
        if not needle:
            return self.rows
        texts = [
            ws.store.digests(collection, digests.SEARCH_TEXT, digests.search_text(collection))
            for collection in digests.SEARCH_FIELDS
        ]
        last = self._searched
        if last is not None and last[0] == needle and last[1] is self.rows and last[2] == texts:
            return last[3]
        found: set[str] = set()
        for summaries in texts:
            for shard in summaries.values():
                found.update(rid for rid, text in shard.items() if needle in text)  # type: ignore[attr-defined]
        matches = [
            row
            for row in self.rows
            if row.id in found or needle in f"{row.completed} {row.ritual} {row.who}".casefold()
        ]
        self._searched = (needle, self.rows, texts, matches)
        return matches


def review_by_id(ws: Workspace, rid: str) -> dict | None:
    """The review ``rid``, whole (None when it was deleted meanwhile)."""
    return ws.store.get("reviews", rid)


def review_markdown(ws: Workspace, review: dict) -> str:
    """One review in full, as Markdown; user text escaped so it reads literally."""
    # Imported here, when a review is read: the rituals' summaries cost ~40 ms to import,
    # which opening History (the list) does not need.
    from stratui.rituals import ritual_named
    from stratui.rituals.team.points import talking_points
    from stratui.usecases import rituals

    try:
        return rituals.summary_markdown(ws, ritual_named(review["ritual"]), review["id"])
    except (KeyError, ValueError):  # stored by an older version: the generic page below
        pass
    lines = [f"# {RITUAL_TITLES[review['ritual']]} {review['period']}", ""]
    for label, field in (("Team", "team"), ("Facilitator", "facilitator"), ("Owner", "owner")):
        if review.get(field):
            lines.append(f"- {label}: {md(review[field])}")
    if review.get("participants"):
        lines.append(f"- Participants: {md(', '.join(review['participants']))}")
    if review.get("pulse"):
        lines.append(f"- Pulse: {review['pulse']}/5")
    if review.get("format"):
        lines.append(f"- Format: {review['format']}")
    for dimension, score in sorted((review.get("health") or {}).items()):
        lines.append(f"- Health, {md(dimension)}: {score}/5")
    if review.get("notes"):
        lines += ["", "## Notes", "", md(review["notes"])]
    if review["ritual"] == "retro":
        cards = ws.store.find("retro_items", review_id=review["id"])
        if cards:
            lines += ["", "## Cards", ""]
            for card in sorted(cards, key=lambda c: (-c["votes"], c["category"], c["id"])):
                author = f" ({md(card['author'])})" if card.get("author") else ""
                text = f"{md(card['text'])}{author}, {card['votes']} votes"
                lines.append(f"- **{md(card['category'])}** {text}")
            for label, votes in group_totals(review, cards).items():
                lines.append(f"- group **{md(label)}**: {votes} votes in all")
    if review["ritual"] == "team":
        points = talking_points(ws.store.find("retro_items", review_id=review["id"]))
        if points:
            lines += ["", "## Talking points", ""]
            lines += [f"- {md(p['text'])} ({md(p.get('author') or 'someone')})" for p in points]
    lines.append("")
    return "\n".join(lines)
