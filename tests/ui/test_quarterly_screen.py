"""The quarterly review screen, walked by keys with a Pilot on the demo data; assertions
on the stored data.

TODAY is Sunday 2026-11-22: the team Platform's review closes 2026-Q4 (its 2026-Q3
review is complete in the demo), so a continued goal runs on to 2027-03-31.
"""

from __future__ import annotations

import pytest
from textual.widgets import ContentSwitcher, Static

from stratui.clock import Clock
from stratui.demo import generate_history
from stratui.rituals.quarterly.ritual import QUARTERLY
from stratui.store.store import Store
from stratui.ui.app import StratuiApp
from stratui.ui.modals.choose import Choose
from stratui.ui.screens.dashboard import DashboardScreen
from stratui.ui.screens.goals import GoalsScreen
from stratui.ui.screens.quarterly import QuarterlyReviewScreen
from stratui.usecases import exchange
from stratui.usecases.workspace import Workspace
from tests._ritual_support import bound
from tests.ui.conftest import TODAY
from tests.ui.test_weekly_review import screen_text

TEAM, PERIOD, NEXT_END = "Platform", "2026-Q4", "2027-03-31"


@pytest.fixture
def demo(tmp_path) -> Workspace:
    app = Workspace(Store.at(str(tmp_path / "store")), Clock(TODAY))
    exchange.import_document(app, generate_history(people=4, weeks=16, today=TODAY))
    return app


async def press(pilot, *keys: str) -> None:
    await pilot.press(*keys)
    await pilot.pause()
    await pilot.pause()  # a pushed screen lays out a moment after it mounts


def problems(app) -> str:
    return str(app.screen.query_one("#quarterly-problems", Static).render())


def step(app) -> str:
    return app.screen.query_one("#quarterly-body", ContentSwitcher).current


def quarterly(stratui) -> list[dict]:
    """The quarterly reviews of 2026-Q4 (the demo holds a completed 2026-Q3 one)."""
    return [
        r
        for r in stratui.store.all("reviews")
        if r["ritual"] == "quarterly" and r["period"] == PERIOD
    ]


async def test_a_full_quarterly_review_by_keys(demo, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # where the summary file is written
    app = StratuiApp(demo, poll=None, start="quarterly", team=TEAM)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, QuarterlyReviewScreen)
        assert screen.title == f"Quarterly review {PERIOD}"
        assert step(app) == "step-goals"
        walked = list(screen.draft.verdicts)
        assert len(walked) >= 4
        await press(pilot, "enter")  # no disposition yet: refused inline
        assert "choose achieved, dropped or continued" in problems(app)
        assert screen.draft.goal_index == 0
        plan = {walked[0]: "c", walked[1]: "c", walked[2]: "a"}
        for gid in walked:
            assert screen.draft.current_goal_id == gid
            key = plan.get(gid, "d")
            await press(pilot, key, "4")  # the disposition and a final confidence
            if gid == walked[2]:
                await press(pilot, "l", *"Pair early", "enter")
            await press(pilot, "enter")
        assert step(app) == "step-plan"
        stored = quarterly(demo)[0]["answers"]  # saved at every step
        assert stored["verdicts"][walked[2]]["lesson"] == "Pair early"
        await press(pilot, "n", *"Adopt [b]Postgres 17", "enter")
        assert [g.title for g in screen.draft.new_goals] == ["Adopt [b]Postgres 17"]
        await press(pilot, "enter")
        assert step(app) == "step-alignment"
        assert "underserved" in screen_text(app) or "unlinked" in screen_text(app)
        await press(pilot, "enter")
        assert step(app) == "step-summary"
        await press(pilot, "enter")  # completes
        assert screen.completion is not None
        (review,) = quarterly(demo)
        assert review["status"] == "complete"
        for gid in walked[:2]:
            goal = demo.store.get("goals", gid)
            assert (goal["status"], goal["end"]) == ("active", NEXT_END)
        assert demo.store.get("goals", walked[2])["status"] == "achieved"
        for gid in walked[3:]:
            assert demo.store.get("goals", gid)["status"] == "dropped"
        new = next(g for g in demo.store.all("goals") if g["title"] == "Adopt [b]Postgres 17")
        assert (new["start"], new["end"]) == ("2027-01-01", NEXT_END)
        await press(pilot, "s")
        written = tmp_path / f"quarterly-review-{PERIOD}-{TEAM}.md"
        status = str(app.screen.query_one("#quarterly-summary-status", Static).render())
        assert written.is_file() and str(written) in status
        await press(pilot, "escape")
        assert isinstance(app.screen, DashboardScreen)


