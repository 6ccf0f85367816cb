"""``stratui report``: the figures of a small store against a table worked out by hand.

The store and its arithmetic are in :mod:`._report_data`. Every report is checked to
leave the store's files as they were: a report only reads.
"""

from __future__ import annotations

import datetime as dt
import json

import pytest

from stratui.report import build_report
from stratui.store.store import Store
from stratui.usecases import exchange

from ._report_data import ANA_REPORT, G1, G2, G3, report_document
from ._support import commitment, fingerprint, one_error_line, write_json
from ._support import document as export_document


@pytest.fixture
def reporting(cli, tmp_path, store):
    """``cli`` on the report store, checking that no command changes its files."""
    done = cli("import", str(write_json(tmp_path / "report.json", report_document())))
    assert done.returncode == 0, done.stderr
    before = fingerprint(store)
    yield cli
    assert fingerprint(store) == before


def report_json(cli, *args: str) -> dict:
    done = cli("report", "--format", "json", *args)
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    return json.loads(done.stdout)


def test_one_persons_report_as_json_is_the_hand_computed_one(reporting):
    document = report_json(reporting, "--owner", "ana")
    assert document == ANA_REPORT
    assert list(document) == list(ANA_REPORT)  # the keys in METRICS.md's order
    assert list(document["effort_by_goal"]) == [G1, G2, "unlinked"]


def test_a_teams_report_covers_its_members_goals_and_retros(reporting):
    document = report_json(reporting, "--team", "Platform")
    # Platform is ben (its members) and ana (her own teams).
    assert document["scope"] == {"team": "Platform"}
    assert document["window"] == {"start": "2026-W44", "end": "2026-W47", "weeks": 4}
    # W44 adds ben's c44c (done): 3/4; W46 ben's c46b (missed): 0/1
    assert [(w["planned"], w["reviewed"], w["done"]) for w in document["weeks"]] == [
        (4, 4, 3),
        (3, 3, 1),
        (1, 1, 0),
        (6, 4, 2),  # + ben's act2, missed
    ]
    # Platform's retros w45 (act1 in time, act2 missed) and w47 (act3 in time, act5 open)
    assert document["follow_through"] == 0.5
    assert document["review_streak"] is None  # a streak is one person's
    # ana 4 2 3 and ben 1: 10 / 4
    assert document["pulse"] == 2.5
    # G1 (team Platform), G2 (ben's, no metric: no progress, no pace, no health)
    assert document["goals"] == [
        {"id": G1, "progress": 0.4, "pace": 0.7, "health": "at risk"},
        {"id": G2, "progress": None, "pace": None, "health": None},
    ]
    # open: rb1 (ana), rb4 (cara's, on G1); resolved: rb2 19, rb3 2, rb8 157, rb9 6
    assert document["roadblocks"] == {"open": 2, "time_to_resolve_days": 12.5}


def test_everyones_report(reporting):
    document = report_json(reporting)
    assert document["scope"] == {}
    # every retro held: act1 act3 in time; act2 missed, act5 and act4 (Payments) open: 2/5
    assert document["follow_through"] == 0.4
    # every review completed 10-26..11-22: 4 2 3 1 (weekly), 5 4 2 (retros): 21 / 7
    assert document["pulse"] == 3.0
    # G3: value 90, (90-100)/(50-100) = 0.2; elapsed 21/60 = 0.35; pace 0.5714
    assert document["goals"][2] == {"id": G3, "progress": 0.2, "pace": 0.5714, "health": "at risk"}
    # open: rb1, rb4 (rb7 is raised after today)
    assert document["roadblocks"]["open"] == 2


def test_end_and_weeks_choose_the_window(reporting):
    document = report_json(reporting, "--owner", "ana", "--end", "2026-W46", "--weeks", "2")
    assert document["window"] == {"start": "2026-W45", "end": "2026-W46", "weeks": 2}
    assert [w["week"] for w in document["weeks"]] == ["2026-W45", "2026-W46"]
    assert document["say_do"] == 0.3333  # W45 only: 1/3
    assert document["chronic_slips"] == ["k2"]
    alias = report_json(reporting, "--owner", "ana", "--week", "2026-W46", "--weeks", "2")
    assert alias == document


