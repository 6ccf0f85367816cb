"""The retrospective screen: the eight phases, back and next, saved at every change.

The facilitator drives it at one keyboard. The screen holds the review record and its
:class:`~stratui.rituals.retro.RetroDraft`; each phase (one module each) edits the draft
through the draft's own methods, which enforce the ritual's rules, and asks the screen
to save. Every rule lives in :mod:`stratui.rituals.retro` and
:mod:`stratui.retro_service`; this module only navigates and shows, like the weekly
review's screen, whose layout and keys it shares.
"""

from __future__ import annotations

import re
from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import ContentSwitcher, Header, Static

from stratui.retro_service import Retros
from stratui.review_service import ReviewError
from stratui.rituals.retro import (
    PHASE_TITLES,
    PHASES,
    RITUAL_TITLE,
    DraftInvalid,
    RetroContext,
    RetroDraft,
    validate_phase,
)
from stratui.rituals.retro_completion import RetroCompletion
from stratui.services import Stratui
from stratui.store.errors import StoreError
from stratui.ui.screens.retro.discuss import DiscussPhase
from stratui.ui.screens.retro.followup import FollowUpPhase
from stratui.ui.screens.retro.gather import GatherPhase
from stratui.ui.screens.retro.group import GroupPhase
from stratui.ui.screens.retro.health import HealthPhase
from stratui.ui.screens.retro.phase import Phase
from stratui.ui.screens.retro.setup import SetupPhase
from stratui.ui.screens.retro.summary import RetroSummaryPhase
from stratui.ui.screens.retro.vote import VotePhase
from stratui.ui.screens.weekly.step import step_id
from stratui.ui.screens.weekly.widgets import StepIndicator
from stratui.ui.styles import stylesheet
from stratui.ui.text import literal, literal_block
from stratui.ui.widgets.footer import Footer

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

SAVE_DELAY = 0.3  # seconds after the last key typed before the draft is saved
MAX_PROBLEMS = 4  # inline messages shown at once (the rest are counted)


