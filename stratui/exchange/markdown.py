"""A readable Markdown export: the goal tree, each week's commitments, and what happened.

Meant for people (a wiki page, an email, a pull request), not for re-import: the JSON
document is the lossless format. User text is written literally: every character that
Markdown would read as formatting is backslash-escaped, so a title like ``*x*`` or
``[a](b)`` shows as typed instead of turning bold or into a link.

The output depends only on the records and ``exported_at`` (ages are counted up to the
export day), so the same store always gives the same text.

Pure module: no Textual, no TinyDB, no Rich.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Mapping

from stratui.domain.markdown import md
from stratui.domain.metrics.roadblocks import worst_first
from stratui.domain.retro_totals import group_totals
from stratui.domain.weeks import is_supported_week, monday, sunday
from stratui.domain.wording import counted
from stratui.exchange.document import export_records


def to_markdown(collections: Mapping[str, Iterable[dict]], exported_at: str) -> str:
    """The whole store as one Markdown document.

    Args:
        collections: Records by collection name; tombstones are left out.
        exported_at: The export's UTC timestamp; it titles the document and is the day
            up to which open roadblocks are aged.

    Returns:
        Markdown text ending with a newline: Goals (as a tree), Commitments (weeks newest
        first, grouped by owner, as task lists), Roadblocks (open first), Adjustments,
        Reviews.
    """
    live = {name: export_records(records) for name, records in collections.items()}
    goals = {goal["id"]: goal for goal in live.get("goals", [])}
    commitments = {item["id"]: item for item in live.get("commitments", [])}
    today = _date(exported_at[:10]) if isinstance(exported_at, str) else None
    parts = [
        "# stratui export",
        f"Exported {md(exported_at)}.",
        "## Goals",
        _goals(goals, live.get("goal_checkins", [])),
        "## Commitments",
        _commitments(commitments, goals),
        "## Roadblocks",
        _roadblocks(live.get("roadblocks", []), goals, commitments, today),
        "## Adjustments",
        _adjustments(live.get("adjustments", []), goals, commitments),
        "## Reviews",
        _reviews(live.get("reviews", []), live.get("retro_items", [])),
    ]
    return "\n\n".join(parts) + "\n"


# --- sections -----------------------------------------------------------------------------


def _goals(goals: Mapping[str, dict], checkins: Iterable[dict]) -> str:
    """The goals as a nested list: children under their parent goal."""
    if not goals:
        return "_No goals._"
    latest: dict[str, dict] = {}
    for checkin in sorted(checkins, key=lambda c: (str(c.get("date", "")), c["id"])):
        latest[str(checkin.get("goal_id"))] = checkin
    children: dict[str | None, list[dict]] = defaultdict(list)
    for goal in goals.values():  # already in creation order
        parent = goal.get("parent_id")
        has_parent = parent in goals and parent != goal["id"]
        children[parent if has_parent else None].append(goal)
    lines: list[str] = []
    seen: set[str] = set()

    def walk(goal: dict, depth: int) -> None:
        if goal["id"] in seen:
            return
        seen.add(goal["id"])
        pad = "  " * depth
        lines.append(f"{pad}- {_goal_line(goal, latest.get(goal['id']), pad + '  ')}")
        for child in children.get(goal["id"], []):
            walk(child, depth + 1)

    for root in children[None]:
        walk(root, 0)
    for goal in goals.values():  # goals caught in a parent cycle have no root: list them
        walk(goal, 0)
    return "\n".join(lines)


def _goal_line(goal: Mapping, checkin: Mapping | None, pad: str) -> str:
    bits = [f"{md(goal.get('title', ''), pad)} ({md(goal.get('status', ''))})"]
    for key in ("owner", "team", "priority"):
        if goal.get(key) is not None:
            bits.append(f"{key} {md(goal[key])}")
    if goal.get("start") or goal.get("end"):
        bits.append(f"{md(goal.get('start') or '…')} to {md(goal.get('end') or '…')}")
    metric = goal.get("metric")
    if isinstance(metric, Mapping):
        unit = f" {md(metric['unit'])}" if metric.get("unit") else ""
        bits.append(
            f"metric: {md(metric.get('name', ''))} {_num(metric.get('baseline'))} → "
            f"{_num(metric.get('target'))}{unit}"
        )
    if checkin:
        reading = f"latest {md(checkin.get('date', ''))}"
        if checkin.get("value") is not None:
            reading += f": {_num(checkin['value'])}"
        if checkin.get("confidence") is not None:
            reading += f", confidence {md(checkin['confidence'])}/5"
        bits.append(reading)
    if goal.get("description"):
        bits.append(md(goal["description"], pad))
    return " · ".join(bits)


def _commitments(commitments: Mapping[str, dict], goals: Mapping[str, dict]) -> str:
    """Each week, newest first, then each owner, as a task list."""
    if not commitments:
        return "_No commitments._"
    weeks: dict[str, dict[str, list[dict]]] = defaultdict(lambda: defaultdict(list))
    for item in commitments.values():
        weeks[str(item.get("week", ""))][str(item.get("owner", ""))].append(item)
    blocks = []
    for week in sorted(weeks, reverse=True):
        heading = f"### {md(week)}"
        if is_supported_week(week):  # else shown as stored: 9999-W52 has no Sunday
            heading += f" ({monday(week).isoformat()} to {sunday(week).isoformat()})"
        blocks.append(heading)
        for owner in sorted(weeks[week]):
            blocks.append(f"#### {md(owner)}")
            blocks.append("\n".join(_task(item, goals) for item in weeks[week][owner]))
    return "\n\n".join(blocks)


def _task(item: Mapping, goals: Mapping[str, dict]) -> str:
    status = str(item.get("status", ""))
    box = "[x]" if status == "done" else "[ ]"
    state = md(status)
    if item.get("progress") is not None and status not in ("done", "dropped"):
        state += f", {_num(item['progress'])}%"
    bits = [f"{md(item.get('title', ''), '  ')} ({state})"]
    if item.get("due"):
        bits.append(f"due {md(item['due'])}")
    if item.get("confidence") is not None:
        bits.append(f"confidence {md(item['confidence'])}/5")
    if item.get("goal_id"):
        bits.append(f"goal: {_title(goals, item['goal_id'])}")
    if item.get("carried_from"):
        bits.append(f"↻ carried from {md(_short(item['carried_from']))}")
    if item.get("source") in ("review", "retro"):
        bits.append(f"from a {md(item['source'])}")
    if item.get("notes"):
        bits.append(f"notes: {md(item['notes'], '  ')}")
    return f"- {box} " + " · ".join(bits)


def _roadblocks(
    roadblocks: list[dict],
    goals: Mapping[str, dict],
    commitments: Mapping[str, dict],
    today: dt.date | None,
) -> str:
    """Open roadblocks first (worst first), then resolved ones (latest first)."""
    if not roadblocks:
        return "_No roadblocks._"
    open_ = [r for r in roadblocks if not r.get("resolved_on")]
    done = [r for r in roadblocks if r.get("resolved_on")]
    open_ = worst_first(open_)
    done.sort(key=lambda r: str(r.get("resolved_on")), reverse=True)
    blocks = []
    for heading, group in (("### Open", open_), ("### Resolved", done)):
        if group:
            lines = [f"- {_roadblock_line(r, goals, commitments, today)}" for r in group]
            blocks += [heading, "\n".join(lines)]
    return "\n\n".join(blocks)


def _roadblock_line(
    block: Mapping,
    goals: Mapping[str, dict],
    commitments: Mapping[str, dict],
    today: dt.date | None,
) -> str:
    bits = [
        md(block.get("title", ""), "  "),
        md(block.get("severity", "")),
        md(block.get("kind", "")),
    ]
    if block.get("owner"):
        bits.append(f"owner {md(block['owner'])}")
    if block.get("commitment_id"):
        bits.append(f"blocks: {_title(commitments, block['commitment_id'])}")
    if block.get("goal_id"):
        bits.append(f"goal: {_title(goals, block['goal_id'])}")
    raised = str(block.get("raised_on", ""))
    resolved = block.get("resolved_on")
    if resolved:
        age = f"raised {md(raised)}, resolved {md(resolved)}"
        days = _days(raised, _date(str(resolved)))
        bits.append(age + (f" after {days}" if days else ""))
        if block.get("resolution"):
            bits.append(f"resolution: {md(block['resolution'], '  ')}")
    else:
        days = _days(raised, today)
        bits.append(f"raised {md(raised)}" + (f", open {days}" if days else ""))
    return " · ".join(bits)


def _adjustments(
    adjustments: list[dict], goals: Mapping[str, dict], commitments: Mapping[str, dict]
) -> str:
    """Course corrections, latest decision first."""
    if not adjustments:
        return "_No adjustments._"
    ordered = sorted(adjustments, key=lambda a: str(a.get("decided_on", "")), reverse=True)
    lines = []
    for item in ordered:
        bits = [
            f"{md(item.get('decided_on', ''))} {md(item.get('kind', ''))}: "
            f"{md(item.get('description', ''), '  ')}"
        ]
        if item.get("rationale"):
            bits.append(f"why: {md(item['rationale'], '  ')}")
        if item.get("goal_id"):
            bits.append(f"goal: {_title(goals, item['goal_id'])}")
        if item.get("commitment_id"):
            bits.append(f"commitment: {_title(commitments, item['commitment_id'])}")
        lines.append("- " + " · ".join(bits))
    return "\n".join(lines)


def _reviews(reviews: list[dict], retro_items: Iterable[dict]) -> str:
    """Each review, latest started first, with a retrospective's cards beneath it."""
    if not reviews:
        return "_No reviews._"
    cards: dict[str, list[dict]] = defaultdict(list)
    for card in retro_items:
        cards[str(card.get("review_id"))].append(card)
    ordered = sorted(reviews, key=lambda r: (str(r.get("started_at", "")), r["id"]), reverse=True)
    lines = []
    for review in ordered:
        bits = [f"{md(review.get('ritual', ''))} review {md(review.get('period', ''))}"]
        for key in ("owner", "team", "facilitator"):
            if review.get(key):
                bits.append(f"{key} {md(review[key])}")
        bits.append(md(review.get("status", "")))
        if review.get("pulse") is not None:
            bits.append(f"pulse {md(review['pulse'])}/5")
        if review.get("format"):
            bits.append(f"format {md(review['format'])}")
        health = review.get("health")
        if isinstance(health, Mapping) and health:
            scores = ", ".join(f"{md(k)} {md(health[k])}/5" for k in sorted(health))
            bits.append(f"health: {scores}")
        if review.get("participants"):
            bits.append("with " + ", ".join(md(name) for name in review["participants"]))
        if review.get("notes"):
            bits.append(f"notes: {md(review['notes'], '  ')}")
        lines.append("- " + " · ".join(bits))
        for card in sorted(
            cards.get(review["id"], []), key=lambda c: (-_int(c.get("votes")), c["created_at"])
        ):
            votes = _int(card.get("votes"))
            card_line = (
                f"  - {md(card.get('category', ''))}: {md(card.get('text', ''), '    ')}"
                f" ({votes} vote{'' if votes == 1 else 's'})"
            )
            if card.get("author"):
                card_line += f" · by {md(card['author'])}"
            lines.append(card_line)
        for label, votes in group_totals(review, cards.get(review["id"], [])).items():
            lines.append(f"  - group {md(label)}: {counted(votes, 'vote')} in all")
    return "\n".join(lines)


# --- small helpers ------------------------------------------------------------------------


def _short(rid: object) -> str:
    """The first 8 characters of an id: enough to tell records apart when reading."""
    return str(rid)[:8]


def _title(records: Mapping[str, dict], rid: object) -> str:
    """A referenced record's title, or its short id when it is not in the export."""
    record = records.get(str(rid))
    return md(record.get("title", "")) if record else md(_short(rid))


def _num(value: object) -> str:
    """A number without a pointless ``.0``: ``60.0`` -> ``60``."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return md(value)


def _int(value: object) -> int:
    return value if isinstance(value, int) and not isinstance(value, bool) else 0


def _date(text: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        return None


def _days(start: str, end: dt.date | None) -> str:
    """``"12 days"`` from ``start`` to ``end``, or empty when either is unknown."""
    begin = _date(start)
    if begin is None or end is None:
        return ""
    days = (end - begin).days
    return f"{days} day{'' if days == 1 else 's'}"
