"""The trends screen: switching window and scope, flipping to tables, numbers shown."""

from __future__ import annotations

import pytest
from textual.widgets import ContentSwitcher, DataTable, OptionList, Static

from stratui.demo import generate_history
from stratui.domain.metrics import execution as ex
from stratui.domain.metrics import series
from stratui.report import build_report
from stratui.report.reading import gather
from stratui.ui.app import StratuiApp
from stratui.usecases import exchange
from stratui.usecases.views.trends import build_trends
from tests.ui.conftest import TODAY


@pytest.fixture
def demo(stratui):
    exchange.import_document(stratui, generate_history(people=3, weeks=8, today=TODAY))
    return stratui


def table_rows(app) -> list[list[str]]:
    table = app.screen.query_one("#trends-table", DataTable)
    return [[str(value) for value in table.get_row_at(i)] for i in range(table.row_count)]


def pct(value):
    return "no data" if value is None else f"{value:.0%}"


async def open_trends(app, pilot):
    await pilot.press("6")
    await pilot.pause()
    assert type(app.screen).__name__ == "TrendsScreen"


async def test_say_do_table_matches_the_report_for_each_window_and_scope(demo):
    app = StratuiApp(demo, poll=None)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_trends(app, pilot)
        await pilot.press("t")
        await pilot.pause()
        assert app.screen.query_one("#trends-view", ContentSwitcher).current == "trends-table"
        for weeks, scope in [(12, {"owner": "ana"}), (26, {"owner": "ana"}), (26, {})]:
            if weeks == 26 and scope == {"owner": "ana"}:
                await pilot.press("p")  # 12 -> 26 weeks
            if scope == {}:
                await pilot.press("s")  # ana -> everyone
            await pilot.pause()
            document = build_report(demo.store, TODAY, weeks=weeks, **scope).document
            expected = [
                [row["week"], str(row["done"]), str(row["reviewed"]), pct(row["say_do"])]
                for row in document["weeks"]
            ]
            assert [row[:4] for row in table_rows(app)] == expected
            # The rolling line's last point pools the 4 weeks the report's 4-week window does.
            last4 = build_report(demo.store, TODAY, weeks=4, **scope).document["say_do"]
            assert table_rows(app)[-1][4] == pct(last4)
            status = str(app.screen.query_one("#trends-status", Static).content)
            assert f"{weeks} weeks" in status
            assert ("scope: everyone" if not scope else "scope: ana") in status


async def test_every_chart_flips_to_a_table_and_no_data_is_not_zero(demo):
    app = StratuiApp(demo, poll=None)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_trends(app, pilot)
        charts = app.screen.query_one("#trends-charts", OptionList)
        for index in range(charts.option_count):
            charts.highlighted = index
            await pilot.pause()
            switcher = app.screen.query_one("#trends-view", ContentSwitcher)
            assert switcher.current in {"trends-plot", "trends-none"}
            await pilot.press("t")
            await pilot.pause()
            assert switcher.current == "trends-table"
            await pilot.press("t")
            await pilot.pause()
        # Carry-over on a 4-week window: weeks with nothing reviewed read "no data".
        await pilot.press("p", "p", "p", "p")  # 12 -> 26 -> 52 -> all -> 4 weeks
        charts.highlighted = 2
        await pilot.press("t")
        await pilot.pause()
        document = build_report(demo.store, TODAY, weeks=4, owner="ana").document
        expected = [
            [row["week"], str(row["reviewed"]), pct(row["carry_over_rate"])]
            for row in document["weeks"]
        ]
        assert table_rows(app) == expected


async def test_roadblocks_table_counts_open_at_the_end_of_each_week(demo):
    app = StratuiApp(demo, poll=None)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_trends(app, pilot)
        await pilot.press("s")  # everyone
        app.screen.query_one("#trends-charts", OptionList).highlighted = 3
        await pilot.press("t")
        await pilot.pause()
        rows = table_rows(app)
        # The last week ends on the as-of date: its count is the report's open roadblocks.
        document = build_report(demo.store, TODAY, weeks=12).document
        assert rows[-1][0] == document["window"]["end"]
        assert rows[-1][1] == str(document["roadblocks"]["open"])


async def test_an_empty_store_shows_no_data(stratui):
    app = StratuiApp(stratui, poll=None)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_trends(app, pilot)
        assert app.screen.query_one("#trends-view", ContentSwitcher).current == "trends-none"
        text = str(app.screen.query_one("#trends-none", Static).content)
        assert "no data" in text


async def test_the_table_shows_the_window_and_chart_chosen_while_it_was_hidden(demo):
    # The table is filled only when shown: what changed behind the chart must be in it.
    app = StratuiApp(demo, poll=None)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_trends(app, pilot)
        await pilot.press("t")  # say/do of 12 weeks in the table
        await pilot.pause()
        assert len(table_rows(app)) == 12
        await pilot.press("t", "p", "p", "p")  # back to the chart; 12 -> 26 -> 52 -> all
        app.screen.query_one("#trends-charts", OptionList).highlighted = 1  # planned vs done
        await pilot.pause()
        await pilot.press("t")
        await pilot.pause()
        trends = app.screen.trends
        expected = [
            [week, str(planned), str(done)]
            for week, planned, done in zip(trends.weeks, trends.planned, trends.done, strict=True)
        ]
        assert "all:" in str(app.screen.query_one("#trends-status", Static).content)
        assert len(expected) == 8  # all of the demo's history
        assert table_rows(app) == expected


@pytest.mark.parametrize("weeks", [None, 12])
@pytest.mark.parametrize("scope", [{"owner": "ana"}, {}])
def test_trends_read_less_than_a_report_and_show_the_same_figures(demo, weeks, scope):
    """The trends group their commitments once and skip what only reports read
    (``gather(series_only=True)``): every series equals the one drawn from the report's
    full read, each series grouping plain lists itself."""
    trends = build_trends(demo.store, TODAY, weeks=weeks, **scope)
    shown = trends.weeks
    pooled = len(shown) + series.ROLLING_WEEKS - 1
    data = gather(demo.store, TODAY, end=shown[-1], weeks=pooled, **scope)
    assert data.weeks[-len(shown) :] == shown
    mine = [c for c in data.commitments if c["week"] in set(shown)]
    following = [c for week in shown for c in data.following(week)]
    counts = series.count_series(mine, shown)
    assert (trends.planned, trends.reviewed, trends.done) == (
        counts["planned"],
        counts["reviewed"],
        counts["done"],
    )
    assert trends.say_do == series.say_do_series(mine, shown)
    assert trends.rolling_say_do == series.rolling_say_do_series(data.commitments, shown)
    assert trends.carry_over == series.carry_over_series(mine, following, shown)
    assert trends.calibration == series.calibration_series(mine, shown)
    assert trends.effort == ex.effort_by_goal(mine)
    for goal in trends.goals:
        assert goal.progress == series.goal_progress_series(goal.goal, data.checkins, shown, TODAY)
        assert goal.confidence == series.confidence_series(goal.goal, data.checkins, shown, TODAY)
    assert any(v is not None for v in trends.say_do)