def test_as_of_moves_today_and_the_default_end_skips_weeks_with_only_open_work(reporting):
    # As of 2026-11-30 (W49): ana's W48 holds only act5, open; so the window still ends W47.
    document = report_json(reporting, "--owner", "ana", "--as-of", "2026-11-30")
    assert document["as_of"] == "2026-11-30"
    assert document["window"]["end"] == "2026-W47"
    assert document["review_streak"] == 0  # nothing in W49 nor W48
    # G1's reading of 11-23 now counts: 9/10; elapsed 60/91: pace 1.365
    assert document["goals"][0]["progress"] == 0.9
    assert document["goals"][0]["health"] == "on track"


def test_a_store_without_history_reports_no_data(cli, store):
    document = report_json(cli)  # the store does not even exist
    assert document["window"] == {"start": "2026-W44", "end": "2026-W47", "weeks": 4}
    assert all(w["planned"] == 0 and w["say_do"] is None for w in document["weeks"])
    assert document["say_do"] is None and document["effort_by_goal"] is None
    assert document["chronic_slips"] == [] and document["goals"] == []
    assert document["roadblocks"] == {"open": 0, "time_to_resolve_days": None}
    assert not store.exists()
    text = cli("report").stdout
    assert "No data: nothing reviewed in the window (0 planned)." in text
    assert "Nothing slipped." in text and "None open." in text and "None at risk." in text
    assert not store.exists()


def test_the_markdown_report_reads_as_a_weekly_report(reporting):
    done = reporting("report", "--owner", "ana")
    assert done.returncode == 0, done.stderr
    text = done.stdout
    assert text.startswith(
        "# Weekly report: ana\n\n2026-W44 to 2026-W47 (4 weeks), as of 2026-11-22."
    )
    assert "**56%** over the window: 5 done of 9 reviewed (11 planned)." in text
    assert "2026-W44 67% (2/3) · 2026-W45 33% (1/3) · 2026-W46 no data · 2026-W47 67% (2/3)" in text
    # what slipped, user text escaped so that it shows as typed
    assert "- 2026-W44 · Commitment k1 (ana; missed, carried over, chronic)" in text
    assert "- 2026-W47 · Commitment k3 (ana; open, chronic)" in text
    assert "- 2026-W47 · Commitment c47c (ana; missed, carried over)" in text
    assert "Fix" not in text  # c44a was done: it did not slip
    # open roadblocks, oldest first
    roadblocks = text.split("## Open roadblocks")[1].split("##")[0]
    assert roadblocks.strip().splitlines() == [
        "- 681 days · Waiting on \\<legal\\> & co (medium, ana)",
        "- 33 days · Roadblock rb4 (medium, cara)",
    ]
    assert "- Ship \\*v2\\* \\[beta\\]: progress 40%, pace 0.70" in text
    assert (
        "- 2026-11-12 · reprioritize: Move \\*docs\\* ahead of \\[features\\](x) "
        "(why: It unblocks \\# two)" in text
    )
    assert "Cara's change" not in text  # adj2 is about cara's commitment
    assert "- review streak 3 weeks" in text


def test_the_service_gives_the_same_document_as_the_command(reporting, store):
    report = build_report(Store.at(str(store)), dt.date(2026, 11, 22), owner="ana")
    assert report.document == ANA_REPORT


