"""Step 4, commit: each member's commitments for next week, one member at a time.

The weekly review's commit step, reused over the current member's part: a title and
Enter adds it, Enter on an empty line goes on to the next member (then the summary).
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Static

from stratui.domain.weeks import next_week
from stratui.rituals.team import TeamContext
from stratui.rituals.weekly.capacity import CapacityHint
from stratui.rituals.weekly.draft import WeeklyDraft
from stratui.ui.screens.team.step import (
    current_part,
    member_line,
    member_view,
    team_context,
    team_draft,
)
from stratui.ui.screens.weekly.commit import CommitStep
from stratui.ui.text import literal


class _MemberContext:
    """The team context as the weekly commit step reads it, for one member."""

    def __init__(self, step: TeamCommitStep, context: TeamContext) -> None:
        self.step = step
        self.planned = context.planned
        self.goals = context.goals_of(current_part(step).name)
        self.context = context

    def hint(self, view: WeeklyDraft) -> CapacityHint:
        return self.context.hint(team_draft(self.step), view.owner)


class TeamCommitStep(CommitStep):
    """Next week's commitments of the member whose turn it is."""

    def question(self) -> str:
        period = next_week(team_draft(self).period)
        return f"what will {current_part(self).name} do in {period}?"

    @property
    def draft(self) -> WeeklyDraft:
        return member_view(self)

    @property
    def context(self) -> _MemberContext:
        return _MemberContext(self, team_context(self))

    def compose(self) -> ComposeResult:
        yield Static(id="team-commit-member", classes="team-member")
        yield from super().compose()

    def show(self, select: str | None = None) -> None:
        self.query_one("#team-commit-member", Static).update(literal(member_line(self)))
        super().show(select)
