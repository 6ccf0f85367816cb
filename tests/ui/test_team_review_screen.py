"""The team review screen, walked by keys with a Pilot; assertions on the stored data.

TODAY is Sunday 2026-11-22 (2026-W47). The team "Platform" is ana (me, who runs it),
bo and cy; cy has nothing this week.
"""

from __future__ import annotations

import pytest
from textual.widgets import ContentSwitcher, DataTable, Input, Static

from stratui.ui.screens.team import TeamReviewScreen
from stratui.ui.screens.team.screen import STEP_CLASSES
from stratui.usecases import commitments, people, roadblocks

HOSTILE = "[@click=app.quit]x[/]"


@pytest.fixture
def team(stratui):
    for name in ("ana", "bo", "cy", "dan"):
        people.add_person(stratui, name)
    people.add_team(stratui, "Platform", ["ana", "bo", "cy"])
    return "Platform"


def step(app) -> str:
    return app.screen.query_one("#ritual-body", ContentSwitcher).current


def text(app, selector: str) -> str:
    widget = app.screen.query_one(selector, Static)
    return str(widget.render()) if widget.display else ""


async def press(pilot, *keys: str) -> None:
    await pilot.press(*keys)
    await pilot.pause()


async def type_text(pilot, typed: str) -> None:
    await pilot.press(*typed)
    await pilot.pause()


def test_the_steps_are_the_rituals_steps():
    from stratui.rituals.team import STEPS

    assert tuple(s.STEP for s in STEP_CLASSES) == STEPS


