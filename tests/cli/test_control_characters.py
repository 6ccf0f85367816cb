"""Nothing a person typed reaches the terminal as a command, and no export is a trap.

Titles, notes and descriptions keep their control characters in the store (exactly as
typed, or as synced from a teammate); every command shows them as ``\\u`` escapes
(docs: README "Text is shown, never obeyed"), JSON stays exact, and a CSV opened in a
spreadsheet runs no formula and splits no row.
"""

from __future__ import annotations

import csv
import io
import json

import pytest

from stratui.domain.visible import CONTROLS

OSC_TITLE = "T\x1b]0;pwned\x07itle"
CLEAR = "clr\x1b[2Jscreen"
C1_DEL = "c1\x9b31m del\x7f end"


@pytest.fixture
def hostile(cli):
    assert cli("person", "add", "ben").returncode == 0
    goal = cli("goal", "add", f"Goal {CLEAR}").stdout.strip()
    for title in (OSC_TITLE, CLEAR, C1_DEL):
        assert cli("log", title, "--goal", goal).returncode == 0
    done = cli("list", "--json")
    first = json.loads(done.stdout)[0]["id"]
    assert cli("done", first, "--note", f"note {CLEAR}").returncode == 0
    assert cli("block", f"Blocked {OSC_TITLE}").returncode == 0
    return goal


@pytest.mark.parametrize(
    "args",
    [
        ("list",),
        ("list", "--all"),
        ("goal", "list"),
        ("goal", "show", "GOAL"),
        ("report",),
        ("report", "--format", "json"),
        ("export", "--format", "md"),
        ("export", "--format", "csv"),
        ("export", "--format", "csv", "--collection", "roadblocks"),
        ("export", "--format", "json"),
    ],
)
def test_every_output_shows_control_characters_as_escapes(cli, hostile, args):
    args = tuple(hostile if a == "GOAL" else a for a in args)
    done = cli(*args)
    assert done.returncode == 0, done.stderr
    assert CONTROLS.findall(done.stdout + done.stderr) == []


def test_the_listing_shows_the_title_with_its_escapes(cli, hostile):
    listed = cli("list").stdout
    assert "T\\u001b]0;pwned\\u0007itle" in listed
    assert "c1\\u009b31m del\\u007f end" in listed


def test_json_output_stays_valid_and_exact(cli, hostile):
    listed = cli("list", "--json").stdout
    assert "\x9b" not in listed and "\x7f" not in listed
    titles = {c["title"] for c in json.loads(listed)}
    assert {OSC_TITLE, CLEAR, C1_DEL} <= titles  # decoded: exactly as typed


def test_an_export_file_holds_no_raw_control_character_and_reimports_exactly(
    cli, hostile, tmp_path
):
    out = tmp_path / "backup.json"
    assert cli("export", "--out", str(out)).returncode == 0
    text = out.read_text(encoding="utf-8")
    assert CONTROLS.findall(text) == []
    titles = {c["title"] for c in json.loads(text)["commitments"]}
    assert {OSC_TITLE, CLEAR, C1_DEL} <= titles


def test_an_error_naming_typed_text_shows_it_escaped(cli):
    done = cli("list", "--owner", "zed\x1b[2J")
    assert done.returncode == 2
    assert CONTROLS.findall(done.stderr) == []


def csv_rows(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text)))


def test_csv_neutralises_formulas_and_never_splits_a_row(cli):
    for title in ("=HYPERLINK(\"http://x\")", "+1+1", "-2", "@SUM(A1)", "line\rbreak", "ok"):
        assert cli("log", title).returncode == 0
    rows = csv_rows(cli("export", "--format", "csv").stdout)
    header, body = rows[0], rows[1:]
    titles = sorted(row[header.index("title")] for row in body)
    assert len(body) == 6  # the carriage return split no row
    assert titles == sorted(
        ["'=HYPERLINK(\"http://x\")", "'+1+1", "'-2", "'@SUM(A1)", "line\\u000dbreak", "ok"]
    )
    raw = csv_rows(cli("export", "--format", "csv", "--keep-formulas").stdout)
    assert "=HYPERLINK(\"http://x\")" in [row[header.index("title")] for row in raw[1:]]


def test_numbers_are_not_taken_for_formulas(cli):
    assert cli("log", "x", "--confidence", "3").returncode == 0
    rows = csv_rows(cli("export", "--format", "csv").stdout)
    assert rows[1][rows[0].index("confidence")] == "3"
