"""The goal tree and the goal detail, walked by keys with a Pilot; assertions on the store.

TODAY is Sunday 2026-11-22.
"""

from __future__ import annotations

from textual.widgets import Input, OptionList, Sparkline, Static

from stratui.ui.screens.goal_detail import GoalDetailScreen
from stratui.ui.screens.goals import GoalsScreen, GoalTree
from stratui.usecases import commitments
from stratui.usecases import goals as usecases
from tests.ui.test_weekly_review import screen_text


async def type_in(pilot, text: str) -> None:
    await pilot.press(*text)
    await pilot.pause()


async def press(pilot, *keys: str) -> None:
    await pilot.press(*keys)
    await pilot.pause()


def by_title(stratui) -> dict[str, dict]:
    return {g["title"]: g for g in stratui.store.all("goals")}


def cursor_on(app, goal_id: str) -> None:
    screen = app.screen
    assert isinstance(screen, GoalsScreen)
    tree = screen.query_one(GoalTree)
    tree.move_cursor(screen.nodes[goal_id])


async def test_a_three_level_cascade_by_keys(app, stratui):
    async with app.run_test(size=(80, 24)) as pilot:
        await press(pilot, "4", "n")
        await type_in(pilot, "Win [b]ig market")  # markup-looking text stays as typed
        await press(pilot, "tab", "tab", "tab", "tab")  # owner, team, priority, start
        await type_in(pilot, "2026-10-01")
        await press(pilot, "tab")
        await type_in(pilot, "2026-12-31")
        await press(pilot, "enter")
        top = by_title(stratui)["Win [b]ig market"]
        assert (top["start"], top["end"], top["owner"], top.get("parent_id")) == (
            "2026-10-01",
            "2026-12-31",
            "ana",
            None,
        )
        assert app.screen.selected_id() == top["id"]  # the cursor is on the new goal
        await press(pilot, "c")
        await type_in(pilot, "Ship v2")
        await press(pilot, "enter")
        middle = by_title(stratui)["Ship v2"]
        assert app.screen.selected_id() == middle["id"]
        await press(pilot, "c")
        await type_in(pilot, "Write the migration guide")
        await press(pilot, "enter")
        leaf = by_title(stratui)["Write the migration guide"]
        assert middle["parent_id"] == top["id"] and leaf["parent_id"] == middle["id"]
        assert (leaf["start"], leaf["end"]) == ("2026-10-01", "2026-12-31")  # inherited
        assert [row.depth for row in usecases.tree(stratui)] == [0, 1, 2]
        text = screen_text(app)
        assert "Win [b]ig market" in text and "Write the migration guide" in text
        assert "no data" in text


async def test_move_a_goal_and_a_cycle_refused_inline(app, stratui):
    top = usecases.create(stratui, {"title": "Grow"})
    middle = usecases.create(stratui, {"title": "Sell", "parent": top["id"]})
    other = usecases.create(stratui, {"title": "Hire"})
    async with app.run_test(size=(80, 24)) as pilot:
        await press(pilot, "4")
        cursor_on(app, other["id"])
        await press(pilot, "m")
        listing = app.screen.query_one(OptionList)
        listing.highlighted = next(
            i
            for i in range(listing.option_count)
            if listing.get_option_at_index(i).id == middle["id"]
        )
        await press(pilot, "enter")
        assert stratui.store.get("goals", other["id"])["parent_id"] == middle["id"]
        cursor_on(app, top["id"])
        await press(pilot, "m")
        listing = app.screen.query_one(OptionList)
        listing.highlighted = next(
            i
            for i in range(listing.option_count)
            if listing.get_option_at_index(i).id == other["id"]
        )
        await press(pilot, "enter")
        error = str(app.screen.query_one("#form-error", Static).render())
        assert "Grow" in error and "Hire" in error  # named, inline; the dialog stays open
        assert stratui.store.get("goals", top["id"]).get("parent_id") is None
        await press(pilot, "escape")
        assert isinstance(app.screen, GoalsScreen)


