"""The weekly report in Markdown: what a person pastes into a chat or an e-mail.

It reads well as plain text and renders as Markdown: the window's say/do with a
week-by-week line, what slipped, the open roadblocks by age, the goals at risk, and the
adjustments made. Figures are the JSON document's (:mod:`.document`), so the two formats
never disagree. User text (titles, names, descriptions) is written literally: every
character Markdown would read as formatting is escaped (:func:`stratui.exchange.markdown.md`).

Pure module: no Textual, no Rich, no store.
"""

from __future__ import annotations

from collections.abc import Mapping

from stratui.domain.markdown import md
from stratui.domain.metrics.execution import is_done, is_reviewed
from stratui.domain.metrics.goal_figures import AT_RISK
from stratui.domain.metrics.roadblocks import open_roadblocks, roadblock_age
from stratui.report.reading import ReportData

NO_DATA = "no data"


def percent(value: float | None) -> str:
    """A share as a whole percentage (``0.75`` -> ``75%``), or "no data"."""
    return NO_DATA if value is None else f"{value:.0%}"


def report_markdown(data: ReportData, document: Mapping) -> str:
    """The Markdown weekly report of ``data``, whose figures ``document`` holds."""
    parts = [
        f"# Weekly report: {_scope_title(data)}",
        f"{document['window']['start']} to {document['window']['end']} "
        f"({_weeks(len(data.weeks))}), as of {document['as_of']}.",
        "## Say/do",
        _say_do(document),
        "## What slipped",
        _slipped(data, document),
        "## Open roadblocks",
        _roadblocks(data),
        "## Goals at risk",
        _goals_at_risk(data, document),
        "## Adjustments",
        _adjustments(data),
        "## Other figures",
        _others(document),
    ]
    return "\n\n".join(parts) + "\n"


def _weeks(count: int) -> str:
    return "1 week" if count == 1 else f"{count} weeks"


def _scope_title(data: ReportData) -> str:
    if data.scope.owner is not None:
        return md(data.scope.owner)
    if data.scope.team is not None:
        return f"team {md(data.scope.team)}"
    return "everyone"


def _say_do(document: Mapping) -> str:
    rows = document["weeks"]
    done = sum(row["done"] for row in rows)
    reviewed = sum(row["reviewed"] for row in rows)
    planned = sum(row["planned"] for row in rows)
    if document["say_do"] is None:
        head = f"No data: nothing reviewed in the window ({planned} planned)."
    else:
        head = (
            f"**{percent(document['say_do'])}** over the window: {done} done of {reviewed} "
            f"reviewed ({planned} planned)."
        )
    weekly = " · ".join(
        f"{row['week']} {percent(row['say_do'])}"
        + (f" ({row['done']}/{row['reviewed']})" if row["reviewed"] else "")
        for row in rows
    )
    return f"{head}\\\n{weekly}"


def _slipped(data: ReportData, document: Mapping) -> str:
    """The window's commitments reviewed and not done, and the chronic slips still open,
    by week and owner."""
    chronic = set(document["chronic_slips"])
    carried = {
        str(c["carried_from"])
        for week in data.weeks
        for c in data.following(week)
        if c.get("carried_from")
    }
    lines = []
    for commitment in data.commitments:
        slipped = is_reviewed(commitment) and not is_done(commitment)
        if not slipped and commitment["id"] not in chronic:
            continue
        notes = [commitment["status"]]
        if commitment["id"] in carried:
            notes.append("carried over")
        if commitment["id"] in chronic:
            notes.append("chronic")
        lines.append(
            f"- {commitment['week']} · {md(commitment['title'], '  ')} "
            f"({md(commitment['owner'])}; {', '.join(notes)})"
        )
    return "\n".join(lines) if lines else "Nothing slipped."


def _roadblocks(data: ReportData) -> str:
    """Roadblocks open on the as-of date, oldest first."""
    lines = []
    for roadblock in open_roadblocks(data.roadblocks, data.as_of):
        age = roadblock_age(roadblock, data.as_of)
        owner = f", {md(roadblock['owner'])}" if roadblock.get("owner") else ""
        lines.append(
            f"- {age} {'day' if age == 1 else 'days'} · {md(roadblock['title'], '  ')} "
            f"({roadblock['severity']}{owner})"
        )
    return "\n".join(lines) if lines else "None open."


def _goals_at_risk(data: ReportData, document: Mapping) -> str:
    """Active goals in scope whose health is "at risk", with progress and pace."""
    lines = []
    for row in document["goals"]:
        if row["health"] != AT_RISK:
            continue
        goal = data.goals_by_id.get(row["id"], {})
        lines.append(
            f"- {md(goal.get('title', row['id']), '  ')}: progress {percent(row['progress'])}, "
            f"pace {row['pace']:.2f}"
        )
    return "\n".join(lines) if lines else "None at risk."


def _adjustments(data: ReportData) -> str:
    """The course corrections decided in the window."""
    lines = []
    for adjustment in data.adjustments:
        why = f" (why: {md(adjustment['rationale'], '  ')})" if adjustment.get("rationale") else ""
        lines.append(
            f"- {adjustment['decided_on']} · {adjustment['kind']}: "
            f"{md(adjustment['description'], '  ')}{why}"
        )
    return "\n".join(lines) if lines else "None recorded."


def _others(document: Mapping) -> str:
    roadblocks = document["roadblocks"]
    resolve = roadblocks["time_to_resolve_days"]
    figures = [
        f"alignment {percent(document['alignment'])}",
        f"calibration (Brier, lower is better) {_number(document['calibration'])}",
        f"chronic slips {len(document['chronic_slips'])}",
        f"open roadblocks {roadblocks['open']}",
        f"time to resolve {NO_DATA if resolve is None else f'{resolve:g} days'}",
        f"retro follow-through {percent(document['follow_through'])}",
        f"pulse {_number(document['pulse'])}",
    ]
    if document["review_streak"] is not None:
        figures.append(f"review streak {document['review_streak']} weeks")
    return "\n".join(f"- {figure}" for figure in figures)


def _number(value: float | None) -> str:
    return NO_DATA if value is None else f"{value:.2f}"
