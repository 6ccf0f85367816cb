"""The Markdown summary of a quarterly strategy review, ready to paste into a wiki or chat.

It follows the review: what became of each goal of the quarter (disposition, final
reading and progress, lesson), what the next quarter holds (the goals continued and the
new ones, each under its parent), and where the quarter's work went (the alignment view:
effort by goal against priority, and the share linked to no goal).

User text is written literally: it goes through :func:`stratui.exchange.markdown.md`,
which escapes every character Markdown would read as formatting.

Pure module: no Textual, no TinyDB, no store. The same records give the same text.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping

from stratui.domain import key_results as kr
from stratui.domain.markdown import md
from stratui.domain.metrics.goal_figures import goal_progress
from stratui.domain.quarters import is_valid_quarter, next_quarter
from stratui.rituals.quarterly import DISPOSITIONS, RITUAL_TITLE, QuarterlyDraft
from stratui.rituals.quarterly.alignment import AlignmentView
from stratui.rituals.weekly.summary import completion_state


def quarterly_summary_markdown(
    review: Mapping,
    goals: Mapping[str, Mapping],
    checkins: Iterable[Mapping],
    new_goals: Iterable[Mapping],
    alignment: AlignmentView | None,
) -> str:
    """The summary of one quarterly review as Markdown text ending with a newline.

    Args:
        review: The review record; the verdicts and the plan are read from its
            ``answers`` (a draft's answers preview the summary).
        goals: Goals by id, as they are after the review (titles, new ends, parents).
        checkins: The final readings recorded by the review.
        new_goals: The goals planned for the next quarter (records).
        alignment: The alignment view; None leaves its section out.

    Returns:
        Markdown: a title ``Quarterly strategy review 2026-Q4 — Platform``, then the
        goals, the next quarter, the alignment and the notes.
    """
    draft = QuarterlyDraft.from_answers(review.get("answers"), period=review.get("period", ""))
    readings = {str(c["goal_id"]): c for c in checkins}
    who = draft.team or draft.owner or review.get("team") or review.get("owner") or ""
    parts = [f"# {RITUAL_TITLE} {md(draft.period)} — {md(who)}", _heading(review, draft)]
    parts.append(_goals(draft, goals, readings))
    parts.append(_next_quarter(draft, goals, list(new_goals)))
    if alignment is not None:
        parts.append(_alignment(alignment))
    answered = isinstance(review.get("answers"), Mapping)
    notes = draft.notes if answered else str(review.get("notes") or "")
    if notes.strip():  # a review written elsewhere (no answers) shows its notes
        parts += ["## Notes", md(notes)]
    return "\n\n".join(parts) + "\n"


def _heading(review: Mapping, draft: QuarterlyDraft) -> str:
    bits = [completion_state(review)]
    if draft.facilitator:
        bits.append(f"facilitator {md(draft.facilitator)}")
    if draft.participants:
        bits.append(f"participants {md(', '.join(draft.participants))}")
    return " · ".join(bits)


def _goals(draft: QuarterlyDraft, goals: Mapping[str, Mapping], readings: Mapping) -> str:
    lines = ["## Goals of the quarter"]
    verdicts = draft.verdicts
    if not verdicts:
        lines.append("_No active goal overlapped the quarter._")
        return "\n\n".join(lines)
    counts = [
        f"{sum(1 for v in verdicts.values() if v.disposition == d)} {d}" for d in DISPOSITIONS
    ]
    lines.append(f"{len(verdicts)} goals: " + ", ".join(counts) + ".")
    items = []
    for goal_id, verdict in verdicts.items():
        goal = goals.get(goal_id, {"id": goal_id, "title": verdict.title})
        bits = [
            f"**{md(goal.get('title') or verdict.title)}**",
            md(verdict.disposition or "undecided"),
        ]
        bits += _reading_bits(goal, readings.get(goal_id))
        if verdict.lesson.strip():
            bits.append(f"lesson: {md(verdict.lesson, '  ')}")
        items.append("- " + " · ".join(bits))
    lines.append("\n".join(items))
    return "\n\n".join(lines)


def _reading_bits(goal: Mapping, reading: Mapping | None) -> list[str]:
    if reading is None:
        return ["no final reading"]
    bits = []
    if reading.get("value") is not None:
        text = f"final value {_num(reading['value'])}"
        progress = (
            goal_progress(goal, [reading], _day(reading["date"])) if kr.measurable(goal) else None
        )
        if progress is not None:
            text += f" ({round(100 * progress)}% of the way)"
        bits.append(text)
    if reading.get("confidence") is not None:
        bits.append(f"confidence {_num(reading['confidence'])}/5")
    if reading.get("note"):
        bits.append(md(reading["note"], "  "))
    return bits


def _next_quarter(
    draft: QuarterlyDraft, goals: Mapping[str, Mapping], new_goals: list[Mapping]
) -> str:
    period = draft.period
    title = (
        f"## Next quarter {next_quarter(period)}" if is_valid_quarter(period) else "## Next quarter"
    )
    lines = [title]
    continued = [goals.get(gid, {"title": draft.verdicts[gid].title}) for gid in draft.continued()]
    titles = {str(gid): str(g.get("title", "")) for gid, g in goals.items()}
    titles.update({str(g["id"]): str(g.get("title", "")) for g in new_goals})
    if continued:
        lines.append("Continued:")
        lines.append("\n".join(_continued_line(goal) for goal in continued))
    if new_goals:
        lines.append("New goals:")
        lines.append("\n".join(_new_goal_line(goal, titles) for goal in new_goals))
    if not continued and not new_goals:
        lines.append("_Nothing planned yet._")
    return "\n\n".join(lines)


def _continued_line(goal: Mapping) -> str:
    line = f"- {md(goal.get('title', ''), '  ')}"
    if goal.get("end"):
        line += f" · until {md(goal['end'])}"
    return line


def _new_goal_line(goal: Mapping, titles: Mapping[str, str]) -> str:
    bits = [md(goal.get("title", ""), "  ")]
    if goal.get("parent_id"):
        parent = titles.get(str(goal["parent_id"])) or str(goal["parent_id"])[:8]
        bits.append(f"under: {md(parent)}")
    for label in ("owner", "team", "priority"):
        if goal.get(label) is not None:
            bits.append(f"{label} {md(goal[label])}")
    metric = goal.get("metric")
    if isinstance(metric, Mapping):
        unit = f" {md(metric['unit'])}" if metric.get("unit") else ""
        bits.append(
            f"key result: {md(metric['name'])} from {_num(metric['baseline'])} "
            f"to {_num(metric['target'])}{unit}"
        )
    return "- " + " · ".join(bits)


def _alignment(view: AlignmentView) -> str:
    lines = ["## Alignment"]
    if not view.total:
        lines.append("No commitments in the quarter: no data.")
        return "\n\n".join(lines)
    plural = "" if view.total == 1 else "s"
    lines.append(
        f"{view.total} commitment{plural}; {_percent(view.alignment)} linked to a goal, "
        f"{_percent(view.unlinked_share)} to none."
    )
    rows = []
    for row in view.rows:
        priority = f"priority {row.priority}" if row.priority is not None else "no priority"
        count = f"{row.commitments} commitment{'' if row.commitments == 1 else 's'}"
        line = f"- {md(row.title)} ({priority}): {count}, {_percent(row.share)}"
        if row.underserved:
            line += " · less work than a lower-priority goal"
        rows.append(line)
    if rows:
        lines.append("\n".join(rows))
    return "\n\n".join(lines)


def _percent(value: float | None) -> str:
    return "no data" if value is None else f"{round(100 * value)}%"


def _num(value: object) -> str:
    """A number without a pointless ``.0``: ``60.0`` -> ``60``."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return md(value)


def _day(text: object) -> dt.date:
    return dt.date.fromisoformat(str(text))
