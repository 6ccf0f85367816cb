"""Trends: the figures of docs/METRICS.md week by week, one chart at a time, or its table.

The list on the left picks the chart; ``p`` cycles the window (4, 12, 26, 52 weeks, all),
``s`` the scope (me, everyone, each team, each person), ``t`` flips the chart to the
table of its numbers. A figure with no data shows "no data", never 0: a week without
data is left out of a line, and a chart with no point at all is replaced by a note.

This module alone imports ``textual_plotext`` (line and bar charts with axes): the app
imports screens lazily, so the dashboard's cold start does not pay for plotext.
"""

from __future__ import annotations

from collections.abc import Sequence

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import ContentSwitcher, DataTable, OptionList, Static
from textual.widgets.option_list import Option
from textual_plotext import PlotextPlot

from stratui.report.reading import ReportError
from stratui.ui.screens.base import StratuiScreen
from stratui.ui.styles import stylesheet
from stratui.ui.text import cell, literal
from stratui.usecases.views.trends import (
    DEFAULT_WINDOW,
    WINDOWS,
    Trends,
    build_trends,
    scope_choices,
    window_label,
)

NO_DATA = "no data"

# The charts, in the order of the list: id and title.
CHARTS = (
    ("say-do", "Say/do"),
    ("planned", "Planned vs done"),
    ("carry-over", "Carry-over rate"),
    ("roadblocks", "Roadblocks"),
    ("effort", "Effort by goal"),
    ("calibration", "Calibration"),
    ("pulse", "Pulse"),
    ("follow-through", "Follow-through"),
    ("goals", "Goals"),
)


def percent(value: float | None) -> str:
    """A share as a whole percentage, or "no data"."""
    return NO_DATA if value is None else f"{value:.0%}"


def number(value: float | None, digits: int = 2) -> str:
    """A number with ``digits`` decimals, or "no data"."""
    return NO_DATA if value is None else f"{value:.{digits}f}"


def days(value: float | None) -> str:
    """A duration in days, or "no data"."""
    return NO_DATA if value is None else f"{value:g} d"


def goal_title(trends: Trends, goal_id: str) -> str:
    """A goal's title by id ("unlinked" for the share of commitments with no goal)."""
    goal = trends.goals_by_id.get(goal_id)
    return goal_id if goal is None else str(goal["title"])


def chart_table(trends: Trends, chart: str) -> tuple[list[str], list[list[object]]]:
    """The columns and rows of a chart's numbers, as the table shows them."""
    weeks = trends.weeks

    def by_week(*columns: Sequence[object]) -> list[list[object]]:
        return [[week, *(column[i] for column in columns)] for i, week in enumerate(weeks)]

    if chart == "say-do":
        rows = by_week(
            trends.done,
            trends.reviewed,
            [percent(v) for v in trends.say_do],
            [percent(v) for v in trends.rolling_say_do],
        )
        return ["Week", "Done", "Reviewed", "Say/do", "Rolling 4 wk"], rows
    if chart == "planned":
        return ["Week", "Planned", "Done"], by_week(trends.planned, trends.done)
    if chart == "carry-over":
        rows = by_week(trends.reviewed, [percent(v) for v in trends.carry_over])
        return ["Week", "Reviewed", "Carry-over"], rows
    if chart == "roadblocks":
        rows = by_week(trends.open_roadblocks, [days(v) for v in trends.time_to_resolve])
        return ["Week", "Open at end", "Time to resolve"], rows
    if chart == "effort":
        priority = {g.goal["id"]: g.goal.get("priority") for g in trends.goals}
        rows = [
            [cell(goal_title(trends, gid)), priority.get(gid) or "-", percent(share)]
            for gid, share in (trends.effort or {}).items()
        ]
        rows += [
            [cell(g.goal["title"]), g.goal.get("priority") or "-", percent(0.0)]
            for g in trends.goals
            if trends.effort is not None and g.goal["id"] not in trends.effort
        ]
        return ["Goal", "Priority", "Share of work"], rows
    if chart == "calibration":
        return ["Week", "Brier (lower is better)"], by_week([number(v) for v in trends.calibration])
    if chart == "pulse":
        return ["Week", "Pulse (1-5)"], by_week([number(v) for v in trends.pulse])
    if chart == "follow-through":
        return ["Week", "Retro follow-through"], by_week(
            [percent(v) for v in trends.follow_through]
        )
    rows = [
        [week, cell(g.goal["title"]), percent(g.progress[i]), number(g.confidence[i], 0)]
        for g in trends.goals
        for i, week in enumerate(weeks)
    ]
    return ["Week", "Goal", "Progress", "Confidence"], rows


