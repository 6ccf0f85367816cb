"""The dashboard: this week at a glance, what is due next, roadblocks, goals, streak."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Grid, Horizontal, Vertical
from textual.widgets import DataTable, Sparkline, Static

from stratui.dashboard import Dashboard, build_dashboard, build_retro_lines
from stratui.ui.screens.base import StratuiScreen
from stratui.ui.text import cell, literal_block
from stratui.ui.widgets.standing import health_text


class DashboardScreen(StratuiScreen):
    """The first screen: where am I this week?"""

    HELP_TITLE = "Dashboard"

    def compose_body(self) -> ComposeResult:
        with Grid(id="dashboard"):
            with Vertical(classes="panel", id="week-panel"):
                yield Static(id="week-title", classes="panel-title")
                yield DataTable(id="week-table", cursor_type="row", zebra_stripes=True)
            with Vertical(classes="panel", id="due-panel"):
                yield Static("Next", classes="panel-title")
                yield Static(id="due")
                yield Static(id="streak")
                with Horizontal(classes="spark-row"):
                    yield Static("Say/do", classes="spark-label")
                    yield Sparkline([], id="say-do-spark")
                    yield Static(id="say-do-now", classes="spark-value")
                with Horizontal(classes="spark-row"):
                    yield Static("Blocked", classes="spark-label")
                    yield Sparkline([], id="open-spark")
                    yield Static(id="open-now", classes="spark-value")
                yield Static(id="retros")
            with Vertical(classes="panel", id="roadblocks-panel"):
                yield Static("Open roadblocks", classes="panel-title")
                yield DataTable(id="roadblocks-table", cursor_type="row")
            with Vertical(classes="panel", id="goals-panel"):
                yield Static("Active goals", classes="panel-title")
                yield DataTable(id="goals-table", cursor_type="row")

    def on_mount(self) -> None:
        self.query_one("#week-table", DataTable).add_columns("Status", "Done", "Commitment", "Goal")
        self.query_one("#roadblocks-table", DataTable).add_columns(
            "Age", "Severity", "Owner", "Roadblock"
        )
        self.query_one("#goals-table", DataTable).add_columns("Health", "Goal", "Conf.", "Owner")

    def reload(self) -> None:
        data = build_dashboard(self.stratui)
        self.query_one("#week-title", Static).update(
            f"This week {data.week}: {data.done} of {len(data.commitments)} done"
        )
        week = self.query_one("#week-table", DataTable)
        week.clear()
        for record in data.commitments:
            goal = data.goals_by_id.get(record.get("goal_id") or "")
            progress = record.get("progress")
            week.add_row(
                record["status"],
                f"{progress:g}%" if progress is not None else "",
                cell(record["title"]),
                cell(goal["title"]) if goal else "",
                key=record["id"],
            )
        if data.drafts:
            due = f"A weekly review of {data.drafts[0]['period']} is in progress: press w to resume"
        else:
            due = data.due
        self.query_one("#due", Static).update(due)
        streak = "week" if data.streak == 1 else "weeks"
        self.query_one("#streak", Static).update(f"Review streak: {data.streak} {streak}")
        self._sparklines(data)
        self.call_after_refresh(self._show_retros)
        roadblocks = self.query_one("#roadblocks-table", DataTable)
        roadblocks.clear()
        for record, age in data.roadblocks:
            roadblocks.add_row(
                f"{age}d",
                record["severity"],
                cell(record.get("owner") or ""),
                cell(record["title"]),
                key=record["id"],
            )
        goals = self.query_one("#goals-table", DataTable)
        goals.clear()
        for line in data.goals:
            goals.add_row(
                health_text(line.health),
                cell(line.goal["title"]),
                "-" if line.confidence is None else f"{line.confidence}/5",
                cell(line.goal.get("owner") or line.goal.get("team") or ""),
                key=line.goal["id"],
            )

    def _show_retros(self) -> None:
        """My teams' retrospectives, read once the rest of the dashboard is on screen."""
        lines = build_retro_lines(self.stratui)
        retros = self.query_one("#retros", Static)
        retros.update(literal_block("\n".join(line.text for line in lines)))
        retros.display = bool(lines)

    def _sparklines(self, data: Dashboard) -> None:
        """My say/do and open roadblocks over the last 12 weeks, oldest to newest.

        A week with nothing reviewed has no say/do: it is left out of the line (a
        sparkline cannot show a gap), and the figure after it is the latest week's.
        """
        say_do = [value for value in data.say_do_trend if value is not None]
        self.query_one("#say-do-spark", Sparkline).data = say_do
        latest = say_do[-1] if say_do else None
        self.query_one("#say-do-now", Static).update(
            "no data" if latest is None else f"{latest:.0%}"
        )
        self.query_one("#open-spark", Sparkline).data = list(data.open_trend)
        self.query_one("#open-now", Static).update(
            str(data.open_trend[-1]) if data.open_trend else ""
        )
