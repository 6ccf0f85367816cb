"""A team's templates in the rituals, walked by keys: its retro format is offered and
used, its check-in question is asked, and a template with a mistake is named inline.

TODAY is Sunday 2026-11-22 (2026-W47). The team "Platform" is ana and bo; me is ana.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import ContentSwitcher, DataTable, Static

from stratui.ui.screens.retro import RetroScreen
from stratui.ui.screens.weekly import WeeklyReviewScreen
from stratui.usecases import people
from tests._templates import KUDOS as TEAM_KUDOS

KUDOS = (
    TEAM_KUDOS
    + """
[health]
dimensions = ["Focus", "Sleep"]

[icebreakers]
questions = ["Best bug of the year?", "A tool you love?"]

[weekly]
checkin = "What did you learn this week?"
"""
)


@pytest.fixture
def team(stratui) -> str:
    for name in ("ana", "bo"):
        people.add_person(stratui, name)
    people.add_team(stratui, "Platform", ["ana", "bo"])
    return "Platform"


def write_template(stratui, name: str, text: str) -> Path:
    folder = Path(stratui.store.location) / "templates"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def text_of(app, selector: str) -> str:
    widget = app.screen.query_one(selector, Static)
    return str(widget.render()) if widget.display else ""


async def press(pilot, *keys: str) -> None:
    await pilot.press(*keys)
    await pilot.pause()


def retro_phase(app) -> str:
    return app.screen.query_one("#ritual-body", ContentSwitcher).current


async def test_the_teams_format_is_offered_after_the_built_ins_and_used(app, stratui, team):
    write_template(stratui, "retro-kudos.toml", KUDOS)
    async with app.run_test(size=(80, 24)) as pilot:
        await press(pilot, "R")
        assert isinstance(app.screen, RetroScreen)
        table = app.screen.query_one("#setup-formats", DataTable)
        titles = [str(table.get_row_at(row)[0]) for row in range(table.row_count)]
        assert titles[-1] == "Kudos board" and len(titles) == 5
        assert text_of(app, "#setup-icebreaker").startswith("Icebreaker: Best bug of the year?")
        await press(pilot, "i")
        assert text_of(app, "#setup-icebreaker").startswith("Icebreaker: A tool you love?")
        await press(pilot, "down", "down", "down", "down")
        assert "a template for team Platform (templates/retro-kudos.toml)" in text_of(
            app, "#setup-source"
        )
        await press(pilot, "enter")
        if retro_phase(app) == "step-follow-up":
            await press(pilot, "enter")
        assert retro_phase(app) == "step-gather"
        assert "Who helped you this sprint?" in text_of(app, "#gather-prompt")
        await pilot.press(*"Thanks bo")
        await press(pilot, "enter")
    (review,) = [r for r in stratui.store.all("reviews") if r["ritual"] == "retro"]
    assert review["format"] == "kudos"
    assert review["answers"]["icebreaker"] == "A tool you love?"
    assert list(review["answers"]["health"]) == ["Focus", "Sleep"]
    (card,) = stratui.store.all("retro_items")  # a record of its own, not in the answers
    assert (card["category"], card["text"]) == ("thank-you", "Thanks bo")


async def test_a_template_with_a_mistake_is_named_and_the_built_ins_stay(app, stratui, team):
    write_template(stratui, "broken.toml", '[retro]\nname = "Bad Name"\n')
    async with app.run_test(size=(80, 24)) as pilot:
        await press(pilot, "R")
        refused = text_of(app, "#setup-refused")
        assert "templates/broken.toml: retro.name: expected a name of lowercase" in refused
        table = app.screen.query_one("#setup-formats", DataTable)
        assert table.row_count == 4


async def test_the_weekly_check_in_asks_the_teams_question(app, stratui, team):
    write_template(stratui, "retro-kudos.toml", KUDOS)
    async with app.run_test(size=(80, 24)) as pilot:
        await press(pilot, "w")
        assert isinstance(app.screen, WeeklyReviewScreen)
        heading = text_of(app, "#weekly-heading")
        assert heading.endswith("Check in: What did you learn this week?")
        await press(pilot, "3")
        await pilot.press(*"Textual workers")
        await press(pilot, "enter")
    (review,) = [r for r in stratui.store.all("reviews") if r["ritual"] == "weekly"]
    answers = review["answers"]
    assert (answers["checkin_question"], answers["checkin"]) == (
        "What did you learn this week?",
        "Textual workers",
    )


async def test_without_a_template_the_check_in_asks_the_built_in_question(app, stratui, team):
    async with app.run_test(size=(80, 24)) as pilot:
        await press(pilot, "w")
        assert text_of(app, "#weekly-heading").endswith("Check in: how did the week feel?")
