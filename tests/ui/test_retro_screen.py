"""The retrospective screen, walked by keys with a Pilot; assertions on the stored data.

TODAY is Sunday 2026-11-22 (2026-W47). The team "Platform" is ana, bo and cy.
"""

from __future__ import annotations

import pytest
from textual.widgets import ContentSwitcher, DataTable, Input, Static

from stratui.rituals.retro.formats import CATEGORIES, FORMATS
from stratui.ui.app import StratuiApp
from stratui.ui.modals.choose import Choose
from stratui.ui.modals.form import Form
from stratui.ui.screens.retro import RetroScreen
from stratui.ui.screens.retro.group import GroupPhase
from stratui.usecases import commitments, people
from stratui.usecases import goals as goal_cases

HOSTILE = "[@click=app.quit]x[/]"


@pytest.fixture
def team(stratui):
    for name in ("ana", "bo", "cy"):
        people.add_person(stratui, name)
    people.add_team(stratui, "Platform", ["ana", "bo", "cy"])
    return "Platform"


def phase(app) -> str:
    return app.screen.query_one("#ritual-body", ContentSwitcher).current


def problems(app) -> str:
    widget = app.screen.query_one("#ritual-problems", Static)
    return str(widget.render()) if widget.display else ""


def groups_of(stratui, review) -> dict[str, str | None]:
    """Each card's group, by text, as the facilitator's answers keep them."""
    labels = review["answers"]["groups"]
    return {c["text"]: labels.get(c["id"]) for c in stratui.store.all("retro_items")}


def retros(stratui) -> list[dict]:
    return [r for r in stratui.store.all("reviews") if r["ritual"] == "retro"]


async def press(pilot, *keys: str) -> None:
    await pilot.press(*keys)
    await pilot.pause()


async def type_text(pilot, text: str) -> None:
    await pilot.press(*text)
    await pilot.pause()


async def cursor_to(pilot, table: DataTable, *, key: str | None = None, text: str = "") -> None:
    """Put the table's cursor on the row of ``key``, or on the row whose last cell reads
    ``text`` (cards written in the same second have no order of their own)."""
    if key is None:
        rows = [str(table.get_row_at(row)[-1]) for row in range(table.row_count)]
        index = rows.index(text)
    else:
        index = table.get_row_index(key)
    table.move_cursor(row=index)
    await pilot.pause()


async def run_retro(pilot, app, *, fmt_index: int = 0, action: str = "Fix CI") -> None:
    """From the setup phase to a completed retrospective, by keys."""
    assert phase(app) == "step-setup"
    await press(pilot, *(["down"] * fmt_index), "enter")
    if phase(app) == "step-follow-up":
        await press(pilot, "enter")
    assert phase(app) == "step-gather"
    await type_text(pilot, "CI is slow")
    await press(pilot, "enter")  # a card signed by me (ana)
    await press(pilot, "down")  # the next category
    await press(pilot, "tab", "space", "shift+tab")  # anonymous from now on
    await type_text(pilot, HOSTILE)
    await press(pilot, "enter")  # an anonymous card
    await type_text(pilot, "CI slow again")
    await press(pilot, "enter")
    await press(pilot, "enter")  # an empty line: refused, the cards are hidden
    assert "3 still hidden" in problems(app)
    await press(pilot, "ctrl+o", "enter")
    assert phase(app) == "step-group"
    await press(pilot, "s", "g")  # the two CI cards look alike: group them
    field = app.screen.query_one("#group-edit Input", Input)
    field.value = ""
    await type_text(pilot, "CI")
    await press(pilot, "enter", "enter")
    assert phase(app) == "step-vote"
    await cursor_to(pilot, app.screen.query_one("#vote-table", DataTable), key="group:CI")
    await press(pilot, "plus", "plus", "plus", "enter")
    assert phase(app) == "step-discuss"
    await press(pilot, "a")
    await type_text(pilot, action)
    await press(pilot, "tab", "enter", "down", "enter", "tab")  # owner: the first listed
    await type_text(pilot, "fri")
    await press(pilot, "enter")
    await press(pilot, "enter")
    assert phase(app) == "step-health"
    await press(pilot, "4", "3", "enter")
    assert phase(app) == "step-summary"
    await press(pilot, "enter")


