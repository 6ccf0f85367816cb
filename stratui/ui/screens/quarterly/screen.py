"""The quarterly review screen: four steps, back and next, saved at every change.

It mirrors the weekly review (:mod:`stratui.ui.screens.weekly.screen`) and reuses its
step base, step indicator and inline question; every rule (defaults, the goal walk,
validation, what completing writes) lives in :mod:`stratui.rituals.quarterly` and
:mod:`stratui.quarterly_service`, so this module only navigates and shows.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import ContentSwitcher, Header, Static

from stratui.domain.quarters import quarter_bounds
from stratui.quarterly_service import QuarterlyReviews, ReviewError
from stratui.rituals.quarterly import (
    STEP_TITLES,
    STEPS,
    DraftInvalid,
    QuarterContext,
    QuarterlyDraft,
    validate_step,
)
from stratui.rituals.quarterly_completion import QuarterlyCompletion
from stratui.services import Stratui
from stratui.store.errors import StoreError
from stratui.ui.screens.quarterly.alignment import AlignmentStep
from stratui.ui.screens.quarterly.goals import VerdictStep
from stratui.ui.screens.quarterly.plan import PlanStep
from stratui.ui.screens.quarterly.summary import QuarterlySummaryStep
from stratui.ui.screens.weekly.step import Step, step_id
from stratui.ui.screens.weekly.widgets import StepIndicator
from stratui.ui.styles import stylesheet
from stratui.ui.text import literal, literal_block
from stratui.ui.widgets.footer import Footer

TITLE = "Quarterly review"
STEP_CLASSES: tuple[type[Step], ...] = (VerdictStep, PlanStep, AlignmentStep, QuarterlySummaryStep)
SAVE_DELAY = 0.3  # seconds after the last key typed before the draft is saved
MAX_PROBLEMS = 4  # inline messages shown at once (the rest are counted)


class QuarterlyReviewScreen(Screen):
    """The quarterly strategy review of me, or of ``team``, resumed from its draft."""

    HELP_TITLE = "Quarterly review"
    CSS_PATH = [stylesheet("weekly.tcss"), stylesheet("quarterly.tcss")]
    RITUAL = "quarterly"  # one quarterly review open at a time
    BINDINGS = [
        # ctrl+b is also tmux's prefix: alt+arrows do the same where it is taken.
        Binding("ctrl+n,alt+right", "next", "Next", id="quarterly.next"),
        Binding("ctrl+b,alt+left", "back", "Back", id="quarterly.back"),
        Binding("enter", "next", "Next", show=False, id="quarterly.enter"),
        Binding("escape", "leave", "Leave", id="quarterly.leave"),
        # Digits are answers here (confidence): the app's 1-6 would switch screens.
        Binding("1,2,3,4,5,6", "stay", show=False, id="quarterly.digits"),
    ]

    def __init__(self, team: str | None = None, period: str | None = None) -> None:
        super().__init__()
        self.team = team
        self.period = period
        self.review: dict | None = None
        self.draft: QuarterlyDraft | None = None
        self.context = QuarterContext("")
        self.completion: QuarterlyCompletion | None = None
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
    def reviews(self) -> QuarterlyReviews:
        return QuarterlyReviews(self.stratui)

    # -- layout -------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Header()
        yield StepIndicator([STEP_TITLES[name] for name in STEPS], id="quarterly-steps")
        yield Static(id="quarterly-heading")
        with ContentSwitcher(id="quarterly-body"):
            for step in STEP_CLASSES:
                yield step()
        yield Static(id="quarterly-problems", classes="form-error")
        yield Footer()

    def on_mount(self) -> None:
        self.title = TITLE
        try:
            self.review, self.draft = self.reviews.start_or_resume(
                period=self.period, team=self.team
            )
        except (ValueError, ReviewError, StoreError) as error:
            self.show_problems([f"cannot start the review: {error}"])
            return
        self.show_step()

    def on_unmount(self) -> None:
        if self._save_timer is not None:
            self.save_now()

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
        self.query_one("#quarterly-heading", Static).update(
            Content.assemble(
                (f"Step {self.draft.step + 1} of {len(STEPS)} · ", "dim"),
                (STEP_TITLES[step.STEP], "bold"),
                f": {question}",
            )
        )
        step.focus_first()
        self.refresh_bindings()

    def show_period(self) -> None:
        """The header names the quarter and its dates, and whose review it is."""
        assert self.draft is not None
        period = self.draft.period
        self.title = f"{TITLE} {period}"
        first, last = quarter_bounds(period, self.draft.fiscal_start)
        who = f"team {self.draft.team}" if self.draft.team else self.draft.owner
        self.sub_title = f"{who} · {first:%d %b} – {last:%d %b %Y}"  # noqa: RUF001

    def show_problems(self, problems: list[str]) -> None:
        """Show why the step cannot be left (or an edit failed), under the step."""
        shown = problems[:MAX_PROBLEMS]
        if len(problems) > MAX_PROBLEMS:
            shown.append(f"... and {len(problems) - MAX_PROBLEMS} more")
        widget = self.query_one("#quarterly-problems", Static)
        widget.update(literal_block("\n".join(shown)))
        widget.display = bool(shown)

    def reload(self) -> None:
        """The store changed elsewhere: read the step's records again."""
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

    # -- navigation ---------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("next", "back"):
            if self.draft is None or self.completion is not None:
                return False
            if action == "back" and self.draft.step == 0 and self.draft.goal_index == 0:
                return None  # shown, but disabled
        return True

    def action_next(self) -> None:
        """Next goal of the walk, else the next step, if valid; complete on the last."""
        if self.draft is None or self.completion is not None:
            return
        step = self.current_step()
        if not step.apply_pending():
            return
        if step.STEP == "summary":
            self.complete()
            return
        problems = self.draft.advance()
        if problems:
            self.show_problems(problems)
            return
        self.save_now()
        self.show_step()

    def action_back(self) -> None:
        if self.draft is None or self.completion is not None:
            return
        if self.draft.step == 0 and self.draft.goal_index == 0:
            return
        if not self.current_step().apply_pending():
            return
        self.draft.back()
        self.save_now()
        self.show_step()

    def action_leave(self) -> None:
        """Back to where it was opened from; the draft stays, to be resumed."""
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
            for index, name in enumerate(STEPS):
                problems = validate_step(self.draft, name)
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
