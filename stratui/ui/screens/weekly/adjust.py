"""Step 5, adjust: the course corrections decided in the review (none is fine)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Static

from stratui.domain.schema import ADJUSTMENT_KINDS
from stratui.rituals.weekly import NewAdjustment
from stratui.ui.modals.form import Field, Form
from stratui.ui.screens.weekly.step import WeeklyStep
from stratui.ui.text import cell
from stratui.ui.widgets.review import ReviewTable


class AdjustStep(WeeklyStep):
    """Adjustments are added with a short form: a kind, what changes and why."""

    STEP = "adjust"
    QUESTION = "what will you change?"
    BINDINGS = [
        Binding("a", "add", "Add", id="weekly.adjust"),
        Binding("e", "edit", "Edit", id="weekly.edit_adjustment"),
        Binding("delete", "remove", "Remove", id="weekly.remove_adjustment"),
    ]

    def compose(self) -> ComposeResult:
        yield ReviewTable(id="adjust-table")
        yield Static(id="adjust-empty", classes="step-empty")

    def on_mount(self) -> None:
        self.query_one(ReviewTable).add_columns("Kind", "Adjustment", "Why")

    def show(self, select: str | None = None) -> None:
        rows = [
            (str(number), (item.kind, cell(item.description), cell(item.rationale)))
            for number, item in enumerate(self.draft.adjustments)
        ]
        table = self.query_one(ReviewTable)
        table.refill(rows, select)
        empty = self.query_one("#adjust-empty", Static)
        empty.display = not rows
        empty.update(
            "No adjustments. Press a to add one (reprioritize, rescope, ...), Enter to go on."
        )

    def focus_first(self) -> None:
        self.query_one(ReviewTable).focus()

    def _selected(self) -> int | None:
        key = self.query_one(ReviewTable).selected_key()
        return int(key) if key is not None else None

    def action_add(self) -> None:
        self._ask(NewAdjustment(), None)

    def action_edit(self) -> None:
        number = self._selected()
        if number is not None:
            self._ask(self.draft.adjustments[number], number)

    def action_remove(self) -> None:
        number = self._selected()
        if number is not None:
            del self.draft.adjustments[number]
            self.changed()
            self.show()

    def _ask(self, item: NewAdjustment, number: int | None) -> None:
        def submit(values: dict[str, str]) -> NewAdjustment:
            if not values["kind"]:
                raise ValueError(f"kind: choose one of {', '.join(ADJUSTMENT_KINDS)}")
            description = " ".join(values["description"].split())
            if not description:
                raise ValueError("description: say what changes")
            return NewAdjustment(
                kind=values["kind"],
                description=description,
                rationale=values["rationale"].strip(),
                goal_id=item.goal_id,
                commitment_id=item.commitment_id,
            )

        def done(result: object) -> None:
            if not isinstance(result, NewAdjustment):
                return
            if number is None:
                self.draft.adjustments.append(result)
            else:
                self.draft.adjustments[number] = result
            self.changed()
            index = len(self.draft.adjustments) - 1 if number is None else number
            self.show(select=str(index))
            self.focus_first()

        fields = [
            Field("kind", "Kind", item.kind, options=[(k, k) for k in ADJUSTMENT_KINDS]),
            Field("description", "What changes", item.description),
            Field("rationale", "Why (optional)", item.rationale),
        ]
        title = "Add an adjustment" if number is None else "Edit the adjustment"
        self.app.push_screen(Form(title, fields, submit), done)
