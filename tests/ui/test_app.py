"""The TUI, driven by keys with a Pilot; assertions on the store and on what is shown."""

from __future__ import annotations

import subprocess
import sys

from textual.widgets import DataTable, Input, Static

from stratui.ui.app import StratuiApp
from stratui.ui.modals.form import Form
from stratui.usecases import commitments, exchange, people, roadblocks

HOSTILE = ["[@click=app.quit]x[/]", "[/red] oops", "a[b]c", "[$accent]x[/]"]


def panel_lines(app: StratuiApp, panel: str) -> list[str]:
    """The lines a dashboard panel shows, as plain text."""
    return str(app.screen.query_one(panel).render()).splitlines()


def cells(table: DataTable) -> list[list[str]]:
    return [[str(value) for value in table.get_row_at(i)] for i in range(table.row_count)]


async def test_dashboard_shows_this_weeks_commitments_and_open_roadblocks(app, stratui):
    people.add_person(stratui, "ben")
    commitments.log(stratui, "Write the plan")
    done = commitments.log(stratui, "Fix the build")
    commitments.complete(stratui, done["id"])
    commitments.log(stratui, "Somebody else's", owner="ben")
    roadblocks.block(stratui, "Waiting on keys", kind="dependency")
    async with app.run_test(size=(120, 35)) as pilot:
        await pilot.pause()
        header, *rows = panel_lines(app, "#week")
        assert header.split() == ["Status", "Done", "Commitment", "Goal"]
        assert sorted(row.split() for row in rows) == [
            ["done", "100%", "Fix", "the", "build"],
            ["open", "Write", "the", "plan"],
        ]
        assert "1 of 2 done" in str(app.screen.query_one("#week").border_title)
        header, *rows = panel_lines(app, "#roadblocks")
        assert header.split() == ["Age", "Severity", "Owner", "Roadblock"]
        assert [row.split(maxsplit=3) for row in rows] == [
            ["0d", "medium", "ana", "Waiting on keys"]
        ]


async def test_adding_a_commitment_by_keys_stores_it(app, stratui):
    async with app.run_test(size=(120, 35)) as pilot:
        await pilot.press("2")
        await pilot.pause()
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, Form)
        await pilot.press(*"Ship the importer")
        await pilot.press("enter")
        await pilot.pause()
        stored = commitments.find(stratui)
        assert [(r["title"], r["owner"], r["week"]) for r in stored] == [
            ("Ship the importer", "ana", "2026-W47")
        ]
        table = app.screen.query_one("#commitments-table", DataTable)
        assert [row[5] for row in cells(table)] == ["Ship the importer"]


async def test_bad_input_in_a_form_is_shown_inline_and_nothing_is_written(app, stratui):
    async with app.run_test(size=(120, 35)) as pilot:
        await pilot.press("2", "a")
        await pilot.pause()
        await pilot.press(*"Plan")
        app.screen.query_one("#field-week", Input).value = "2025-W53"
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, Form)
        error = str(app.screen.query_one("#form-error", Static).render())
        assert "2025 has 52 ISO weeks" in error
        assert stratui.store.all("commitments") == []


async def test_outcome_done_and_carry_over_by_keys(app, stratui):
    first = commitments.log(stratui, "Draft the RFC")
    async with app.run_test(size=(120, 35)) as pilot:
        await pilot.press("2")
        await pilot.pause()
        await pilot.press("c")  # carry over: closes as missed, new one next week
        await pilot.pause()
        old = commitments.get(stratui, first["id"])
        assert old["status"] == "missed"
        (carried,) = commitments.find(stratui, week="2026-W48")
        assert carried["carried_from"] == first["id"]
        second = commitments.log(stratui, "Review the RFC")
        app.action_reload()
        await pilot.pause()
        table = app.screen.query_one("#commitments-table", DataTable)
        table.move_cursor(row=table.get_row_index(second["id"]))
        await pilot.press("space")
        await pilot.pause()
        assert commitments.get(stratui, second["id"])["status"] == "done"


async def test_delete_asks_first(app, stratui):
    record = commitments.log(stratui, "Temporary")
    async with app.run_test(size=(120, 35)) as pilot:
        await pilot.press("2", "delete")
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        assert stratui.store.get("commitments", record["id"]) is not None
        await pilot.press("delete")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert stratui.store.get("commitments", record["id"]) is None


