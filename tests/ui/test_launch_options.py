"""The options of ``stratui review RITUAL`` (``--team``, ``--week``, ``--quarter``) belong
to the ritual opened at launch: a ritual opened later by its key starts from its own
defaults. Walked by keys with a Pilot on the demo data; assertions on the stored reviews.

TODAY is Sunday 2026-11-22 (2026-W47); the demo team is Platform.
"""

from __future__ import annotations

import pytest

from stratui.clock import Clock
from stratui.demo import generate_history
from stratui.domain.weeks import week_of
from stratui.store.store import Store
from stratui.ui.app import StratuiApp
from stratui.ui.screens.quarterly import QuarterlyReviewScreen
from stratui.ui.screens.retro import RetroScreen
from stratui.ui.screens.team import TeamReviewScreen
from stratui.usecases import exchange
from stratui.usecases.workspace import Workspace
from tests.ui.conftest import TODAY


@pytest.fixture
def demo(tmp_path) -> Workspace:
    app = Workspace(Store.at(str(tmp_path / "store")), Clock(TODAY))
    exchange.import_document(app, generate_history(people=4, weeks=16, today=TODAY))
    return app


async def press(pilot, *keys: str) -> None:
    await pilot.press(*keys)
    await pilot.pause()
    await pilot.pause()


def drafts(stratui: Workspace, ritual: str) -> list[dict]:
    return [
        r
        for r in stratui.store.all("reviews")
        if r["ritual"] == ritual and r["status"] == "draft"
    ]


@pytest.mark.parametrize(
    ("start", "period"), [("quarterly", "2026-Q4"), ("team", "2026-W30")], ids=["quarter", "week"]
)
async def test_a_launch_period_does_not_reach_the_retrospective(demo, start, period):
    """``review quarterly --quarter 2026-Q4`` (or ``review team --week``), Esc, R: the
    retrospective opens for this week (it crashed with a TypeError: ``period``)."""
    app = StratuiApp(demo, poll=None, start=start, team="Platform", period=period)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.screen.draft.period == period  # the launch's ritual has its options
        await press(pilot, "escape", "R")
        assert app.is_running
        assert isinstance(app.screen, RetroScreen)
        assert app.screen.draft is not None
    (retro,) = drafts(demo, "retro")
    assert (retro["period"], retro["team"]) == (week_of(TODAY), "Platform")


async def test_a_launch_week_does_not_reach_the_next_team_review(demo):
    """``review team --week 2026-W30``, Esc, then T again: a team review with its own
    defaults (the service resumes or starts one), not the launch's team and week."""
    app = StratuiApp(demo, poll=None, start="team", team="Platform", period="2026-W30")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await press(pilot, "escape", "T")
        assert isinstance(app.screen, TeamReviewScreen)
        assert app.screen.options == {}  # no launch option reached it


async def test_a_launch_quarter_does_not_reach_the_goals_screen_review(demo):
    """``review quarterly --team Platform --quarter 2026-Q1`` was the launch's: Q on the
    goals screen opens my own review of the quarter in progress."""
    app = StratuiApp(demo, poll=None, start="quarterly", team="Platform", period="2026-Q1")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert (app.screen.draft.team, app.screen.draft.period) == ("Platform", "2026-Q1")
        await press(pilot, "escape", "4", "Q")
        screen = app.screen
        assert isinstance(screen, QuarterlyReviewScreen)
        draft = screen.draft
        assert (draft.owner, draft.team, draft.period) == ("ana", "", "2026-Q4")
