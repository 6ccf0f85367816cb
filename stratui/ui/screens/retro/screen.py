"""The retrospective screen: the eight phases, back and next, saved at every change.

The facilitator drives it at one keyboard. The screen holds the review record and its
:class:`~stratui.rituals.retro.RetroDraft`; each phase (one module each) edits the draft
through the draft's own methods, which enforce the ritual's rules, and asks the screen
to save. Every rule lives in :mod:`stratui.rituals.retro` and
:mod:`stratui.retro_service`; this module only navigates and shows, like the weekly
review's screen, whose layout and keys it shares.
"""

from __future__ import annotations

import datetime as dt

from textual.binding import Binding

from stratui.retro_service import Retros
from stratui.rituals.retro import (
    PHASE_TITLES,
    PHASES,
    RITUAL_TITLE,
    RetroContext,
    RetroDraft,
    validate_phase,
)
from stratui.rituals.retro_completion import RetroCompletion
from stratui.ui.screens.retro.discuss import DiscussPhase
from stratui.ui.screens.retro.followup import FollowUpPhase
from stratui.ui.screens.retro.gather import GatherPhase
from stratui.ui.screens.retro.group import GroupPhase
from stratui.ui.screens.retro.health import HealthPhase
from stratui.ui.screens.retro.phase import Phase
from stratui.ui.screens.retro.setup import SetupPhase
from stratui.ui.screens.retro.summary import RetroSummaryPhase
from stratui.ui.screens.retro.vote import VotePhase
from stratui.ui.screens.ritual import RitualScreen
from stratui.ui.styles import stylesheet

PHASE_CLASSES: tuple[type[Phase], ...] = (
    SetupPhase,
    FollowUpPhase,
    GatherPhase,
    GroupPhase,
    VotePhase,
    DiscussPhase,
    HealthPhase,
    RetroSummaryPhase,
)


class RetroScreen(RitualScreen):
    """A team's retrospective, resumed from the team's draft if there is one."""

    HELP_TITLE = "Retrospective"
    CSS_PATH = [stylesheet("weekly.tcss"), stylesheet("ritual.tcss"), stylesheet("dialogs.tcss")]
    RITUAL = "retro"  # what the app checks to keep one retrospective open at a time
    RITUAL_TITLE = RITUAL_TITLE
    ID_PREFIX = "ritual"
    NOUN = "retrospective"
    STEP_WORD = "Phase"
    STEP_CLASSES = PHASE_CLASSES
    STEP_NAMES = PHASES
    STEP_TITLES = PHASE_TITLES
    BINDINGS = [
        # ctrl+b is also tmux's prefix: alt+arrows do the same where it is taken.
        Binding("ctrl+n,alt+right", "next", "Next", id="retro.next"),
        Binding("ctrl+b,alt+left", "back", "Back", id="retro.back"),
        Binding("enter", "next", "Next", show=False, id="retro.enter"),
        Binding("escape", "leave", "Dashboard", id="retro.leave"),
        # Digits are answers here (health): the app's 1-5 would switch screens.
        Binding("1,2,3,4,5", "stay", show=False, id="retro.digits"),
    ]

    draft: RetroDraft | None
    completion: RetroCompletion | None

    def __init__(self, team: str | None = None) -> None:
        super().__init__()
        self.team = team
        self.context = RetroContext()

    @property
    def reviews(self) -> Retros:
        return Retros(self.stratui)

    def start_or_resume(self) -> tuple[dict, RetroDraft]:
        return self.reviews.start_or_resume(team=self.team)

    def read_context(self) -> RetroContext:
        assert self.draft is not None and self.review is not None
        return self.reviews.context(self.draft, self.review["id"])

    def refresh_context(self) -> None:
        """The previous retro's actions are read while the retrospective is open only."""
        if self.completion is None:
            super().refresh_context()

    def show_period(self) -> None:
        """The header names the team, the period and the facilitator."""
        assert self.draft is not None
        self.sub_title = f"{self.draft.team} · {self.draft.period} · {self.draft.facilitator}"

    def step_name(self) -> str:
        assert self.draft is not None
        return self.draft.phase

    def validate(self, name: str, today: dt.date) -> list[str]:
        assert self.draft is not None
        return validate_phase(self.draft, name, today=today)
