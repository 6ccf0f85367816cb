"""Step 1, check in: the pulse (one key, 1-5), one optional line, and the week reviewed."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.widgets import Label

from stratui.domain.dates import parse_week_arg
from stratui.store.errors import StoreError
from stratui.ui.screens.weekly.step import WeeklyStep
from stratui.ui.widgets.line_input import LineInput
from stratui.ui.widgets.review import PulsePicker


class CheckInStep(WeeklyStep):
    """How did the week feel? A number is required, the line is not."""

    STEP = "check-in"
    QUESTION = "how did the week feel?"

    def question(self) -> str:
        """The team's own check-in question when its template sets one."""
        return self.draft.checkin_question or self.QUESTION

    def compose(self) -> ComposeResult:
        yield Label("Pulse: type 1-5", classes="field-label")
        yield PulsePicker(id="pulse")
        yield Label("In one line (optional)", classes="field-label")
        yield LineInput(
            placeholder="what stood out this week", id="checkin-line", select_on_focus=False
        )
        yield Label("Week under review (Enter changes it)", classes="field-label")
        yield LineInput(placeholder="2026-W47, last, this", id="checkin-period")

    def show(self) -> None:
        pulse = self.draft.pulse
        self.query_one(PulsePicker).value = pulse if isinstance(pulse, int) else None
        line = self.query_one("#checkin-line", LineInput)
        if line.value != self.draft.checkin:
            line.value = self.draft.checkin
        self.query_one("#checkin-period", LineInput).value = self.draft.period

    def focus_first(self) -> None:
        if self.draft.pulse is None:
            self.query_one(PulsePicker).focus()
        else:
            self.query_one("#checkin-line", LineInput).focus()

    def apply_pending(self) -> bool:
        return super().apply_pending() and self.apply_period()

    def apply_period(self) -> bool:
        """Review the week typed in the period field, if it is another one.

        The answers that belong to the old week's commitments are dropped and the new
        week's defaults filled in; if the new week cannot be reviewed (already complete),
        the draft stays as it was and the reason is shown.
        """
        field = self.query_one("#checkin-period", LineInput)
        text = field.value.strip()
        if not text or text == self.draft.period:
            return True
        try:
            week = parse_week_arg(text, self.ritual.ws.clock.today())
        except ValueError as error:
            self.ritual.show_problems([f"period: {error}"])
            return False
        old = self.draft.period
        try:
            resumed = self.ritual.change_period(week)
        except (ValueError, StoreError) as error:
            self.ritual.show_problems([str(error)])
            return False
        finally:
            field.value = self.draft.period  # the week now reviewed
        if resumed:  # its own answers are shown now: read them before going on
            self.ritual.show_problems(
                [f"{week} is reviewed in a draft of its own ({old}'s is kept as it was)"]
            )
            return False
        return True

    @on(PulsePicker.Picked)
    def _picked(self, event: PulsePicker.Picked) -> None:
        self.draft.pulse = event.value
        self.ritual.show_problems([])
        self.changed()
        if event.by_number:
            self.query_one("#checkin-line", LineInput).focus()

    @on(LineInput.Changed, "#checkin-line")
    def _line_typed(self, event: LineInput.Changed) -> None:
        if event.value != self.draft.checkin:
            self.draft.checkin = event.value
            self.changed(soon=True)

    @on(LineInput.Submitted, "#checkin-line")
    def _line_done(self, event: LineInput.Submitted) -> None:
        event.stop()
        self.ritual.action_next()

    @on(LineInput.Submitted, "#checkin-period")
    def _period_done(self, event: LineInput.Submitted) -> None:
        event.stop()
        if self.apply_period():
            self.ritual.show_problems([])
            self.focus_first()
