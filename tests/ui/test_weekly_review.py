"""The weekly review screen, walked by keys with a Pilot; assertions on the stored data.

TODAY is Sunday 2026-11-22, so the review looks back on 2026-W47 and plans 2026-W48.
"""

from __future__ import annotations

import io

import pytest
from rich.console import Console
from textual.widgets import ContentSwitcher, DataTable, Input, Static

from stratui import cli
from stratui.demo import generate_history
from stratui.rituals.weekly import STEPS
from stratui.rituals.weekly.ritual import WEEKLY
from stratui.ui.app import StratuiApp
from stratui.ui.modals.choose import Choose
from stratui.ui.screens.weekly import WeeklyReviewScreen
from stratui.ui.screens.weekly.screen import STEP_CLASSES
from stratui.usecases import commitments, exchange
from tests._ritual_support import bound
from tests.ui.conftest import TODAY

HOSTILE = ["[@click=app.quit]x[/]", "[/red] oops", "a[b]c", "[$accent]x[/]"]
PERIOD, NEXT = "2026-W47", "2026-W48"
MAX_KEYS = 60  # issue 3: a complete review of 5 commitments in at most 60 keystrokes


class Keys:
    """Presses keys one at a time, as a person would, and counts every one of them."""

    def __init__(self, pilot) -> None:
        self.pilot = pilot
        self.count = 0

    async def __call__(self, *keys: str) -> None:
        await self.pilot.press(*keys)
        await self.pilot.pause()
        self.count += len(keys)

    async def type(self, text: str) -> None:
        """Type ``text``: one keystroke per character."""
        await self(*text)


def screen_text(app) -> str:
    """What the terminal shows, as plain text."""
    width, height = app.size
    console = Console(width=width, height=height, file=io.StringIO(), record=True)
    console.print(app.screen._compositor.render_update(full=True))
    return console.export_text()


def current_step(app) -> str:
    return app.screen.query_one("#weekly-body", ContentSwitcher).current


def problems(app) -> str:
    return str(app.screen.query_one("#weekly-problems", Static).render())


def row_keys(table: DataTable) -> list[str]:
    return [row.key.value for row in table.ordered_rows]


def column(table: DataTable, index: int) -> list[str]:
    return [str(table.get_row_at(i)[index]) for i in range(table.row_count)]


def weekly_reviews(stratui) -> list[dict]:
    return [r for r in stratui.store.all("reviews") if r["ritual"] == "weekly"]


