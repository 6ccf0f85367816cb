"""Step 3, adjust: the team's course corrections (the weekly review's step, reused),
with the talking points members brought above them (what the team talks about here)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Static

from stratui.ui.screens.team.step import points_block
from stratui.ui.screens.weekly.adjust import AdjustStep
from stratui.ui.text import literal_block


class TeamAdjustStep(AdjustStep):
    """a adds, e edits, Delete removes; none is fine."""

    QUESTION = "what will the team change?"

    def compose(self) -> ComposeResult:
        yield Static(id="team-adjust-points")
        yield from super().compose()

    def show(self, select: str | None = None) -> None:
        super().show(select)
        text = points_block(self)
        points = self.query_one("#team-adjust-points", Static)
        points.update(literal_block(text))
        points.display = bool(text)