Line = tuple[str, list[float | None]]


def chart_lines(trends: Trends, chart: str) -> tuple[str, list[Line]]:
    """A chart's kind ("line" or "bar") and its named series (one value per week;
    for "bar", one per goal)."""
    if chart == "say-do":
        return "line", [
            ("weekly %", _pct(trends.say_do)),
            ("rolling 4 wk %", _pct(trends.rolling_say_do)),
        ]
    if chart == "planned":
        return "line", [("planned", list(trends.planned)), ("done", list(trends.done))]
    if chart == "carry-over":
        return "line", [("carry-over %", _pct(trends.carry_over))]
    if chart == "roadblocks":
        return "line", [
            ("open", list(trends.open_roadblocks)),
            ("days to resolve", list(trends.time_to_resolve)),
        ]
    if chart == "effort":
        effort = trends.effort or {}
        return "bar", [("share %", _pct(list(effort.values())))]
    if chart == "calibration":
        return "line", [("Brier", list(trends.calibration))]
    if chart == "pulse":
        return "line", [("pulse", list(trends.pulse))]
    if chart == "follow-through":
        return "line", [("follow-through %", _pct(trends.follow_through))]
    return "line", [(f"{g.goal['title'][:20]} %", _pct(g.progress)) for g in trends.goals[:4]]


def _pct(values: Sequence[float | None]) -> list[float | None]:
    return [None if v is None else round(v * 100, 1) for v in values]