async def test_a_full_review_by_keys_in_at_most_60_keystrokes(app, stratui, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # where the summary file is written
    logged = [
        commitments.log(stratui, title) for title in ("Plan", "Build", "Test", "Ship", "Tell")
    ]
    async with app.run_test(size=(100, 30)) as pilot:
        keys = Keys(pilot)
        await keys("w")  # from the dashboard
        assert isinstance(app.screen, WeeklyReviewScreen)
        assert app.screen.title == f"Weekly review {PERIOD}"
        await keys("4", "enter")  # check in: pulse 4, no line
        assert current_step(app) == "step-look-back"
        table = app.screen.query_one("#lookback-table", DataTable)
        order = row_keys(table)
        assert sorted(order) == sorted(record["id"] for record in logged)
        partial, missed = order[1], order[2]
        assert column(table, 0) == ["undecided"] * 5  # nothing is recorded by default
        await keys("d")  # done; each outcome key moves on to the next commitment
        await keys("p")  # partial, then its progress
        await keys.type("50")
        await keys("enter")
        await keys("c")  # carried over: it was missed
        await keys("d", "d")
        assert column(table, 0) == ["done", "partial", "missed", "done", "done"]
        assert "All 5 decided" in str(app.screen.query_one("#lookback-count", Static).render())
        await keys("enter")
        assert current_step(app) == "step-roadblocks"
        await keys("a")  # raise a roadblock: title, Enter (kind and severity default)
        await keys.type("CI down")
        await keys("enter", "enter")
        assert current_step(app) == "step-goals"
        await keys("enter")
        assert current_step(app) == "step-adjust"
        await keys("a", "enter", "p", "enter", "tab")  # kind: pivot (type to search)
        await keys.type("Cut scope")
        await keys("enter", "enter")
        assert current_step(app) == "step-commit"
        for title in ("Demo", "Docs", "Fix CI"):
            await keys.type(title)
            await keys("enter")
        hint = str(app.screen.query_one("#commit-hint", Static).render())
        assert hint.startswith("You commit to 4; you finished 3 a week")  # 3 new, 1 carried
        warning = app.screen.query_one("#commit-warning", Static)
        assert warning.display and "more than the 3 you usually finish" in str(warning.render())
        await keys("enter")  # an empty line: on to the summary
        assert current_step(app) == "step-summary"
        await keys("enter")  # complete
        await keys("s")  # and write the summary
        print(f"\nkeystrokes for a complete weekly review: {keys.count}")
        assert keys.count <= MAX_KEYS
        assert "Summary written to" in str(app.screen.query_one("#summary-status").render())

    (review,) = weekly_reviews(stratui)
    assert (review["period"], review["owner"], review["pulse"], review["status"]) == (
        PERIOD,
        "ana",
        4,
        "complete",
    )
    outcomes = {r["id"]: (r["status"], r.get("progress")) for r in commitments.find(stratui)}
    assert outcomes[partial] == ("partial", 50)
    assert outcomes[missed][0] == "missed"
    assert sorted(status for status, _ in outcomes.values()) == [
        "done",
        "done",
        "done",
        "missed",
        "partial",
    ]
    following = commitments.find(stratui, week=NEXT)
    (carried,) = [c for c in following if c.get("carried_from")]
    assert (carried["carried_from"], carried["review_id"]) == (missed, review["id"])
    new = [c for c in following if not c.get("carried_from")]
    assert sorted(c["title"] for c in new) == ["Demo", "Docs", "Fix CI"]
    assert {(c["source"], c["review_id"], c["owner"]) for c in new} == {
        ("review", review["id"], "ana")
    }
    (roadblock,) = stratui.store.all("roadblocks")
    assert (roadblock["title"], roadblock["kind"], roadblock["severity"]) == (
        "CI down",
        "other",
        "medium",
    )
    assert (roadblock["owner"], roadblock["raised_on"]) == ("ana", TODAY.isoformat())
    (adjustment,) = stratui.store.all("adjustments")
    assert (adjustment["kind"], adjustment["description"], adjustment["review_id"]) == (
        "pivot",
        "Cut scope",
        review["id"],
    )
    summary = (tmp_path / "weekly-review-2026-W47-ana.md").read_text(encoding="utf-8")
    assert summary.startswith("# Weekly review 2026-W47")


async def test_a_review_of_an_empty_store_completes(app, stratui):
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("w", "enter")
        await pilot.pause()
        assert current_step(app) == "step-check-in"  # the pulse is required
        assert "pulse: choose 1-5" in problems(app)
        await pilot.press("3", "enter")
        await pilot.pause()
        assert current_step(app) == "step-look-back"
        assert app.screen.query_one("#weekly-problems").display is False
        for step in STEPS[1:]:
            assert current_step(app) == f"step-{step.replace(' ', '-')}"
            await pilot.press("enter")
            await pilot.pause()
        assert app.screen.completion is not None
    (review,) = weekly_reviews(stratui)
    assert (review["status"], review["pulse"], review["period"]) == ("complete", 3, PERIOD)
    assert stratui.store.all("commitments") == []


async def test_a_review_on_the_demo_data_completes(stratui):
    exchange.import_document(stratui, generate_history(people=4, weeks=16, today=TODAY))
    before = {r["id"] for r in stratui.store.all("goal_checkins")}
    app = StratuiApp(stratui, poll=None, start="weekly")
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, WeeklyReviewScreen)
        mine = commitments.find(stratui, week=PERIOD, owner="ana")
        open_before = {c["id"] for c in mine if c["status"] == "open"}
        assert len(open_before) == 3
        await pilot.press("5", "enter", "enter")  # look back: nothing decided
        await pilot.pause()
        assert current_step(app) == "step-roadblocks"
        (first, *_) = row_keys(app.screen.query_one("#roadblocks-table", DataTable))
        await pilot.press("r", *"Got a bigger box", "enter", "enter")
        await pilot.pause()
        assert current_step(app) == "step-goals"
        goals = app.screen.query_one("#goals-table", DataTable)
        assert goals.row_count >= 1
        await pilot.press("2", "v", *"5", "enter")
        await pilot.pause()
        assert column(goals, 0)[0] == "2/5"
        await pilot.press("enter", "enter", "enter", "enter")  # goals, adjust, commit, done
        await pilot.pause()
        assert isinstance(app.screen, Choose)  # asked once: nothing was decided
        assert str(app.screen.choose_title).startswith("3 commitments not decided: ")
        await pilot.press("enter")  # the first answer: leave them open
        await pilot.pause()
        assert app.screen.completion is not None, problems(app)
    statuses = {c["id"]: c["status"] for c in commitments.find(stratui, week=PERIOD, owner="ana")}
    assert {statuses[cid] for cid in open_before} == {"open"}  # no outcome nobody chose
    (review,) = [
        r
        for r in weekly_reviews(stratui)
        if r["status"] == "complete" and r["owner"] == "ana" and r["period"] == PERIOD
    ]
    assert review["pulse"] == 5
    resolved = stratui.store.get("roadblocks", first)
    assert (resolved["resolved_on"], resolved["resolution"]) == (
        TODAY.isoformat(),
        "Got a bigger box",
    )
    checkins = [c for c in stratui.store.all("goal_checkins") if c["id"] not in before]
    assert sorted(c["confidence"] for c in checkins)[0] == 2
    assert 5 in [c.get("value") for c in checkins]