async def test_key_result_and_check_in_from_the_goal_screen(app, stratui):
    goal = usecases.create(
        stratui, {"title": "Cut latency", "start": "2026-10-01", "end": "2026-12-31"}
    )
    async with app.run_test(size=(80, 24)) as pilot:
        await press(pilot, "4", "k")
        await type_in(pilot, "p95 latency")
        await press(pilot, "tab")
        await type_in(pilot, "400")
        await press(pilot, "tab")
        await type_in(pilot, "200")
        await press(pilot, "tab")
        await type_in(pilot, "ms")
        await press(pilot, "enter")
        metric = stratui.store.get("goals", goal["id"])["metric"]
        assert metric == {"name": "p95 latency", "baseline": 400, "target": 200, "unit": "ms"}
        await press(pilot, "i")
        await type_in(pilot, "300")
        await press(pilot, "tab")
        await type_in(pilot, "9")
        await press(pilot, "enter")
        assert "confidence" in str(app.screen.query_one("#form-error", Static).render())
        assert usecases.checkins(stratui, goal["id"]) == []
        app.screen.query_one("#field-confidence", Input).value = ""  # the focus is there
        await type_in(pilot, "2")
        await press(pilot, "tab")
        await type_in(pilot, "[/red] slower than hoped")
        await press(pilot, "enter")
        (checkin,) = usecases.checkins(stratui, goal["id"])
        assert (checkin["value"], checkin["confidence"], checkin["note"]) == (
            300,
            2,
            "[/red] slower than hoped",
        )
        assert "50%" in screen_text(app)  # 400 -> 300 of 400 -> 200


async def test_the_detail_shows_progress_health_and_history(app, stratui):
    top = usecases.create(stratui, {"title": "Grow", "start": "2026-10-01", "end": "2026-12-31"})
    goal = usecases.create(stratui, {"title": "Cut latency", "parent": top["id"]})
    usecases.set_metric(stratui, goal["id"], name="p95", baseline=400, target=200)
    usecases.check_in(stratui, goal["id"], value=380, confidence=4, date="2026-10-20")
    usecases.check_in(stratui, goal["id"], value=360, confidence=2, date="2026-11-20")
    commitments.log(stratui, "Profile the API", goal=goal["id"])
    async with app.run_test(size=(80, 24)) as pilot:
        await press(pilot, "4")
        cursor_on(app, goal["id"])
        await press(pilot, "enter")
        assert isinstance(app.screen, GoalDetailScreen)
        text = screen_text(app)
        assert "Progress 20%" in text and "at risk" in text
        assert "Under Grow" in text
        assert "Profile the API" in text
        assert app.screen.query_one("#goal-confidence-spark", Sparkline).data == [4, 2]
        assert "380 360" in text and "4 2" in text
        await press(pilot, "i")
        await type_in(pilot, "340")
        await press(pilot, "tab")
        await type_in(pilot, "3")
        await press(pilot, "enter")
        assert [c["value"] for c in usecases.checkins(stratui, goal["id"])] == [380, 360, 340]
        assert "Progress 30%" in screen_text(app)
        await press(pilot, "escape")
        assert isinstance(app.screen, GoalsScreen)


async def test_the_dashboard_lists_goals_at_risk_first_with_their_health(app, stratui):
    dates = {"start": "2026-10-01", "end": "2026-12-31"}
    fine = usecases.create(stratui, {"title": "Fine", "priority": 1, **dates})
    late = usecases.create(stratui, {"title": "Late", "priority": 5, **dates})
    for goal, value in ((fine, 90), (late, 10)):
        usecases.set_metric(stratui, goal["id"], name="done", baseline=0, target=100)
        usecases.check_in(stratui, goal["id"], value=value, confidence=3)
    async with app.run_test(size=(120, 35)) as pilot:
        await pilot.pause()
        header, *rows = str(app.screen.query_one("#goals").render()).splitlines()
        assert header.split() == ["Health", "Goal", "Conf.", "Owner"]
        assert [row.split() for row in rows] == [
            ["at", "risk", "Late", "3/5", "ana"],
            ["on", "track", "Fine", "3/5", "ana"],
        ]