async def test_a_full_team_review_by_keys(app, stratui, team, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    plan = commitments.log(stratui, "Write the plan", owner="ana", week="2026-W47")
    build = commitments.log(stratui, HOSTILE, owner="ana", week="2026-W47")
    login = commitments.log(stratui, "Ship login", owner="bo", week="2026-W47")
    block = roadblocks.block(stratui, "Waiting on the API", on=login["id"], owner="bo")
    async with app.run_test(size=(100, 30)) as pilot:
        await press(pilot, "T")
        assert isinstance(app.screen, TeamReviewScreen)
        assert step(app) == "step-team"
        assert "Platform" in text(app, "#team-about")
        assert app.screen.query_one("#team-period", Input).value == "2026-W47"
        await press(pilot, "enter")

        assert step(app) == "step-members"
        assert text(app, "#team-member") == "ana · member 1 of 3"
        # The plan done; the other carried over, so missed (both logged at the same
        # moment, so the rows' order is the store's). Each key moves on to the next row.
        table = app.screen.query_one("#lookback-table", DataTable)
        first = table.ordered_rows[0].key.value
        assert "2 of 2 not decided" in text(app, "#lookback-count")
        await press(pilot, *(["d", "c"] if first == plan["id"] else ["c", "d"]))
        assert "All 2 decided" in text(app, "#lookback-count")
        await press(pilot, "enter")

        assert text(app, "#team-member") == "bo · member 2 of 3"
        await press(pilot, "p")
        await type_text(pilot, "50")
        await press(pilot, "enter")  # progress 50%
        await press(pilot, "tab", "e")  # the roadblock: escalate, to someone unknown
        await type_text(pilot, "zed")
        await press(pilot, "enter")
        assert "no person named 'zed'; known people: ana, bo, cy, dan" in str(
            app.screen.query_one("#ritual-problems", Static).render()
        )
        await press(pilot, *["backspace"] * 3)  # then to dan
        await type_text(pilot, "dan")
        await press(pilot, "enter")
        await press(pilot, "enter")

        assert text(app, "#team-member") == "cy · member 3 of 3"
        assert "nothing this week" in text(app, "#team-nothing")
        await press(pilot, "enter")

        assert step(app) == "step-adjust"
        await press(pilot, "enter")

        assert step(app) == "step-commit"
        assert text(app, "#team-commit-member") == "ana · member 1 of 3"
        await type_text(pilot, "Plan Q1")
        await press(pilot, "enter")
        await type_text(pilot, "Review the RFC")
        await press(pilot, "enter", "enter")
        assert text(app, "#team-commit-member") == "bo · member 2 of 3"
        await type_text(pilot, "Ship login v2")
        await press(pilot, "enter", "enter")
        assert text(app, "#team-commit-member") == "cy · member 3 of 3"
        await type_text(pilot, "Onboard")
        await press(pilot, "enter", "enter")

        assert step(app) == "step-summary"
        await press(pilot, "enter")
        assert "complete" in text(app, "#summary-status")
        await press(pilot, "s")
        assert "Summary written to" in text(app, "#summary-status")

    (review,) = [r for r in stratui.store.all("reviews") if r["ritual"] == "team"]
    assert (review["status"], review["team"], review["facilitator"]) == (
        "complete",
        "Platform",
        "ana",
    )
    assert review["participants"] == ["ana", "bo", "cy"]
    assert review["period"] == "2026-W47"
    by_id = {c["id"]: c for c in stratui.store.all("commitments")}
    assert by_id[plan["id"]]["status"] == "done"
    assert by_id[build["id"]]["status"] == "missed"
    assert by_id[login["id"]]["status"] == "partial"
    assert by_id[login["id"]]["progress"] == 50
    escalated = stratui.store.resolve("roadblocks", block["id"])
    assert escalated["owner"] == "dan"
    assert escalated["severity"] == "high"  # one level up from medium
    made = {
        (c["owner"], c["title"])
        for c in commitments.find(stratui, week="2026-W48")
        if c["source"] == "review"
    }
    assert made == {
        ("ana", "Plan Q1"),
        ("ana", "Review the RFC"),
        ("bo", "Ship login v2"),
        ("cy", "Onboard"),
        ("ana", HOSTILE),  # carried over, by the review too
    }
    carried = [c for c in commitments.find(stratui, week="2026-W48") if c["title"] == HOSTILE]
    assert len(carried) == 1
    written = tmp_path / "team-review-2026-W47-Platform.md"
    assert "Ship login v2" in written.read_text(encoding="utf-8")


async def test_the_draft_is_saved_at_each_member(app, stratui, team):
    commitments.log(stratui, "Ship login", owner="bo", week="2026-W47")
    async with app.run_test(size=(100, 30)) as pilot:
        await press(pilot, "T", "enter", "enter")
        assert text(app, "#team-member") == "bo · member 2 of 3"
        await press(pilot, "m", "escape")
    (review,) = [r for r in stratui.store.all("reviews") if r["ritual"] == "team"]
    assert review["status"] == "draft"
    answers = review["answers"]
    assert answers["member_index"] == 1
    (outcome,) = answers["members"][1]["outcomes"].values()
    assert outcome["status"] == "missed"


async def test_the_next_members_turn_starts_on_their_first_commitment(app, stratui, team):
    commitments.log(stratui, "Write the plan", owner="ana", week="2026-W47")
    commitments.log(stratui, "Review the plan", owner="ana", week="2026-W47")
    first = commitments.log(stratui, "Ship login", owner="bo", week="2026-W47")
    second = commitments.log(stratui, "Fix logout", owner="bo", week="2026-W47")
    async with app.run_test(size=(80, 24)) as pilot:
        await press(pilot, "T", "enter")
        await press(pilot, "down", "enter")  # ana's second row, then bo's turn
        assert text(app, "#team-member") == "bo · member 2 of 3"
        table = app.screen.query_one("#lookback-table", DataTable)
        assert table.cursor_row == 0
        first_row = table.ordered_rows[0].key.value
        await press(pilot, "m")
        part = app.screen.draft.member("bo")
        assert [cid for cid, o in part.outcomes.items() if o.decided] == [first_row]
        assert {first_row, *part.outcomes} == {first["id"], second["id"]}


async def test_an_enter_only_team_review_records_no_outcome(app, stratui, team):
    made = [
        commitments.log(stratui, "Write the plan", owner="ana", week="2026-W47"),
        commitments.log(stratui, "Ship login", owner="bo", week="2026-W47"),
    ]
    async with app.run_test(size=(80, 24)) as pilot:
        await press(pilot, "T")
        for _ in range(8):  # team, three members, adjust, three members' commits
            await press(pilot, "enter")
        assert step(app) == "step-summary"
        await press(pilot, "enter")  # complete: asked, once
        dialog = app.screen
        assert str(dialog.choose_title) == (
            "2 commitments not decided: “ana: Write the plan”, “bo: Ship login”"
        )
        await press(pilot, "down", "down", "enter")  # go back and decide them
        assert step(app) == "step-members"
        assert text(app, "#team-member") == "ana · member 1 of 3"
        await press(pilot, "d")
        for _ in range(7):  # three members, adjust, three members' commits
            await press(pilot, "enter")
        assert step(app) == "step-summary"
        await press(pilot, "enter")  # complete: asked again, now for bo's only
        assert str(app.screen.choose_title) == "1 commitment not decided: “bo: Ship login”"
        await press(pilot, "enter")  # leave it open
        assert "complete" in text(app, "#summary-status")
    status = {c["id"]: c["status"] for c in commitments.find(stratui, week="2026-W47")}
    assert status == {made[0]["id"]: "done", made[1]["id"]: "open"}


async def test_the_commit_step_shows_a_members_plans_and_names_them(app, stratui, team):
    commitments.log(stratui, "Ship login", owner="bo", week="2026-W47")
    planned = commitments.log(stratui, "Already planned", owner="bo", week="2026-W48")
    async with app.run_test(size=(80, 24)) as pilot:
        await press(pilot, "T")
        while step(app) != "step-commit":
            await press(pilot, "enter")
        await press(pilot, "enter")  # ana has nothing to add: bo's turn
        assert text(app, "#team-commit-member") == "bo · member 2 of 3"
        table = app.screen.query_one("#commit-table", DataTable)
        assert [row.key.value for row in table.ordered_rows] == [planned["id"]]
        assert text(app, "#commit-hint").startswith("bo commits to 1;")


async def test_the_week_is_chosen_on_the_first_step(app, stratui, team):
    commitments.log(stratui, "Last week's", owner="bo", week="2026-W46")
    commitments.log(stratui, "This week's", owner="bo", week="2026-W47")
    async with app.run_test(size=(80, 24)) as pilot:
        await press(pilot, "T")
        field = app.screen.query_one("#team-period", Input)
        field.focus()
        field.value = "no such week"
        await press(pilot, "enter")
        assert text(app, "#ritual-problems").startswith("period:")
        field.value = "last"
        await press(pilot, "enter")
        assert app.screen.draft.period == "2026-W46"
        assert "2026-W46" in app.screen.sub_title
        await press(pilot, "enter", "enter")  # on to bo
        table = app.screen.query_one("#lookback-table", DataTable)
        assert [str(table.get_row_at(0)[3])] == ["Last week's"]
    (draft,) = [r for r in stratui.store.all("reviews") if r["ritual"] == "team"]
    assert draft["period"] == "2026-W46"
