"""The weekly review screen: the seven steps, back and next, saved at every change.

The screen holds the review record and its :class:`~stratui.rituals.weekly.WeeklyDraft`;
each step (one module each) edits the draft and asks the screen to save it. Every rule
(defaults, validation, what completing writes) lives in :mod:`stratui.rituals.weekly`
and :mod:`stratui.review_service`; this module only navigates and shows.

Saving: at every step change and after every one-key edit at once, and while typing a
moment after the last key, so quitting, a crash or ``kill -9`` loses nothing (at most
the last few characters typed).
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import ContentSwitcher, Header, Static

from stratui.domain.weeks import monday, sunday
from stratui.review_service import ReviewError, WeeklyReviews
from stratui.rituals.weekly import (
    RITUAL_TITLE,
    STEP_TITLES,
    STEPS,
    Completion,
    DraftInvalid,
    ReviewContext,
    WeeklyDraft,
    validate_step,
)
from stratui.services import Stratui
from stratui.store.errors import StoreError
from stratui.ui.screens.weekly.adjust import AdjustStep
from stratui.ui.screens.weekly.checkin import CheckInStep
from stratui.ui.screens.weekly.commit import CommitStep
from stratui.ui.screens.weekly.goals import GoalsStep
from stratui.ui.screens.weekly.lookback import LookBackStep
from stratui.ui.screens.weekly.roadblocks import RoadblocksStep
from stratui.ui.screens.weekly.step import Step, step_id
from stratui.ui.screens.weekly.summary import SummaryStep
from stratui.ui.screens.weekly.widgets import StepIndicator
from stratui.ui.styles import stylesheet
from stratui.ui.text import literal, literal_block
from stratui.ui.widgets.footer import Footer

STEP_CLASSES: tuple[type[Step], ...] = (
    CheckInStep,
    LookBackStep,
    RoadblocksStep,
    GoalsStep,
    AdjustStep,
    CommitStep,
    SummaryStep,
)

SAVE_DELAY = 0.3  # seconds after the last key typed before the draft is saved
MAX_PROBLEMS = 4  # inline messages shown at once (the rest are counted)


class WeeklyReviewScreen(Screen):
    """The personal weekly review, resumed from the owner's draft if there is one."""

    HELP_TITLE = "Weekly review"
    CSS_PATH = stylesheet("weekly.tcss")  # loaded with the screen, not at start-up
    RITUAL = "weekly"  # what the app checks to keep one weekly review open at a time
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

    def __init__(self) -> None:
        super().__init__()
        self.review: dict | None = None
        self.draft: WeeklyDraft | None = None
        self.context = ReviewContext()
        self.completion: Completion | None = None
        self.summary_path = None
        self._save_timer: Timer | None = None

    @classmethod
    def help_bindings(cls) -> list[Binding]:
        """Every key of the review, the screen's and each step's, for the help screen."""
        found = [b for b in cls.BINDINGS if isinstance(b, Binding) and b.show]
        for step in STEP_CLASSES:
            found += [b for b in step.BINDINGS if isinstance(b, Binding) and b.show]
        return found

    @property
    def stratui(self) -> Stratui:
        return self.app.stratui  # type: ignore[attr-defined]

    @property
    def reviews(self) -> WeeklyReviews:
        return WeeklyReviews(self.stratui)

    # -- layout -------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Header()
        yield StepIndicator(id="weekly-steps")
        yield Static(id="weekly-heading")
        with ContentSwitcher(id="weekly-body"):
            for step in STEP_CLASSES:
                yield step()
        yield Static(id="weekly-problems", classes="form-error")
        yield Footer()

    def on_mount(self) -> None:
        self.title = RITUAL_TITLE
        try:
            self.review, self.draft = self.reviews.start_or_resume()
        except (ValueError, StoreError) as error:
            self.show_problems([f"cannot start the review: {error}"])
            return
        self.show_step()

    def on_unmount(self) -> None:
        if self._save_timer is not None:
            self.save_now()  # typed a moment ago, then quit: keep it

    def current_step(self) -> Step:
        assert self.draft is not None
        return self.query_one(f"#{step_id(self.draft.step_name)}", Step)

    def show_step(self) -> None:
        """Show the draft's current step, read afresh, with its first answer focused."""
        assert self.draft is not None
        self.context = self.reviews.context(self.draft)
        if self.completion is None:
            self.draft.fill_defaults(self.context)
        self.show_period()
        step = self.current_step()
        self.query_one(ContentSwitcher).current = step.id
        done = self.completion is not None
        self.query_one(StepIndicator).show(len(STEPS) if done else self.draft.step)
        self.show_problems([])
        step.show()
        question = "complete and saved" if done else step.question()
        self.query_one("#weekly-heading", Static).update(
            Content.assemble(
                (f"Step {self.draft.step + 1} of {len(STEPS)} · ", "dim"),
                (STEP_TITLES[step.STEP], "bold"),
                f": {question}",
            )
        )
        step.focus_first()
        self.refresh_bindings()

    def show_period(self) -> None:
        """The header names the ritual, the week and its dates, and whose review it is."""
        assert self.draft is not None
        period = self.draft.period
        start, end = monday(period), sunday(period)
        self.title = f"{RITUAL_TITLE} {period}"
        dates = f"{start:%a %d %b} – {end:%a %d %b %Y}"  # noqa: RUF001 (a typographic dash)
        self.sub_title = f"{self.draft.owner} · {dates}"

    def show_problems(self, problems: list[str]) -> None:
        """Show why the step cannot be left (or an edit failed), under the step."""
        shown = problems[:MAX_PROBLEMS]
        if len(problems) > MAX_PROBLEMS:
            shown.append(f"... and {len(problems) - MAX_PROBLEMS} more")
        widget = self.query_one("#weekly-problems", Static)
        widget.update(literal_block("\n".join(shown)))
        widget.display = bool(shown)

    def reload(self) -> None:
        """The store changed elsewhere (the CLI): read the step's records again."""
        if self.draft is None or self.completion is not None:
            return
        self.context = self.reviews.context(self.draft)
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

    # -- navigation ---------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("next", "back"):
            if self.draft is None or self.completion is not None:
                return False
            if action == "back" and self.draft.step == 0:
                return None  # shown, but disabled
        return True

    def action_next(self) -> None:
        """Leave the step if its answers are valid (else say why); complete on the last."""
        if self.draft is None or self.completion is not None:
            return
        step = self.current_step()
        if not step.apply_pending():
            return
        if step.STEP == "summary":
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
        """A digit where it answers nothing: stay in the review."""

    # -- completing ---------------------------------------------------------------------

    def complete(self) -> None:
        """Write the review; on a problem, go to the first step that has one."""
        assert self.review is not None and self.draft is not None
        self.save_now()
        try:
            self.completion = self.reviews.complete(self.review, self.draft)
        except DraftInvalid:
            today = self.stratui.clock.today()
            for index, name in enumerate(STEPS):
                problems = validate_step(self.draft, name, today=today)
                if problems:
                    self.draft.step = index
                    self.save_now()
                    self.show_step()
                    self.show_problems(problems)
                    return
            return
        except (ReviewError, StoreError) as error:
            self.show_problems([str(error)])
            return
        self.show_step()

    def write_summary(self) -> None:
        """Write the completed review's Markdown into the current directory."""
        assert self.completion is not None
        try:
            self.summary_path = self.reviews.write_summary(self.completion.review["id"])
        except OSError as error:
            self.show_problems([f"summary: cannot write {error.filename}: {error.strerror}"])
            return
        self.current_step().show()
        self.notify(literal(f"Written to {self.summary_path}"), title="Summary")
