"""Step 2, look back: each commitment of the week gets its outcome, in one key each.

Every open commitment starts undecided: nothing is recorded for it until a key chooses
its outcome, and the step counts those still undecided. An outcome key moves the cursor
on to the next commitment, so deciding a week is one key per commitment.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Static

from stratui.domain.inputs import parse_progress
from stratui.domain.weeks import next_week
from stratui.rituals.weekly.steps import UNDECIDED_LABEL
from stratui.ui.screens.weekly.step import WeeklyStep
from stratui.ui.text import cell, literal
from stratui.ui.widgets.review import InlineEdit, ReviewTable


class LookBackStep(WeeklyStep):
    """The period's commitments, each undecided until a key decides it; unfinished ones
    carry over."""

    STEP = "look back"
    BINDINGS = [
        Binding("d", "outcome('done')", "Done", id="weekly.done"),
        Binding("p", "outcome('partial')", "Partial", id="weekly.partial"),
        Binding("m", "outcome('missed')", "Missed", id="weekly.missed"),
        Binding("x", "outcome('dropped')", "Dropped", id="weekly.dropped"),
        Binding("c", "carry", "Carry over", id="weekly.carry"),
        Binding("n", "note", "Note", id="weekly.note"),
    ]

    def question(self) -> str:
        return f"how did {self.draft.period} go?"

    def compose(self) -> ComposeResult:
        yield Static(id="lookback-count", classes="step-hint")
        yield ReviewTable(id="lookback-table")
        yield Static(id="lookback-empty", classes="step-empty")
        yield InlineEdit(id="lookback-edit")

    def commitments_table(self) -> ReviewTable:
        """The table of the period's commitments."""
        return self.query_one("#lookback-table", ReviewTable)

    def on_mount(self) -> None:
        self.commitments_table().add_columns("Outcome", "Done", "Carry", "Commitment", "Note")

    def show(self) -> None:
        carry_to = next_week(self.draft.period)
        logged = {c["id"]: str(c.get("created_at", "")) for c in self.context.commitments}
        ordered = sorted(self.draft.outcomes.items(), key=lambda item: logged.get(item[0], ""))
        rows = []
        for cid, outcome in ordered:  # in the order they were logged
            progress = outcome.progress
            done = f"{progress:g}%" if isinstance(progress, int | float) else str(progress or "")
            rows.append(
                (
                    cid,
                    (
                        outcome.status if outcome.decided else UNDECIDED_LABEL,
                        done,
                        f"→ {carry_to[-3:]}" if outcome.carry else "",
                        cell(outcome.title),
                        cell(outcome.note),
                    ),
                )
            )
        table = self.commitments_table()
        table.refill(rows, self.first_row(rows))
        empty = self.query_one("#lookback-empty", Static)
        empty.display = not rows
        empty.update(f"No commitments in {self.draft.period}: nothing to look back on.")
        count = self.query_one("#lookback-count", Static)
        count.display = bool(rows)
        count.update(undecided_line(self.draft.undecided_count(), len(rows)))

    def first_row(self, rows: list[tuple[str, tuple]]) -> str | None:
        """The row to put the cursor on when the list is shown anew, None to keep it
        where it was (a person's own week is the same list all along)."""
        return None

    def focus_first(self) -> None:
        self.commitments_table().focus()

    def _selected(self) -> str | None:
        table = self.commitments_table()
        return table.selected_key() if table.has_focus else None

    def _next_row(self) -> None:
        """On to the next commitment once one is decided (the last one stays)."""
        self.commitments_table().action_cursor_down()

    def action_outcome(self, status: str) -> None:
        cid = self._selected()
        if cid is None:
            return
        self.draft.set_status(cid, status)
        self.changed()
        self.show()
        if status == "partial":
            self._ask_progress(cid)
        else:
            self._next_row()

    def action_carry(self) -> None:
        cid = self._selected()
        if cid is not None:
            self.draft.toggle_carry(cid)
            self.changed()
            self.show()
            self._next_row()

    def action_note(self) -> None:
        cid = self._selected()
        if cid is None:
            return
        outcome = self.draft.outcomes[cid]

        def answer(text: str) -> None:
            outcome.note = text.strip()
            self.changed()
            self.show()

        question = literal(f"Note on “{outcome.title}”:")
        self.query_one(InlineEdit).ask(question, outcome.note, answer, self.commitments_table())

    def _ask_progress(self, cid: str) -> None:
        outcome = self.draft.outcomes[cid]

        def answer(text: str) -> None:
            try:
                outcome.progress = parse_progress(text) if text.strip() else None
            except ValueError as error:
                raise ValueError(f"progress: {error}") from None
            self.changed()
            self.show()
            self._next_row()

        progress = outcome.progress
        current = f"{progress:g}" if isinstance(progress, int | float) else ""
        question = literal(f"Progress % of “{outcome.title}”:")
        self.query_one(InlineEdit).ask(question, current, answer, self.commitments_table())


def undecided_line(undecided: int, total: int) -> str:
    """``2 of 5 not decided yet: d done · p partial · m missed · x dropped``."""
    if not undecided:
        return f"All {total} decided · Enter goes on"
    return f"{undecided} of {total} not decided yet: d done · p partial · m missed · x dropped"
