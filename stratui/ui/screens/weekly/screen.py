"""The weekly review screen: the seven steps, back and next, saved at every change.

The screen holds the review record and its :class:`~stratui.rituals.weekly.WeeklyDraft`;
each step (one module each) edits the draft and asks the screen to save it. Every rule
(defaults, validation, what completing writes) lives in :mod:`stratui.rituals.weekly`,
run by the ritual engine; this module only navigates and shows.

Saving: at every step change and after every one-key edit at once, and while typing a
moment after the last key, so quitting, a crash or ``kill -9`` loses nothing (at most
the last few characters typed).
"""

from __future__ import annotations

import datetime as dt

from stratui.domain.weeks import monday, sunday
from stratui.exchange.suggestions import Suggestion
from stratui.rituals.weekly import (
    RITUAL_TITLE,
    STEPS,
    Completion,
    ReviewContext,
    WeeklyDraft,
    validate_step,
)
from stratui.rituals.weekly.ritual import WEEKLY
from stratui.store.errors import StoreError
from stratui.ui.screens.ritual import RitualScreen, ritual_bindings
from stratui.ui.screens.steps import Step
from stratui.ui.screens.weekly.adjust import AdjustStep
from stratui.ui.screens.weekly.checkin import CheckInStep
from stratui.ui.screens.weekly.commit import CommitStep
from stratui.ui.screens.weekly.goal_readings import GoalsStep
from stratui.ui.screens.weekly.roadblocks import RoadblocksStep
from stratui.ui.screens.weekly.suggested import SuggestedLookBack
from stratui.ui.screens.weekly.summary import SummaryStep
from stratui.ui.styles import stylesheet
from stratui.usecases import commitments

STEP_CLASSES: tuple[type[Step], ...] = (
    CheckInStep,
    SuggestedLookBack,
    RoadblocksStep,
    GoalsStep,
    AdjustStep,
    CommitStep,
    SummaryStep,
)


class WeeklyReviewScreen(RitualScreen[WeeklyDraft, ReviewContext, Completion]):
    """The personal weekly review, resumed from the owner's draft if there is one."""

    HELP_TITLE = "Weekly review"
    CSS_PATH = [stylesheet("weekly.tcss"), stylesheet("dialogs.tcss")]  # with the screen
    RITUAL = WEEKLY
    ID_PREFIX = "weekly"
    STEP_CLASSES = STEP_CLASSES
    BINDINGS = ritual_bindings("weekly")

    def __init__(self) -> None:
        super().__init__()
        self.context = ReviewContext()

    def validate(self, name: str, today: dt.date) -> list[str]:
        assert self.draft is not None
        return validate_step(self.draft, name, today=today)

    def commit_suggestion(self, suggestion: Suggestion) -> bool:
        """Make a look-back suggestion a commitment of the reviewed week, keeping its
        ``ref``; it joins the look-back undecided, for the person to decide. False (the
        reason shown) if the store refused it."""
        assert self.draft is not None
        try:
            commitments.log(
                self.ws,
                suggestion.title,
                owner=self.draft.owner,
                week=self.draft.period,
                ref=suggestion.ref,
            )
        except (ValueError, StoreError) as error:
            self.show_problems([f"cannot make it a commitment: {error}"])
            return False
        self.show_problems([])
        self.reload()
        return True

    def undecided_step(self) -> None:
        """The look-back step decides the outcomes."""
        assert self.draft is not None
        self.draft.step = STEPS.index("look back")

    def show_period(self) -> None:
        """The header names the ritual, the week and its dates, and whose review it is."""
        assert self.draft is not None
        period = self.draft.period
        start, end = monday(period), sunday(period)
        self.title = f"{RITUAL_TITLE} {period}"
        dates = f"{start:%a %d %b} – {end:%a %d %b %Y}"  # noqa: RUF001 (a typographic dash)
        self.sub_title = f"{self.draft.owner} · {dates}"
