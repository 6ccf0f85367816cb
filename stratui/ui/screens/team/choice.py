"""Step 1, team and week: which team, which week, who runs it and who is reviewed.

The week can be changed here (``2026-W47``, ``last``, a date): the review moves to it,
with that week's commitments, unless that week's team review is complete already.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.widgets import Label, Static

from stratui.domain.dates import parse_week_arg
from stratui.store.errors import StoreError
from stratui.ui.screens.team.step import TeamStep, points_block
from stratui.ui.text import literal_block
from stratui.ui.widgets.line_input import LineInput


class TeamChoiceStep(TeamStep):
    """What the review is about; Enter goes on to the first member."""

    STEP = "team"
    QUESTION = "is this the team and the week?"

    def compose(self) -> ComposeResult:
        yield Static(id="team-about")
        yield Label("Week under review (Enter changes it)", classes="field-label")
        yield LineInput(placeholder="2026-W47, last, this", id="team-period")
        yield Static(
            "Enter goes on (or moves the review to the week typed) · Esc: dashboard",
            classes="step-hint",
        )

    def show(self) -> None:
        draft = self.draft
        lines = [
            f"Team: {draft.team}",
            f"Facilitator: {draft.facilitator}",
            f"Members: {', '.join(part.name for part in draft.members) or 'none'}",
        ]
        block = points_block(self)
        if block:
            lines.append(block)
        self.query_one("#team-about", Static).update(literal_block("\n".join(lines)))
        self.query_one("#team-period", LineInput).value = draft.period

    def focus_first(self) -> None:
        self.query_one("#team-period", LineInput).focus()

    def apply_pending(self) -> bool:
        return super().apply_pending() and self.apply_period()

    def apply_period(self) -> bool:
        """Review the week typed in the week field, if it is another one; False (with the
        reason shown) when it cannot be read or reviewed."""
        field = self.query_one("#team-period", LineInput)
        text = field.value.strip()
        if not text or text == self.draft.period:
            return True
        try:
            week = parse_week_arg(text, self.ritual.ws.clock.today())
        except ValueError as error:
            self.ritual.show_problems([f"period: {error}"])
            return False
        try:
            self.ritual.change_period(week)
        except (ValueError, StoreError) as error:
            self.ritual.show_problems([str(error)])
            return False
        finally:
            field.value = self.draft.period  # the week now reviewed
        return True

    @on(LineInput.Submitted, "#team-period")
    def _period_done(self, event: LineInput.Submitted) -> None:
        """Enter on the week as it is goes on; on another week, moves the review to it."""
        event.stop()
        if event.value.strip() in ("", self.draft.period):
            self.ritual.action_next()
        elif self.apply_period():
            self.ritual.show_problems([])
            self.ritual.show_step()