class RetroScreen(Screen):
    """A team's retrospective, resumed from the team's draft if there is one."""

    HELP_TITLE = "Retrospective"
    CSS_PATH = [stylesheet("weekly.tcss"), stylesheet("ritual.tcss")]
    RITUAL = "retro"  # what the app checks to keep one retrospective open at a time
    BINDINGS = [
        # ctrl+b is also tmux's prefix: alt+arrows do the same where it is taken.
        Binding("ctrl+n,alt+right", "next", "Next", id="retro.next"),
        Binding("ctrl+b,alt+left", "back", "Back", id="retro.back"),
        Binding("enter", "next", "Next", show=False, id="retro.enter"),
        Binding("escape", "leave", "Dashboard", id="retro.leave"),
        # Digits are answers here (health): the app's 1-5 would switch screens.
        Binding("1,2,3,4,5", "stay", show=False, id="retro.digits"),
    ]

    def __init__(self, team: str | None = None) -> None:
        super().__init__()
        self.team = team
        self.review: dict | None = None
        self.draft: RetroDraft | None = None
        self.context = RetroContext()
        self.completion: RetroCompletion | None = None
        self.summary_path: Path | None = None
        self._save_timer: Timer | None = None

    @classmethod
    def help_bindings(cls) -> list[Binding]:
        """Every key of the retrospective, the screen's and each phase's."""
        found = [b for b in cls.BINDINGS if isinstance(b, Binding) and b.show]
        for phase in PHASE_CLASSES:
            found += [b for b in phase.BINDINGS if isinstance(b, Binding) and b.show]
        return found

    @property
    def stratui(self) -> Stratui:
        return self.app.stratui  # type: ignore[attr-defined]

    @property
    def reviews(self) -> Retros:
        return Retros(self.stratui)

    # -- layout -------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Header()
        yield StepIndicator([PHASE_TITLES[p] for p in PHASES], id="ritual-steps")
        yield Static(id="ritual-heading")
        with ContentSwitcher(id="ritual-body"):
            for phase in PHASE_CLASSES:
                yield phase()
        yield Static(id="ritual-problems", classes="form-error")
        yield Footer()

    def on_mount(self) -> None:
        self.title = RITUAL_TITLE
        try:
            self.review, self.draft = self.reviews.start_or_resume(team=self.team)
        except (ValueError, StoreError) as error:
            self.show_problems([f"cannot start the retrospective: {error}"])
            return
        self.show_step()

    def on_unmount(self) -> None:
        if self._save_timer is not None:
            self.save_now()  # typed a moment ago, then quit: keep it

    def current_step(self) -> Phase:
        assert self.draft is not None
        return self.query_one(f"#{step_id(self.draft.phase)}", Phase)

    def show_step(self) -> None:
        """Show the draft's current phase, read afresh, with its first answer focused."""
        assert self.draft is not None and self.review is not None
        done = self.completion is not None
        if not done:
            self.context = self.reviews.context(self.draft, self.review["id"])
            self.draft.fill_defaults(self.context)
        self.sub_title = f"{self.draft.team} · {self.draft.period} · {self.draft.facilitator}"
        phase = self.current_step()
        self.query_one(ContentSwitcher).current = phase.id
        self.query_one(StepIndicator).show(len(PHASES) if done else self.draft.step)
        self.show_problems([])
        phase.show()
        question = "complete and saved" if done else phase.question()
        self.query_one("#ritual-heading", Static).update(
            Content.assemble(
                (f"Phase {self.draft.step + 1} of {len(PHASES)} · ", "dim"),
                (PHASE_TITLES[phase.STEP], "bold"),
                f": {question}",
            )
        )
        phase.focus_first()
        self.refresh_bindings()

    def show_problems(self, problems: list[str]) -> None:
        """Show why the phase cannot be left (or an edit was refused), under the phase."""
        shown = problems[:MAX_PROBLEMS]
        if len(problems) > MAX_PROBLEMS:
            shown.append(f"... and {len(problems) - MAX_PROBLEMS} more")
        widget = self.query_one("#ritual-problems", Static)
        widget.update(literal_block("\n".join(shown)))
        widget.display = bool(shown)

    def reload(self) -> None:
        """The store changed elsewhere: read the previous retro's actions again."""
        if self.draft is None or self.review is None or self.completion is not None:
            return
        self.context = self.reviews.context(self.draft, self.review["id"])
        self.draft.fill_defaults(self.context)
        self.current_step().show()

    # -- saving -------------------------------------------------------------------------

    def save_now(self) -> bool:
        """Store the draft; False (with the reason shown) if the store refused it."""
        if self._save_timer is not None:
            self._save_timer.stop()
            self._save_timer = None
        if self.review is None or self.draft is None or self.completion is not None:
            return False
        try:
            self.review = self.reviews.save(self.review, self.draft)
        except (ReviewError, StoreError) as error:
            self.show_problems([str(error)])
            return False
        return True

    def save_soon(self) -> None:
        """Store the draft a moment after the last key typed."""
        if self._save_timer is not None:
            self._save_timer.stop()
        self._save_timer = self.set_timer(SAVE_DELAY, self.save_now)

    # -- navigation ---------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("next", "back"):
            if self.draft is None or self.completion is not None:
                return False
            if action == "back" and self.draft.step == 0:
                return None  # shown, but disabled
        return True

    def action_next(self) -> None:
        """Leave the phase if it is valid (else say why); complete on the summary."""
        if self.draft is None or self.completion is not None:
            return
        phase = self.current_step()
        if not phase.apply_pending():
            return
        if phase.STEP == "summary":
            self.complete()
            return
        problems = self.draft.advance(self.stratui.clock.today())
        if problems:
            self.show_problems(problems)
            return
        self.save_now()
        self.show_step()

    def action_back(self) -> None:
        if self.draft is None or self.completion is not None or self.draft.step == 0:
            return
        if not self.current_step().apply_pending():
            return
        self.draft.back()
        self.save_now()
        self.show_step()

    def action_leave(self) -> None:
        """Back to the dashboard; the draft stays, to be resumed."""
        if self.completion is None:
            self.save_now()
        self.app.pop_screen()

    def action_stay(self) -> None:
        """A digit where it answers nothing: stay in the retrospective."""

    # -- completing ---------------------------------------------------------------------

    def complete(self) -> None:
        """Write the retrospective; on a problem, go to the first phase that has one."""
        assert self.review is not None and self.draft is not None
        self.save_now()
        try:
            self.completion = self.reviews.complete(self.review, self.draft)
        except DraftInvalid as invalid:
            today = self.stratui.clock.today()
            for index, name in enumerate(PHASES):
                problems = validate_phase(self.draft, name, today=today)
                if problems:
                    self.draft.step = index
                    self.save_now()
                    self.show_step()
                    self.show_problems(problems)
                    return
            self.show_problems(list(invalid.problems))
            return
        except (ReviewError, StoreError) as error:
            self.show_problems([str(error)])
            return
        self.show_step()

    def write_summary(self) -> None:
        """Write the finished retrospective's Markdown into the current directory."""
        assert self.completion is not None and self.draft is not None
        review = self.completion.review
        text = self.reviews.summary_markdown(review["id"])
        safe = re.sub(r"[^A-Za-z0-9._-]+", "-", str(review.get("team") or "")).strip("-.")
        target = Path.cwd() / f"retro-{review['period']}-{safe or 'team'}.md"
        try:
            target.write_text(text, encoding="utf-8", newline="\n")
        except OSError as error:
            self.show_problems([f"summary: cannot write {error.filename}: {error.strerror}"])
            return
        self.summary_path = target
        self.current_step().show()
        self.notify(literal(f"Written to {target}"), title="Summary")
