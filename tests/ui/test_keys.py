"""The person's ``[keys]`` remap the app's keys by binding id: the new key does the
action and the old one no longer does; a bad value or an unknown id never stops the
app, each is one notice naming it; the help lists the keys in force with their ids.
NO_COLOR keeps being honoured."""

from __future__ import annotations

import os

from textual.widgets import DataTable

from stratui.ui.app import StratuiApp


def write_keys(text: str) -> None:
    folder = os.environ["STRATUI_CONFIG_DIR"]
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, "config.toml"), "w", encoding="utf-8") as handle:
        handle.write(text)


def app_with(stratui, config: str) -> tuple[StratuiApp, list[str]]:
    """The app, made after writing ``config`` as the person's config.toml, and the
    notices it shows (as their text)."""
    write_keys(config)
    app = StratuiApp(stratui, poll=None)
    notices: list[str] = []
    shown = app.notify

    def notify(message: str, **options) -> None:
        notices.append(message)
        shown(message, **options)

    app.notify = notify  # type: ignore[method-assign]
    return app, notices


async def test_a_remapped_key_does_the_action_and_the_old_one_no_longer_does(stratui):
    app, notices = app_with(stratui, '[keys]\n"app.commitments" = "9"\n')
    async with app.run_test(size=(120, 35)) as pilot:
        await pilot.pause()
        await pilot.press("2")
        await pilot.pause()
        assert app.current_mode == "dashboard"  # 2 is no longer the commitments' key
        await pilot.press("9")
        await pilot.pause()
        assert app.current_mode == "commitments"
        await pilot.press("3")  # the others keep their keys
        await pilot.pause()
        assert app.current_mode == "roadblocks"
    assert notices == []


async def test_unknown_ids_and_bad_values_are_one_notice_each_and_the_app_starts(stratui):
    config = '[keys]\n"app.wekly" = "W"\n"app.goals" = 4\n"app.trends" = "Ctrl+X"\n'
    app, notices = app_with(stratui, config)
    async with app.run_test(size=(120, 35)) as pilot:
        await pilot.pause()
        await pilot.pause()
        assert app.current_mode == "dashboard"
        await pilot.press("4")  # a bad value keeps the default key
        await pilot.pause()
        assert app.current_mode == "goals"
    assert len(notices) == 3, notices
    assert any(n.startswith("[keys] app.goals: expected keys like") for n in notices)
    assert any("[keys] app.trends:" in n and "'Ctrl+X'" in n for n in notices)
    assert any(n.startswith("[keys] app.wekly: no key has this id") for n in notices)


async def test_a_config_file_that_is_not_toml_is_one_notice(stratui):
    app, notices = app_with(stratui, "[keys\n")
    async with app.run_test(size=(120, 35)) as pilot:
        await pilot.pause()
        await pilot.pause()
        assert app.current_mode == "dashboard"
    (notice,) = notices
    assert notice.startswith("keys not remapped: ") and "config.toml: line 1" in notice


async def test_the_help_lists_the_keys_in_force_and_their_ids(stratui):
    app, _notices = app_with(stratui, '[keys]\n"app.commitments" = "9"\n')
    async with app.run_test(size=(120, 35)) as pilot:
        await pilot.press("f1")
        await pilot.pause()
        table = app.screen.query(DataTable).first()
        rows = [[str(cell) for cell in table.get_row_at(i)] for i in range(table.row_count)]
        assert ["9", "Commitments", "app.commitments"] in rows
        assert ["1", "Dashboard", "app.dashboard"] in rows


def test_no_color_is_honoured(stratui, monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    write_keys('[keys]\n"app.commitments" = "9"\n')
    assert StratuiApp(stratui, poll=None).no_color


async def test_the_dashboard_names_the_weekly_review_by_its_remapped_key(stratui):
    from textual.widgets import Static

    app, _notices = app_with(stratui, '[keys]\n"app.weekly" = "W"\n')
    async with app.run_test(size=(120, 35)) as pilot:
        await pilot.pause()
        hint = str(app.screen.query_one("#next", Static).render())
        assert ": press W" in hint and "press w" not in hint
