"""The facilitator's retrospective screen: the eight phases, back and next, saved at
every change.

Whoever leads the team's retrospective is here (the one who started it, the first to
open one that a card from a shell started, or whoever takes it over with ``stratui
review retro --facilitate``); everyone else takes part from their own screen
(:class:`~stratui.ui.screens.retro.room.RetroRoomScreen`), which follows the phase set
here. The screen holds the review record and its
:class:`~stratui.rituals.retro.RetroDraft`; each phase (one module each) edits the draft
(the facilitator's part) through the draft's own methods, which enforce the ritual's
rules, and asks the screen to save; the facilitator's own cards and dots are records of
their own, like everyone's. It reads the store twice a second, so the cards, dots and
ratings of the others show as they come. Every rule lives in :mod:`stratui.rituals.retro`,
run by the ritual engine; this module only navigates and shows, like the weekly review's
screen, whose layout and keys it shares.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from textual.binding import Binding
from textual.screen import Screen

from stratui.domain.people import same_name
from stratui.domain.weeks import monday, sunday
from stratui.rituals.retro import (
    RetroContext,
    RetroDraft,
    RetroRefused,
    countdown,
    validate_phase,
)
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
from stratui.ui.screens.retro.room import RetroRoomScreen
from stratui.ui.screens.retro.setup import SetupPhase
from stratui.ui.screens.retro.summary import RetroSummaryPhase
from stratui.ui.screens.retro.vote import VotePhase
from stratui.ui.screens.ritual import RitualScreen, ritual_bindings
from stratui.ui.styles import stylesheet
from stratui.usecases import retro_room
from stratui.usecases.workspace import Workspace

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
EXTEND_KEY = Binding("ctrl+g", "extend", "+1 minute", show=False, id="retro.extend")


class RetroScreen(RitualScreen[RetroDraft, RetroContext, RetroCompletion]):
    """A team's retrospective, resumed from the team's draft if there is one."""

    HELP_TITLE = "Retrospective"
    CSS_PATH = [stylesheet("weekly.tcss"), stylesheet("ritual.tcss"), stylesheet("dialogs.tcss")]
    RITUAL = RETRO
    ID_PREFIX = "ritual"
    NOUN = "retrospective"
    STEP_WORD = "Phase"
    STEP_CLASSES = PHASE_CLASSES
    BINDINGS = ritual_bindings("retro", extra=[PERIOD_KEY, EXTEND_KEY])
    EXTRA_HELP = (PERIOD_KEY, EXTEND_KEY)
    FOLLOW_SECONDS = 0.5

    def __init__(self, team: str | None = None, facilitate: bool = False) -> None:
        """``team``'s retrospective (default: the only team, else one's own), led from
        here; ``facilitate`` takes it over from whoever leads it."""
        super().__init__(team=team)
        self.context = RetroContext()
        self.facilitate = facilitate
        self.mine: set[str] = set()
        """The cards I wrote anonymously: this screen alone knows they are mine."""
        self._shown_left = ""  # the countdown the header shows
        self._followed: tuple = ()  # the retrospective's records as last laid out

    @classmethod
    def enter(cls, ws: Workspace, **options: Any) -> Screen:
        """The team's retrospective in progress, as a participant when someone else
        leads it (unless ``facilitate``); else this screen, which leads it."""
        facilitate = bool(options.get("facilitate"))
        team = options.get("team")
        try:
            review = retro_room.open_review(ws, team)
        except (ValueError, StoreError):
            review = None  # this screen says why it cannot start
        if review is not None and not facilitate:
            lead = str(review.get("facilitator") or "")
            if lead and not same_name(lead, ws.me):
                return RetroRoomScreen(review["id"])
        return cls(team=team, facilitate=facilitate)

    def start_or_resume(self) -> tuple[dict, RetroDraft]:
        """The team's retrospective, led by me: one that no one leads yet (a card from a
        shell started it) I lead now, and with ``facilitate`` I take it over, saying so;
        one someone else leads (they started it a moment before me) I take part in."""
        review, draft = super().start_or_resume()
        lead = str(review.get("facilitator") or "")
        me = retro_room.my_name(self.ws)
        if not lead or (self.facilitate and not same_name(lead, me)):
            taken = retro_room.take_over(self.ws, review["id"], if_unled=not self.facilitate)
            if lead:
                self.notify(f"You lead this retrospective now, in place of {lead}.", markup=False)
            review, draft = super().start_or_resume()
            lead = str(taken.get("facilitator") or "")
        if not same_name(lead, me):
            self.call_after_refresh(self._take_part, review["id"], lead)
        return review, draft

    def _take_part(self, review_id: str, lead: str) -> None:
        """Someone else leads: go on as a participant, saying so."""
        self.notify(f"{lead} leads this retrospective; you take part.", markup=False)
        self.app.switch_screen(RetroRoomScreen(review_id))

    def show_step(self) -> None:
        """Show the phase, and remember the room as it is drawn (no redraw for it)."""
        super().show_step()
        if self.review is not None and self.completion is None:
            self._followed = retro_room.stamp_of(self.ws, self.review["id"])

    def reload(self) -> None:
        """Others wrote: lay their cards, dots and ratings out; if someone took the lead
        over, go on as a participant."""
        if self.review is not None and self.completion is None:
            stored = self.ws.store.get("reviews", self.review["id"])
            lead = str((stored or {}).get("facilitator") or "")
            if stored is not None and lead and not same_name(lead, retro_room.my_name(self.ws)):
                self._take_part(self.review["id"], lead)
                return
        super().reload()

    def refresh_context(self) -> None:
        """The previous retro's actions are read while the retrospective is open only."""
        if self.completion is None:
            super().refresh_context()

    def show_period(self) -> None:
        """The header names the team, the period and the facilitator, and how long the
        phase has left when it is time-boxed (ctrl+g gives it a minute more)."""
        assert self.draft is not None
        draft = self.draft
        left = countdown(draft.time_left(self.ws.clock.now())) if self.completion is None else ""
        self._shown_left = left
        clock = f" · {left} (ctrl+g: +1 min)" if left else ""
        self.sub_title = f"{draft.team} · {draft.period} · {draft.facilitator}{clock}"

    def save_now(self) -> bool:
        """Store the draft; a phase just entered starts its time box, which everyone's
        screen counts down."""
        if self.draft is not None and self.completion is None:
            if not same_name(self.draft.facilitator, retro_room.my_name(self.ws)):
                return False  # only its leader writes the retrospective's draft
            self.draft.time_phase(self.ws.clock.now())
        return super().save_now()

    def follow_store(self) -> None:
        """Others' writes to this retrospective (told by its records' stamps: the store's
        own change flag is used up by every read and write of this screen too), and the
        countdown of the phase's time box (redrawn when the seconds it shows change)."""
        if self.review is not None and self.completion is None:
            stamp = retro_room.stamp_of(self.ws, self.review["id"])
            if stamp != self._followed:
                self._followed = stamp
                self.reload()
        if self.draft is not None and self.completion is None:
            left = countdown(self.draft.time_left(self.ws.clock.now()))
            if left != self._shown_left:
                self.show_period()

    def action_extend(self) -> None:
        """A minute more for the phase (ctrl+n ends it early: the next phase)."""
        if self.draft is None or self.completion is not None:
            return
        try:
            self.draft.extend_time(self.ws.clock.now())
        except RetroRefused as refused:
            self.show_problems([str(refused)])
            return
        self.save_now()
        self.show_period()

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
