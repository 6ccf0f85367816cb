"""The quarterly review screen: four steps, back and next, saved at every change.

It mirrors the weekly review (:mod:`stratui.ui.screens.weekly.screen`) and reuses its
step base, step indicator and inline question; every rule (defaults, the goal walk,
validation, what completing writes) lives in :mod:`stratui.rituals.quarterly`, run by
the ritual engine, so this module only navigates and shows.
"""

from __future__ import annotations

import datetime as dt

from textual.binding import Binding

from stratui.domain.quarters import quarter_bounds
from stratui.rituals.quarterly import QuarterContext, QuarterlyDraft, validate_step
from stratui.rituals.quarterly.completion import QuarterlyCompletion
from stratui.rituals.quarterly.ritual import QUARTERLY
from stratui.store.errors import StoreError
from stratui.ui.modals.choose import Choose
from stratui.ui.screens.quarterly.alignment import AlignmentStep
from stratui.ui.screens.quarterly.plan import PlanStep
from stratui.ui.screens.quarterly.summary import QuarterlySummaryStep
from stratui.ui.screens.quarterly.verdicts import VerdictStep
from stratui.ui.screens.ritual import RitualScreen, ritual_bindings
from stratui.ui.screens.steps import Step
from stratui.ui.styles import stylesheet
from stratui.usecases import rituals

TITLE = "Quarterly review"
STEP_CLASSES: tuple[type[Step], ...] = (VerdictStep, PlanStep, AlignmentStep, QuarterlySummaryStep)


# Off the footer, which it would crowd at 80 columns: the goals step's hint and the help
# screen name it.
PERIOD_KEY = Binding("p", "period", "Another quarter", show=False, id="quarterly.period")


class QuarterlyReviewScreen(RitualScreen[QuarterlyDraft, QuarterContext, QuarterlyCompletion]):
    """The quarterly strategy review of me, or of ``team``, resumed from its draft."""

    HELP_TITLE = TITLE
    CSS_PATH = [stylesheet("weekly.tcss"), stylesheet("quarterly.tcss"), stylesheet("dialogs.tcss")]
    RITUAL = QUARTERLY
    ID_PREFIX = "quarterly"
    STEP_CLASSES = STEP_CLASSES
    BINDINGS = ritual_bindings("quarterly", digits=6, leave="Leave", extra=[PERIOD_KEY])
    EXTRA_HELP = (PERIOD_KEY,)

    def __init__(self, team: str | None = None, period: str | None = None) -> None:
        """``team``'s review (else mine) of the quarter ``period`` (default: the one a
        review started today closes)."""
        super().__init__(team=team, period=period)
        self.context = QuarterContext("")

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
        team = self.options.get("team", "")
        draft = self.draft or QuarterlyDraft(period=self.options.get("period", ""), team=team)
        draft.owner = draft.owner or ("" if draft.team else self.ws.me)
        options = [
            (" · ".join(bit for bit in (quarter, note) if bit), quarter)
            for quarter, note in QUARTERLY.quarter_choices(self.ws, draft)
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

    def change_period(self, quarter: str) -> bool:
        """Review ``quarter`` instead: the review moves, and the walk starts again at the
        first of its goals (answers about goals in both quarters are kept, the others
        dropped). Without a review yet (it could not start), start or resume the one of
        ``quarter``. True when ``quarter``'s own draft was resumed (see the base).

        Raises:
            ReviewError, ValidationError, StoreError: refused (a completed quarter, ...);
                the draft is as it was.
        """
        resumed = False
        if self.draft is None or self.review is None:
            options = {**self.options, "period": quarter}
            self.review, self.draft = rituals.start_or_resume(self.ws, QUARTERLY, **options)
        else:
            resumed = super().change_period(quarter)
        self.options["period"] = quarter
        return resumed
