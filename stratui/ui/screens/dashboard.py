"""The dashboard: this week at a glance, what is due next, roadblocks, goals, streak.

It is the first screen, so it is built from few, light widgets: each panel is one
widget whose border carries its title, its rows laid out as text columns (a
:class:`~stratui.ui.widgets.listing.Listing`), the "Next" panel one block of text,
sparklines included. Every widget costs styling, layout and rendering before the first
frame, and a DataTable several times a Static; the panels are for reading, so none
needs a cursor (the screens behind keys 2 to 4 have one, and list everything).
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Grid
from textual.content import Content
from textual.widgets import Static

from stratui.domain.sparkline import sparkline
from stratui.ui.screens.base import StratuiScreen
from stratui.ui.text import literal
from stratui.ui.widgets.listing import Listing
from stratui.ui.widgets.standing import health_content
from stratui.usecases.views.dashboard import Dashboard, build_dashboard, build_retro_lines

SPARK_LABEL = 8  # the width of a sparkline's label ("Say/do", "Blocked")
WEEK = ["Status", "Done", "Commitment", "Goal"]
ROADBLOCKS = ["Age", "Severity", "Owner", "Roadblock"]
GOALS = ["Health", "Goal", "Conf.", "Owner"]


class DashboardScreen(StratuiScreen):
    """The first screen: where am I this week?"""

    HELP_TITLE = "Dashboard"

    def compose_body(self) -> ComposeResult:
        with Grid(id="dashboard"):
            yield Listing(
                WEEK,
                "press 2",
                squeeze=2,
                keep=32,
                id="week",
                classes="panel",
                empty="Nothing yet: press 2, then a",
            )
            yield Static(id="next", classes="panel")
            yield Listing(
                ROADBLOCKS,
                "press 3",
                squeeze=3,
                id="roadblocks",
                classes="panel",
                empty="No open roadblocks",
            )
            yield Listing(
                GOALS,
                "press 4",
                squeeze=1,
                keep=20,
                id="goals",
                classes="panel",
                empty="None yet: press 4, then n",
            )

    def on_mount(self) -> None:
        self._next: list[Content] = []  # the "Next" panel's lines, the retro lines aside
        self._retros: list[Content] = []
        self.query_one("#next", Static).border_title = "Next"
        self.query_one("#roadblocks", Listing).border_title = "Open roadblocks"
        self.query_one("#goals", Listing).border_title = "Active goals"

    def reload(self) -> None:
        data = build_dashboard(self.ws)
        week = self.query_one("#week", Listing)
        week.border_title = f"This week {data.week}: {data.done} of {len(data.commitments)} done"
        rows = []
        for record in data.commitments:
            goal = data.goals_by_id.get(record.get("goal_id") or "")
            progress = record.get("progress")
            rows.append(
                [
                    Content(record["status"]),
                    Content(f"{progress:g}%" if progress is not None else ""),
                    literal(record["title"]),
                    literal(goal["title"]) if goal else Content(""),
                ]
            )
        week.show(rows)
        self._next = self._next_lines(data, self.app.key_named("app.weekly"))
        self._show_next()
        self.call_after_refresh(self._read_retros)
        roadblocks = [
            [
                Content(f"{age}d"),
                Content(record["severity"]),
                literal(record.get("owner") or ""),
                literal(record["title"]),
            ]
            for record, age in data.roadblocks
        ]
        self.query_one("#roadblocks", Listing).show(roadblocks)
        goals = [
            [
                health_content(line.health),
                literal(line.goal["title"]),
                Content("-" if line.confidence is None else f"{line.confidence}/5"),
                literal(line.goal.get("owner") or line.goal.get("team") or ""),
            ]
            for line in data.goals
        ]
        self.query_one("#goals", Listing).show(goals)

    def _show_next(self) -> None:
        self.query_one("#next", Static).update(Content("\n").join([*self._next, *self._retros]))

    def _read_retros(self) -> None:
        """My teams' retrospectives, read once the rest of the dashboard is on screen
        (their open actions are looked for in a year of commitments' summaries)."""
        self._retros = [Content(line.text) for line in build_retro_lines(self.ws)]
        self._show_next()

    @staticmethod
    def _next_lines(data: Dashboard, key: str) -> list[Content]:
        """What is due, the streak, and my say/do and open roadblocks over the last 12
        weeks, oldest to newest.

        A week with nothing reviewed has no say/do: it is left out of the line (a
        sparkline cannot show a gap), and the figure after it is the latest week's.
        """
        weekly = key  # the weekly review's key, as the person's [keys] may have moved it
        if data.drafts:
            period = data.drafts[0]["period"]
            due = f"A weekly review of {period} is in progress: press {weekly} to resume"
        else:
            due = f"{data.due}: press {weekly}"
        weeks = "week" if data.streak == 1 else "weeks"
        say_do = [value for value in data.say_do_trend if value is not None]
        latest = "no data" if not say_do else f"{say_do[-1]:.0%}"
        blocked = str(data.open_trend[-1]) if data.open_trend else ""
        return [
            Content(due),
            Content(f"Review streak: {data.streak} {weeks}"),
            _spark_row("Say/do", sparkline(say_do, high=1), latest),
            _spark_row("Blocked", sparkline(data.open_trend), blocked),
        ]


def _spark_row(label: str, spark: str, value: str) -> Content:
    """``Say/do  ▁▃▅█  80%``: a dim label, the bars in the accent colour, the figure."""
    bars = (spark + " ", "$accent") if spark else ""
    return Content.assemble((label.ljust(SPARK_LABEL), "dim"), bars, value)
