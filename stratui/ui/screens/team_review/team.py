"""Step 1, team and week: which team, which week, who runs it and who is reviewed."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Static

from stratui.ui.screens.team_review.step import TeamStep
from stratui.ui.text import literal_block


class TeamChoiceStep(TeamStep):
    """What the review is about; Enter goes on to the first member."""

    STEP = "team"
    QUESTION = "is this the team and the week?"

    def compose(self) -> ComposeResult:
        yield Static(id="team-about")
        yield Static("Enter goes on · Esc: back to the dashboard", classes="step-hint")

    def show(self) -> None:
        draft = self.draft
        lines = [
            f"Team: {draft.team}",
            f"Week: {draft.period}",
            f"Facilitator: {draft.facilitator}",
            f"Members: {', '.join(part.name for part in draft.members) or 'none'}",
        ]
        self.query_one("#team-about", Static).update(literal_block("\n".join(lines)))
