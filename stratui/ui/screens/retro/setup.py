"""Phase 1, setup: the format (four to choose from), the participants, the dots each."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import DataTable, Input, Label, Static

from stratui.rituals.retro.formats import CATEGORIES, CATEGORY_TITLES, FORMAT_TITLES, FORMATS
from stratui.ui.screens.retro.phase import Phase
from stratui.ui.widgets.review import ReviewTable


class SetupPhase(Phase):
    """The row under the cursor is the format; the votes and participants are typed."""

    STEP = "setup"
    QUESTION = "which format, who takes part, how many votes each?"

    def compose(self) -> ComposeResult:
        yield Static(
            "↑↓ chooses the format · Tab: votes and participants · p: another week",
            classes="step-hint",
        )
        yield ReviewTable(id="setup-formats")
        with Horizontal(id="setup-fields"):
            with Vertical(id="setup-votes-box"):
                yield Label("Votes per participant", classes="field-label")
                yield Input(id="setup-votes", type="integer")
            with Vertical(id="setup-participants-box"):
                yield Label("Participants (comma separated)", classes="field-label")
                yield Input(id="setup-participants", select_on_focus=False)

    def on_mount(self) -> None:
        self.query_one(ReviewTable).add_columns("Format", "Categories")

    def show(self) -> None:
        rows = [
            (fmt, (FORMAT_TITLES[fmt], ", ".join(CATEGORY_TITLES[c] for c in CATEGORIES[fmt])))
            for fmt in FORMATS
        ]
        self.query_one(ReviewTable).refill(rows, self.draft.format or None)
        self.query_one("#setup-votes", Input).value = str(self.draft.votes_per_person)
        self.query_one("#setup-participants", Input).value = ", ".join(self.draft.participants)

    def focus_first(self) -> None:
        self.query_one(ReviewTable).focus()

    @on(DataTable.RowHighlighted, "#setup-formats")
    def _highlighted(self, event: DataTable.RowHighlighted) -> None:
        fmt = event.row_key.value
        if fmt and fmt != self.draft.format:
            self.attempt(lambda: self.draft.choose_format(fmt))

    def apply_pending(self) -> bool:
        if not super().apply_pending():
            return False
        votes = self.query_one("#setup-votes", Input).value
        if self.attempt(lambda: self.draft.set_votes_per_person(votes)) is None:
            return False
        typed = self.query_one("#setup-participants", Input).value
        names = [name.strip() for name in typed.split(",") if name.strip()]
        if names != self.draft.participants:
            self.draft.participants = names
            self.changed()
        return True

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.ritual.action_next()