async def test_an_interrupted_review_resumes_where_it_was_left(stratui):
    commitments.log(stratui, "Plan")
    first = StratuiApp(stratui, poll=None)
    async with first.run_test(size=(100, 30)) as pilot:
        await pilot.press("w", "2", *"Tired", "enter")  # check in
        await pilot.pause()
        await pilot.press("x", "enter")  # look back: dropped
        await pilot.pause()
        await pilot.press("a", *"Flaky CI", "enter")  # roadblocks: a new one
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert current_step(first) == "step-goals"  # three steps in
    # what a kill -9 would leave: the stored draft
    (draft_record,) = bound(stratui, WEEKLY).drafts()
    assert draft_record["answers"]["step"] == 3

    second = StratuiApp(stratui, poll=None)
    async with second.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert "press w to resume" in str(second.screen.query_one("#next", Static).render())
        await pilot.press("w")
        await pilot.pause()
        screen = second.screen
        assert current_step(second) == "step-goals"
        draft = screen.draft
        assert (draft.step, draft.pulse, draft.checkin) == (3, 2, "Tired")
        assert [o.status for o in draft.outcomes.values()] == ["dropped"]
        assert [b.title for b in draft.new_roadblocks] == ["Flaky CI"]
        await pilot.press("ctrl+b")
        await pilot.pause()
        table = screen.query_one("#roadblocks-table", DataTable)
        assert column(table, 0) == ["new"]
        await pilot.press("ctrl+b", "ctrl+b")
        await pilot.pause()
        line = screen.query_one("#checkin-line", Input)
        line.focus()
        await pilot.press(*" again")
        # quit at once, before the typing pause saves it: leaving saves it too
    (draft_record,) = bound(stratui, WEEKLY).drafts()
    assert draft_record["answers"]["checkin"] == "Tired again"
    assert draft_record["answers"]["step"] == 0
    assert len(weekly_reviews(stratui)) == 1  # resumed, not started again


