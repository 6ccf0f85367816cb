"""What a new user meets first: ``demo`` makes me a demo person, a closed pipe ends
quietly, ``review`` refuses what its screen could not start, an empty ``list`` names
its filters."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from stratui.store.store import Store

from ._support import one_error_line

# -- demo ------------------------------------------------------------------------------------


def test_demo_makes_me_a_demo_person_unless_me_is_set(run, store):
    done = run("demo", "--weeks", "2", env={"STRATUI_ME": None, "LOGNAME": "zed", "USER": "zed"})
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[-1] == (
        "me: ana, a demo person (change it with: stratui person me NAME)"
    )
    me = run("person", "me", env={"STRATUI_ME": None, "LOGNAME": "zed", "USER": "zed"})
    assert me.stdout == "me: ana (set for this store on this machine)\n"


def test_demo_keeps_a_me_that_is_set_and_says_it_is_not_in_the_demo_team(run, store):
    done = run("demo", "--weeks", "2", env={"STRATUI_ME": "zed"})
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[-1] == (
        "me: zed (from STRATUI_ME), who is not in the demo team; "
        "its people: ana, ben, chioma, dmitri"
    )
    assert not (store / ".stratui" / "config.json").exists()
    other = run("--db", str(store.parent / "other"), "demo", "--weeks", "2", db=False)
    assert other.stdout.splitlines()[-1] == "me: ana (from STRATUI_ME)"  # a demo person


# -- a closed pipe ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [["list", "--all"], ["export"], ["report", "--owner", "ana"], ["goal", "list"]],
    ids=lambda args: " ".join(args),
)
def test_a_reader_that_stops_reading_ends_the_command_quietly(run, store, user_env, args):
    assert run("demo", "--weeks", "4").returncode == 0
    child = subprocess.Popen(
        [sys.executable, "-m", "stratui", "--db", str(store), *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=user_env,
    )
    child.stdout.close()  # as `| head` does once it has read enough: every write fails
    _, err = child.communicate(timeout=60)
    assert (child.returncode, err.decode()) == (0, "")


# -- review: refused before the TUI starts ---------------------------------------------------


@pytest.fixture
def no_tui(monkeypatch):
    """A terminal to draw on, and a TUI that only records that it was started."""
    started: list[dict] = []
    monkeypatch.setattr("stratui.cli.review.needs_terminal", lambda what: None)
    monkeypatch.setattr(
        "stratui.cli.review.run_tui", lambda args, **options: started.append(options) or 0
    )
    return started


@pytest.mark.parametrize("ritual", ["team", "retro", "quarterly"])
def test_review_of_an_unknown_team_is_refused_before_the_tui_starts(cli, store, no_tui, ritual):
    assert cli("demo", "--weeks", "4").returncode == 0
    line = one_error_line(cli("review", ritual, "--team", "Nope"))
    assert line == "stratui: error: --team: no team named 'Nope'; known teams: Platform"
    assert no_tui == []
    assert cli("review", ritual, "--team", "platform").returncode == 0  # up to case
    assert no_tui == [{"start": ritual, "team": "platform", "period": None}]


def test_review_team_of_a_week_already_reviewed_is_refused_before_the_tui_starts(
    cli, store, no_tui
):
    assert cli("demo", "--weeks", "4").returncode == 0
    done = Store.at(str(store)).find("reviews", ritual="team", status="complete")
    week = max(r["period"] for r in done)
    line = one_error_line(cli("review", "team", "--week", week))
    assert line.startswith(
        f"stratui: error: --week: the team review of {week} for Platform is already complete"
    )
    assert no_tui == []


# -- list: an empty answer says what was asked -----------------------------------------------


def test_an_empty_list_names_its_filters(with_ben):
    done = with_ben("list", "--week", "last", "--owner", "ana", "--status", "missed")
    assert (done.returncode, done.stdout) == (
        0,
        "no commitments for 2026-W46 with owner ana and status missed\n",
    )
    assert with_ben("list", "--all", "--status", "dropped").stdout == (
        "no commitments for any week with status dropped\n"
    )


def test_goal_checkin_quotes_a_value_it_cannot_read_whole(with_ben):
    goal = json.loads(with_ben("goal", "list", "--json").stdout)[0]["id"]
    line = one_error_line(with_ben("goal", "checkin", goal, "--value", "abc"))
    assert line.endswith("--value: expected a number, got 'abc'")
