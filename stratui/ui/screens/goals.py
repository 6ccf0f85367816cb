"""Goals (basic; the cascade comes later): create, edit, drop, link commitments."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable

from stratui import goals as usecases
from stratui.domain.dates import parse_date
from stratui.domain.inputs import optional, parse_priority
from stratui.ui.modals.confirm import Confirm
from stratui.ui.modals.form import Field, Form
from stratui.ui.screens.base import StratuiScreen
from stratui.ui.text import cell, literal


class GoalsScreen(StratuiScreen):
    """The plan: every goal with its status, owner and dates."""

    TABLE = "goals-table"
    HELP_TITLE = "Goals"
    BINDINGS = [
        Binding("a", "create", "New goal", id="goals.create"),
        Binding("e", "edit", "Edit", id="goals.edit"),
        Binding("x", "drop", "Drop", id="goals.drop"),
        Binding("l", "link", "Link commitment", id="goals.link"),
    ]

    def compose_body(self) -> ComposeResult:
        yield DataTable(id="goals-table", cursor_type="row", zebra_stripes=True)

    def on_mount(self) -> None:
        table = self.query_one("#goals-table", DataTable)
        table.add_columns("ID", "Prio", "Status", "Owner", "Team", "Start", "End", "Goal")
        table.focus()

    def reload(self) -> None:
        table = self.query_one("#goals-table", DataTable)
        table.clear()
        for goal in usecases.goals(self.stratui):
            table.add_row(
                goal["id"][:8],
                str(goal.get("priority") or ""),
                goal["status"],
                cell(goal.get("owner") or ""),
                cell(goal.get("team") or ""),
                goal.get("start") or "",
                goal.get("end") or "",
                cell(goal["title"]),
                key=goal["id"],
            )

    def _fields(self, goal: dict | None = None) -> list[Field]:
        goal = goal or {}
        return [
            Field("title", "Goal", goal.get("title", "")),
            Field("owner", "Owner", goal.get("owner", self.stratui.me)),
            Field("team", "Team (optional)", goal.get("team") or ""),
            Field("priority", "Priority 1-5 (optional)", str(goal.get("priority") or "")),
            Field("start", "Start (optional)", goal.get("start") or ""),
            Field("end", "End (optional)", goal.get("end") or ""),
        ]

    def _values(self, values: dict[str, str]) -> dict:
        today = self.stratui.clock.today()

        def day(text: str) -> str:
            return parse_date(text, today).isoformat()

        return {
            "title": values["title"].strip(),
            "owner": values["owner"].strip() or None,
            "team": values["team"].strip() or None,
            "priority": optional(parse_priority, values["priority"], "priority"),
            "start": optional(day, values["start"], "start"),
            "end": optional(day, values["end"], "end"),
        }

    def action_create(self) -> None:
        parent = self.selected_id()
        fields = [*self._fields(), Field("parent", "Parent goal id (optional)", parent or "")]

        def submit(values: dict[str, str]) -> dict:
            chosen = {k: v for k, v in self._values(values).items() if v is not None}
            return usecases.create(self.stratui, {**chosen, "parent": values["parent"].strip()})

        self.ask(Form("New goal", fields, submit))

    def action_edit(self) -> None:
        rid = self.selected_id()
        if not rid:
            return
        goal = self.stratui.store.resolve("goals", rid)

        def submit(values: dict[str, str]) -> dict:
            return usecases.edit(self.stratui, rid, self._values(values))

        self.ask(Form("Edit goal", self._fields(goal), submit))

    def action_drop(self) -> None:
        rid = self.selected_id()
        if not rid:
            return
        goal = self.stratui.store.resolve("goals", rid)

        def dropped(answer: bool | None) -> None:
            if answer:
                usecases.drop(self.stratui, rid)
                self.reload()

        self.app.push_screen(Confirm(literal(f"Drop the goal “{goal['title']}”?")), dropped)

    def action_link(self) -> None:
        rid = self.selected_id()
        if not rid:
            return

        def submit(values: dict[str, str]) -> dict:
            return usecases.link(self.stratui, rid, values["commitment"])

        fields = [Field("commitment", "Commitment id (or prefix)")]
        self.ask(Form("Link a commitment", fields, submit))
