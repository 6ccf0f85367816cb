"""The weekly review screen: the seven steps, back and next, saved at every change.

The screen holds the review record and its :class:`~stratui.rituals.weekly.WeeklyDraft`;
each step (one module each) edits the draft and asks the screen to save it. Every rule
(defaults, validation, what completing writes) lives in :mod:`stratui.rituals.weekly`
and :mod:`stratui.usecases.weekly_review`; this module only navigates and shows.

Saving: at every step change and after every one-key edit at once, and while typing a
moment after the last key, so quitting, a crash or ``kill -9`` loses nothing (at most
the last few characters typed).
"""

from __future__ import annotations

import datetime as dt

from textual.binding import Binding

from stratui.domain.weeks import monday, sunday
from stratui.rituals.weekly import (
    RITUAL_TITLE,
    STEP_TITLES,
    STEPS,
    Completion,
    ReviewContext,
    WeeklyDraft,
    validate_step,
)
from stratui.ui.screens.ritual import RitualScreen
from stratui.ui.screens.steps import Step
from stratui.ui.screens.weekly.adjust import AdjustStep
from stratui.ui.screens.weekly.checkin import CheckInStep
from stratui.ui.screens.weekly.commit import CommitStep
from stratui.ui.screens.weekly.goals import GoalsStep
from stratui.ui.screens.weekly.lookback import LookBackStep
from stratui.ui.screens.weekly.roadblocks import RoadblocksStep
from stratui.ui.screens.weekly.summary import SummaryStep
from stratui.ui.styles import stylesheet
from stratui.usecases.weekly_review import WeeklyReviews

STEP_CLASSES: tuple[type[Step], ...] = (
    CheckInStep,
    LookBackStep,
    RoadblocksStep,
    GoalsStep,
    AdjustStep,
    CommitStep,
    SummaryStep,
)


class WeeklyReviewScreen(RitualScreen):
    """The personal weekly review, resumed from the owner's draft if there is one."""

    HELP_TITLE = "Weekly review"
    CSS_PATH = [stylesheet("weekly.tcss"), stylesheet("dialogs.tcss")]  # with the screen
    RITUAL = "weekly"  # what the app checks to keep one weekly review open at a time
    RITUAL_TITLE = RITUAL_TITLE
    ID_PREFIX = "weekly"
    STEP_CLASSES = STEP_CLASSES
    STEP_NAMES = STEPS
    STEP_TITLES = STEP_TITLES
    BINDINGS = [
        # ctrl+b is also tmux's prefix: alt+arrows do the same where it is taken.
        Binding("ctrl+n,alt+right", "next", "Next", id="weekly.next"),
        Binding("ctrl+b,alt+left", "back", "Back", id="weekly.back"),
        Binding("enter", "next", "Next", show=False, id="weekly.enter"),
        Binding("escape", "leave", "Dashboard", id="weekly.leave"),
        # Digits are answers here (pulse, confidence): the app's 1-4 would switch to
        # another screen and leave the review half-way behind it.
        Binding("1,2,3,4,5", "stay", show=False, id="weekly.digits"),
    ]

    draft: WeeklyDraft | None
    completion: Completion | None

    def __init__(self) -> None:
        super().__init__()
        self.context = ReviewContext()

    @property
    def reviews(self) -> WeeklyReviews:
        return WeeklyReviews(self.ws)

    def start_or_resume(self) -> tuple[dict, WeeklyDraft]:
        return self.reviews.start_or_resume()

    def read_context(self) -> ReviewContext:
        assert self.draft is not None
        return self.reviews.context(self.draft)

    def validate(self, name: str, today: dt.date) -> list[str]:
        assert self.draft is not None
        return validate_step(self.draft, name, today=today)

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

    def change_period(self, week: str) -> bool:
        """Review ``week`` instead: defaults for its commitments, the review moved."""
        assert self.draft is not None
        before = WeeklyDraft.from_answers(self.draft.to_answers())
        self.draft.period = week
        self.draft.fill_defaults(self.reviews.context(self.draft))
        if not self.save_now():
            self.draft = before
            return False
        self.context = self.reviews.context(self.draft)
        self.show_period()
        return True
