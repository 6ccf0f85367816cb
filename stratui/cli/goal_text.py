"""How the goal commands print: the tree's rows, a goal in full, numbers and key results.

Plain text and JSON for the command line (no Rich): user text is printed as typed, on one
line; every number in JSON is rounded to 4 decimals, like ``stratui report``.
"""

from __future__ import annotations

from stratui.cli.textout import one_line
from stratui.exchange.document import public_record


def row_json(row) -> dict:
    """A row of ``goal list --json``: the goal record, its depth, progress, pace, health."""
    return {
        **public_record(row.goal),
        "depth": row.depth,
        "progress": rounded(row.standing.progress),
        "pace": rounded(row.standing.pace),
        "health": row.standing.health,
    }


def percent(value: float | None) -> str:
    """``0.456`` -> ``"46%"``; ``""`` for no data."""
    return "" if value is None else f"{round(100 * value)}%"


def rounded(value: float | None) -> float | None:
    """A figure rounded to 4 decimals, as the report prints them (None stays None)."""
    return None if value is None else round(value, 4)


def number(value: object) -> str:
    """A number without a pointless ``.0``: ``20.0`` -> ``"20"``."""
    return f"{value:g}" if isinstance(value, int | float) else str(value)


def metric_text(metric: dict) -> str:
    """``p95 from 400 to 200 ms``."""
    unit = f" {one_line(metric['unit'])}" if metric.get("unit") else ""
    return (
        f"{one_line(metric['name'])} from {number(metric['baseline'])} "
        f"to {number(metric['target'])}{unit}"
    )


def detail_text(detail) -> str:
    """``goal show``: the goal, where it sits, its standing, readings, work and roadblocks."""
    goal, now = detail.goal, detail.standing
    path = " > ".join(one_line(g["title"]) for g in reversed(detail.ancestors))
    lines = [f"{goal['id']}  {one_line(goal['title'])}"]
    if path:
        lines.append(f"under: {path}")
    facts = [goal["status"]]
    for label in ("owner", "team", "priority"):
        if goal.get(label) is not None:
            facts.append(f"{label} {one_line(str(goal[label]))}")
    if goal.get("start") or goal.get("end"):
        facts.append(f"{goal.get('start') or '?'} to {goal.get('end') or '?'}")
    lines.append(" · ".join(facts))
    if goal.get("metric"):
        lines.append(f"key result: {metric_text(goal['metric'])}")
    pace = "no data" if now.pace is None else f"{now.pace:.2f}"
    lines.append(
        f"progress {percent(now.progress) or 'no data'} · pace {pace} · "
        f"health {now.health or 'no data'} (as of {now.as_of})"
    )
    lines.append(f"check-ins: {len(detail.checkins)}")
    for checkin in detail.checkins[-5:]:
        bits = [checkin["date"]]
        if checkin.get("value") is not None:
            bits.append(f"value {number(checkin['value'])}")
        if checkin.get("confidence") is not None:
            bits.append(f"confidence {checkin['confidence']}/5")
        if checkin.get("note"):
            bits.append(one_line(checkin["note"]))
        lines.append("  " + " · ".join(bits))
    linked = sum(len(items) for items in detail.commitments_by_week.values())
    lines.append(f"linked commitments: {linked} over {len(detail.commitments_by_week)} weeks")
    lines.append(f"open roadblocks: {len(detail.open_roadblocks)}")
    for block in detail.open_roadblocks:
        lines.append(f"  {block['id'][:8]} {block['severity']}: {one_line(block['title'])}")
    return "\n".join(lines)


def detail_json(detail) -> dict:
    """``goal show --json``: the detail with ids for linked records, figures rounded."""
    now = detail.standing
    return {
        "goal": public_record(detail.goal),
        "ancestors": [g["id"] for g in detail.ancestors],
        "children": [g["id"] for g in detail.children],
        "as_of": now.as_of.isoformat(),
        "progress": rounded(now.progress),
        "pace": rounded(now.pace),
        "health": now.health,
        "values": detail.values,
        "confidences": detail.confidences,
        "checkins": [public_record(c) for c in detail.checkins],
        "commitments_by_week": {
            week: [c["id"] for c in items] for week, items in detail.commitments_by_week.items()
        },
        "roadblocks": [r["id"] for r in detail.roadblocks],
    }