BAD = [
    (["--weeks", "0"], "--weeks: expected a whole number from 1 to 520, got '0'"),
    (["--weeks", "four"], "--weeks: expected a whole number"),
    (["--weeks", "-2"], "--weeks: expected"),
    (["--weeks", "521"], "--weeks: expected"),
    (["--end", "2025-W53"], "--end: 2025-W53 does not exist"),
    (["--week", "someday"], "--week: cannot read 'someday'"),
    (["--end", "2026-W40", "--week", "2026-W41"], "--week: not allowed with --end"),
    (["--as-of", "2026-02-30"], "--as-of: cannot read '2026-02-30'"),
    (["--format", "xml"], "--format: expected one of md, json, got 'xml'"),
    (["--owner", "ana", "--team", "Platform"], "--team: not allowed with --owner"),
    (["--owner", " "], "--owner: expected a name"),
    (["--owner", "zed"], "--owner: no person named 'zed' in this store; known: ana, ben, cara"),
    (["--team", "Sales"], "--team: no team named 'Sales'; known: Payments, Platform"),
]


@pytest.mark.parametrize(("args", "words"), BAD, ids=[" ".join(a) for a, _ in BAD])
def test_bad_input_is_one_line_exit_2_naming_the_option(reporting, args, words):
    line = one_error_line(reporting("report", *args))
    assert line.startswith("stratui: error: --"), line
    assert words in line, line


def test_a_real_process_reports_without_textual_or_rich(run, store, tmp_path, user_env):
    from .test_imports import loaded

    assert run("import", str(write_json(tmp_path / "r.json", report_document()))).returncode == 0
    before = fingerprint(store)
    out, modules = loaded(user_env, store, "report", "--owner", "ana", "--format", "json")
    assert json.loads(out) == ANA_REPORT
    assert "textual" not in modules and "rich" not in modules, sorted(modules)
    line = one_error_line(run("report", "--weeks", "x"))
    assert line == "stratui: error: --weeks: expected a whole number from 1 to 520, got 'x'"
    assert fingerprint(store) == before


def test_a_report_reads_only_the_shards_its_window_needs():
    """Two years of history: the window's quarter is read, not the years before it.

    Roadblocks are the exception METRICS.md forces: one raised long ago and still open
    counts, so every roadblock shard up to today is read (see ``stratui.report.reading``).
    """
    from stratui.demo import generate_history
    from stratui.usecases.workspace import Workspace

    writer = Store.in_memory()
    exchange.import_document(
        Workspace(writer),
        generate_history(people=3, weeks=104, today=dt.date(2026, 11, 22))
    )
    backend = writer.backend
    read: set[str] = set()
    plain_read = backend.read

    def recording(rel: str):
        read.add(rel)
        return plain_read(rel)

    backend.read = recording
    build_report(Store(backend), dt.date(2026, 11, 22), team="Platform")
    by_collection: dict[str, set[str]] = {}
    for rel in read:
        collection, _, key = rel.partition("/")
        by_collection.setdefault(collection, set()).add(key.removesuffix(".json"))
    assert by_collection["commitments"] == {"2026-Q4"}
    assert by_collection["reviews"] == {"2026-Q4"}
    assert by_collection["adjustments"] == {"2026-Q4"}
    assert by_collection["goal_checkins"] <= {"2026-Q1", "2026-Q2", "2026-Q3", "2026-Q4"}
    assert len(by_collection["roadblocks"]) > 4  # all of them, years back


def test_a_person_known_only_by_their_commitments_has_a_report(cli, store, tmp_path):
    """A store with no person record (an import of commitments only): owning commitments
    is enough to be known."""
    quick = commitment(
        "eeee1111eeee1111", "Quick one", 0, week="2026-W46", status="done", progress=100
    )
    only = export_document(commitments=[{**quick, "closed_on": "2026-11-13"}])
    assert cli("import", str(write_json(tmp_path / "only.json", only))).returncode == 0
    document = report_json(cli, "--owner", "ana", "--weeks", "1")
    assert document["window"] == {"start": "2026-W46", "end": "2026-W46", "weeks": 1}
    assert document["weeks"][0] == {
        "week": "2026-W46",
        "planned": 1,
        "reviewed": 1,
        "done": 1,
        "say_do": 1.0,
        "carry_over_rate": 0.0,
    }
    line = one_error_line(cli("report", "--owner", "zed"))
    assert line == "stratui: error: --owner: no person named 'zed' in this store"
