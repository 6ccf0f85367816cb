"""Step 6, commit: next week's commitments, typed one per line, against the capacity hint."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Input, Static

from stratui.domain.weeks import next_week
from stratui.rituals.weekly import NewCommitment
from stratui.ui.screens.steps import Step
from stratui.ui.text import cell, literal
from stratui.ui.widgets.review import ReviewTable

NEW = "new:"  # the row key prefix of a commitment made in this review


class CommitStep(Step):
    """Type a title and Enter to add it; Enter on an empty line goes on to the summary."""

    STEP = "commit"
    BINDINGS = [
        Binding("delete", "remove", "Remove new", id="weekly.remove_commitment"),
        Binding("down", "to_list", "To the list", show=False, id="weekly.to_list"),
    ]

    def question(self) -> str:
        return f"what will you do in {next_week(self.draft.period)}?"

    def compose(self) -> ComposeResult:
        yield Static(id="commit-hint")
        yield Static(id="commit-warning")
        yield Input(id="commit-title")
        yield Static(
            "Enter adds it · Enter on an empty line: next step · ↓ Delete: remove a new one",
            classes="step-hint",
        )
        yield ReviewTable(id="commit-table")

    def on_mount(self) -> None:
        self.query_one(ReviewTable).add_columns("From", "Next week")

    def show(self, select: str | None = None) -> None:
        following = next_week(self.draft.period)
        self.query_one("#commit-title", Input).placeholder = f"a commitment for {following}"
        rows = [
            (record["id"], ("planned", cell(record["title"])))
            for record in self.context.planned
            if record.get("owner") == self.draft.owner and not record.get("deleted")
        ]
        rows += [
            (f"carry:{cid}", ("carried", cell(outcome.title)))
            for cid, outcome in self.draft.outcomes.items()
            if outcome.carry
        ]
        rows += [
            (f"{NEW}{number}", ("new", cell(item.title)))
            for number, item in enumerate(self.draft.new_commitments)
        ]
        self.query_one(ReviewTable).refill(rows, select)
        hint = self.context.hint(self.draft)
        self.query_one("#commit-hint", Static).update(literal(_sentence(hint.text)))
        warning = self.query_one("#commit-warning", Static)
        warning.update(literal(f"⚠ {_sentence(hint.warning)}" if hint.warning else ""))
        warning.display = hint.over

    def focus_first(self) -> None:
        self.query_one("#commit-title", Input).focus()

    def apply_pending(self) -> bool:
        self._add_typed()
        return super().apply_pending()

    def _add_typed(self) -> bool:
        """Add the typed title as a new commitment; False when nothing was typed."""
        field = self.query_one("#commit-title", Input)
        title = " ".join(field.value.split())
        if not title:
            return False
        self.draft.new_commitments.append(NewCommitment(title=title))
        field.value = ""
        self.changed()
        self.show(select=f"{NEW}{len(self.draft.new_commitments) - 1}")
        return True

    @on(Input.Submitted, "#commit-title")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if not self._add_typed():
            self.ritual.action_next()

    def action_to_list(self) -> None:
        self.query_one(ReviewTable).focus()

    def action_remove(self) -> None:
        table = self.query_one(ReviewTable)
        key = (table.selected_key() if table.has_focus else None) or ""
        if key.startswith(NEW):
            del self.draft.new_commitments[int(key.removeprefix(NEW))]
            self.changed()
            self.show()


def _sentence(text: str | None) -> str:
    """``you commit to 5`` -> ``You commit to 5``."""
    return (text or "")[:1].upper() + (text or "")[1:]
