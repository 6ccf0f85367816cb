"""Step 3, roadblocks: each open one still blocks or is resolved; new ones are raised."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Static

from stratui.domain.metrics.roadblocks import roadblock_age
from stratui.domain.schema import ROADBLOCK_KINDS, SEVERITIES
from stratui.rituals.weekly import NewRoadblock
from stratui.ui.modals.form import Field, Form
from stratui.ui.screens.weekly.step import WeeklyStep
from stratui.ui.text import cell, literal
from stratui.ui.widgets.review import InlineEdit, ReviewTable

NEW = "new:"  # the row key prefix of a roadblock raised in this review


class RoadblocksStep(WeeklyStep):
    """Open roadblocks start as still blocking: only the resolved ones need a key."""

    STEP = "roadblocks"
    QUESTION = "what stands in the way?"
    BINDINGS = [
        Binding("r", "resolve", "Resolved", id="weekly.resolve"),
        Binding("s", "still", "Still blocking", id="weekly.still"),
        Binding("a", "add", "Raise", id="weekly.raise"),
        Binding("delete", "remove", "Remove new", id="weekly.remove_roadblock"),
    ]

    def compose(self) -> ComposeResult:
        yield ReviewTable(id="roadblocks-table")
        yield Static(id="roadblocks-empty", classes="step-empty")
        yield InlineEdit(id="roadblocks-edit")

    def on_mount(self) -> None:
        self.query_one(ReviewTable).add_columns(
            "Decision", "Age", "Severity", "Kind", "Roadblock", "Resolution"
        )

    def show(self, select: str | None = None) -> None:
        by_id = {record["id"]: record for record in self.context.roadblocks}
        today = self.ritual.ws.clock.today()
        rows = []
        for rid, decision in self.draft.roadblocks.items():
            record = by_id.get(rid, {})
            age = f"{roadblock_age(record, today)}d" if record.get("raised_on") else ""
            rows.append(
                (
                    rid,
                    (
                        decision.decision,
                        age,
                        record.get("severity", ""),
                        record.get("kind", ""),
                        cell(decision.title),
                        cell(decision.resolution),
                    ),
                )
            )
        for number, block in enumerate(self.draft.new_roadblocks):
            cells = ("new", "", block.severity, block.kind, cell(block.title), "")
            rows.append((f"{NEW}{number}", cells))
        table = self.query_one(ReviewTable)
        table.refill(rows, select)
        empty = self.query_one("#roadblocks-empty", Static)
        empty.display = not rows
        empty.update("No open roadblocks. Press a to raise one, Enter to go on.")

    def focus_first(self) -> None:
        self.query_one(ReviewTable).focus()

    def _selected_open(self) -> str | None:
        """The id of the open roadblock under the cursor (not a new one)."""
        table = self.query_one(ReviewTable)
        key = table.selected_key() if table.has_focus else None
        return key if key in self.draft.roadblocks else None

    def action_still(self) -> None:
        rid = self._selected_open()
        if rid is not None:
            self.draft.roadblocks[rid].decision = "still"
            self.changed()
            self.show()

    def action_resolve(self) -> None:
        rid = self._selected_open()
        if rid is None:
            return
        decision = self.draft.roadblocks[rid]
        decision.decision = "resolved"
        self.changed()
        self.show()

        def answer(text: str) -> None:
            decision.resolution = text.strip()
            self.changed()
            self.show()

        question = literal(f"How was “{decision.title}” resolved?")
        edit = self.query_one(InlineEdit)
        edit.ask(question, decision.resolution, answer, self.query_one(ReviewTable))

    def action_remove(self) -> None:
        key = self.query_one(ReviewTable).selected_key() or ""
        if key.startswith(NEW):
            del self.draft.new_roadblocks[int(key.removeprefix(NEW))]
            self.changed()
            self.show()

    def action_add(self) -> None:
        commitments = [(o.title, cid) for cid, o in self.draft.outcomes.items()]

        def submit(values: dict[str, str]) -> NewRoadblock:
            title = " ".join(values["title"].split())
            if not title:
                raise ValueError("title: say what stands in the way")
            return NewRoadblock(
                title=title,
                kind=values["kind"] or "other",
                severity=values["severity"] or "medium",
                commitment_id=values["blocks"] or None,
            )

        fields = [
            Field("title", "What stands in the way"),
            Field("kind", "Kind", "other", options=[(k, k) for k in ROADBLOCK_KINDS]),
            Field("severity", "Severity", "medium", options=[(s, s) for s in SEVERITIES]),
            Field("blocks", "Blocks (optional)", options=commitments),
        ]
        self.app.push_screen(Form("Raise a roadblock", fields, submit), self._added)

    def _added(self, block: object) -> None:
        if isinstance(block, NewRoadblock):
            self.draft.new_roadblocks.append(block)
            self.changed()
            self.show(select=f"{NEW}{len(self.draft.new_roadblocks) - 1}")
