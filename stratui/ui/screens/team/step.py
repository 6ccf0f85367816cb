"""What every step of the team review shares: the weekly review's step, typed for a
team review's draft, and the current member's part seen as a personal weekly review
(so the weekly review's step widgets can be reused for one member at a time)."""

from __future__ import annotations

from typing import Any, cast

from stratui.rituals.team import MemberPart, TeamContext, TeamReviewDraft
from stratui.rituals.team.points import point_line, points_of
from stratui.rituals.weekly.draft import WeeklyDraft
from stratui.ui.screens.steps import Step


class TeamStep(Step[TeamReviewDraft, TeamContext]):
    """One step of the team review (``STEP`` is its name in the ritual's ``STEPS``)."""


def team_draft(step: Step[Any, Any]) -> TeamReviewDraft:
    """The team review's draft, from any step on its screen (a reused weekly step too)."""
    draft = step.ritual.draft
    assert draft is not None
    return cast(TeamReviewDraft, draft)


def team_context(step: Step[Any, Any]) -> TeamContext:
    """What the store holds for the team review, from any step on its screen."""
    return cast(TeamContext, step.ritual.context)


def current_part(step: Step[Any, Any]) -> MemberPart:
    """Whose turn it is in the walked step ``step`` belongs to."""
    part = team_draft(step).current_member
    assert part is not None
    return part


def member_view(step: Step[Any, Any]) -> WeeklyDraft:
    """The current member's part as a weekly draft (it shares the part's lists)."""
    draft = team_draft(step)
    return current_part(step).as_weekly(draft.period)


def member_line(step: Step[Any, Any]) -> str:
    """``bo · member 2 of 3``."""
    draft = team_draft(step)
    part = current_part(step)
    return f"{part.name} · member {draft.member_index + 1} of {len(draft.members)}"


def member_notes(step: Step[Any, Any]) -> str:
    """What the walk knows about the current member before asking: that they reviewed
    their own week already (their outcomes are in: the walk confirms them), and the
    talking points they brought. Empty when neither."""
    part = current_part(step)
    context = team_context(step)
    lines = []
    day = context.self_reviewed.get(part.name)
    if day is not None:
        lines.append(
            f"{part.name} reviewed their own week on {day}: these outcomes are theirs "
            "(Enter confirms)."
        )
    brought = points_of(context.points, part.name)
    if brought:
        lines.append("Talking points: " + " · ".join(str(p.get("text", "")) for p in brought))
    return "\n".join(lines)


def points_block(step: Step[Any, Any]) -> str:
    """Every talking point brought to the review, one a line (empty: none)."""
    points = team_context(step).points
    if not points:
        return ""
    return "Talking points:\n" + "\n".join(f"  • {point_line(p)}" for p in points)
