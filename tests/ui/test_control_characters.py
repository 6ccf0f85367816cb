"""Text with control characters is shown, never obeyed, on every screen.

A demo history whose every free-text field (titles, descriptions, notes, resolutions,
rationales, cards) ends with escape sequences, a bell, DEL and a C1 control (as typed by
mistake, pasted, or synced from a teammate's clone) is opened on each screen, a goal's
detail, a review in History and an edit dialog; the screen as drawn must hold no raw
control character, and the text must still be there, made visible.
"""

from __future__ import annotations

import re

import pytest

from stratui.demo import generate_history
from stratui.domain.visible import CONTROLS
from stratui.ui.app import StratuiApp
from stratui.usecases import exchange

from .conftest import TODAY

HOSTILE = " \x1b[2J\x1b]0;pwned\x07\x9b31m\x7f\r"
"""Clears the screen, retitles the terminal, rings, a C1 CSI, DEL and a carriage return."""
SHOWN = "\\u001b[2J"  # how the first of them reads on the screen

FREE_TEXT = ("title", "description", "notes", "note", "resolution", "rationale", "text")


def poisoned(document: dict) -> dict:
    for records in document.values():
        if not isinstance(records, list):
            continue
        for record in records:
            for key in FREE_TEXT:
                if isinstance(record.get(key), str):
                    record[key] += HOSTILE
    return document


@pytest.fixture
def hostile_store(stratui):
    document = poisoned(generate_history(people=3, weeks=6, today=TODAY))
    exchange.import_document(stratui, document)
    return stratui


def drawn(app) -> str:
    """The screen as drawn, as an SVG document: every character that reached it."""
    return app.export_screenshot()


def raw_controls(text: str) -> list[str]:
    return sorted({repr(found) for found in CONTROLS.findall(text)})


async def test_no_screen_draws_a_raw_control_character(hostile_store):
    app = StratuiApp(hostile_store, poll=None)
    seen = []
    async with app.run_test(size=(140, 45)) as pilot:
        for key, also in (
            ("1", ()),
            ("2", ("e",)),  # the commitments, then an edit dialog with the title
            ("escape", ()),
            ("3", ()),
            ("4", ("enter",)),  # the goal tree, then a goal's detail
            ("escape", ()),
            ("5", ("enter",)),  # History, then a review
            ("escape", ()),
            ("6", ()),
            ("1", ()),
            ("w", ("enter", "enter")),  # the weekly review: its look-back and roadblocks
            ("escape", ()),
            ("T", ("enter",)),  # the team review: the first member's turn
            ("escape", ()),
            ("R", ()),  # the retrospective
        ):
            await pilot.press(key)
            await pilot.pause()
            for extra in also:
                await pilot.press(extra)
                await pilot.pause()
            screen = drawn(app)
            assert raw_controls(screen) == [], (key, also, raw_controls(screen))
            seen.append(screen)
    assert any(SHOWN in re.sub(r"&#160;", " ", s) for s in seen)  # shown, made visible
