"""Validating a team review's draft: the inline messages that keep a step from being left.

Each message names the field, and a member's messages start with the member's name
(``ben: new commitment 1: title is empty``), so a screen can show them beside the input.
A member's look-back, new roadblocks and new commitments are checked by the weekly
review's own rules (through :meth:`~stratui.rituals.team.MemberPart.as_weekly`); the
escalation of a roadblock and the team step are checked here.

Pure module: no Textual, no TinyDB, no store.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from stratui.domain.people import require_named
from stratui.domain.schema import SEVERITIES, ValidationError
from stratui.domain.weeks import is_valid_week
from stratui.rituals.team.steps import ROADBLOCK_CALLS, STEPS, WALKED_STEPS
from stratui.rituals.typed import read_whole
from stratui.rituals.weekly.draft import WeeklyDraft
from stratui.rituals.weekly.validation import validate_step as weekly_step

if TYPE_CHECKING:
    from stratui.rituals.team import MemberPart, RoadblockCall, TeamContext, TeamReviewDraft


def validate_member(
    draft: TeamReviewDraft, part: MemberPart, step: str, today: dt.date | None = None
) -> list[str]:
    """The messages about one member's part in walked step ``step`` (``members``/``commit``).

    Each message starts with the member's name: ``ben: new commitment 1: title is empty``.
    """
    view = part.as_weekly(draft.period)
    if step == "members":
        problems = weekly_step(view, "look back", today=today)
        problems += weekly_step(view, "roadblocks", today=today)
        problems += [_roadblock_problem(call) for call in part.roadblocks.values()]
    elif step == "commit":
        problems = weekly_step(view, "commit", today=today)
    else:
        raise ValueError(f"step: expected one of {', '.join(WALKED_STEPS)}, got {step!r}")
    return [f"{part.name}: {problem}" for problem in problems if problem]


def _roadblock_problem(call: RoadblockCall) -> str:
    subject = f"roadblock {call.title!r}"
    if call.decision not in ROADBLOCK_CALLS:
        return f"{subject}: choose still, resolved or escalate"
    if call.decision == "escalate" and not call.owner.strip():
        return f"{subject}: name who removes it when escalating"
    if call.severity and call.severity not in SEVERITIES:
        return f"{subject}: severity must be one of {', '.join(SEVERITIES)}"
    return ""


def validate_step(
    draft: TeamReviewDraft, step: int | str, *, today: dt.date | None = None
) -> list[str]:
    """The inline messages that keep ``step`` from being left, [] when it may be.

    Each names the field, and a member's messages start with the member's name.
    """
    name = STEPS[step] if isinstance(step, int) else step
    if name not in STEPS:
        raise ValueError(f"step: expected one of {', '.join(STEPS)}, got {step!r}")
    if name == "team":
        return _check_team(draft)
    if name in WALKED_STEPS:
        return [p for part in draft.members for p in validate_member(draft, part, name, today)]
    if name == "adjust":
        view = WeeklyDraft(period=draft.period, owner=draft.facilitator)
        view.adjustments = draft.adjustments
        return weekly_step(view, "adjust", today=today)
    return []


def validate(draft: TeamReviewDraft, *, today: dt.date | None = None) -> list[str]:
    """The messages of every step, in step order: [] when the review can be completed."""
    return [problem for step in STEPS for problem in validate_step(draft, step, today=today)]


def _check_team(draft: TeamReviewDraft) -> list[str]:
    problems = []
    if not draft.team.strip():
        problems.append("team: choose the team to review")
    if not is_valid_week(draft.period) or draft.period != draft.period.strip():
        problems.append("period: expected an ISO week YYYY-Www that exists")
    if not draft.facilitator.strip():
        problems.append("facilitator: name who runs the review")
    if not draft.members:
        problems.append("members: the team has no members to review")
    elif not draft.participants:
        problems.append("participants: at least one member takes part")
    try:
        read_whole(draft.pulse, 1, 5)
    except ValueError:
        problems.append("pulse: choose 1-5, or leave it blank")
    return problems


def context_problems(draft: TeamReviewDraft, context: TeamContext) -> list[str]:
    """What only the store can tell is wrong: a roadblock escalated to someone who is not
    a person (the message lists who exists), a facilitator who is not one."""
    named = [("facilitator", draft.facilitator)] if draft.facilitator.strip() else []
    for part in draft.members:
        for call in part.roadblocks.values():
            if call.decision == "escalate" and call.owner.strip():
                named.append((f"{part.name}: roadblock {call.title!r}: owner", call.owner))
    problems = []
    for field, name in named:
        try:
            require_named(context.people, name, field, "person")
        except ValidationError as error:
            problems.append(str(error))
    return problems
