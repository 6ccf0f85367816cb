"""``stratui import --from jrnl FILE``: a jrnl journal's entries as notes of their week's
weekly review, ``#roadblock`` entries as roadblocks; imported twice nothing changes, after
an edit in jrnl the note is replaced, and what the person wrote themselves stays. The
file is a genuine ``jrnl --export json`` (jrnl 4.6, made for this test: four entries over
two ISO weeks, one starred, one tagged #roadblock, markup-like text).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from stratui.rituals.weekly.draft import WeeklyDraft

from ._support import document, fingerprint, one_error_line, write_json

JRNL = Path(__file__).resolve().parent.parent / "fixtures" / "jrnl-export.json"


def imported(cli, path: Path) -> str:
    done = cli("import", "--from", "jrnl", str(path))
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def exported(cli) -> dict:
    done = cli("export")
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def written_after(path: Path, moment: str) -> None:
    """Give ``path`` the modification time ``moment``: when the journal was exported."""
    import datetime as dt
    import os

    stamp = dt.datetime.fromisoformat(moment).timestamp()
    os.utime(path, (stamp, stamp))


def weekly_notes(cli) -> dict[str, str]:
    return {r["period"]: r["notes"] for r in exported(cli)["reviews"] if r["ritual"] == "weekly"}


def test_entries_become_notes_of_their_week_and_roadblocks_once(cli):
    assert imported(cli, JRNL) == "imported 3 new, 0 updated, 0 unchanged"
    assert imported(cli, JRNL) == "imported 0 new, 0 updated, 3 unchanged"
    notes = weekly_notes(cli)
    assert notes["2026-W49"] == (
        "2026-11-30 09:30 Kicked off the storage migration.\n"
        "Paired with ben on the plan; #migration looks doable by Friday.\n\n"
        "2026-12-03 11:00 Shipped the CLI help. ★\n"
        'Titles with <angle> & "quotes" stay as typed.'
    )
    assert notes["2026-W50"].startswith("2026-12-08 10:15 Retro notes.")
    (block,) = exported(cli)["roadblocks"]
    assert (block["title"], block["owner"], block["raised_on"], block["ref"]) == (
        "Waiting on the security review.",
        "ana",
        "2026-12-02",
        "jrnl:2026-12-02T16:05",
    )
    listed = cli("list", "--all", "--json")  # the store still reads as a whole
    assert listed.returncode == 0, listed.stderr


def test_the_weekly_review_of_the_week_opens_with_the_entries_as_its_notes(cli):
    imported(cli, JRNL)
    (review,) = [r for r in exported(cli)["reviews"] if r["period"] == "2026-W49"]
    assert review["status"] == "draft"
    draft = WeeklyDraft.from_answers(review["answers"], period="2026-W49", owner="ana")
    assert "Kicked off the storage migration." in draft.notes


def _completed_review(notes: str) -> dict:
    stamp = "2026-12-04T17:00:00Z"
    return {
        "id": "eeee1111eeee1111",
        "ritual": "weekly",
        "period": "2026-W49",
        "owner": "ana",
        "participants": ["ana"],
        "status": "complete",
        "notes": notes,
        "answers": {"notes": notes},
        "started_at": stamp,
        "completed_at": stamp,
        "created_at": stamp,
        "updated_at": stamp,
    }


def test_an_edit_in_jrnl_replaces_its_note_and_keeps_what_i_wrote(cli, tmp_path, monkeypatch):
    monkeypatch.setenv("STRATUI_TODAY", "2026-12-09")  # after the review was completed
    mine = write_json(tmp_path / "mine.json", document(reviews=[_completed_review("My words.")]))
    assert cli("import", str(mine)).returncode == 0
    imported(cli, JRNL)
    export = json.loads(JRNL.read_text(encoding="utf-8"))
    export["entries"][0]["body"] = "Ben will pair on Thursday instead."
    edited = write_json(tmp_path / "edited.json", export)
    assert imported(cli, edited) == "imported 0 new, 1 updated, 2 unchanged"
    notes = weekly_notes(cli)["2026-W49"]
    assert notes.startswith("My words.\n\n2026-11-30 09:30 Kicked off the storage migration.")
    assert "Ben will pair on Thursday instead." in notes
    assert "doable by Friday" not in notes
    assert notes.count("My words.") == 1
    summary = cli("summary", "eeee1111eeee1111")  # the completed review's summary shows them
    assert summary.returncode == 0, summary.stderr
    assert "Ben will pair on Thursday instead." in summary.stdout


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("[]", 'jrnl: expected the JSON object of `jrnl --export json` with "entries", got list'),
        (
            '{"entries": [{"date": "2026-13-01", "time": "09:00", "title": "x"}]}',
            "jrnl entry 1: date: expected YYYY-MM-DD (1900 to 2999), got '2026-13-01'",
        ),
        (
            '{"entries": [{"date": "2026-12-01", "time": "9am", "title": "x"}]}',
            "jrnl entry 1 (2026-12-01): time: expected HH:MM, got '9am'",
        ),
        (
            '{"entries": [{"date": "2026-12-01", "time": "09:00", "title": "ok"},'
            ' {"date": "2026-12-01", "time": "10:00", "title": " "}]}',
            "jrnl entry 2 (2026-12-01 10:00): title: expected text",
        ),
        (
            '{"entries": [{"date": "2026-12-01", "time": "09:00", "title": "x", "tags": "#a"}]}',
            "jrnl entry 1 (2026-12-01 09:00): tags: expected a list of tags like #roadblock",
        ),
        ("{", "FILE: not the JSON of `jrnl --export json`"),
    ],
)
def test_a_bad_jrnl_file_is_one_line_naming_the_entry_and_writes_nothing(
    cli, store, tmp_path, content, message
):
    cli("log", "before")
    bad = tmp_path / "bad.json"
    bad.write_text(content, encoding="utf-8")
    before = fingerprint(store)
    assert message in one_error_line(cli("import", "--from", "jrnl", str(bad)))
    assert fingerprint(store) == before


def test_a_roadblock_resolved_in_stratui_stays_resolved_after_an_edit_in_jrnl(
    cli, store, tmp_path, monkeypatch
):
    from stratui.clock import Clock
    from stratui.store.store import Store
    from stratui.usecases import roadblocks
    from stratui.usecases.workspace import Workspace

    monkeypatch.setenv("STRATUI_TODAY", "2026-12-09")
    imported(cli, JRNL)
    (block,) = exported(cli)["roadblocks"]
    ws = Workspace(Store.at(str(store)), Clock.from_env())
    roadblocks.resolve(ws, block["id"], "the vendor answered")
    export = json.loads(JRNL.read_text(encoding="utf-8"))
    export["entries"][1]["title"] = "Waiting on the vendor's security review."
    edited = write_json(tmp_path / "edited.json", export)
    written_after(edited, "2026-12-09T13:00:00+00:00")  # the jrnl edit came after
    assert imported(cli, edited) == "imported 0 new, 1 updated, 2 unchanged"
    (block,) = exported(cli)["roadblocks"]
    assert block["title"] == "Waiting on the vendor's security review."
    assert (block["resolved_on"], block["resolution"]) == ("2026-12-09", "the vendor answered")


def test_the_weekly_review_resumes_this_weeks_notes_not_the_week_edited_last(
    cli, store, tmp_path, monkeypatch
):
    from stratui.clock import Clock
    from stratui.rituals.weekly.ritual import WEEKLY
    from stratui.store.store import Store
    from stratui.usecases import rituals
    from stratui.usecases.workspace import Workspace

    monkeypatch.setenv("STRATUI_TODAY", "2026-12-10")  # Thursday of 2026-W50
    imported(cli, JRNL)
    export = json.loads(JRNL.read_text(encoding="utf-8"))
    export["entries"][0]["body"] = "An edit to last week's entry, imported last."
    imported(cli, write_json(tmp_path / "edited.json", export))
    ws = Workspace(Store.at(str(store)), Clock.from_env())
    review, draft = rituals.start_or_resume(ws, WEEKLY)
    assert review["period"] == "2026-W50"
    assert draft.notes.startswith("2026-12-08 10:15 Retro notes.")


def test_a_roadblock_changed_in_stratui_is_kept_when_the_same_file_comes_again(
    cli, store, tmp_path, monkeypatch
):
    """Reassigned and retitled after the export was written: importing that export again
    changes nothing (the owner is never the journal's to change)."""
    from stratui.clock import Clock
    from stratui.domain import records as rec
    from stratui.store.store import Store
    from stratui.usecases import people, roadblocks
    from stratui.usecases.workspace import Workspace

    journal = write_json(tmp_path / "journal.json", json.loads(JRNL.read_text(encoding="utf-8")))
    written_after(journal, "2026-12-08T08:00:00+00:00")
    monkeypatch.setenv("STRATUI_TODAY", "2026-12-09")
    imported(cli, journal)
    (block,) = exported(cli)["roadblocks"]
    ws = Workspace(Store.at(str(store)), Clock.from_env())
    people.add_person(ws, "bo")
    block = roadblocks.assign(ws, block["id"], "bo")
    with ws.store.transaction() as tx:  # retitled in the app
        tx.put(
            "roadblocks",
            rec.updated("roadblocks", block, {"title": "Security review: vendor"}, ws.clock.now()),
        )
    assert imported(cli, journal) == "imported 0 new, 0 updated, 3 unchanged"
    (block,) = exported(cli)["roadblocks"]
    assert (block["owner"], block["title"]) == ("bo", "Security review: vendor")


def test_an_imported_paragraph_i_edited_stays_as_i_wrote_it(cli, tmp_path, monkeypatch):
    """Notes are taken apart by whole paragraphs: an imported entry the person extended
    is theirs, and is neither cut nor doubled by the next import."""
    monkeypatch.setenv("STRATUI_TODAY", "2026-12-09")
    imported(cli, JRNL)
    notes = weekly_notes(cli)["2026-W49"]
    first = notes.split("\n\n")[0]
    review = next(r for r in exported(cli)["reviews"] if r["period"] == "2026-W49")
    mine = notes.replace(first, first + " (to prod)")
    review = {**review, "notes": mine, "answers": {**review["answers"], "notes": mine}}
    review["updated_at"] = "2026-12-09T12:30:00Z"
    edited = write_json(tmp_path / "mine.json", document(reviews=[review]))
    assert cli("import", str(edited)).returncode == 0
    imported(cli, JRNL)
    notes = weekly_notes(cli)["2026-W49"]
    assert first + " (to prod)" in notes.split("\n\n")  # whole, as edited
    assert notes.count(first) == 2  # mine, and the entry as the journal has it


def test_a_draft_holding_journal_entries_stays_with_their_week(cli, store, monkeypatch):
    """Moving the weekly review to another week leaves a journal's entries where they
    were written: that week keeps its draft, the other gets one of its own."""
    from stratui.clock import Clock
    from stratui.rituals.weekly.ritual import WEEKLY
    from stratui.store.store import Store
    from stratui.usecases import rituals
    from stratui.usecases.workspace import Workspace

    monkeypatch.setenv("STRATUI_TODAY", "2026-12-09")
    imported(cli, JRNL)
    ws = Workspace(Store.at(str(store)), Clock.from_env())
    review, draft = rituals.start_or_resume(ws, WEEKLY, period="2026-W49", owner="ana")
    moved, other = rituals.move(ws, WEEKLY, review, draft, "2026-W51")
    assert (moved["period"], other.period) == ("2026-W51", "2026-W51")
    assert moved["id"] != review["id"] and "Kicked off" not in other.notes
    kept = ws.store.get("reviews", review["id"])
    assert kept["period"] == "2026-W49" and kept["jrnl"] == review["jrnl"]
    assert "Kicked off the storage migration." in kept["answers"]["notes"]
