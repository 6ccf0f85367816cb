"""The retrospective screen, walked by keys with a Pilot; assertions on the stored data.

TODAY is Sunday 2026-11-22 (2026-W47). The team "Platform" is ana, bo and cy.
"""

from __future__ import annotations

import pytest
from textual.widgets import ContentSwitcher, DataTable, Input, Static

from stratui import people
from stratui.rituals.retro_formats import CATEGORIES, FORMATS
from stratui.ui.app import StratuiApp
from stratui.ui.screens.retro import RetroScreen

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


def retros(stratui) -> list[dict]:
    return [r for r in stratui.store.all("reviews") if r["ritual"] == "retro"]


async def press(pilot, *keys: str) -> None:
    await pilot.press(*keys)
    await pilot.pause()


async def type_text(pilot, text: str) -> None:
    await pilot.press(*text)
    await pilot.pause()


async def run_retro(pilot, app, *, fmt_index: int = 0, action: str = "Fix CI") -> None:
    """From the setup phase to a completed retrospective, by keys."""
    assert phase(app) == "step-setup"
    await press(pilot, *(["down"] * fmt_index), "enter")
    if phase(app) == "step-follow-up":
        await press(pilot, "enter")
    assert phase(app) == "step-gather"
    await type_text(pilot, "CI is slow")
    await press(pilot, "tab")
    await type_text(pilot, "bo")
    await press(pilot, "enter")  # a signed card
    await press(pilot, "down")  # the next category
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
    await press(pilot, "plus", "plus", "v", "plus", "enter")
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
    assert by_text["CI is slow"]["author"] == "bo"
    assert by_text[HOSTILE].get("author") is None  # anonymous: stored without an author
    assert by_text[HOSTILE]["category"] == CATEGORIES[fmt][1]
    assert by_text["CI is slow"].get("group") == by_text["CI slow again"].get("group") == "CI"
    assert sum(item.get("votes", 0) for item in items) == 3
    (action,) = [c for c in stratui.commitments(week="2026-W48") if c["source"] == "retro"]
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
        assert [str(c) for c in table.get_row_at(0)] == ["Start", "anonymous", HOSTILE]
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
        (review,) = retros(stratui)
        assert review["answers"]["votes"] == {"ana": {review["answers"]["cards"][0]["id"]: 2}}


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
        assert [c["text"] for c in review["answers"]["cards"]] == ["Pairing", "Retro on time"]
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
