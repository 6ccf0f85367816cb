"""Look-back suggestions read from what the tools print: the week's own, nothing else."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from stratui.exchange.foreign import taskwarrior_document
from stratui.exchange.suggestions import (
    Suggestion,
    SuggestionError,
    git_log_args,
    git_suggestions,
    github_suggestions,
    task_suggestions,
    untaken,
)
from stratui.rituals.weekly.draft import Outcome, ReviewContext, WeeklyDraft

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
TASKS = json.loads((FIXTURES / "taskwarrior-export.json").read_text(encoding="utf-8"))
ISSUES = json.loads((FIXTURES / "gh-issues.json").read_text(encoding="utf-8"))


def titles(found: list[Suggestion]) -> list[str]:
    return [s.title for s in found]


def test_git_output_is_read_by_nul_so_any_subject_reads_back():
    output = (
        "a" * 40 + "\x002026-11-17T09:30:00+01:00\x00Fix; the \"login\" [b]x[/b]\x00"
        + "b" * 40 + "\x002026-11-12T10:00:00+00:00\x00The week before"
    )  # fmt: skip
    (found,) = git_suggestions(output, "2026-W47", "git api")
    assert found.title == 'Fix; the "login" [b]x[/b]'
    assert (found.ref, found.origin, found.day.isoformat()) == (
        "git:" + "a" * 40,
        "git api",
        "2026-11-17",
    )
    assert git_suggestions("", "2026-W47", "git api") == []


def test_git_log_asks_for_the_authors_commits_of_the_week_as_a_fixed_string():
    args = git_log_args("ana.b@example.org", "2026-W47")
    assert "--author=ana.b@example.org" in args and "--fixed-strings" in args
    assert "--since=2026-11-16 00:00" in args and "--until=2026-11-23 00:00" in args
    assert "-z" in args and "--format=%H%x00%aI%x00%s" in args


def test_garbled_git_output_names_the_source():
    with pytest.raises(SuggestionError, match="git api: expected hash, date and subject"):
        git_suggestions("abc\x002026-11-17T09:30:00", "2026-W47", "git api")


def test_tasks_completed_or_touched_in_the_week_are_suggested_deleted_ones_not():
    found = task_suggestions(TASKS, "2026-W50")  # the fixture was exported on 2026-12-08
    names = titles(found)
    assert "Fix flaky CI" in names  # completed that week
    assert "Write the RFC" in names  # pending, modified that week
    assert "Old plan" not in names  # deleted
    assert names.count("Weekly sync") == 2  # the two instances, not the recurring template
    assert all(s.ref.startswith("taskwarrior:") for s in found)  # the importer's refs
    assert task_suggestions(TASKS, "2026-W47") == []


def test_a_task_file_that_is_no_task_export_is_one_error():
    with pytest.raises(SuggestionError, match="taskwarrior task 1: uuid"):
        task_suggestions([{"description": "x"}], "2026-W47")


def test_issues_closed_in_the_week_are_suggested_with_their_number():
    found = github_suggestions(ISSUES, "2026-W47", "gh-issues.json")
    assert titles(found) == [
        "#412 Login redirect loops on Safari",
        "#415 Cache the [red]avatar[/red] \x1b]0;x\x07 lookups",  # exactly as in the file
    ]
    assert found[0].ref == "github:gh-issues.json#412"
    with_url = [{"number": 7, "title": "t", "state": "CLOSED", "closedAt": "2026-11-18T10:00:00Z",
                 "url": "https://github.com/o/r/issues/7"}]  # fmt: skip
    assert (
        github_suggestions(with_url, "2026-W47", "f")[0].ref
        == "github:https://github.com/o/r/issues/7"
    )


@pytest.mark.parametrize(
    ("items", "message"),
    [
        ({"number": 1}, "expected the JSON array of `gh issue list"),
        ([{"title": "x"}], "gh.json entry 1: number: expected the issue's number"),
        (
            [{"number": 3, "title": "x", "closedAt": "last week"}],
            "gh.json #3: closedAt: expected a time",
        ),
    ],
)
def test_a_bad_issue_list_names_the_entry_and_field(items, message):
    with pytest.raises(SuggestionError, match=message):
        github_suggestions(items, "2026-W47", "gh.json")


def test_a_taken_suggestion_is_not_offered_again():
    found = github_suggestions(ISSUES, "2026-W47", "gh-issues.json")
    assert titles(untaken(found, {"github:gh-issues.json#412", None})) == [found[1].title]


def test_a_suggestion_as_a_note_names_where_it_is_from():
    found = Suggestion("git:" + "c" * 40, "git api", "Fix it", dt.date(2026, 11, 17))
    assert found.mention == "Fix it (git api cccccccc)"


def test_a_task_imported_with_stratui_import_is_not_suggested():
    now = dt.datetime(2026, 12, 8, 12, tzinfo=dt.UTC)
    imported = taskwarrior_document(TASKS, owner="ana", now=now)["commitments"]
    assert task_suggestions(TASKS, "2026-W50")  # offered before the import
    context = ReviewContext(history=imported)
    assert untaken(task_suggestions(TASKS, "2026-W50"), context.external_refs()) == []


def test_a_suggestion_added_as_a_note_is_remembered_by_the_saved_draft():
    draft = WeeklyDraft(
        period="2026-W47", owner="ana", outcomes={"c1": Outcome(title="Plan", note="kept")}
    )
    draft.add_note("c1", "Fix it (git api cccccccc)", "git:" + "c" * 40)
    again = WeeklyDraft.from_answers(draft.to_answers())
    assert again.taken == ["git:" + "c" * 40]
    assert again.outcomes["c1"].note == "kept\nFix it (git api cccccccc)"
    assert not again.outcomes["c1"].decided