async def test_hostile_titles_are_shown_literally_and_run_nothing(app, stratui):
    for title in HOSTILE:
        commitments.log(stratui, title)
        roadblocks.block(stratui, title)
    async with app.run_test(size=(120, 35)) as pilot:
        await pilot.pause()
        _header, *week = panel_lines(app, "#week")
        assert sorted(row.split(maxsplit=1)[1].rstrip() for row in week) == sorted(HOSTILE)
        _header, *blocked = panel_lines(app, "#roadblocks")
        assert sorted(row.split(maxsplit=3)[3] for row in blocked) == sorted(HOSTILE)
        await pilot.click("#week", offset=(30, 2))
        await pilot.click("#roadblocks", offset=(30, 2))
        await pilot.press("2")
        await pilot.pause()
        shown = cells(app.screen.query_one("#commitments-table", DataTable))
        assert sorted(row[5] for row in shown) == sorted(HOSTILE)
        await pilot.click("#commitments-table", offset=(60, 1))
        await pilot.pause()
        assert app.is_running
        screenshot = app.export_screenshot()
        assert "[/red] oops" in screenshot.replace("&#160;", " ")


async def test_a_commitment_logged_by_another_process_appears(stratui, tmp_path):
    app = StratuiApp(stratui, poll=0.1)
    async with app.run_test(size=(120, 35)) as pilot:
        await pilot.pause()
        subprocess.run(
            [
                sys.executable,
                "-m",
                "stratui",
                "--db",
                str(tmp_path / "store"),
                "log",
                "From the other shell",
            ],
            check=True,
            env={"STRATUI_ME": "ana", "STRATUI_TODAY": "2026-11-22", "PATH": ""},
        )
        for _ in range(50):
            await pilot.pause(0.1)
            _header, *week = panel_lines(app, "#week")
            if week:
                break
        assert [row.split(maxsplit=1)[1].rstrip() for row in week] == ["From the other shell"]


async def test_theme_choice_is_remembered(stratui):
    first = StratuiApp(stratui, poll=None)
    async with first.run_test() as pilot:
        await pilot.press("ctrl+t")
        chosen = first.theme
    second = StratuiApp(stratui, poll=None)
    assert second.theme == chosen != "textual-dark"


async def test_text_is_drawn_in_the_themes_colours_on_every_screen_shown(app):
    """Screens are styled without Textual's full CSS refresh (StratuiApp._load_screen_css):
    their text must still be the theme's foreground, opaque, in dark and light."""

    def text_colour() -> tuple:
        style = app.screen.query_one("#next").visual_style
        return (style.foreground.a, style.foreground.hex, style.background.hex)

    theme_colours = {}
    async with app.run_test(size=(120, 35)) as pilot:
        await pilot.pause()
        for _ in range(2):
            theme = app.current_theme
            alpha, foreground, background = text_colour()
            assert alpha == 1 and foreground != background
            theme_colours[theme.name] = foreground
            await pilot.press("2", "1")  # away to a screen made now, and back
            await pilot.pause()
            assert text_colour() == (alpha, foreground, background)
            await pilot.press("ctrl+t")
            await pilot.pause()
    assert set(theme_colours) == {"textual-dark", "textual-light"}
    assert theme_colours["textual-dark"] != theme_colours["textual-light"]


async def test_help_lists_every_screens_keys(app):
    async with app.run_test(size=(120, 35)) as pilot:
        await pilot.press("f1")
        await pilot.pause()
        text = " ".join(
            " ".join(" ".join(row) for row in cells(table)) for table in app.screen.query(DataTable)
        )
        for action in ("Dashboard", "Commitments", "Add", "Carry over", "Delete", "Quit"):
            assert action in text


async def test_it_fits_in_80_by_24(app, stratui):
    commitments.log(stratui, "A commitment with a rather long title that must be cut to fit")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        _header, row = panel_lines(app, "#week")
        assert row.rstrip() == "open          A commitment with a rather long"  # cut to fit
        await pilot.press("2")
        await pilot.pause()
        assert app.screen.query_one("#commitments-table", DataTable).row_count == 1


async def test_raise_assign_and_resolve_a_roadblock_by_keys(app, stratui):
    people.add_person(stratui, "ben")
    async with app.run_test(size=(120, 35)) as pilot:
        await pilot.press("3", "a")
        await pilot.pause()
        await pilot.press(*"Waiting on the vendor", "enter")
        await pilot.pause()
        (raised,) = stratui.store.all("roadblocks")
        assert (raised["title"], raised["owner"], raised["raised_on"]) == (
            "Waiting on the vendor",
            "ana",
            "2026-11-22",
        )
        await pilot.press("s")
        await pilot.pause()
        await pilot.press(*"ben", "enter")
        await pilot.pause()
        assert stratui.store.get("roadblocks", raised["id"])["owner"] == "ben"
        await pilot.press("r")
        await pilot.pause()
        await pilot.press("enter")  # an empty resolution is refused inline
        await pilot.pause()
        assert "resolution" in str(app.screen.query_one("#form-error", Static).render())
        await pilot.press(*"Vendor replied", "enter")
        await pilot.pause()
        resolved = stratui.store.get("roadblocks", raised["id"])
        assert (resolved["resolved_on"], resolved["resolution"]) == ("2026-11-22", "Vendor replied")
        assert app.screen.query_one("#roadblocks-table", DataTable).row_count == 0  # open only


