"""The team weekly review screen: five steps, two of them walked member by member.

Every rule (defaults, the member walk, validation, what completing writes) lives in
:mod:`stratui.rituals.team` and :mod:`stratui.usecases.team_review`; this module only navigates
and shows, on the frame the retrospective shares (:class:`RitualScreen`).
"""

from __future__ import annotations

import datetime as dt

from textual.binding import Binding

from stratui.rituals.team import (
    RITUAL_TITLE,
    STEP_TITLES,
    STEPS,
    TeamContext,
    TeamReviewDraft,
    validate_step,
)
from stratui.store.errors import StoreError
from stratui.ui.screens.ritual import RitualScreen
from stratui.ui.screens.steps import Step
from stratui.ui.screens.team.adjust import TeamAdjustStep
from stratui.ui.screens.team.choice import TeamChoiceStep
from stratui.ui.screens.team.commit import TeamCommitStep
from stratui.ui.screens.team.members import MembersStep
from stratui.ui.screens.team.summary import TeamSummaryStep
from stratui.ui.styles import stylesheet
from stratui.usecases.team_review import TeamReviews
from stratui.usecases.weekly_review import ReviewError

STEP_CLASSES: tuple[type[Step], ...] = (
    TeamChoiceStep,
    MembersStep,
    TeamAdjustStep,
    TeamCommitStep,
    TeamSummaryStep,
)


class TeamReviewScreen(RitualScreen):
    """A team's weekly review, resumed from the team's draft if there is one."""

    HELP_TITLE = "Team review"
    CSS_PATH = [stylesheet("weekly.tcss"), stylesheet("ritual.tcss"), stylesheet("dialogs.tcss")]
    RITUAL = "team"  # one team review open at a time
    RITUAL_TITLE = RITUAL_TITLE
    ID_PREFIX = "ritual"
    NOUN = "team review"
    STEP_CLASSES = STEP_CLASSES
    STEP_NAMES = STEPS
    STEP_TITLES = STEP_TITLES
    START_ERRORS = (ValueError, ReviewError, StoreError)
    BINDINGS = [
        # ctrl+b is also tmux's prefix: alt+arrows do the same where it is taken.
        Binding("ctrl+n,alt+right", "next", "Next", id="team.next"),
        Binding("ctrl+b,alt+left", "back", "Back", id="team.back"),
        Binding("enter", "next", "Next", show=False, id="team.enter"),
        Binding("escape", "leave", "Dashboard", id="team.leave"),
        # The app's 1-6 would switch screens under the review.
        Binding("1,2,3,4,5,6", "stay", show=False, id="team.digits"),
    ]

    draft: TeamReviewDraft | None

    def __init__(self, team: str | None = None, period: str | None = None) -> None:
        super().__init__()
        self.team = team
        self.period = period  # the week under review; None: the service's default
        self.context = TeamContext()

    @property
    def reviews(self) -> TeamReviews:
        return TeamReviews(self.ws)

    def start_or_resume(self) -> tuple[dict, TeamReviewDraft]:
        return self.reviews.start_or_resume(team=self.team, period=self.period)

    def read_context(self) -> TeamContext:
        assert self.draft is not None
        return self.reviews.context(self.draft)

    def refresh_context(self) -> None:
        """The team is read while the review is open only."""
        if self.completion is None:
            super().refresh_context()

    def undecided_step(self) -> None:
        """The members step, at the first member with an undecided commitment."""
        assert self.draft is not None
        self.draft.step = STEPS.index("members")
        undecided = [i for i, part in enumerate(self.draft.members) if part.undecided_count()]
        self.draft.member_index = undecided[0] if undecided else 0

    def show_period(self) -> None:
        """The header names the team, the week and the facilitator."""
        assert self.draft is not None
        self.sub_title = f"{self.draft.team} · {self.draft.period} · {self.draft.facilitator}"

    def change_period(self, week: str) -> bool:
        """Review ``week`` instead: its commitments, the review moved; False (the draft as
        it was, the reason shown) when that week cannot be reviewed."""
        assert self.draft is not None
        before = TeamReviewDraft.from_answers(self.draft.to_answers())
        self.draft.period = week
        self.draft.fill_defaults(self.reviews.context(self.draft))
        if not self.save_now():
            self.draft = before
            return False
        self.context = self.reviews.context(self.draft)
        self.show_period()
        return True

    def validate(self, name: str, today: dt.date) -> list[str]:
        assert self.draft is not None
        return validate_step(self.draft, name, today=today)
