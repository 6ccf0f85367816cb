"""Step 2, plan next quarter: new goals, each under a goal that goes on (or another new one)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Static

from stratui.domain.quarters import next_quarter
from stratui.rituals.quarterly import NewGoal, new_goal_problems
from stratui.ui.modals.form import Field, Form
from stratui.ui.screens.quarterly.step import QuarterlyStep
from stratui.ui.text import cell
from stratui.ui.widgets.review import ReviewTable


class PlanStep(QuarterlyStep):
    """The planned goals in a table; n adds one, e edits, x removes."""

    STEP = "plan"
    BINDINGS = [
        Binding("n", "add", "New goal", id="quarterly.plan.add"),
        Binding("e", "edit", "Edit", id="quarterly.plan.edit"),
        Binding("x", "remove", "Remove", id="quarterly.plan.remove"),
    ]

    def compose(self) -> ComposeResult:
        yield Static(
            "n: plan a goal · e: edit · x: remove · Enter: on to the alignment", classes="step-hint"
        )
        yield ReviewTable(id="plan-table")
        yield Static(id="plan-empty", classes="step-empty")

    def on_mount(self) -> None:
        self.query_one(ReviewTable).add_columns("Prio", "Goal", "Under")

    def question(self) -> str:
        return f"which goals for {next_quarter(self.draft.period)}?"

    def show(self) -> None:
        titles = {o.ref: o.title for o in self.context.parent_options(self.draft)}
        rows = [
            (
                item.key,
                (
                    str(item.priority or ""),
                    cell(item.title),
                    cell(titles.get(item.parent or "", "") if item.parent else "(top level)"),
                ),
            )
            for item in self.draft.new_goals
        ]
        self.query_one(ReviewTable).refill(rows)
        empty = self.query_one("#plan-empty", Static)
        empty.display = not rows
        empty.update("No new goals planned yet: n plans one; Enter goes on without.")

    def focus_first(self) -> None:
        self.query_one(ReviewTable).focus()

    def _form(self, title: str, item: NewGoal | None) -> None:
        options = [
            ("  " * o.depth + ("new: " if o.new else "") + o.title, o.ref)
            for o in self.context.parent_options(self.draft)
            if item is None or o.ref != item.key
        ]
        fields = [
            Field("title", "Goal", item.title if item else ""),
            Field("parent", "Under (optional)", item.parent or "" if item else "", options=options),
            Field("priority", "Priority 1-5 (optional)", str(item.priority or "") if item else ""),
        ]

        def submit(values: dict[str, str]) -> NewGoal:
            target = item or self.draft.add_goal()
            before = (target.title, target.parent, target.priority)
            target.title = values["title"].strip()
            target.parent = values["parent"] or None
            target.priority = values["priority"].strip() or None
            number = self.draft.new_goals.index(target) + 1
            problems = new_goal_problems(self.draft, number, target)
            if problems:
                if item is None:
                    self.draft.remove_goal(target.key)
                else:
                    target.title, target.parent, target.priority = before
                raise ValueError("; ".join(problems))
            return target

        def done(result: object) -> None:
            if result is not None:
                self.changed()
                self.show()

        self.app.push_screen(Form(title, fields, submit), done)

    def action_add(self) -> None:
        self._form("Plan a goal for next quarter", None)

    def action_edit(self) -> None:
        key = self.query_one(ReviewTable).selected_key()
        item = next((g for g in self.draft.new_goals if g.key == key), None)
        if item is not None:
            self._form("Edit the planned goal", item)

    def action_remove(self) -> None:
        key = self.query_one(ReviewTable).selected_key()
        if key is not None:
            self.draft.remove_goal(key)
            self.changed()
            self.show()