@pytest.mark.parametrize("fmt_index", range(len(FORMATS)))
async def test_a_full_retrospective_by_keys(app, stratui, team, tmp_path, monkeypatch, fmt_index):
    monkeypatch.chdir(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await press(pilot, "R")
        assert isinstance(app.screen, RetroScreen)
        await run_retro(pilot, app, fmt_index=fmt_index)
        assert "complete" in str(app.screen.query_one("#summary-status").render())
        await press(pilot, "s")
        status = str(app.screen.query_one("#summary-status").render())
        assert "Summary written to" in status
    (review,) = retros(stratui)
    fmt = FORMATS[fmt_index]
    assert (review["status"], review["team"], review["format"]) == ("complete", team, fmt)
    assert review["health"] == {"pace": 4, "fun": 3}
    items = stratui.store.all("retro_items")
    by_text = {item["text"]: item for item in items}
    assert set(by_text) == {"CI is slow", HOSTILE, "CI slow again"}
    assert by_text["CI is slow"]["author"] == "ana"
    assert by_text[HOSTILE].get("author") is None  # anonymous: stored without an author
    assert by_text[HOSTILE]["category"] == CATEGORIES[fmt][1]
    assert by_text["CI is slow"].get("group") == by_text["CI slow again"].get("group") == "CI"
    # The three dots went on the group CI: they are the group's, no card's.
    assert sum(item.get("votes", 0) for item in items) == 0
    assert review["answers"]["group_votes"] == {"CI": 3}
    (action,) = [c for c in commitments.find(stratui, week="2026-W48") if c["source"] == "retro"]
    assert (action["title"], action["owner"], action["review_id"]) == (
        "Fix CI",
        "ana",
        review["id"],
    )
    written = tmp_path / "retro-2026-W47-Platform.md"
    assert "CI is slow" in written.read_text(encoding="utf-8")


async def test_a_card_is_shown_exactly_as_typed(app, stratui, team):
    async with app.run_test(size=(80, 24)) as pilot:
        await press(pilot, "R", "enter", "enter")
        await type_text(pilot, HOSTILE)
        await press(pilot, "enter", "ctrl+o")
        table = app.screen.query_one("#gather-cards", DataTable)
        assert [str(c) for c in table.get_row_at(0)] == ["Start", "ana", HOSTILE]
        assert app.is_running


async def test_votes_are_limited_per_participant(app, stratui, team):
    async with app.run_test(size=(80, 24)) as pilot:
        await press(pilot, "R", "tab", "ctrl+a")  # votes per participant: 2
        await press(pilot, "ctrl+k")
        await type_text(pilot, "2")
        await press(pilot, "enter", "enter")
        await type_text(pilot, "Deploys")
        await press(pilot, "enter", "ctrl+o", "enter", "enter")
        assert phase(app) == "step-vote"
        await press(pilot, "plus", "plus", "plus")
        assert "ana has used all 2 votes" in problems(app)
        (card,) = stratui.store.all("retro_items")
        (ballot,) = stratui.store.all("retro_ballots")  # ana's own record of her dots
        assert (ballot["person"], ballot["dots"]) == ("ana", {card["id"]: 2})


async def test_resume_after_quitting_mid_retro(stratui, team):
    app = StratuiApp(stratui, poll=None, start="retro")
    async with app.run_test(size=(80, 24)) as pilot:
        await press(pilot, "down", "enter", "enter")  # 4Ls
        await type_text(pilot, "Pairing")
        await press(pilot, "enter")
        await type_text(pilot, "Retro on time")
        await press(pilot, "enter", "ctrl+q")  # quit mid-retro
    again = StratuiApp(stratui, poll=None, start="retro")
    async with again.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert phase(again) == "step-gather"
        (review,) = retros(stratui)
        assert review["format"] == "4ls"
        texts = sorted(c["text"] for c in stratui.store.all("retro_items"))
        assert texts == ["Pairing", "Retro on time"]
        table = again.screen.query_one("#gather-cards", DataTable)
        assert table.row_count == 2


async def test_the_next_retro_waits_for_the_actions_of_the_last(app, stratui, team):
    async with app.run_test(size=(80, 24)) as pilot:
        await press(pilot, "R")
        await run_retro(pilot, app, action="Fix CI")
        await press(pilot, "escape", "R")  # the second retrospective
        assert phase(app) == "step-setup"
        await press(pilot, "enter")
        assert phase(app) == "step-follow-up"
        await press(pilot, "enter")  # refused: Fix CI has no disposition
        assert phase(app) == "step-follow-up"
        assert "Fix CI" in problems(app)
        await press(pilot, "c", "enter")  # carried over
        assert phase(app) == "step-gather"
    first, second = sorted(retros(stratui), key=lambda r: r["status"])
    assert (first["status"], second["status"]) == ("complete", "draft")
    (follow_up,) = second["answers"]["follow_ups"].values()
    assert follow_up["disposition"] == "carried"


# -- issue 12: honest votes, card handling, actions, the week ------------------------------


async def to_group_phase(pilot, app, *texts: str) -> None:
    """From a new retrospective to the group phase with ``texts`` written and revealed."""
    await press(pilot, "R", "enter")
    if phase(app) == "step-follow-up":  # nothing to follow up
        await press(pilot, "enter")
    assert phase(app) == "step-gather"
    for text in texts:
        await type_text(pilot, text)
        await press(pilot, "enter")
    await press(pilot, "ctrl+o", "enter")
    assert phase(app) == "step-group"


def group_hint(app) -> str:
    return str(app.screen.query_one("#group-hint", Static).render())


def cards_by_text(app) -> dict[str, object]:
    return {card.text: card for card in app.screen.draft.cards}


async def test_space_marks_the_card_under_the_cursor_and_stays_there(app, stratui, team):
    async with app.run_test(size=(80, 24)) as pilot:
        await to_group_phase(pilot, app, "Alpha one", "Beta two", "Gamma three")
        table = app.screen.query_one("#group-table", DataTable)
        await cursor_to(pilot, table, text="Alpha one")
        row = table.cursor_row
        await press(pilot, "space")
        assert table.cursor_row == row  # marked, not moved
        await cursor_to(pilot, table, text="Beta two")
        await press(pilot, "space", "g")
        field = app.screen.query_one("#group-edit Input", Input)
        field.value = ""
        await type_text(pilot, "AB")
        await press(pilot, "enter")
    (review,) = retros(stratui)
    groups = groups_of(stratui, review)
    assert groups == {"Alpha one": "AB", "Beta two": "AB", "Gamma three": None}


async def test_suggest_says_what_it_found(app, stratui, team):
    async with app.run_test(size=(80, 24)) as pilot:
        await to_group_phase(pilot, app, "Lunch was great", "Standups too long")
        await press(pilot, "s")
        assert "no ungrouped cards look alike" in group_hint(app)
        assert app.screen.query_one(GroupPhase).marked == set()
    async with StratuiApp(stratui, poll=None).run_test(size=(80, 24)) as pilot:
        app = pilot.app
        await press(pilot, "R", "ctrl+b")  # the same draft, back to gather
        assert phase(app) == "step-gather"
        for text in ("CI is slow", "CI slow again"):
            await type_text(pilot, text)
            await press(pilot, "enter")
        await press(pilot, "ctrl+o", "enter")
        await press(pilot, "s")
        assert "1 group looks alike; marked its 2 cards" in group_hint(app)
        await press(pilot, "g")
        field = app.screen.query_one("#group-edit Input", Input)
        field.value = ""
        await type_text(pilot, "CI")
        await press(pilot, "enter")
    (review,) = retros(stratui)
    groups = groups_of(stratui, review)
    assert groups["CI is slow"] == groups["CI slow again"] == "CI"
    assert groups["Lunch was great"] is None and groups["Standups too long"] is None


async def test_a_dot_on_a_group_is_the_groups_and_the_summary_says_so(
    app, stratui, team, tmp_path, monkeypatch
):
    monkeypatch.chdir(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await to_group_phase(pilot, app, "CI is slow", "Lunch", "CI slow again")
        await press(pilot, "s", "g")
        field = app.screen.query_one("#group-edit Input", Input)
        field.value = ""
        await type_text(pilot, "CI")
        await press(pilot, "enter", "enter")
        assert phase(app) == "step-vote"
        table = app.screen.query_one("#vote-table", DataTable)
        await cursor_to(pilot, table, text="CI (2 cards)")
        await press(pilot, "plus", "plus")  # ana: 2 on CI, 1 on Lunch
        ci = table.cursor_row
        await cursor_to(pilot, table, text="Lunch")
        await press(pilot, "plus")
        assert [str(c) for c in table.get_row_at(ci)[:2]] == ["●●", "2"]
        await press(pilot, "enter")
        assert phase(app) == "step-discuss"
        topics = app.screen.query_one("#discuss-topics", DataTable)
        assert [str(c) for c in topics.get_row_at(0)] == ["2", "CI", ""]  # no "None" note
        await press(pilot, "enter", "enter")  # no actions, no health check
        assert phase(app) == "step-summary"
        await press(pilot, "enter")
        assert app.screen.completion is not None
        await press(pilot, "s")
    (review,) = retros(stratui)
    assert review["answers"]["group_votes"] == {"CI": 2}
    votes = {item["text"]: item["votes"] for item in stratui.store.all("retro_items")}
    assert votes == {"CI is slow": 0, "CI slow again": 0, "Lunch": 1}  # each card its own
    text = (tmp_path / "retro-2026-W47-Platform.md").read_text(encoding="utf-8")
    assert "1. **CI** (2 cards) · 2 votes" in text
    assert "2. Lunch · 1 vote" in text
    assert "- CI is slow · by ana · group: CI · 0 votes" in text  # her screen signs her cards


async def test_an_action_takes_a_goal_a_due_date_and_a_confidence(app, stratui, team):
    goal = goal_cases.create(stratui, {"title": "Ship faster"})
    async with app.run_test(size=(80, 24)) as pilot:
        await to_group_phase(pilot, app, "CI is slow")
        await press(pilot, "enter", "enter")
        assert phase(app) == "step-discuss"
        await press(pilot, "a")
        await type_text(pilot, "Cache the builds")
        await press(pilot, "tab", "enter", "down", "down", "enter", "tab")  # owner: bo
        await type_text(pilot, "fri")
        await press(pilot, "tab", "enter", "down", "enter", "tab")  # the goal
        await type_text(pilot, "4")
        await press(pilot, "enter")
        assert phase(app) == "step-discuss"  # the dialog closed
        row = app.screen.query_one("#discuss-actions", DataTable).get_row_at(0)
        shown = ["bo", "2026-11-27", "4/5", "Cache the builds", "Ship faster"]  # fri: its day
        assert [str(c) for c in row] == shown
        await press(pilot, "enter", "enter", "enter")
        assert app.screen.completion is not None
    (action,) = [c for c in stratui.store.all("commitments") if c["source"] == "retro"]
    assert (action["title"], action["owner"], action["goal_id"]) == (
        "Cache the builds",
        "bo",
        goal["id"],
    )
    assert (action["due"], action["confidence"], action["week"]) == ("2026-11-27", 4, "2026-W48")


async def test_a_bad_due_date_or_confidence_is_said_in_the_dialog(app, stratui, team):
    async with app.run_test(size=(80, 24)) as pilot:
        await to_group_phase(pilot, app, "CI is slow")
        await press(pilot, "enter", "enter", "a")
        await type_text(pilot, "Cache the builds")
        await press(pilot, "tab", "enter", "down", "enter", "tab")  # owner: ana
        await type_text(pilot, "someday")
        await press(pilot, "enter")
        form = app.screen
        assert isinstance(form, Form)
        error = form.query_one("#form-error", Static)
        assert "due: expected a date (2026-12-04, fri, +3d, eow), or nothing" in str(error.render())
        region = error.region  # on screen at 80x24, not below the dialog's edge
        assert error.display and region.height and region.y >= 0 and region.bottom <= 24
        field = form.query_one("#field-due", Input)
        field.value = ""
        await press(pilot, "tab", "tab")
        await type_text(pilot, "9")
        await press(pilot, "enter")
        assert "confidence: expected a whole number 1-5" in str(error.render())
        await press(pilot, "escape")
    (review,) = retros(stratui)
    assert review["answers"]["actions"] == []


async def test_an_action_owner_who_is_not_a_person_is_refused(app, stratui, team):
    async with app.run_test(size=(80, 24)) as pilot:
        await to_group_phase(pilot, app, "CI is slow")
        await press(pilot, "enter", "enter")
        screen = app.screen
        screen.draft.add_action("Ask legal", "zed")  # e.g. a draft written elsewhere
        await press(pilot, "enter")
        assert phase(app) == "step-discuss"
        assert "action 1: owner: no person named 'zed'; known people: ana, bo, cy" in problems(
            app
        )
    (review,) = retros(stratui)
    assert review["status"] == "draft"
    assert not [c for c in stratui.store.all("commitments") if c["source"] == "retro"]


async def test_the_week_of_the_retrospective_is_chosen_in_the_tui(app, stratui, team):
    async with app.run_test(size=(80, 24)) as pilot:
        await press(pilot, "R")
        screen = app.screen
        assert screen.draft.period == "2026-W47"
        await press(pilot, "p")
        assert isinstance(app.screen, Choose)
        await press(pilot, "up", "enter")
        assert app.screen is screen
        assert screen.draft.period == "2026-W46" and "2026-W46" in screen.sub_title
        assert phase(app) == "step-setup"
    (review,) = retros(stratui)
    assert (review["period"], review["answers"]["period"]) == ("2026-W46", "2026-W46")