async def test_hostile_titles_are_shown_literally(app, stratui):
    for title in HOSTILE:
        commitments.log(stratui, title)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("w", "1", "enter")
        await pilot.pause()
        table = app.screen.query_one("#lookback-table", DataTable)
        assert sorted(column(table, 3)) == sorted(HOSTILE)
        await pilot.press("n", *"[/b] note", "enter")
        await pilot.pause()
        shown = screen_text(app)
        for title in (*HOSTILE, "[/b] note"):
            assert title in shown
        await pilot.click("#lookback-table", offset=(30, 1))
        await pilot.pause()
        assert app.is_running
        for _ in range(5):
            await pilot.press("ctrl+n")
            await pilot.pause()
        assert current_step(app) == "step-summary"
        await pilot.pause(0.2)
        shown = screen_text(app)
        assert "[/red] oops" in shown and "[@click=app.quit]x[/]" in shown
        assert app.is_running


@pytest.mark.parametrize("size", [(80, 24)])
async def test_every_step_renders_at_small_and_large_sizes(stratui, size):
    exchange.import_document(stratui, generate_history(people=4, weeks=16, today=TODAY))
    commitments.log(
        stratui, "A commitment with a rather long title that must be cut to fit the screen"
    )
    app = StratuiApp(stratui, poll=None, start="weekly")
    width, height = size
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        await pilot.press("4")
        for step in STEP_CLASSES:
            assert current_step(app) == f"step-{step.STEP.replace(' ', '-')}"
            body = app.screen.query_one(f"#step-{step.STEP.replace(' ', '-')}")
            assert body.region.height >= 3 and body.region.right <= width
            assert app.focused is not None and app.focused.region.bottom <= height - 1
            await pilot.press("ctrl+n")
            await pilot.pause()
        assert isinstance(app.screen, Choose)  # the outcomes nobody decided: asked once
        assert app.focused is not None and app.focused.region.bottom <= height - 1
        await pilot.press("down", "enter")  # mark them missed
        await pilot.pause()
        assert app.screen.completion is not None
    statuses = {c["status"] for c in commitments.find(stratui, week=PERIOD, owner="ana")}
    assert "open" not in statuses and "missed" in statuses


async def test_the_period_can_be_changed_on_the_check_in(app, stratui):
    commitments.log(stratui, "Last week's", week="2026-W46")
    commitments.log(stratui, "This week's")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("w")
        await pilot.pause()
        period = app.screen.query_one("#checkin-period", Input)
        period.focus()
        period.value = "no such week"
        await pilot.press("enter")
        await pilot.pause()
        assert problems(app).startswith("period:")
        period.value = "last"
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen.title == "Weekly review 2026-W46"
        await pilot.press("1", "enter")
        await pilot.pause()
        table = app.screen.query_one("#lookback-table", DataTable)
        assert column(table, 3) == ["Last week's"]
    (draft,) = bound(stratui, WEEKLY).drafts()
    assert draft["period"] == "2026-W46"


async def test_changing_to_a_week_that_has_a_draft_resumes_that_draft(app, stratui):
    """A week with its own draft (left unfinished, or made by a jrnl import) is resumed,
    not overwritten by the draft being moved: each week keeps its own notes."""
    weekly = bound(stratui, WEEKLY)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("w")
        await pilot.pause()
        assert app.screen.title == f"Weekly review {PERIOD}"
        this_week = app.screen.review["id"]
        old, draft = weekly.start_or_resume("ana", "2026-W46")  # e.g. a jrnl import
        draft.notes = "Notes of W46 (from jrnl)"
        draft.step = 3  # left on a later step
        weekly.save(old, draft)
        period = app.screen.query_one("#checkin-period", Input)
        period.focus()
        period.value = "last"
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen.title == "Weekly review 2026-W46"
        assert app.screen.review["id"] == old["id"]
        assert app.screen.draft.notes == "Notes of W46 (from jrnl)"
        assert app.screen.draft.step == 0  # on the check-in still: nothing skipped
        assert "2026-W46 is reviewed in a draft of its own (2026-W47's is kept" in problems(app)
    drafts = {d["period"]: d for d in weekly.drafts("ana")}
    assert drafts[PERIOD]["id"] == this_week  # still there, for its own week
    assert drafts["2026-W46"]["answers"]["notes"] == "Notes of W46 (from jrnl)"
    assert len(drafts) == 2


