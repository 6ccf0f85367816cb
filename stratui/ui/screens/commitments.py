"""Commitments: filter by week, owner, status and goal; add, edit, close, carry, delete."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import DataTable, Input, Select, Static

from stratui.domain.dates import parse_date, parse_week_arg
from stratui.domain.inputs import optional, parse_confidence, parse_progress
from stratui.domain.schema import COMMITMENT_STATUSES
from stratui.domain.weeks import shift_week
from stratui.ui.modals.confirm import Confirm
from stratui.ui.modals.form import Field, Form
from stratui.ui.screens.base import StratuiScreen
from stratui.ui.styles import stylesheet
from stratui.ui.text import cell, literal
from stratui.usecases import commitments


class CommitmentsScreen(StratuiScreen):
    """Every commitment of a week, for everyone or one owner."""

    CSS_PATH = [stylesheet("lists.tcss"), stylesheet("dialogs.tcss")]

    TABLE = "commitments-table"
    HELP_TITLE = "Commitments"
    BINDINGS = [
        Binding("a", "add", "Add", id="commitments.add"),
        Binding("e", "edit", "Edit", id="commitments.edit"),
        Binding("o,enter", "outcome", "Outcome", id="commitments.outcome"),
        Binding("space", "done", "Done", id="commitments.done"),
        Binding("c", "carry", "Carry over", id="commitments.carry"),
        Binding("delete", "delete", "Delete", id="commitments.delete"),
        Binding("left_square_bracket", "week(-1)", "Prev week", id="commitments.prev"),
        Binding("right_square_bracket", "week(1)", "Next week", id="commitments.next"),
        Binding("slash", "filter", "Filter", id="commitments.filter"),
    ]

    def compose_body(self) -> ComposeResult:
        with Horizontal(id="filters"):
            yield Input(placeholder="week", id="filter-week", classes="filter")
            yield Input(placeholder="owner (all)", id="filter-owner", classes="filter")
            yield Select(
                [(status, status) for status in COMMITMENT_STATUSES],
                prompt="status (all)",
                id="filter-status",
                classes="filter",
            )
            yield Select([], prompt="goal (all)", id="filter-goal", classes="filter")
        yield Static("", id="filter-error", classes="form-error")
        yield DataTable(id="commitments-table", cursor_type="row", zebra_stripes=True)

    def on_mount(self) -> None:
        self.query_one("#filter-week", Input).value = self.ws.this_week()
        self.query_one("#commitments-table", DataTable).add_columns(
            "ID", "Week", "Owner", "Status", "Done", "Commitment", "Goal"
        )
        self.query_one("#commitments-table", DataTable).focus()

    # -- reading ---------------------------------------------------------------------

    def week(self) -> str | None:
        """The week filter, or None (with an inline message) if it cannot be read."""
        text = self.query_one("#filter-week", Input).value.strip() or "this"
        try:
            week = parse_week_arg(text, self.ws.clock.today())
        except ValueError as error:
            self.query_one("#filter-error", Static).update(literal(f"week: {error}"))
            return None
        self.query_one("#filter-error", Static).update("")
        return week

    def reload(self) -> None:
        week = self.week()
        if week is None:
            return
        owner = self.query_one("#filter-owner", Input).value.strip() or None
        status = self.query_one("#filter-status", Select).value
        goal = self.query_one("#filter-goal", Select).value
        goals = {g["id"]: g for g in self.ws.store.all("goals")}
        self._update_goal_options(goals)
        found = commitments.find(self.ws,
            week=week, owner=owner, status=None if status is Select.NULL else str(status)
        )
        if goal is not Select.NULL:
            found = [record for record in found if record.get("goal_id") == goal]
        table = self.query_one("#commitments-table", DataTable)
        selected = self.selected_id()
        table.clear()
        for record in found:
            linked = goals.get(record.get("goal_id") or "")
            progress = record.get("progress")
            title = ("↻ " if record.get("carried_from") else "") + str(record["title"])
            table.add_row(
                record["id"][:8],
                record["week"],
                cell(record["owner"]),
                record["status"],
                f"{progress:g}%" if progress is not None else "",
                cell(title),
                cell(linked["title"]) if linked else "",
                key=record["id"],
            )
        if selected and selected in {record["id"] for record in found}:
            table.move_cursor(row=table.get_row_index(selected))

    def _update_goal_options(self, goals: dict[str, dict]) -> None:
        select = self.query_one("#filter-goal", Select)
        options = [(literal(g["title"]), gid) for gid, g in goals.items() if not g.get("deleted")]
        if len(options) != getattr(self, "_goal_count", -1):
            self._goal_count = len(options)
            current = select.value
            select.set_options(options)
            if current is not Select.NULL and current in goals:
                select.value = current

    @on(Input.Submitted, ".filter")
    @on(Select.Changed, ".filter")
    def _filter_changed(self, event: Input.Submitted | Select.Changed) -> None:
        self.reload()
        if isinstance(event, Input.Submitted):
            self.query_one("#commitments-table", DataTable).focus()

    # -- actions ---------------------------------------------------------------------

    def _goal_options(self) -> list[tuple[str, str]]:
        goals = self.ws.store.all("goals")
        return [(g["title"], g["id"]) for g in goals if g.get("status") == "active"]

    def action_filter(self) -> None:
        self.query_one("#filter-week", Input).focus()

    def action_week(self, step: int) -> None:
        week = self.week()
        if week:
            self.query_one("#filter-week", Input).value = shift_week(week, step)
            self.reload()

    def action_add(self) -> None:
        today = self.ws.clock.today()

        def submit(values: dict[str, str]) -> dict:
            return commitments.log(self.ws,
                values["title"],
                owner=values["owner"].strip() or None,
                week=parse_week_arg(values["week"] or "this", today),
                goal=values["goal"] or None,
                due=_date(values["due"], today),
                confidence=_confidence(values["confidence"]),
            )

        fields = [
            Field("title", "Commitment"),
            Field("week", "Week", self.week() or "", "2026-W48, this, next"),
            Field("owner", "Owner", self.ws.me),
            Field("goal", "Goal", options=self._goal_options()),
            Field("due", "Due (optional)", placeholder="fri, +3d, 2026-12-04"),
            Field("confidence", "Confidence 1-5 (optional)"),
        ]
        self.ask(Form("New commitment", fields, submit))

    def action_edit(self) -> None:
        rid = self.selected_id()
        if not rid:
            return
        record = commitments.get(self.ws, rid)
        today = self.ws.clock.today()

        def submit(values: dict[str, str]) -> dict:
            return commitments.change(self.ws,
                rid,
                title=values["title"],
                week=parse_week_arg(values["week"], today),
                goal=values["goal"],
                due=_date(values["due"], today) or "",
                confidence=_confidence(values["confidence"]),
            )

        fields = [
            Field("title", "Commitment", record["title"]),
            Field("week", "Week", record["week"]),
            Field("goal", "Goal", record.get("goal_id") or "", options=self._goal_options()),
            Field("due", "Due (optional)", record.get("due") or ""),
            Field("confidence", "Confidence 1-5 (optional)", str(record.get("confidence") or "")),
        ]
        self.ask(Form("Edit commitment", fields, submit))

    def action_outcome(self) -> None:
        rid = self.selected_id()
        if not rid:
            return
        record = commitments.get(self.ws, rid)

        def submit(values: dict[str, str]) -> dict:
            return commitments.change(self.ws,
                rid,
                status=values["status"] or None,
                progress=_progress(values["progress"]),
                note=values["note"].strip() or None,
            )

        progress = record.get("progress")
        fields = [
            Field(
                "status", "Outcome", record["status"], options=[(s, s) for s in COMMITMENT_STATUSES]
            ),
            Field("progress", "Progress % (optional)", "" if progress is None else f"{progress:g}"),
            Field("note", "Note (optional)"),
        ]
        self.ask(Form("Outcome", fields, submit))

    def action_done(self) -> None:
        rid = self.selected_id()
        if rid:
            commitments.complete(self.ws, rid)
            self.reload()

    def action_carry(self) -> None:
        rid = self.selected_id()
        if not rid:
            return
        try:
            _, new = commitments.carry_over(self.ws, rid)
        except ValueError as error:
            self.notify(literal(str(error)), severity="warning")
            return
        self.notify(literal(f"Carried over to {new['week']}"))
        self.reload()

    def action_delete(self) -> None:
        rid = self.selected_id()
        if not rid:
            return
        record = commitments.get(self.ws, rid)

        def deleted(answer: bool | None) -> None:
            if answer:
                commitments.delete(self.ws, rid)
                self.reload()

        question = literal(f"Delete the commitment “{record['title']}”?")
        self.app.push_screen(Confirm(question), deleted)


def _date(text: str, today) -> str | None:
    return optional(lambda value: parse_date(value, today).isoformat(), text, "due")


def _confidence(text: str) -> int | None:
    return optional(parse_confidence, text, "confidence")


def _progress(text: str) -> int | float | None:
    return optional(parse_progress, text, "progress")
