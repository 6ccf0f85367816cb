"""The command palette's Screenshot: saved into a folder that exists, and the path said."""

from __future__ import annotations

from pathlib import Path

import pytest

from stratui.ui import screenshot


async def saved_or_failed(app, pilot) -> list:
    """Wait until the screenshot's delivery has been reported; its notifications."""
    for _ in range(200):
        await pilot.pause()
        found = [n for n in app._notifications if n.title == screenshot.TITLE]
        if found:
            return found
    raise AssertionError("the screenshot was never reported")


@pytest.fixture
def no_downloads(monkeypatch, tmp_path) -> Path:
    """No Downloads folder; the current directory is a fresh one."""
    monkeypatch.setattr(screenshot, "user_downloads_path", lambda: tmp_path / "Downloads")
    here = tmp_path / "here"
    here.mkdir()
    monkeypatch.chdir(here)
    return here


async def test_without_a_downloads_folder_it_is_saved_here_and_says_where(app, no_downloads):
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"Screenshot")
        await pilot.pause()
        await pilot.pause()
        await pilot.press("enter")
        (note,) = await saved_or_failed(app, pilot)
    (saved,) = no_downloads.glob("*.svg")
    assert note.message == f"Saved the screenshot to {saved}"
    assert note.severity == "information"
    assert "<svg" in saved.read_text(encoding="utf-8")


async def test_with_a_downloads_folder_it_is_saved_there(app, no_downloads, tmp_path):
    (tmp_path / "Downloads").mkdir()
    async with app.run_test(size=(80, 24)) as pilot:
        app.deliver_screenshot()
        (note,) = await saved_or_failed(app, pilot)
    (saved,) = (tmp_path / "Downloads").glob("*.svg")
    assert note.message == f"Saved the screenshot to {saved}"
    assert list(no_downloads.iterdir()) == []


async def test_when_it_cannot_be_saved_it_says_why(app, no_downloads):
    blocker = no_downloads / "not-a-folder"
    blocker.write_text("", encoding="utf-8")
    async with app.run_test(size=(80, 24)) as pilot:
        app.deliver_screenshot(path=str(blocker))
        (note,) = await saved_or_failed(app, pilot)
    assert note.severity == "error"
    assert note.message.startswith("Screenshot not saved: Not a directory (")
    assert str(blocker) in note.message
