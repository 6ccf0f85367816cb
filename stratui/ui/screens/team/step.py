"""What every step of the team review shares: the weekly review's step, typed for a
team review's draft, and the current member's part seen as a personal weekly review
(so the weekly review's step widgets can be reused for one member at a time)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from stratui.rituals.weekly.draft import WeeklyDraft
from stratui.ui.screens.steps import Step

if TYPE_CHECKING:
    from stratui.rituals.team import MemberPart, TeamContext, TeamReviewDraft
    from stratui.ui.screens.team.screen import TeamReviewScreen
    from stratui.usecases.team_review import TeamReviews


class TeamStep(Step):
    """One step of the team review (``STEP`` is its name in the ritual's ``STEPS``)."""

    @property
    def ritual(self) -> TeamReviewScreen:  # type: ignore[override]
        return self.screen  # type: ignore[return-value]

    @property
    def draft(self) -> TeamReviewDraft:  # type: ignore[override]
        draft = self.ritual.draft
        assert draft is not None
        return draft

    @property
    def context(self) -> TeamContext:  # type: ignore[override]
        return self.ritual.context

    @property
    def reviews(self) -> TeamReviews:  # type: ignore[override]
        return self.ritual.reviews


def team_draft(step: Step) -> TeamReviewDraft:
    draft = step.screen.draft  # type: ignore[attr-defined]
    assert draft is not None
    return draft


def current_part(step: Step) -> MemberPart:
    """Whose turn it is in the walked step ``step`` belongs to."""
    part = team_draft(step).current_member
    assert part is not None
    return part


def member_view(step: Step) -> WeeklyDraft:
    """The current member's part as a weekly draft (it shares the part's lists)."""
    draft = team_draft(step)
    return current_part(step).as_weekly(draft.period)


def member_line(step: Step) -> str:
    """``bo · member 2 of 3``."""
    draft = team_draft(step)
    part = current_part(step)
    return f"{part.name} · member {draft.member_index + 1} of {len(draft.members)}"
