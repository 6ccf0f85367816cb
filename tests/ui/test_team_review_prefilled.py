"""The team review meets what members did themselves: a member who reviewed their own
week appears with their outcomes in (the manager confirms rather than re-enters), and
the talking points members brought from their shells are on the screen and in the
summary. A Pilot walks ana's screen; bo's own writes come from bo's own workspace.

TODAY is Sunday 2026-11-22 (2026-W47). Platform is ana (who runs it), bo and cy.
"""

from __future__ import annotations

import pytest
from textual.widgets import ContentSwitcher, Static

from stratui.clock import Clock
from stratui.rituals.team.ritual import TEAM
from stratui.rituals.weekly.ritual import WEEKLY
from stratui.ui.screens.team import TeamReviewScreen
from stratui.usecases import commitments, people, rituals, talking_points
from tests._person import Person

from .conftest import TODAY


@pytest.fixture
def team(stratui):
    for name in ("ana", "bo", "cy"):
        people.add_person(stratui, name)
    people.add_team(stratui, "Platform", ["ana", "bo", "cy"])
    return "Platform"


@pytest.fixture
def bo(stratui, team, tmp_path):
    return Person(str(tmp_path / "store"), Clock(TODAY), "bo")


def shown(app, selector: str) -> str:
    widget = app.screen.query_one(selector, Static)
    return str(widget.render()) if widget.display else ""


def step(app) -> str:
    return app.screen.query_one("#ritual-body", ContentSwitcher).current


def review_own_week(ws, outcomes: dict[str, str]) -> None:
    """``ws``'s person completes their own weekly review with the ``outcomes`` chosen."""
    review, draft = rituals.start_or_resume(ws, WEEKLY)
    for rid, status in outcomes.items():
        draft.set_status(rid, status)
    draft.pulse = 4
    rituals.complete(ws, WEEKLY, review, draft)


async def test_own_outcomes_are_in_and_points_are_on_the_screen(app, stratui, bo):
    login = commitments.log(stratui, "Ship login", owner="bo", week="2026-W47")
    docs = commitments.log(stratui, "Write the docs", owner="bo", week="2026-W47")
    commitments.log(stratui, "Plan Q1", owner="ana", week="2026-W47")
    review_own_week(bo, {login["id"]: "done", docs["id"]: "missed"})
    decided = {r["id"]: r for r in stratui.store.find("commitments", owner="bo")}
    talking_points.add_point(bo, "The release train is too slow", team="Platform")

    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("T")
        await pilot.pause()
        assert isinstance(app.screen, TeamReviewScreen)
        assert "bo: The release train is too slow" in shown(app, "#team-about")
        await pilot.press("enter", "d", "enter")  # ana: her plan done, by the manager
        await pilot.pause()

        assert shown(app, "#team-member") == "bo · member 2 of 3"
        own = shown(app, "#team-own")
        assert "bo reviewed their own week on 2026-11-22" in own
        assert "Talking points: The release train is too slow" in own
        assert "All 2 decided" in shown(app, "#lookback-count")  # nothing to re-enter
        await pilot.press("enter", "enter")  # confirm bo's; cy has nothing
        await pilot.pause()
        assert step(app) == "step-adjust"
        assert "bo: The release train is too slow" in shown(app, "#team-adjust-points")

    stored = {r["id"]: r for r in stratui.store.find("commitments", owner="bo")}
    assert {rid: r["status"] for rid, r in stored.items()} == {
        login["id"]: "done",
        docs["id"]: "missed",
    }
    assert stored == decided  # confirmed, not rewritten
    (review,) = stratui.store.find("reviews", ritual="team")
    assert review["facilitator"] == "ana"  # a point started it; who opened it runs it


def test_the_summary_lists_the_talking_points(stratui, bo):
    commitments.log(stratui, "Ship login", owner="bo", week="2026-W47")
    talking_points.add_point(bo, "On-call load", team="Platform")
    review, draft = rituals.start_or_resume(stratui, TEAM, team="Platform")
    assert draft.facilitator == ""  # no one runs it yet: the screen makes its opener
    draft.facilitator = "ana"
    for part in draft.members:
        for rid in part.outcomes:
            part.set_status(rid, "done")
    done = rituals.complete(stratui, TEAM, review, draft)
    summary = rituals.summary_markdown(stratui, TEAM, done.review["id"])
    assert "## Talking points\n\n- On-call load (bo)" in summary


async def test_a_decision_made_after_the_review_opened_is_taken_up(app, stratui, bo):
    login = commitments.log(stratui, "Ship login", owner="bo", week="2026-W47")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("T")
        await pilot.pause()
        await pilot.press("enter", "enter")  # ana has nothing: to bo's turn
        await pilot.pause()
        assert "1 of 1 not decided" in shown(app, "#lookback-count")
        review_own_week(bo, {login["id"]: "partial"})  # bo, from his own terminal
        app.screen.reload()
        await pilot.pause()
        assert "All 1 decided" in shown(app, "#lookback-count")
        assert "bo reviewed their own week" in shown(app, "#team-own")
