"""The footer: the screen's keys on one line, the palette's on the right, clickable."""

from __future__ import annotations

from textual.command import CommandPalette
from textual.widgets import ContentSwitcher

from stratui.ui.app import StratuiApp
from stratui.ui.screens.commitments import CommitmentsScreen
from stratui.ui.screens.weekly import WeeklyReviewScreen
from stratui.ui.widgets.footer import Footer, FooterKey

PALETTE = " ^p palette "  # as every key: a space either side


def footer_of(app: StratuiApp) -> Footer:
    return app.screen.query_one(Footer)


def line(app: StratuiApp) -> str:
    return str(footer_of(app).render())


def span_of(footer: Footer, description: str) -> tuple[int, int, FooterKey]:
    """Where the key described ``description`` was drawn."""
    footer.render()
    (found,) = [span for span in footer._spans if span[2].description == description]
    return found


async def test_the_dashboard_footer_shows_the_app_keys_and_the_palette_on_the_right(app):
    async with app.run_test(size=(120, 35)) as pilot:
        await pilot.pause()
        text = line(app)
        for description in ("Weekly review", "Help", "Dashboard", "Commitments", "Trends"):
            assert description in text
        assert "Retrospective" not in text  # show=False
        assert text.endswith(PALETTE)
        assert len(text) == footer_of(app).size.width == 120
        assert "\n" not in text


async def test_each_action_is_shown_once_under_its_first_key(app):
    async with app.run_test(size=(120, 35)) as pilot:
        await pilot.pause()
        footer = footer_of(app)
        actions = [key.description for key in footer.keys]
        assert len(actions) == len(set(actions))
        assert " f1 Help " in line(app)
        assert "question" not in line(app)  # the second key of Help is not shown


async def test_a_narrow_footer_cuts_keys_from_the_end_but_keeps_the_palette(app):
    async with app.run_test(size=(60, 35)) as pilot:
        await pilot.pause()
        footer = footer_of(app)
        text = line(app)
        assert len(text) == 60 and "\n" not in text  # cut, not wrapped
        assert text.endswith(PALETTE)
        assert "Weekly review" in text
        assert "Trends" not in text  # the last key goes first
        shown = [key.description for _start, _end, key in footer._spans]
        assert shown == [key.description for key in footer.keys[: len(shown) - 1]] + ["palette"]
        for start, end, key in footer._spans:  # every key drawn whole
            assert text[start:end] == f" {key.display} {key.description} "


async def test_narrower_than_every_key_only_the_palette_is_left(app):
    async with app.run_test(size=(20, 35)) as pilot:
        await pilot.pause()
        text = line(app)
        assert text == " " * (20 - len(PALETTE)) + PALETTE
        assert [key.description for *_, key in footer_of(app)._spans] == ["palette"]


async def test_the_footer_follows_a_resize(app):
    async with app.run_test(size=(120, 35)) as pilot:
        await pilot.pause()
        assert "Trends" in line(app)
        await pilot.resize_terminal(60, 35)
        await pilot.pause()
        assert "Trends" not in line(app)
        assert line(app).endswith(PALETTE)


async def test_a_click_on_a_key_presses_it(app):
    async with app.run_test(size=(120, 35)) as pilot:
        await pilot.pause()
        start, end, key = span_of(footer_of(app), "Commitments")
        assert key.key == "2"
        await pilot.click(Footer, offset=((start + end) // 2, 0))
        await pilot.pause()
        assert app.current_mode == "commitments"
        assert isinstance(app.screen, CommitmentsScreen)


async def test_a_click_on_either_edge_of_a_key_presses_that_key(app):
    async with app.run_test(size=(120, 35)) as pilot:
        await pilot.pause()
        start, end, _key = span_of(footer_of(app), "Roadblocks")
        await pilot.click(Footer, offset=(end - 1, 0))
        await pilot.pause()
        assert app.current_mode == "roadblocks"
        await pilot.press("1")  # the dashboard's footer again
        await pilot.pause()
        start, _end, _key = span_of(footer_of(app), "Goals")
        await pilot.click(Footer, offset=(start, 0))
        await pilot.pause()
        assert app.current_mode == "goals"


async def test_a_click_on_the_palette_key_opens_the_command_palette(app):
    async with app.run_test(size=(120, 35)) as pilot:
        await pilot.pause()
        start, end, _key = span_of(footer_of(app), "palette")
        assert (start, end) == (120 - len(PALETTE), 120)
        await pilot.click(Footer, offset=(start + 1, 0))
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)


async def test_a_click_between_the_keys_and_the_palette_does_nothing(app):
    async with app.run_test(size=(120, 35)) as pilot:
        await pilot.pause()
        footer = footer_of(app)
        last_key_end = footer._spans[-2][1]
        palette_start = footer._spans[-1][0]
        assert palette_start > last_key_end
        await pilot.click(Footer, offset=(last_key_end, 0))
        await pilot.pause()
        assert app.current_mode == "dashboard"
        assert footer_of(app) is footer


async def test_after_switching_screens_the_footer_shows_that_screens_keys(app):
    async with app.run_test(size=(120, 35)) as pilot:
        await pilot.pause()
        await pilot.press("2")
        await pilot.pause()
        footer = footer_of(app)
        assert [key.description for key in footer.keys][:5] == [
            "Add",
            "Edit",
            "Outcome",
            "Done",
            "Carry over",
        ]
        text = line(app)
        assert text.startswith(" a Add  e Edit  o Outcome  space Done ")
        assert text.endswith(PALETTE)
        await pilot.press("1")
        await pilot.pause()
        assert "Add" not in [key.description for key in footer_of(app).keys]
        assert line(app).startswith(" ^q Quit  w Weekly review ")


async def test_a_key_that_does_nothing_here_is_shown_disabled_and_a_click_only_rings(
    app, monkeypatch
):
    rings: list[bool] = []
    monkeypatch.setattr(app, "bell", lambda: rings.append(True))
    async with app.run_test(size=(160, 35)) as pilot:
        await pilot.pause()
        await pilot.press("w")
        await pilot.pause()
        assert isinstance(app.screen, WeeklyReviewScreen)
        start, _end, back = span_of(footer_of(app), "Back")
        assert not back.enabled  # the first step has nothing before it
        step = app.screen.query_one("#weekly-body", ContentSwitcher).current
        await pilot.click(Footer, offset=(start + 1, 0))
        await pilot.pause()
        assert rings == [True]
        assert isinstance(app.screen, WeeklyReviewScreen)
        assert app.screen.query_one("#weekly-body", ContentSwitcher).current == step


async def test_the_footer_redraws_only_when_the_keys_change(app, monkeypatch):
    async with app.run_test(size=(160, 35)) as pilot:
        await pilot.pause()
        await pilot.press("w")
        await pilot.pause()
        footer = footer_of(app)
        refreshes: list[bool] = []
        real = footer.refresh

        def counting(*args, **kwargs):
            refreshes.append(True)
            return real(*args, **kwargs)

        monkeypatch.setattr(footer, "refresh", counting)
        keys = footer.keys
        footer.bindings_changed(app.screen)  # the same bindings again
        assert refreshes == []
        assert footer.keys is keys

        await pilot.press("3", "ctrl+n")  # a pulse, then the next step: Back enabled
        await pilot.pause()
        assert refreshes, "a change of what is shown is drawn"
        assert footer.keys is not keys
        (back,) = [key for key in footer.keys if key.description == "Back"]
        assert back.enabled
        assert "Done" in [key.description for key in footer.keys]  # the step's own keys
