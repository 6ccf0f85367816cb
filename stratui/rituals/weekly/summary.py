"""The Markdown summary of a completed weekly review, ready to paste into a chat or wiki.

It answers what the review decided, in the order it was walked: how the week felt, what
was done (with the say/do ratio of docs/METRICS.md: done / reviewed), what was carried over,
the roadblocks still blocking, resolved and raised, the goals' confidence, the
adjustments, and next week's commitments.

User text is written literally: it goes through :func:`stratui.exchange.markdown.md`,
which escapes every character Markdown would read as formatting, so a title like
``*x*`` or ``[a](b)`` reads as typed.

Pure module: no Textual, no TinyDB, no store. The same records give the same text.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from stratui.domain.markdown import md
from stratui.domain.schema import REVIEWED_STATUSES
from stratui.domain.shapes import mapping, text
from stratui.domain.weeks import is_valid_week, next_week
from stratui.rituals.weekly import Completion

_STATUS_ORDER = {status: index for index, status in enumerate((*REVIEWED_STATUSES, "open"))}


def weekly_summary_markdown(
    review: Mapping,
    commitments: Iterable[Mapping],
    carried: Iterable[Mapping],
    roadblocks_raised: Iterable[Mapping],
    roadblocks_resolved: Iterable[Mapping],
    adjustments: Iterable[Mapping],
    checkins: Iterable[Mapping],
    new_commitments: Iterable[Mapping],
    goals: Iterable[Mapping],
    still_blocking: Iterable[Mapping] = (),
    blocked: Iterable[Mapping] = (),
) -> str:
    """The summary of one weekly review as Markdown text ending with a newline.

    Args:
        review: The review record; the check-in line and notes are read from its
            ``answers`` when present, else its ``notes`` are shown.
        commitments: The commitments of the reviewed week (after their outcomes).
        carried: The commitments carried into the following week.
        roadblocks_raised: Roadblocks raised in the review.
        roadblocks_resolved: Roadblocks resolved in the review.
        adjustments: Adjustments decided in the review.
        checkins: Goal check-ins recorded in the review.
        new_commitments: Next week's new commitments (carried ones are in ``carried``).
        goals: Goals, for the titles of linked goals and of the check-ins.
        still_blocking: The roadblocks the review decided still block, as records (for
            their severity, kind and what they block; see :func:`still_blocking_ids`).
            Those the review's answers name but that are not given are listed by the
            title the answers keep.
        blocked: Commitments of other weeks that those roadblocks block (for their titles).

    Returns:
        Markdown: a title ``Weekly review 2026-W47 — ana``, then one section per part
        of the review; parts with nothing to say are left out.
    """
    goal_titles = {str(g["id"]): str(g.get("title", "")) for g in goals}
    reviewed_week = [dict(c) for c in commitments]
    titles = {str(c["id"]): str(c.get("title", "")) for c in [*blocked, *reviewed_week]}
    carried = list(carried)
    carried_ids = {str(c.get("carried_from")) for c in carried}
    answers = mapping(review.get("answers"))

    parts = [f"# Weekly review {md(review.get('period', ''))} — {md(review.get('owner', ''))}"]
    parts.append(_heading_line(review))
    checkin = text(answers.get("checkin"))
    if checkin.strip():
        question = text(answers.get("checkin_question")).strip()
        parts.append(
            f"Check-in ({md(question)}): {md(checkin)}" if question else f"Check-in: {md(checkin)}"
        )
    parts.append(_look_back(reviewed_week, carried_ids))
    still = _still_blocking(answers, still_blocking)
    roadblocks = _roadblocks(still, list(roadblocks_resolved), list(roadblocks_raised), titles)
    if roadblocks:
        parts.append(roadblocks)
    checkins = list(checkins)
    if checkins:
        parts.append("## Goals")
        parts.append("\n".join(_checkin_line(c, goal_titles) for c in checkins))
    adjustments = list(adjustments)
    if adjustments:
        parts.append("## Adjustments")
        parts.append("\n".join(adjustment_line(a, goal_titles, titles) for a in adjustments))
    upcoming = [*carried, *new_commitments]
    period = str(review.get("period", ""))
    parts.append(f"## Next week {next_week(period)}" if is_valid_week(period) else "## Next week")
    if upcoming:
        parts.append("\n".join(commitment_line(c, goal_titles) for c in upcoming))
    else:
        parts.append("_No commitments yet._")
    notes = answers.get("notes") if answers else review.get("notes")
    if isinstance(notes, str) and notes.strip():
        parts.append("## Notes")
        parts.append(md(notes))
    return "\n\n".join(parts) + "\n"


def completion_markdown(
    completion: Completion,
    goals: Iterable[Mapping],
    still_blocking: Iterable[Mapping] = (),
    blocked: Iterable[Mapping] = (),
) -> str:
    """The summary of a planned or just written completion (the summary step's preview)."""
    return weekly_summary_markdown(
        completion.review,
        completion.reviewed,
        completion.carried,
        completion.new_roadblocks,
        completion.resolved_roadblocks,
        completion.adjustments,
        completion.checkins,
        completion.new_commitments,
        goals,
        still_blocking,
        blocked,
    )


def still_blocking_ids(review: Mapping) -> list[str]:
    """The ids of the open roadblocks the review decided still block, in the order it
    walked them: as completing found them open (``answers.written``), else, for a review
    written before that was kept, every decision in its answers but "resolved"."""
    answers = review.get("answers")
    written = answers.get("written") if isinstance(answers, Mapping) else None
    if isinstance(written, Mapping) and isinstance(written.get("still_blocking"), list):
        return [str(rid) for rid in written["still_blocking"]]
    decisions = answers.get("roadblocks") if isinstance(answers, Mapping) else None
    if not isinstance(decisions, Mapping):
        return []
    return [
        str(rid)
        for rid, decision in decisions.items()
        if isinstance(decision, Mapping) and decision.get("decision") != "resolved"
    ]


def say_do(commitments: Iterable[Mapping]) -> tuple[int, int]:
    """``(done, reviewed)`` over ``commitments``: the say/do ratio's two counts."""
    statuses = [c.get("status") for c in commitments]
    reviewed = sum(1 for status in statuses if status in REVIEWED_STATUSES)
    return statuses.count("done"), reviewed


# --- sections -------------------------------------------------------------------------------


def completion_state(review: Mapping, unfinished: str = "Draft, not completed yet") -> str:
    """``Completed 2026-11-20`` for a completed review, else ``unfinished``: how every
    ritual's summary heading starts."""
    if review.get("completed_at"):
        return f"Completed {md(str(review['completed_at'])[:10])}"
    return unfinished


def _heading_line(review: Mapping) -> str:
    bits = [completion_state(review)]
    pulse = review.get("pulse")
    bits.append(f"pulse {md(pulse)}/5" if pulse is not None else "no pulse")
    return " · ".join(bits)


def _look_back(commitments: list[dict], carried_ids: set[str]) -> str:
    lines = ["## Look back"]
    done, reviewed = say_do(commitments)
    if reviewed:
        lines.append(f"Say/do: {done} of {reviewed} done ({round(100 * done / reviewed)}%).")
    else:
        lines.append("Say/do: no data (nothing reviewed).")
    counts = [
        f"{sum(1 for c in commitments if c.get('status') == status)} {status}"
        for status in REVIEWED_STATUSES
    ]
    lines[-1] += " " + ", ".join(counts) + "."
    if carried_ids:
        lines[-1] += f" {len(carried_ids)} carried over to next week."
    if commitments:
        ordered = sorted(commitments, key=lambda c: _STATUS_ORDER.get(str(c.get("status")), 9))
        lines.append("\n".join(outcome_line(c, carried_ids) for c in ordered))
    else:
        lines.append("_No commitments this week._")
    return "\n\n".join(lines)


def outcome_line(item: Mapping, carried_ids: set[str]) -> str:
    """A reviewed commitment as a Markdown checklist line: its outcome, whether it was
    carried over, its notes (the weekly and the team summaries share this format)."""
    status = str(item.get("status", ""))
    box = "[x]" if status == "done" else "[ ]"
    state = md(status)
    if item.get("progress") is not None and status not in ("done", "dropped"):
        state += f", {_num(item['progress'])}%"
    bits = [f"{md(item.get('title', ''), '  ')} ({state})"]
    if str(item.get("id")) in carried_ids:
        bits.append("↻ carried over")
    if item.get("notes"):
        bits.append(f"notes: {md(item['notes'], '  ')}")
    return f"- {box} " + " · ".join(bits)


def commitment_line(item: Mapping, goal_titles: Mapping[str, str]) -> str:
    """A planned commitment as a Markdown list line: its goal, due date, confidence, and
    whether it was carried over."""
    bits = [md(item.get("title", ""), "  ")]
    if item.get("goal_id"):
        bits.append(f"goal: {_title(goal_titles, item['goal_id'])}")
    if item.get("due"):
        bits.append(f"due {md(item['due'])}")
    if item.get("confidence") is not None:
        bits.append(f"confidence {md(item['confidence'])}/5")
    if item.get("carried_from"):
        bits.append("↻ carried over")
    return "- " + " · ".join(bits)


def _still_blocking(answers: Mapping, records: Iterable[Mapping]) -> list[Mapping]:
    """The roadblocks the review left blocking: their records where given, else what the
    answers keep of them (the title)."""
    by_id = {str(record.get("id")): record for record in records}
    decisions = mapping(answers.get("roadblocks"))
    still = []
    for rid in still_blocking_ids({"answers": answers}):
        decision = decisions.get(rid)
        title = decision.get("title", "") if isinstance(decision, Mapping) else ""
        still.append(by_id.get(rid) or {"id": rid, "title": title})
    return still


def _roadblocks(
    still: list[Mapping],
    resolved: list[Mapping],
    raised: list[Mapping],
    titles: Mapping[str, str],
) -> str:
    blocks = []
    if still:
        blocks += ["Still blocking:", "\n".join(_roadblock_line(b, titles) for b in still)]
    if resolved:
        lines = []
        for block in resolved:
            line = f"- {md(block.get('title', ''), '  ')}"
            if block.get("resolution"):
                line += f" · resolution: {md(block['resolution'], '  ')}"
            lines.append(line)
        blocks += ["Resolved:", "\n".join(lines)]
    if raised:
        blocks += ["Raised:", "\n".join(_roadblock_line(b, titles) for b in raised)]
    return "\n\n".join(["## Roadblocks", *blocks]) if blocks else ""


def _roadblock_line(block: Mapping, titles: Mapping[str, str]) -> str:
    """``- title (severity, kind) · blocks: commitment``, with what the record has."""
    line = f"- {md(block.get('title', ''), '  ')}"
    kinds = [md(block[key]) for key in ("severity", "kind") if block.get(key)]
    if kinds:
        line += f" ({', '.join(kinds)})"
    if block.get("commitment_id"):
        line += f" · blocks: {_title(titles, block['commitment_id'])}"
    return line


def _checkin_line(checkin: Mapping, goal_titles: Mapping[str, str]) -> str:
    bits = [_title(goal_titles, checkin.get("goal_id"))]
    if checkin.get("confidence") is not None:
        bits.append(f"confidence {md(checkin['confidence'])}/5")
    if checkin.get("value") is not None:
        bits.append(f"value {_num(checkin['value'])}")
    if checkin.get("note"):
        bits.append(md(checkin["note"], "  "))
    return "- " + " · ".join(bits)


def adjustment_line(
    item: Mapping, goal_titles: Mapping[str, str], titles: Mapping[str, str]
) -> str:
    """An adjustment as a Markdown list line: what, why, and the goal or commitment it touches."""
    bits = [f"{md(item.get('kind', ''))}: {md(item.get('description', ''), '  ')}"]
    if item.get("rationale"):
        bits.append(f"why: {md(item['rationale'], '  ')}")
    if item.get("goal_id"):
        bits.append(f"goal: {_title(goal_titles, item['goal_id'])}")
    if item.get("commitment_id"):
        bits.append(f"commitment: {_title(titles, item['commitment_id'])}")
    return "- " + " · ".join(bits)


def _title(titles: Mapping[str, str], rid: object) -> str:
    """A linked record's title, or its short id when it is not at hand."""
    title = titles.get(str(rid))
    return md(title) if title else md(str(rid)[:8])


def _num(value: object) -> str:
    """A number without a pointless ``.0``: ``60.0`` -> ``60``."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return md(value)
