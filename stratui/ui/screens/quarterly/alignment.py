"""Step 3, alignment: where the quarter's work went, held against goal priority."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Static

from stratui.ui.screens.quarterly.step import QuarterlyStep
from stratui.ui.text import cell
from stratui.ui.widgets.review import ReviewTable
from stratui.ui.widgets.standing import percent


class AlignmentStep(QuarterlyStep):
    """Each goal's priority, commitments and share; an underserved goal is marked."""

    STEP = "alignment"
    QUESTION = "did the work follow the priorities?"

    def compose(self) -> ComposeResult:
        yield Static(id="alignment-totals")
        yield ReviewTable(id="alignment-table")
        yield Static(
            "underserved: a goal of lower priority got a larger share · Enter: on to the summary",
            classes="step-hint",
        )

    def on_mount(self) -> None:
        self.query_one(ReviewTable).add_columns("Prio", "Commits", "Share", "", "Goal")

    def show(self) -> None:
        view = self.context.alignment()
        if view.total:
            totals = (
                f"{view.total} commitments this quarter · {percent(view.alignment)} linked "
                f"to a goal · {percent(view.unlinked_share)} unlinked"
            )
        else:
            totals = "No commitments this quarter: no data."
        self.query_one("#alignment-totals", Static).update(totals)
        rows = [
            (
                row.goal_id,
                (
                    str(row.priority or "-"),
                    str(row.commitments),
                    percent(row.share),
                    "underserved" if row.underserved else "",
                    cell(row.title),
                ),
            )
            for row in view.rows
        ]
        self.query_one(ReviewTable).refill(rows)

    def focus_first(self) -> None:
        self.query_one(ReviewTable).focus()
