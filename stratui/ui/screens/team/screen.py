"""The team weekly review screen: five steps, two of them walked member by member.

Every rule (defaults, the member walk, validation, what completing writes) lives in
:mod:`stratui.rituals.team`, run by the ritual engine; this module only navigates and
shows, on the frame the retrospective shares (:class:`RitualScreen`).
"""

from __future__ import annotations

import datetime as dt

from stratui.rituals.team import (
    STEPS,
    TeamContext,
    TeamReviewDraft,
    validate_step,
)
from stratui.rituals.team.completion import TeamCompletion
from stratui.rituals.team.ritual import TEAM
from stratui.ui.screens.ritual import RitualScreen, ritual_bindings
from stratui.ui.screens.steps import Step
from stratui.ui.screens.team.adjust import TeamAdjustStep
from stratui.ui.screens.team.choice import TeamChoiceStep
from stratui.ui.screens.team.commit import TeamCommitStep
from stratui.ui.screens.team.members import MembersStep
from stratui.ui.screens.team.summary import TeamSummaryStep
from stratui.ui.styles import stylesheet
from stratui.usecases import rituals

STEP_CLASSES: tuple[type[Step], ...] = (
    TeamChoiceStep,
    MembersStep,
    TeamAdjustStep,
    TeamCommitStep,
    TeamSummaryStep,
)


class TeamReviewScreen(RitualScreen[TeamReviewDraft, TeamContext, TeamCompletion]):
    """A team's weekly review, resumed from the team's draft if there is one."""

    HELP_TITLE = "Team review"
    CSS_PATH = [stylesheet("weekly.tcss"), stylesheet("ritual.tcss"), stylesheet("dialogs.tcss")]
    RITUAL = TEAM
    ID_PREFIX = "ritual"
    NOUN = "team review"
    STEP_CLASSES = STEP_CLASSES
    BINDINGS = ritual_bindings("team", digits=6)

    def __init__(self, team: str | None = None, period: str | None = None) -> None:
        """``team`` (default: the only team, else one's own) and the week under review
        (``period``; default: the week the team's next review is for)."""
        super().__init__(team=team, period=period)
        self.context = TeamContext()

    def start_or_resume(self) -> tuple[dict, TeamReviewDraft]:
        """The team's review; one no one runs yet (a talking point from a shell started
        it) I run from now on."""
        review, draft = super().start_or_resume()
        if not draft.facilitator.strip():
            draft.facilitator = self.ws.person_named(None, "facilitator")
            review = rituals.save(self.ws, self.RITUAL, review, draft)
        return review, draft

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

    def validate(self, name: str, today: dt.date) -> list[str]:
        assert self.draft is not None
        return validate_step(self.draft, name, today=today)
