"""A team's template travels through ``stratui sync`` and is chosen on another clone.

lea writes ``templates/retro-kudos.toml`` in her clone and syncs; ben syncs and runs a
retrospective in the TUI (a Pilot on his store): the kudos format is offered, chosen,
and his review and cards are of that format.
"""

from __future__ import annotations

import datetime as dt

from textual.widgets import ContentSwitcher

from stratui.clock import Clock
from stratui.store.store import Store
from stratui.ui.app import StratuiApp
from stratui.ui.screens.retro import RetroScreen
from stratui.usecases.workspace import Workspace
from tests._templates import KUDOS

from ._support import TODAY, Team


async def test_a_template_written_on_one_clone_is_chosen_on_another(team: Team, monkeypatch):
    lea = team.founded()
    lea.ok("team", "add", "Platform", "--members", "lea,ana,ben")
    ben = team.clone("ben")
    (lea.store / "templates").mkdir()
    (lea.store / "templates" / "retro-kudos.toml").write_text(KUDOS, encoding="utf-8")
    said = lea.sync()
    assert "templates: retro-kudos.toml" in said
    assert lea.git("status", "--porcelain") == ""
    assert "templates: retro-kudos.toml" in lea.git("log", "-1", "--format=%s")

    ben.sync()
    assert (ben.store / "templates" / "retro-kudos.toml").read_text(encoding="utf-8") == KUDOS
    assert "kudos" in ben.ok("template", "list")

    monkeypatch.setenv("STRATUI_ME", "ben")
    monkeypatch.setenv("STRATUI_CONFIG_DIR", str(ben.clone / "config"))
    ws = Workspace(Store.at(str(ben.store)), Clock(dt.date.fromisoformat(TODAY)))
    app = StratuiApp(ws, poll=None)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("R")
        await pilot.pause()
        assert isinstance(app.screen, RetroScreen)
        await pilot.press("down", "down", "down", "down", "enter")
        await pilot.pause()
        if app.screen.query_one("#ritual-body", ContentSwitcher).current == "step-follow-up":
            await pilot.press("enter")  # no actions of an earlier retro to follow up
            await pilot.pause()
        await pilot.press(*"Thanks lea", "enter")
        await pilot.pause()
    (review,) = [r for r in ws.store.all("reviews") if r["ritual"] == "retro"]
    assert (review["team"], review["format"]) == ("Platform", "kudos")
    (card,) = ws.store.all("retro_items")  # a record of its own, not in the answers
    assert (card["category"], card["text"]) == ("thank-you", "Thanks lea")

    # ben's review goes back to lea, who reads it with its categories.
    ben.sync()
    lea.sync()
    (shared,) = [
        r
        for r in Workspace(Store.at(str(lea.store)), Clock(dt.date.fromisoformat(TODAY))).store.all(
            "reviews"
        )
        if r["ritual"] == "retro"
    ]
    assert shared["format"] == "kudos"
