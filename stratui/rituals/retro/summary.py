"""The Markdown summary of a retrospective, ready to paste into a chat or an e-mail.

It follows the retro: who took part and in which format, what became of the previous
retro's actions, the cards by category (with their groups and the votes put on each
card; anonymous cards without a name), the top topics in vote order (a group counts
the votes put on the group itself and on its cards), the actions agreed, and the
health check against the previous one.

User text is written literally: it goes through :func:`stratui.exchange.markdown.md`,
so a card like ``*x*`` or ``[a](b)`` reads as typed.

Pure module: no Textual, no TinyDB, no store. The same records give the same text.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from stratui.domain.markdown import md
from stratui.domain.retro_totals import group_votes
from stratui.domain.shapes import mapping
from stratui.domain.wording import counted
from stratui.rituals.retro import RetroDraft
from stratui.rituals.retro.board import rank_topics
from stratui.rituals.retro.completion import RetroCompletion
from stratui.rituals.retro.formats import CATEGORIES, FORMAT_TITLES
from stratui.rituals.retro.history import compare_health
from stratui.rituals.weekly.summary import completion_state

TOP_TOPICS = 5
"""How many topics the summary lists under "Top topics"."""

_DISPOSITION_TEXT = {"done": "done", "dropped": "dropped", "carried": "↻ carried over"}


def retro_summary_markdown(
    review: Mapping,
    draft: RetroDraft,
    items: Iterable[Mapping],
    followed_up: Iterable[Mapping],
    actions: Iterable[Mapping],
    previous_review: Mapping | None = None,
    goals: Iterable[Mapping] = (),
) -> str:
    """The summary of one retrospective as Markdown text ending with a newline.

    Args:
        review: The review record (format, health, completion day, participants).
        draft: The retro's draft (its answers): dispositions, discussion notes, notes.
        items: The cards as retro items, in the order they were written.
        followed_up: The previous retro's actions, as they are after the follow-up.
        actions: The commitments with source ``retro`` the retro made: the previous
            actions carried over, then the actions agreed.
        previous_review: The previous retrospective, for the health comparison.
        goals: Goals, for the titles of the goals the actions serve.

    Returns:
        Markdown: a title ``Retrospective Platform 2026-W47``, then the follow-up,
        cards, top topics, actions and health sections (empty ones left out).
    """
    items = [dict(item) for item in items]
    fmt = str(review.get("format") or draft.format)
    parts = [f"# Retrospective {md(review.get('team') or draft.team)} {md(review['period'])}"]
    parts.append(_heading_line(review, draft, fmt))
    followed_up = list(followed_up)
    if followed_up:
        parts.append("## Follow-up of the previous retrospective")
        parts.append("\n".join(_follow_up_line(record, draft) for record in followed_up))
    parts.append("## Cards")
    parts.append(_cards(items, fmt, draft))
    topics = [topic for topic in rank_topics(items, group_votes(review)) if topic.votes]
    if topics:
        lines = []
        for rank, topic in enumerate(topics[:TOP_TOPICS], start=1):
            label = f"**{md(topic.label)}** ({counted(len(topic.card_ids), 'card')})"
            line = f"{rank}. {label if topic.is_group else md(topic.label)} · {_votes(topic.votes)}"
            on_cards = topic.votes - topic.group_votes
            if topic.is_group and topic.group_votes and on_cards:
                line += f" ({topic.group_votes} on the group, {on_cards} on its cards)"
            note = draft.discussion.get(topic.key, "")
            if note.strip():
                line += f" · notes: {md(note, '   ')}"
            lines.append(line)
        parts.append("## Top topics")
        parts.append("\n".join(lines))
    actions = list(actions)
    parts.append("## Actions")
    titles = {str(g["id"]): str(g.get("title", "")) for g in goals}
    lines = [_action_line(action, titles) for action in actions]
    parts.append("\n".join(lines) if lines else "_No actions._")
    health = mapping(review.get("health"))
    if health:
        before = (previous_review or {}).get("health")
        changes = compare_health(health, before if isinstance(before, Mapping) else None)
        parts.append("## Health")
        parts.append("\n".join(f"- {md(change.text)}" for change in changes))
    # the draft's, else the record's own (a review imported or made elsewhere, no answers)
    notes = draft.notes.strip() or str(review.get("notes") or "").strip()
    if notes:
        parts.append("## Notes")
        parts.append(md(notes))
    return "\n\n".join(parts) + "\n"


def completion_markdown(
    completion: RetroCompletion,
    draft: RetroDraft,
    previous_review: Mapping | None = None,
    goals: Iterable[Mapping] = (),
) -> str:
    """The summary of a planned or just written completion (the summary phase's preview)."""
    return retro_summary_markdown(
        completion.review,
        draft,
        completion.items,
        completion.followed_up,
        [*completion.carried, *completion.actions],
        previous_review,
        goals,
    )


def _heading_line(review: Mapping, draft: RetroDraft, fmt: str) -> str:
    bits = [completion_state(review, "Draft, not finished yet")]
    title = draft.format_title if draft.format == fmt else FORMAT_TITLES.get(fmt, fmt)
    bits.append(f"format {md(title)}")
    facilitator = review.get("facilitator") or draft.facilitator
    if facilitator:
        bits.append(f"facilitator {md(facilitator)}")
    line = " · ".join(bits)
    participants = review.get("participants") or draft.participants
    if participants:
        line += f"\n\nParticipants: {md(', '.join(participants))}"
    if draft.icebreaker:
        line += f"\n\nIcebreaker: {md(draft.icebreaker)}"
    return line


def _follow_up_line(record: Mapping, draft: RetroDraft) -> str:
    item = draft.follow_ups.get(str(record.get("id")))
    disposition = item.disposition if item else ""
    box = "[x]" if record.get("status") == "done" else "[ ]"
    bits = [md(record.get("title", ""), "  "), f"owner {md(record.get('owner', ''))}"]
    bits.append(_DISPOSITION_TEXT.get(disposition, md(record.get("status", ""))))
    return f"- {box} " + " · ".join(bits)


def _cards(items: Sequence[Mapping], fmt: str, draft: RetroDraft) -> str:
    """The cards by category: the format's own (a template's, as the review keeps it),
    then any other, by id."""
    if not items:
        return "_No cards._"
    order = list(draft.category_ids if draft.format == fmt else CATEGORIES.get(fmt, ()))
    order += sorted({str(item["category"]) for item in items} - set(order))
    blocks = []
    for category in order:
        cards = [item for item in items if item.get("category") == category]
        if not cards:
            continue
        lines = []
        for card in cards:
            bits = [md(card.get("text", ""), "  ")]
            if card.get("author"):
                bits.append(f"by {md(card['author'])}")
            if card.get("group"):
                bits.append(f"group: {md(card['group'])}")
            bits.append(_votes(int(card.get("votes") or 0)))
            lines.append("- " + " · ".join(bits))
        blocks.append(f"### {md(draft.category_title(category))}\n\n" + "\n".join(lines))
    return "\n\n".join(blocks)


def _action_line(action: Mapping, goal_titles: Mapping[str, str]) -> str:
    bits = [md(action.get("title", ""), "  "), f"owner {md(action.get('owner', ''))}"]
    if action.get("goal_id"):
        title = goal_titles.get(str(action["goal_id"])) or str(action["goal_id"])[:8]
        bits.append(f"goal: {md(title)}")
    if action.get("due"):
        bits.append(f"due {md(action['due'])}")
    if action.get("confidence") is not None:
        bits.append(f"confidence {md(action['confidence'])}/5")
    if action.get("carried_from"):
        bits.append("↻ carried over")
    return "- " + " · ".join(bits)


def _votes(count: int) -> str:
    return "1 vote" if count == 1 else f"{count} votes"
