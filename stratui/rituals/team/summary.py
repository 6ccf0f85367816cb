"""The Markdown summary of a team review, ready to paste into a chat or an e-mail.

It follows the walk: a heading with the team, week, facilitator and participants, the
team's say/do ratio (docs/METRICS.md: done / reviewed), then one section per member (what was
done, what was carried over, their roadblocks, next week's commitments, whether made in
the review or before it, a note), then the talking points members brought, the team's
adjustments and the notes. A member
with nothing this week has a section that says so. Commitment, roadblock and adjustment
lines read as in the weekly review's summary, whose line formats are shared.

User text is written literally: it goes through :func:`stratui.exchange.markdown.md`,
so a title like ``*x*`` or ``[a](b)`` reads as typed.

Pure module: no Textual, no TinyDB, no store. The same records give the same text.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from stratui.domain.markdown import md
from stratui.domain.schema import REVIEWED_STATUSES
from stratui.domain.weeks import is_valid_week, next_week
from stratui.rituals.team import TeamReviewDraft
from stratui.rituals.team.completion import TeamCompletion
from stratui.rituals.weekly.summary import (
    adjustment_line,
    commitment_line,
    completion_state,
    outcome_line,
    say_do,
)

_STATUS_ORDER = {status: index for index, status in enumerate((*REVIEWED_STATUSES, "open"))}


def team_summary_markdown(
    review: Mapping,
    draft: TeamReviewDraft,
    commitments: Iterable[Mapping],
    carried: Iterable[Mapping],
    new_commitments: Iterable[Mapping],
    roadblocks_raised: Iterable[Mapping],
    roadblocks_escalated: Iterable[Mapping],
    adjustments: Iterable[Mapping],
    goals: Iterable[Mapping] = (),
    planned: Iterable[Mapping] = (),
    points: Iterable[Mapping] = (),
) -> str:
    """The summary of one team review as Markdown text ending with a newline.

    Args:
        review: The review record (for its completion day and pulse).
        draft: The review's draft (its answers): members in order, roadblock decisions,
            notes.
        commitments: The members' commitments of the reviewed week, after their outcomes.
        carried: The commitments carried into the following week.
        new_commitments: The members' new commitments for the following week.
        roadblocks_raised: Roadblocks raised in the review.
        roadblocks_escalated: Roadblocks escalated in the review, as they are after it.
        adjustments: Adjustments decided in the review.
        goals: Goals, for the titles of linked goals.
        planned: The members' commitments of the following week that exist besides
            those the review made (which may be included too: each is listed once).
        points: The talking points members brought to the review, in order.

    Returns:
        Markdown: a title ``Team review Platform 2026-W47``, a line with who took part,
        the team's say/do, a section per member, then talking points, adjustments and
        notes.
    """
    goal_titles = {str(g["id"]): str(g.get("title", "")) for g in goals}
    reviewed = [dict(c) for c in commitments]
    titles = {str(c["id"]): str(c.get("title", "")) for c in reviewed}
    carried = list(carried)
    carried_ids = {str(c.get("carried_from")) for c in carried}
    made = [*carried, *new_commitments]
    made_ids = {str(c.get("id")) for c in made}
    before = [c for c in planned if str(c.get("id")) not in made_ids and not c.get("deleted")]
    upcoming = [*before, *made]
    raised = list(roadblocks_raised)
    escalated = {str(r["id"]): r for r in roadblocks_escalated}
    period = str(review.get("period") or draft.period)
    following = next_week(period) if is_valid_week(period) else "next week"

    parts = [f"# Team review {md(review.get('team') or draft.team)} {md(period)}"]
    parts.append(_heading_line(review, draft))
    done, total = say_do(reviewed)
    if total:
        parts.append(f"Say/do: {done} of {total} done ({round(100 * done / total)}%).")
    else:
        parts.append("Say/do: no data (nothing reviewed).")
    for member in draft.members:
        own = [c for c in reviewed if c.get("owner") == member.name]
        lines = [f"## {md(member.name)}" + ("" if member.present else " (absent)")]
        if member.nothing_this_week and not own:
            lines.append("_Nothing this week: no commitments, no open roadblocks._")
        elif own:
            m_done, m_total = say_do(own)
            if m_total:
                lines.append(f"Say/do: {m_done} of {m_total} done.")
            else:
                lines.append("Say/do: no data (nothing decided yet).")
            ordered = sorted(own, key=lambda c: _STATUS_ORDER.get(str(c.get("status")), 9))
            lines.append("\n".join(outcome_line(c, carried_ids) for c in ordered))
        blocks = _member_roadblocks(member, raised, escalated, titles)
        if blocks:
            lines.append("Roadblocks:\n\n" + "\n".join(blocks))
        mine = [c for c in upcoming if c.get("owner") == member.name]
        if mine:
            plan = "\n".join(commitment_line(c, goal_titles) for c in mine)
            lines.append(f"Next week {md(following)}:\n\n{plan}")
        else:
            lines.append(f"Next week {md(following)}: _no commitments yet._")
        if member.note.strip():
            lines.append(f"Note: {md(member.note)}")
        parts.append("\n\n".join(lines))
    points = list(points)
    if points:
        parts.append("## Talking points")
        parts.append("\n".join(_point_line(p) for p in points))
    adjustments = list(adjustments)
    if adjustments:
        parts.append("## Adjustments")
        parts.append("\n".join(adjustment_line(a, goal_titles, titles) for a in adjustments))
    # the draft's, else the record's own (a review imported or made elsewhere, no answers)
    notes = draft.notes.strip() or str(review.get("notes") or "").strip()
    if notes:
        parts.append("## Notes")
        parts.append(md(notes))
    return "\n\n".join(parts) + "\n"


def completion_markdown(
    completion: TeamCompletion,
    draft: TeamReviewDraft,
    goals: Iterable[Mapping] = (),
    planned: Iterable[Mapping] = (),
    points: Iterable[Mapping] = (),
) -> str:
    """The summary of a planned or just written completion (the summary step's preview)."""
    return team_summary_markdown(
        completion.review,
        draft,
        completion.reviewed,
        completion.carried,
        completion.new_commitments,
        completion.new_roadblocks,
        completion.escalated_roadblocks,
        completion.adjustments,
        goals,
        planned,
        points,
    )


def _point_line(point: Mapping) -> str:
    author = point.get("author")
    return f"- {md(point.get('text', ''), '  ')}" + (f" ({md(author)})" if author else "")


def _heading_line(review: Mapping, draft: TeamReviewDraft) -> str:
    bits = [completion_state(review)]
    facilitator = review.get("facilitator") or draft.facilitator
    if facilitator:
        bits.append(f"facilitator {md(facilitator)}")
    if review.get("pulse") is not None:
        bits.append(f"pulse {md(review['pulse'])}/5")
    participants = review.get("participants") or draft.participants
    line = " · ".join(bits)
    if participants:
        line += f"\n\nParticipants: {md(', '.join(participants))}"
    return line


def _member_roadblocks(
    member, raised: list[Mapping], escalated: Mapping[str, Mapping], titles: Mapping[str, str]
) -> list[str]:
    lines = []
    for rid, call in member.roadblocks.items():
        title = md(call.title, "  ")
        if call.decision == "resolved":
            line = f"- {title} · resolved"
            if call.resolution.strip():
                line += f": {md(call.resolution, '  ')}"
        elif call.decision == "escalate":
            after = escalated.get(rid, {})
            owner = after.get("owner") or call.owner
            severity = after.get("severity") or call.severity
            line = f"- {title} · ⚠ escalated to {md(owner)}"
            if severity:
                line += f" ({md(severity)})"
        else:
            line = f"- {title} · still blocking"
        lines.append(line)
    for block in raised:
        if block.get("owner") != member.name:
            continue
        line = (
            f"- {md(block.get('title', ''), '  ')} · raised "
            f"({md(block.get('severity', ''))}, {md(block.get('kind', ''))})"
        )
        if block.get("commitment_id"):
            title = titles.get(str(block["commitment_id"])) or ""
            line += f" · blocks: {md(title) if title else md(str(block['commitment_id'])[:8])}"
        lines.append(line)
    return lines