class TrendsScreen(StratuiScreen):
    """How execution went over the weeks: say/do, load, roadblocks, goals, rituals."""

    CSS_PATH = stylesheet("trends.tcss")

    HELP_TITLE = "Trends"
    BINDINGS = [
        Binding("p", "cycle_window", "Period", id="trends.window"),
        Binding("s", "cycle_scope", "Scope", id="trends.scope"),
        Binding("t", "flip", "Table/chart", id="trends.flip"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.window: int | None = DEFAULT_WINDOW
        self.scope_index = 0
        self.chart = CHARTS[0][0]
        self.trends: Trends | None = None

    def compose_body(self) -> ComposeResult:
        yield Static(id="trends-status")
        with Horizontal(id="trends"):
            yield OptionList(*(Option(title, id=cid) for cid, title in CHARTS), id="trends-charts")
            with Vertical(id="trends-main"):
                yield Static(id="trends-title", classes="panel-title")
                with ContentSwitcher(initial="trends-plot", id="trends-view"):
                    yield PlotextPlot(id="trends-plot")
                    yield DataTable(id="trends-table", cursor_type="row", zebra_stripes=True)
                    yield Static(NO_DATA, id="trends-none")

    def on_mount(self) -> None:
        self.query_one("#trends-charts", OptionList).focus()

    @property
    def scopes(self) -> list[tuple[str, dict]]:
        return scope_choices(self.ws.store, self.ws.me)

    def reload(self) -> None:
        scopes = self.scopes
        self.scope_index %= len(scopes)
        label, scope = scopes[self.scope_index]
        try:
            self.trends = build_trends(
                self.ws.store, self.ws.clock.today(), weeks=self.window, **scope
            )
        except ReportError as error:  # a person with no records yet, say
            self.trends = None
            self.query_one("#trends-status", Static).update(literal(f"scope: {label}"))
            self.query_one("#trends-view", ContentSwitcher).current = "trends-none"
            self.query_one("#trends-none", Static).update(literal(f"no data: {error.problem}"))
            return
        weeks = self.trends.weeks
        self.query_one("#trends-status", Static).update(
            literal(
                f"{window_label(self.window)}: {weeks[0]} to {weeks[-1]} · scope: {label} · "
                "p period · s scope · t table"
            )
        )
        self.show_chart()

    def action_cycle_window(self) -> None:
        """The next window: 4, 12, 26, 52 weeks, all, and round."""
        self.window = WINDOWS[(WINDOWS.index(self.window) + 1) % len(WINDOWS)]
        self.reload()

    def action_cycle_scope(self) -> None:
        """The next scope: me, everyone, each team, each other person, and round."""
        self.scope_index += 1
        self.reload()

    def action_flip(self) -> None:
        """Show the chart's table instead of the chart, or back."""
        switcher = self.query_one("#trends-view", ContentSwitcher)
        switcher.current = "trends-plot" if switcher.current == "trends-table" else "trends-table"
        self.show_chart(table=switcher.current == "trends-table")

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if event.option.id and event.option.id != self.chart:
            self.chart = event.option.id
            self.show_chart()

    @property
    def showing_table(self) -> bool:
        return self.query_one("#trends-view", ContentSwitcher).current == "trends-table"

    def show_chart(self, table: bool | None = None) -> None:
        """Draw the current chart (or its table) from :attr:`trends`.

        The table is filled only when it is shown: on the "all" window it has a row per
        week (a goal's, one per goal and week), and Textual measures every cell it adds.
        """
        if self.trends is None:
            return
        table = self.showing_table if table is None else table
        title = dict(CHARTS)[self.chart]
        self.query_one("#trends-title", Static).update(title)
        columns, rows = chart_table(self.trends, self.chart)
        switcher = self.query_one("#trends-view", ContentSwitcher)
        if table:
            data = self.query_one("#trends-table", DataTable)
            data.clear(columns=True)
            data.add_columns(*columns)
            for row in rows:
                data.add_row(*row)
            switcher.current = "trends-table"
            return
        kind, lines = chart_lines(self.trends, self.chart)
        if not any(v is not None for _, values in lines for v in values):
            switcher.current = "trends-none"
            self.query_one("#trends-none", Static).update(f"{title}: no data in this window")
            return
        switcher.current = "trends-plot"
        self._draw(kind, lines, rows if kind == "bar" else None)

    def _draw(self, kind: str, lines: list[Line], rows: list[list[object]] | None) -> None:
        plot = self.query_one("#trends-plot", PlotextPlot)
        plt = plot.plt
        plt.clear_figure()
        assert self.trends is not None
        if kind == "bar" and rows is not None:
            labels = [str(row[0])[:14] for row in rows]
            _, values = lines[0]
            plt.bar(labels, [v or 0 for v in values], orientation="horizontal", width=0.3)
            plt.xlabel("share of the window's commitments, %")
        else:
            weeks = self.trends.weeks
            for name, values in lines:
                xs = [i for i, v in enumerate(values) if v is not None]
                ys = [values[i] for i in xs]
                if xs:
                    plt.plot(xs, ys, label=name, marker="braille")
            step = max(1, len(weeks) // 6)
            ticks = list(range(0, len(weeks), step))
            plt.xticks(ticks, [weeks[i][2:] for i in ticks])
            plt.xlim(-0.5, len(weeks) - 0.5)
            top = max(v for _, values in lines for v in values if v is not None)
            # Shares on 0..100 and counts from 0, so that a dip looks as big as it is.
            percents = all(name.endswith("%") for name, _ in lines)
            plt.ylim(0, 100 if percents else max(1.0, top * 1.1))
        plot.refresh()
