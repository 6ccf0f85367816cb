"""The look-back's suggestions, walked by keys: a commit of the week becomes a commitment
(undecided) or an outcome note in one key; a broken source is a line, and the review goes on.

TODAY is Sunday 2026-11-22: the review looks back on 2026-W47.
"""

from __future__ import annotations

from textual.widgets import DataTable, Static

from stratui.ui.screens.weekly import WeeklyReviewScreen
from stratui.usecases import commitments
from tests._git_week import OURS, git_repo, needs_git, write_config

PERIOD = "2026-W47"


def column(table: DataTable, index: int) -> list[str]:
    return [str(table.get_row_at(i)[index]) for i in range(table.row_count)]


async def open_look_back(app, pilot) -> None:
    """From the dashboard to the look-back, the sources read."""
    await pilot.press("w", "3", "enter")  # check in with pulse 3
    await app.workers.wait_for_complete()
    await pilot.pause()


@needs_git
async def test_a_commit_of_the_week_becomes_an_undecided_commitment_in_one_key(
    app, stratui, tmp_path
):
    repo = git_repo(tmp_path / "api")
    write_config(tmp_path / "config", f'[lookback]\ngit = ["{repo}"]\n')
    commitments.log(stratui, "Plan the sprint")
    async with app.run_test(size=(100, 30)) as pilot:
        await open_look_back(app, pilot)
        suggestions = app.screen.query_one("#lookback-suggestions", DataTable)
        assert column(suggestions, 2) == OURS  # Ana's commits of the week, shown as typed
        assert column(suggestions, 0) == ["git api", "git api"]
        await pilot.press("tab")  # on to the suggestions
        assert suggestions.has_focus
        ref = suggestions.coordinate_to_cell_key(suggestions.cursor_coordinate)[0].value
        await pilot.press("a")
        await pilot.pause()
        table = app.screen.query_one("#lookback-table", DataTable)
        assert sorted(column(table, 3)) == sorted(["Plan the sprint", OURS[0]])
        assert column(table, 0) == ["undecided", "undecided"]  # the person decides
        assert column(suggestions, 2) == OURS[1:]  # taken: not offered again
    (made,) = [c for c in commitments.find(stratui, week=PERIOD) if c.get("ref")]
    assert (made["week"], made["title"], made["ref"], made["owner"]) == (
        PERIOD,
        OURS[0],
        ref,
        "ana",
    )
    assert made["status"] == "open" and "progress" not in made  # no outcome by default


@needs_git
async def test_a_suggestion_becomes_the_selected_commitments_note_in_one_key(
    app, stratui, tmp_path
):
    repo = git_repo(tmp_path / "api")
    write_config(tmp_path / "config", f'[lookback]\ngit = ["{repo}"]\n')
    plan = commitments.log(stratui, "Ship the login fix")
    async with app.run_test(size=(100, 30)) as pilot:
        await open_look_back(app, pilot)
        await pilot.press("tab", "o")  # the first suggestion, to the note of the one above
        await pilot.pause()
        draft = app.screen.draft
        assert draft.outcomes[plan["id"]].note.startswith(OURS[0] + " (git api ")
        assert not draft.outcomes[plan["id"]].decided  # a note decides nothing
        suggestions = app.screen.query_one("#lookback-suggestions", DataTable)
        assert column(suggestions, 2) == OURS[1:]
    (review,) = [r for r in stratui.store.all("reviews") if r["ritual"] == "weekly"]
    assert len(review["answers"]["taken"]) == 1  # saved: not offered when resumed
    assert review["answers"]["outcomes"][plan["id"]]["note"].startswith(OURS[0])


async def test_a_bad_config_is_a_line_and_the_review_goes_on(app, stratui, tmp_path):
    write_config(tmp_path / "config", '[lookback]\ngit = ["~/no/such/repo"]\ngithub = 3\n')
    plan = commitments.log(stratui, "Plan")
    async with app.run_test(size=(100, 30)) as pilot:
        await open_look_back(app, pilot)
        shown = str(app.screen.query_one("#lookback-sources", Static).render())
        assert "look-back sources:" in shown and "lookback.github: expected a path" in shown
        assert not app.screen.query_one("#lookback-suggestions", DataTable).display
        await pilot.press("d", "enter")  # decided, and on to the next step
        assert app.screen.draft.outcomes[plan["id"]].status == "done"
        assert app.screen.draft.step_name == "roadblocks"
        assert isinstance(app.screen, WeeklyReviewScreen)


async def test_a_missing_source_is_named_and_the_others_are_offered(app, stratui, tmp_path):
    gh = tmp_path / "gh.json"
    gh.write_text(
        '[{"number": 9, "title": "Closed [b]this[/b] week", "state": "CLOSED",'
        ' "closedAt": "2026-11-19T10:00:00Z"}]',
        encoding="utf-8",
    )
    write_config(tmp_path / "config", f'[lookback]\ngithub = ["{gh}"]\ntaskwarrior = "nope.json"\n')
    async with app.run_test(size=(100, 30)) as pilot:
        await open_look_back(app, pilot)
        shown = str(app.screen.query_one("#lookback-sources", Static).render())
        assert shown == f"taskwarrior {tmp_path / 'config' / 'nope.json'}: no such file"
        suggestions = app.screen.query_one("#lookback-suggestions", DataTable)
        assert column(suggestions, 2) == ["#9 Closed [b]this[/b] week"]
