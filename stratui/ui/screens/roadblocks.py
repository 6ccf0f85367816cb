"""Roadblocks: raise, assign and resolve; filter by state and kind."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import DataTable, Select

from stratui.domain.metrics.roadblocks import roadblock_age
from stratui.domain.schema import ROADBLOCK_KINDS, SEVERITIES
from stratui.ui.modals.form import Field, Form
from stratui.ui.screens.base import StratuiScreen
from stratui.ui.styles import stylesheet
from stratui.ui.text import cell
from stratui.usecases import roadblocks as usecases


class RoadblocksScreen(StratuiScreen):
    """What stands in the way, and who removes it."""

    CSS_PATH = stylesheet("lists.tcss")

    TABLE = "roadblocks-table"
    HELP_TITLE = "Roadblocks"
    BINDINGS = [
        Binding("a", "raise", "Raise", id="roadblocks.raise"),
        Binding("s", "assign", "Assign", id="roadblocks.assign"),
        Binding("r", "resolve", "Resolve", id="roadblocks.resolve"),
    ]

    def compose_body(self) -> ComposeResult:
        with Horizontal(id="filters"):
            yield Select(
                [(state, state) for state in usecases.STATES],
                value="open",
                allow_blank=False,
                id="filter-state",
                classes="filter",
            )
            yield Select(
                [(kind, kind) for kind in ROADBLOCK_KINDS],
                prompt="kind (all)",
                id="filter-kind",
                classes="filter",
            )
        yield DataTable(id="roadblocks-table", cursor_type="row", zebra_stripes=True)

    def on_mount(self) -> None:
        table = self.query_one("#roadblocks-table", DataTable)
        table.add_columns("ID", "Age", "Kind", "Severity", "Owner", "Roadblock", "Resolution")
        table.focus()

    def reload(self) -> None:
        state = str(self.query_one("#filter-state", Select).value)
        kind = self.query_one("#filter-kind", Select).value
        found = usecases.find(
            self.ws, state=state, kind=None if kind is Select.NULL else str(kind)
        )
        today = self.ws.clock.today()
        table = self.query_one("#roadblocks-table", DataTable)
        table.clear()
        for record in found:
            table.add_row(
                record["id"][:8],
                f"{roadblock_age(record, today)}d",
                record["kind"],
                record["severity"],
                cell(record.get("owner") or ""),
                cell(record["title"]),
                cell(record.get("resolution") or ""),
                key=record["id"],
            )

    @on(Select.Changed, ".filter")
    def _filter_changed(self) -> None:
        self.reload()

    def action_raise(self) -> None:
        def submit(values: dict[str, str]) -> dict:
            return usecases.block(
                self.ws,
                values["title"],
                kind=values["kind"] or "other",
                severity=values["severity"] or "medium",
                on=values["on"].strip() or None,
                owner=values["owner"].strip() or None,
            )

        fields = [
            Field("title", "What stands in the way"),
            Field("kind", "Kind", "other", options=[(k, k) for k in ROADBLOCK_KINDS]),
            Field("severity", "Severity", "medium", options=[(s, s) for s in SEVERITIES]),
            Field("owner", "Who removes it", self.ws.me),
            Field("on", "Blocks (commitment or goal id, optional)"),
        ]
        self.ask(Form("Raise a roadblock", fields, submit))

    def action_assign(self) -> None:
        rid = self.selected_id()
        if rid:

            def submit(values: dict[str, str]) -> dict:
                return usecases.assign(self.ws, rid, values["owner"])

            fields = [Field("owner", "Who removes it")]
            self.ask(Form("Assign", fields, submit))

    def action_resolve(self) -> None:
        rid = self.selected_id()
        if rid:

            def submit(values: dict[str, str]) -> dict:
                return usecases.resolve(self.ws, rid, values["resolution"])

            fields = [Field("resolution", "How was it resolved?")]
            self.ask(Form("Resolve", fields, submit))
