"""The TUI's forms refuse a person who does not exist: the dialog stays open, says who
exists, and nothing is stored. At 80x24; me is ana, and ben is a person too."""

from __future__ import annotations

import pytest
from textual.widgets import Input, Static

from stratui.ui.modals.form import Form
from stratui.usecases import people

REFUSED = "owner: no person named 'ghost'; known people: ana, ben"


@pytest.fixture(autouse=True)
def _ben(stratui):
    people.add_person(stratui, "ben")  # the store's first write: ana, me, becomes one too


async def fill(pilot, **fields: str) -> None:
    """Type into the open form's fields, then Enter."""
    for name, value in fields.items():
        pilot.app.screen.query_one(f"#field-{name}", Input).value = value
    await pilot.press("enter")
    await pilot.pause()


def refusal(app) -> str:
    assert isinstance(app.screen, Form), "the dialog closed"
    return str(app.screen.query_one("#form-error", Static).render())


async def test_a_commitment_for_someone_unknown_is_refused_in_its_dialog(app, stratui):
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("2", "a")
        await pilot.pause()
        await fill(pilot, title="Their work", owner="ghost")
        assert refusal(app) == REFUSED
        assert stratui.store.all("commitments") == []
        await fill(pilot, owner="Ben")
        assert not isinstance(app.screen, Form)
        (stored,) = stratui.store.all("commitments")
        assert (stored["title"], stored["owner"]) == ("Their work", "ben")


async def test_a_roadblock_raised_or_assigned_to_someone_unknown_is_refused(app, stratui):
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("3", "a")
        await pilot.pause()
        await fill(pilot, title="Waiting on legal", owner="ghost")
        assert refusal(app) == REFUSED
        assert stratui.store.all("roadblocks") == []
        await fill(pilot, owner="ana")
        (raised,) = stratui.store.all("roadblocks")
        await pilot.press("s")
        await pilot.pause()
        await fill(pilot, owner="ghost")
        assert refusal(app) == REFUSED
        assert stratui.store.get("roadblocks", raised["id"])["owner"] == "ana"
        await fill(pilot, owner="ben")
        assert stratui.store.get("roadblocks", raised["id"])["owner"] == "ben"


async def test_a_goal_owned_by_someone_unknown_is_refused_on_create_and_edit(app, stratui):
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("4", "n")
        await pilot.pause()
        await fill(pilot, title="Ship v2", owner="ghost")
        assert refusal(app) == REFUSED
        assert stratui.store.all("goals") == []
        await fill(pilot, owner="ana")
        (made,) = stratui.store.all("goals")
        await pilot.press("e")
        await pilot.pause()
        await fill(pilot, owner="ghost")
        assert refusal(app) == REFUSED
        assert stratui.store.get("goals", made["id"])["owner"] == "ana"
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, Form)


async def test_editing_a_goal_without_an_owner_does_not_give_it_one(app, stratui):
    from stratui.usecases import goals

    company = goals.create(stratui, {"title": "Grow"})
    company = goals.edit(stratui, company["id"], {"owner": None})  # a company goal
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("4", "e")
        await pilot.pause()
        assert app.screen.query_one("#field-owner", Input).value == ""
        await fill(pilot, title="Grow faster")
        stored = stratui.store.get("goals", company["id"])
        assert (stored["title"], stored.get("owner")) == ("Grow faster", None)
