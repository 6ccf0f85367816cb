"""Step 3, adjust: the team's course corrections (the weekly review's step, reused)."""

from __future__ import annotations

from stratui.ui.screens.weekly.adjust import AdjustStep


class TeamAdjustStep(AdjustStep):
    """a adds, e edits, Delete removes; none is fine."""

    QUESTION = "what will the team change?"
