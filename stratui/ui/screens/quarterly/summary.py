"""Step 4, summary: the review as it will be stored; Enter completes it, s writes a file."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Markdown, Static

from stratui.rituals.quarterly import DraftInvalid
from stratui.ui.screens.weekly.step import Step
from stratui.ui.text import literal


class QuarterlySummaryStep(Step):
    """A preview before completing; the stored summary after.

    The Markdown comes from :mod:`stratui.rituals.quarterly_summary`, which escapes user
    text; the Markdown widget never reads Textual markup.
    """

    STEP = "summary"
    QUESTION = "read it over"
    BINDINGS = [Binding("s", "write", "Write to a file", id="quarterly.write")]

    def compose(self) -> ComposeResult:
        yield Static(id="quarterly-summary-status")
        with VerticalScroll(id="quarterly-summary-scroll"):
            yield Markdown(id="quarterly-summary-text")

    def show(self) -> None:
        status = self.query_one("#quarterly-summary-status", Static)
        ritual = self.ritual
        if ritual.completion is not None:
            text = self.reviews.summary_markdown(ritual.completion.review["id"])
            done = "Review complete. s: write it to a Markdown file · Esc: leave"
            if ritual.summary_path is not None:
                done = f"Review complete. Summary written to {ritual.summary_path}"
            status.update(literal(done))
            status.add_class("-complete")
        else:
            try:
                text = self.reviews.preview_markdown(ritual.review, self.draft)
            except DraftInvalid as error:
                text = ""
                ritual.show_problems(error.problems)
            status.update("Enter completes the review · ctrl+b goes back to change an answer")
            status.remove_class("-complete")
        self.query_one(Markdown).update(text)

    def focus_first(self) -> None:
        self.query_one("#quarterly-summary-scroll").focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "write":
            return self.ritual.completion is not None
        return True

    def action_write(self) -> None:
        self.ritual.write_summary()
