"""The retrospective screen: the eight phases, back and next, saved at every change.

The facilitator drives it at one keyboard. The screen holds the review record and its
:class:`~stratui.rituals.retro.RetroDraft`; each phase (one module each) edits the draft
through the draft's own methods, which enforce the ritual's rules, and asks the screen
to save. Every rule lives in :mod:`stratui.rituals.retro`, run by the ritual engine;
this module only navigates and shows, like the weekly
review's screen, whose layout and keys it shares.
"""

from __future__ import annotations

import datetime as dt

from textual.binding import Binding

from stratui.domain.weeks import monday, sunday
from stratui.rituals.retro import RetroContext, RetroDraft, validate_phase
from stratui.rituals.retro.completion import RetroCompletion
from stratui.rituals.retro.ritual import RETRO
from stratui.rituals.retro.validation import context_problems
from stratui.store.errors import StoreError
from stratui.ui.modals.choose import Choose
from stratui.ui.screens.retro.discuss import DiscussPhase
from stratui.ui.screens.retro.followup import FollowUpPhase
from stratui.ui.screens.retro.gather import GatherPhase
from stratui.ui.screens.retro.group import GroupPhase
from stratui.ui.screens.retro.health import HealthPhase
from stratui.ui.screens.retro.phase import Phase
from stratui.ui.screens.retro.setup import SetupPhase
from stratui.ui.screens.retro.summary import RetroSummaryPhase
from stratui.ui.screens.retro.vote import VotePhase
from stratui.ui.screens.ritual import RitualScreen, ritual_bindings
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


# Off the footer, which it would crowd at 80 columns: the setup phase's hint and the help
# screen name it.
PERIOD_KEY = Binding("p", "period", "Another week", show=False, id="retro.period")


class RetroScreen(RitualScreen[RetroDraft, RetroContext, RetroCompletion]):
    """A team's retrospective, resumed from the team's draft if there is one."""

    HELP_TITLE = "Retrospective"
    CSS_PATH = [stylesheet("weekly.tcss"), stylesheet("ritual.tcss"), stylesheet("dialogs.tcss")]
    RITUAL = RETRO
    ID_PREFIX = "ritual"
    NOUN = "retrospective"
    STEP_WORD = "Phase"
    STEP_CLASSES = PHASE_CLASSES
    BINDINGS = ritual_bindings("retro", extra=[PERIOD_KEY])
    EXTRA_HELP = (PERIOD_KEY,)

    def __init__(self, team: str | None = None) -> None:
        """``team``'s retrospective (default: the only team, else one's own)."""
        super().__init__(team=team)
        self.context = RetroContext()

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

    def advance(self) -> list[str]:
        """The next phase, if this one is valid; the people it names must be known ones
        (and an action's goal an active one)."""
        assert self.draft is not None
        problems = context_problems(self.draft, self.context, self.draft.phase)
        return problems or super().advance()

    def validate(self, name: str, today: dt.date) -> list[str]:
        assert self.draft is not None
        problems = validate_phase(self.draft, name, today=today)
        return problems + context_problems(self.draft, self.context, name)

    # -- choosing the week -----------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "period":
            return self.draft is not None and self.completion is None
        return super().check_action(action, parameters)

    def action_period(self) -> None:
        """Choose the week the retrospective is for (the draft moves with it)."""
        if self.draft is None or self.completion is not None:
            return
        options = [
            (week_label(week, note), week) for week, note in RETRO.week_choices(self.ws, self.draft)
        ]

        def submit(week: str) -> str:
            try:
                self.change_period(week)
            except StoreError as error:  # the Choose dialog shows ValueErrors itself
                raise ValueError(str(error)) from None
            return week

        self.app.push_screen(
            Choose("The week of the retrospective", options, submit, current=self.draft.period),
            lambda _: self.show_step(),
        )


def week_label(week: str, note: str) -> str:
    """A week to choose: the week, its Monday and Sunday, and the note, if any."""
    dates = f"{monday(week):%d %b} – {sunday(week):%d %b}"  # noqa: RUF001 (a typographic dash)
    return " · ".join(bit for bit in (week, dates, note) if bit)
