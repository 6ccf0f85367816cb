"""The quarterly review screen: four steps, back and next, saved at every change.

It mirrors the weekly review (:mod:`stratui.ui.screens.weekly.screen`) and reuses its
step base, step indicator and inline question; every rule (defaults, the goal walk,
validation, what completing writes) lives in :mod:`stratui.rituals.quarterly` and
:mod:`stratui.usecases.quarterly`, so this module only navigates and shows.
"""

from __future__ import annotations

import datetime as dt

from textual.binding import Binding

from stratui.domain.quarters import quarter_bounds
from stratui.rituals.quarterly import (
    STEP_TITLES,
    STEPS,
    QuarterContext,
    QuarterlyDraft,
    validate_step,
)
from stratui.rituals.quarterly.completion import QuarterlyCompletion
from stratui.store.errors import StoreError
from stratui.ui.modals.choose import Choose
from stratui.ui.screens.quarterly.alignment import AlignmentStep
from stratui.ui.screens.quarterly.goals import VerdictStep
from stratui.ui.screens.quarterly.plan import PlanStep
from stratui.ui.screens.quarterly.summary import QuarterlySummaryStep
from stratui.ui.screens.ritual import RitualScreen
from stratui.ui.screens.steps import Step
from stratui.ui.styles import stylesheet
from stratui.usecases.quarterly import QuarterlyReviews, ReviewError

TITLE = "Quarterly review"
STEP_CLASSES: tuple[type[Step], ...] = (VerdictStep, PlanStep, AlignmentStep, QuarterlySummaryStep)


# Off the footer, which it would crowd at 80 columns: the goals step's hint and the help
# screen name it.
PERIOD_KEY = Binding("p", "period", "Another quarter", show=False, id="quarterly.period")


class QuarterlyReviewScreen(RitualScreen):
    """The quarterly strategy review of me, or of ``team``, resumed from its draft."""

    HELP_TITLE = "Quarterly review"
    CSS_PATH = [stylesheet("weekly.tcss"), stylesheet("quarterly.tcss"), stylesheet("dialogs.tcss")]
    RITUAL = "quarterly"  # one quarterly review open at a time
    RITUAL_TITLE = TITLE
    ID_PREFIX = "quarterly"
    STEP_CLASSES = STEP_CLASSES
    STEP_NAMES = STEPS
    STEP_TITLES = STEP_TITLES
    START_ERRORS = (ValueError, ReviewError, StoreError)
    BINDINGS = [
        # ctrl+b is also tmux's prefix: alt+arrows do the same where it is taken.
        Binding("ctrl+n,alt+right", "next", "Next", id="quarterly.next"),
        Binding("ctrl+b,alt+left", "back", "Back", id="quarterly.back"),
        Binding("enter", "next", "Next", show=False, id="quarterly.enter"),
        Binding("escape", "leave", "Leave", id="quarterly.leave"),
        PERIOD_KEY,
        # Digits are answers here (confidence): the app's 1-6 would switch screens.
        Binding("1,2,3,4,5,6", "stay", show=False, id="quarterly.digits"),
    ]

    draft: QuarterlyDraft | None
    completion: QuarterlyCompletion | None

    def __init__(self, team: str | None = None, period: str | None = None) -> None:
        super().__init__()
        self.team = team
        self.period = period
        self.context = QuarterContext("")

    @classmethod
    def help_bindings(cls) -> list[Binding]:
        return [*super().help_bindings(), PERIOD_KEY]

    @property
    def reviews(self) -> QuarterlyReviews:
        return QuarterlyReviews(self.ws)

    def start_or_resume(self) -> tuple[dict, QuarterlyDraft]:
        return self.reviews.start_or_resume(period=self.period, team=self.team)

    def read_context(self) -> QuarterContext:
        assert self.draft is not None
        return self.reviews.context(self.draft)

    def show_period(self) -> None:
        """The header names the quarter and its dates, and whose review it is."""
        assert self.draft is not None
        period = self.draft.period
        self.title = f"{TITLE} {period}"
        first, last = quarter_bounds(period, self.draft.fiscal_start)
        who = f"team {self.draft.team}" if self.draft.team else self.draft.owner
        self.sub_title = f"{who} · {first:%d %b} – {last:%d %b %Y}"  # noqa: RUF001

    def at_first(self) -> bool:
        """The first goal of the first step: the goal walk goes back goal by goal."""
        assert self.draft is not None
        return self.draft.step == 0 and self.draft.goal_index == 0

    def advance(self) -> list[str]:
        """The next goal of the walk, else the next step, if valid."""
        assert self.draft is not None
        return self.draft.advance()

    def validate(self, name: str, today: dt.date) -> list[str]:
        assert self.draft is not None
        return validate_step(self.draft, name)

    # -- choosing the quarter ------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "period":
            return self.completion is None
        return super().check_action(action, parameters)

    def action_period(self) -> None:
        """Choose the quarter the review closes (the draft moves with it)."""
        if self.completion is not None:
            return
        draft = self.draft or QuarterlyDraft(period=self.period or "", team=self.team or "")
        draft.owner = draft.owner or ("" if draft.team else self.ws.me)
        options = [
            (" · ".join(bit for bit in (quarter, note) if bit), quarter)
            for quarter, note in self.reviews.quarter_choices(draft)
        ]

        def submit(quarter: str) -> str:
            try:
                self.change_period(quarter)
            except StoreError as error:  # the Choose dialog shows ValueErrors itself
                raise ValueError(str(error)) from None
            return quarter

        self.app.push_screen(
            Choose("The quarter to review", options, submit, current=draft.period or None),
            self._chosen,
        )

    def _chosen(self, quarter: object) -> None:
        if quarter is not None and self.draft is not None:
            self.show_step()

    def change_period(self, quarter: str) -> None:
        """Review ``quarter`` instead: the review moves, and the walk starts again at the
        first of its goals (answers about goals in both quarters are kept, the others
        dropped). Without a review yet (it could not start), start or resume the one of
        ``quarter``.

        Raises:
            ReviewError, ValidationError, StoreError: refused (a completed quarter, ...);
                the draft is as it was.
        """
        if self.draft is None or self.review is None:
            self.review, self.draft = self.reviews.start_or_resume(period=quarter, team=self.team)
            self.period = quarter
            return
        if quarter == self.draft.period:
            return
        before = QuarterlyDraft.from_answers(self.draft.to_answers())
        self.draft.period = quarter
        self.draft.step, self.draft.goal_index = 0, 0
        try:
            self.draft.fill_defaults(self.reviews.context(self.draft))
            self.review = self.reviews.save(self.review, self.draft)
        except (ValueError, StoreError):
            self.draft = before
            raise
        self.period = quarter
