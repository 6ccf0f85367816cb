"""Phase 8, summary: the retrospective as it will be stored; Enter completes it, s writes
the Markdown to a file whose path is shown."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Markdown, Static

from stratui.rituals.retro import DraftInvalid
from stratui.ui.screens.retro.phase import Phase
from stratui.ui.text import literal


class RetroSummaryPhase(Phase):
    """A preview before completing; the stored summary after.

    The Markdown comes from :mod:`stratui.rituals.retro_summary`, which escapes user
    text, so a card is shown as written (the Markdown widget never reads Textual markup).
    """

    STEP = "summary"
    QUESTION = "read it over"
    BINDINGS = [Binding("s", "write", "Write to a file", id="retro.write")]

    def compose(self) -> ComposeResult:
        yield Static(id="summary-status")
        with VerticalScroll(id="summary-scroll"):
            yield Markdown(id="summary-text")

    def show(self) -> None:
        status = self.query_one("#summary-status", Static)
        ritual = self.ritual
        if ritual.completion is not None:
            text = self.reviews.summary_markdown(ritual.completion.review["id"])
            done = "Retrospective complete. s: write it to a Markdown file · Esc: dashboard"
            if ritual.summary_path is not None:
                done = f"Retrospective complete. Summary written to {ritual.summary_path}"
            status.update(literal(done))
            status.add_class("-complete")
        else:
            assert ritual.review is not None
            try:
                text = self.reviews.preview_markdown(ritual.review, self.draft)
            except DraftInvalid as error:
                text = ""
                ritual.show_problems(error.problems)
            status.update("Enter completes the retrospective · ctrl+b goes back")
            status.remove_class("-complete")
        self.query_one(Markdown).update(text)

    def focus_first(self) -> None:
        self.query_one("#summary-scroll").focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "write":
            return self.ritual.completion is not None
        return True

    def action_write(self) -> None:
        self.ritual.write_summary()
