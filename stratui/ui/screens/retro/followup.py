"""Phase 2, follow-up: each action of the previous retrospective gets a disposition.

The retrospective cannot go on (nor finish) while an action has none: done, dropped,
or carried over into a new commitment linked to this retrospective.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Static

from stratui.ui.screens.retro.health import after
from stratui.ui.screens.retro.phase import Phase
from stratui.ui.text import cell, literal
from stratui.ui.widgets.review import InlineEdit, ReviewTable


class FollowUpPhase(Phase):
    """Done and dropped actions start settled; the open ones wait for a key."""

    STEP = "follow-up"
    BINDINGS = [
        Binding("d", "dispose('done')", "Done", id="retro.done"),
        Binding("x", "dispose('dropped')", "Dropped", id="retro.dropped"),
        Binding("c", "dispose('carried')", "Carried", id="retro.carried"),
        Binding("n", "note", "Note", id="retro.followup_note"),
    ]

    def question(self) -> str:
        previous = self.context.previous_review
        if previous is None:
            return "what became of the last retro's actions?"
        return f"what became of the actions of {previous['period']}?"

    def compose(self) -> ComposeResult:
        yield Static(
            "d done · x dropped · c carried over · n note (every action needs one)",
            classes="step-hint",
        )
        yield ReviewTable(id="followup-table")
        yield Static(id="followup-empty", classes="step-empty")
        yield InlineEdit(id="followup-edit")

    def on_mount(self) -> None:
        self.query_one(ReviewTable).add_columns("Decision", "Status", "Owner", "Action", "Note")

    def show(self, select: str | None = None) -> None:
        rows = [
            (
                rid,
                (
                    item.disposition or "?",
                    item.status,
                    cell(item.owner),
                    cell(item.title),
                    cell(item.note),
                ),
            )
            for rid, item in self.draft.follow_ups.items()
        ]
        self.query_one(ReviewTable).refill(rows, select)
        self.query_one(".step-hint").display = bool(rows)
        empty = self.query_one("#followup-empty", Static)
        empty.display = not rows
        empty.update("No actions from a previous retrospective to follow up. Enter goes on.")

    def focus_first(self) -> None:
        self.query_one(ReviewTable).focus()

    def _selected(self) -> str | None:
        table = self.query_one(ReviewTable)
        return table.selected_key() if table.has_focus else None

    def action_dispose(self, disposition: str) -> None:
        rid = self._selected()
        if rid is not None and self.attempt(lambda: self.draft.dispose(rid, disposition)):
            self.show(select=after(list(self.draft.follow_ups), rid))

    def action_note(self) -> None:
        rid = self._selected()
        if rid is None:
            return
        item = self.draft.follow_ups[rid]

        def answer(text: str) -> None:
            item.note = text.strip()
            self.changed()
            self.show()

        question = literal(f"Note on “{item.title}”:")
        self.query_one(InlineEdit).ask(question, item.note, answer, self.query_one(ReviewTable))