async def test_dashboard_says_which_weekly_review_is_due(app):
    async with app.run_test(size=(120, 35)) as pilot:
        await pilot.pause()
        due, streak, say_do, blocked = panel_lines(app, "#next")
        assert due == "Weekly review 2026-W47: due since Thu 19 Nov: press w"
        assert streak == "Review streak: 0 weeks"
        assert say_do.split() == ["Say/do", "no", "data"]  # nothing reviewed yet
        assert blocked.split() == ["Blocked", "▁" * 12, "0"]


async def test_history_lists_completed_reviews_and_reads_one(stratui):
    from stratui.demo import generate_history

    exchange.import_document(
        stratui, generate_history(people=3, weeks=6, today=stratui.clock.today())
    )
    app = StratuiApp(stratui, poll=None)
    async with app.run_test(size=(120, 35)) as pilot:
        await pilot.press("5")
        await pilot.pause()
        table = app.screen.query_one("#history-table", DataTable)
        rows = cells(table)
        assert rows and {row[1] for row in rows} >= {"Weekly review", "Retrospective"}
        assert [row[0] for row in rows] == sorted((row[0] for row in rows), reverse=True)
        await pilot.press("enter")
        await pilot.pause()
        from textual.widgets import Markdown

        assert app.screen.query_one(Markdown) is not None
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen.query_one("#history-table", DataTable)


async def test_goals_by_keys_child_inherits_dates_and_drop_asks(app, stratui):
    async with app.run_test(size=(120, 35)) as pilot:
        await pilot.press("4", "n")
        await pilot.pause()
        await pilot.press(*"Ship v2")
        app.screen.query_one("#field-priority", Input).value = "9"
        app.screen.query_one("#field-start", Input).value = "2026-10-01"
        app.screen.query_one("#field-end", Input).value = "2026-12-31"
        await pilot.press("enter")
        await pilot.pause()
        assert "priority" in str(app.screen.query_one("#form-error", Static).render())
        assert stratui.store.all("goals") == []
        app.screen.query_one("#field-priority", Input).value = "1"
        await pilot.press("enter")
        await pilot.pause()
        (parent,) = stratui.store.all("goals")
        assert (parent["title"], parent["priority"], parent["owner"]) == ("Ship v2", 1, "ana")
        await pilot.press("c")  # with the parent under the cursor: a child of it
        await pilot.pause()
        await pilot.press(*"Write the migration guide", "enter")
        await pilot.pause()
        child = next(g for g in stratui.store.all("goals") if g["id"] != parent["id"])
        assert (child["parent_id"], child["start"], child["end"]) == (
            parent["id"],
            "2026-10-01",
            "2026-12-31",
        )
        assert app.screen.selected_id() == child["id"]  # the tree's cursor is on the new goal
        await pilot.press("x")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert stratui.store.get("goals", child["id"])["status"] == "dropped"


async def test_dashboard_shows_my_teams_retrospective_and_its_open_actions(stratui):
    from stratui.demo import generate_history
    from stratui.rituals.retro.ritual import RETRO
    from tests._ritual_support import bound

    exchange.import_document(
        stratui, generate_history(people=3, weeks=6, today=stratui.clock.today())
    )
    team = next(t["name"] for t in stratui.store.all("teams") if "ana" in t["members"])
    retros = bound(stratui, RETRO)
    actions = retros.open_actions(team)
    assert actions  # the demo's retros leave actions open
    app = StratuiApp(stratui, poll=None)
    async with app.run_test(size=(120, 35)) as pilot:
        await pilot.pause()
        await pilot.pause()  # the retro line is read once the rest is on screen
        (shown,) = panel_lines(app, "#next")[4:]
    due = retros.next_due(team)
    assert shown.startswith(f"Retrospective {team} {due.period}: ")
    oldest = max(action.age_days for action in actions)
    plural = "action" if len(actions) == 1 else "actions"
    assert shown.endswith(f"· {len(actions)} {plural} open, oldest {oldest}d")


async def test_dashboard_has_no_retro_line_without_a_team(app):
    async with app.run_test(size=(120, 35)) as pilot:
        await pilot.pause()
        assert len(panel_lines(app, "#next")) == 4  # due, streak, two sparklines