async def test_a_commitment_logged_meanwhile_appears_in_look_back(app, stratui):
    commitments.log(stratui, "Plan")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("w", "3", "enter")
        await pilot.pause()
        commitments.log(stratui, "Logged from another shell")
        app.action_reload()  # what the app's poll does when the store changed
        await pilot.pause()
        table = app.screen.query_one("#lookback-table", DataTable)
        assert sorted(column(table, 3)) == ["Logged from another shell", "Plan"]


async def test_help_lists_the_reviews_keys(app):
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("w", "f1")
        await pilot.pause()
        text = " ".join(
            str(cell)
            for table in app.screen.query(DataTable)
            for row in table.ordered_rows
            for cell in table.get_row(row.key)
        )
        for action in ("Weekly review", "Carry over", "Partial", "Resolved", "Write to a file"):
            assert action in text


def test_the_steps_are_the_rituals_steps():
    assert tuple(step.STEP for step in STEP_CLASSES) == STEPS


def test_the_team_review_needs_a_terminal(capsys):
    assert cli.main(["review", "team"]) == 2
    err = capsys.readouterr().err.strip()
    assert err == "stratui: error: review team: needs a terminal to draw on"


async def test_the_commit_step_takes_a_due_date_a_confidence_and_a_goal(app, stratui):
    from stratui.usecases import goals as goal_cases

    target = goal_cases.create(stratui, {"title": "Faster CI", "owner": "ana"})
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("w", "3", "enter")
        while current_step(app) != "step-commit":
            await pilot.press("enter")
            await pilot.pause()
        screen = app.screen
        await pilot.press(*"Cache the wheels", "tab", *"fri", "tab", "9", "enter")
        await pilot.pause()
        assert problems(app) == "confidence: expected a whole number 1-5, or nothing"
        assert screen.draft.new_commitments == []  # nothing added, what was typed kept
        assert screen.query_one("#commit-title", Input).value == "Cache the wheels"
        screen.query_one("#commit-confidence", Input).value = "4"
        screen.query_one("#commit-goal").value = target["id"]
        screen.query_one("#commit-confidence", Input).focus()
        await pilot.press("enter")
        await pilot.pause()
        table = screen.query_one("#commit-table", DataTable)
        assert column(table, 2) == ["2026-11-27"]  # fri, read when typed: shown as kept
        assert column(table, 4) == ["Faster CI"]
        await pilot.press(*"Tell the team", "enter", "enter")  # a plain one, then on
        await pilot.pause()
        await pilot.press("enter")  # complete
        await pilot.pause()
    made = {c["title"]: c for c in commitments.find(stratui, week=NEXT)}
    cache = made["Cache the wheels"]
    assert (cache["due"], cache["confidence"], cache["goal_id"]) == ("2026-11-27", 4, target["id"])
    tell = made["Tell the team"]
    assert (tell.get("due"), tell.get("confidence"), tell.get("goal_id")) == (None, None, None)


async def test_a_goal_gets_a_check_in_only_for_what_the_person_gives(stratui):
    exchange.import_document(stratui, generate_history(people=4, weeks=16, today=TODAY))
    before = {r["id"] for r in stratui.store.all("goal_checkins")}
    app = StratuiApp(stratui, poll=None, start="weekly")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("4", "enter", "enter", "enter")  # check in, look back, roadblocks
        await pilot.pause()
        assert current_step(app) == "step-goals"
        goals = app.screen.query_one("#goals-table", DataTable)
        first = row_keys(goals)[0]
        last = app.screen.context.previous_reading(first)[0]
        assert column(goals, 0)[:2] == [f"- (last {last})", "- (last 5)"]
        await pilot.press("k")  # the first goal has not moved: keep its confidence
        await pilot.pause()
        await pilot.press("enter", "enter", "enter", "enter", "enter")  # on, and complete
        await pilot.pause()
        assert app.screen.completion is not None, problems(app)
    made = [c for c in stratui.store.all("goal_checkins") if c["id"] not in before]
    assert [(c["goal_id"], c["confidence"]) for c in made] == [(first, last)]  # not second
