"""Past reviews as a person reads them: the list, and each one in full (no Textual here)."""

from __future__ import annotations

from stratui.domain.markdown import md
from stratui.domain.retro_totals import group_totals
from stratui.rituals import ritual_named
from stratui.rituals.team.points import talking_points
from stratui.usecases import rituals
from stratui.usecases.workspace import Workspace

RITUAL_TITLES = {
    "weekly": "Weekly review",
    "team": "Team review",
    "retro": "Retrospective",
    "quarterly": "Quarterly strategy review",
}


def completed_reviews(ws: Workspace) -> list[dict]:
    """Every completed review, newest first."""
    found = ws.store.find("reviews", status="complete")
    return sorted(found, key=lambda r: (r.get("completed_at") or "", r["id"]), reverse=True)


def review_markdown(ws: Workspace, review: dict) -> str:
    """One review in full, as Markdown; user text escaped so it reads literally."""
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