async def test_resume_after_quitting(demo):
    app = StratuiApp(demo, poll=None, start="quarterly", team=TEAM)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, QuarterlyReviewScreen)
        first, second = list(screen.draft.verdicts)[:2]
        await press(pilot, "c", "enter", "d")
        assert screen.draft.current_goal_id == second
    (draft,) = bound(demo, QUARTERLY).drafts(team=TEAM)
    answers = draft["answers"]
    assert answers["verdicts"][first]["disposition"] == "continued"
    assert answers["verdicts"][second]["disposition"] == "dropped"  # saved at once
    again = StratuiApp(demo, poll=None, start="quarterly", team=TEAM)
    async with again.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = again.screen
        assert screen.draft.current_goal_id == second  # where it was left
        assert "goal 2 of" in screen_text(again)
        await press(pilot, "ctrl+b")
        assert screen.draft.current_goal_id == first
    assert [r["status"] for r in quarterly(demo)] == ["draft"]  # resumed, not a second one


def mine(stratui) -> list[dict]:
    """Ana's own quarterly reviews (the demo holds none)."""
    return [
        r
        for r in stratui.store.all("reviews")
        if r["ritual"] == "quarterly" and r.get("owner") == "ana"
    ]


async def test_q_opens_the_quarter_in_progress_and_p_chooses_another(demo):
    app = StratuiApp(demo, poll=None)
    async with app.run_test(size=(80, 24)) as pilot:
        await press(pilot, "4", "Q")  # from the goal tree
        screen = app.screen
        assert isinstance(screen, QuarterlyReviewScreen)
        assert (screen.draft.owner, screen.draft.period) == ("ana", PERIOD)
        assert screen.draft.verdicts  # ana's goals of the quarter, not "no goals"
        assert "no goals this quarter" not in screen_text(app)
        await press(pilot, "p")
        assert isinstance(app.screen, Choose)
        await press(pilot, "up", "enter")  # the quarter before
        assert app.screen is screen
        assert screen.draft.period == "2026-Q3" and screen.title == "Quarterly review 2026-Q3"
        await press(pilot, "p", "down", "enter")  # back to the quarter in progress
        assert screen.draft.period == PERIOD and screen.draft.verdicts
        await press(pilot, "escape")
        assert isinstance(app.screen, GoalsScreen)
    (review,) = mine(demo)  # moved, not a second review
    assert (review["period"], review["answers"]["period"], review["status"]) == (
        PERIOD,
        PERIOD,
        "draft",
    )


async def test_a_quarter_already_reviewed_cannot_be_chosen(demo):
    app = StratuiApp(demo, poll=None, start="quarterly", team=TEAM)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert screen.draft.period == PERIOD
        await press(pilot, "p", "up", "enter")  # 2026-Q3: its review is complete
        dialog = app.screen
        assert isinstance(dialog, Choose)
        error = str(dialog.query_one("#form-error", Static).render())
        assert "2026-Q3" in error and "already complete" in error
        await press(pilot, "escape")
        assert app.screen is screen and screen.draft.period == PERIOD
    assert [r["period"] for r in quarterly(demo)] == [PERIOD]


async def test_a_goal_gets_a_final_reading_only_when_one_is_given(demo, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    before = {c["id"] for c in demo.store.all("goal_checkins")}
    app = StratuiApp(demo, poll=None, start="quarterly", team=TEAM)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        walked = list(screen.draft.verdicts)
        last = screen.context.previous_reading(walked[0])
        assert screen.draft.verdicts[walked[0]].confidence is None  # nothing taken for it
        await press(pilot, "k", "c", "enter")  # the first keeps its last reading
        for _ in walked[1:]:
            await press(pilot, "d", "enter")  # the others: dropped, no reading given
        while step(app) != "step-summary":
            await press(pilot, "enter")
        await press(pilot, "enter")
        assert screen.completion is not None, problems(app)
    made = [c for c in demo.store.all("goal_checkins") if c["id"] not in before]
    assert [(c["goal_id"], c.get("confidence")) for c in made] == [(walked[0], last[1])]
