"""``stratui review team --point TEXT``: a member brings a talking point to the team's
next review from a shell, without opening the TUI.

Run in this process (``cli``) as ana or ben; today is Sunday 2026-11-22 (2026-W47).
Every refusal is one line, exit 2, and leaves the store's files as they were.
"""

from __future__ import annotations

import pytest

from stratui.clock import Clock
from stratui.rituals.team.ritual import TEAM
from stratui.store.store import Store
from stratui.usecases import rituals, talking_points
from stratui.usecases.workspace import Workspace

from ._support import as_ben, fingerprint, one_error_line


@pytest.fixture
def team(cli):
    for name in ("ana", "ben"):
        assert cli("person", "add", name).returncode == 0
    assert cli("team", "add", "Platform", "--members", "ana,ben").returncode == 0
    return "Platform"


def workspace(store) -> Workspace:
    return Workspace(Store.at(str(store)), Clock.from_env())


def test_points_from_two_members_land_in_one_review(cli, team, store, monkeypatch):
    said = as_ben(cli, monkeypatch, "review", "team", "--point", "Release train is slow")
    assert said.returncode == 0, said.stderr
    assert said.stdout.startswith("added talking point ")
    assert "to the team review of Platform for 2026-W47 (1 point so far)" in said.stdout
    again = cli("review", "team", "--team", "Platform", "--point", "  Hiring   plan ")
    assert "(2 points so far)" in again.stdout

    ws = workspace(store)
    (review,) = ws.store.find("reviews", ritual="team")
    assert (review["status"], review.get("facilitator")) == ("draft", None)  # no one runs it yet
    points = talking_points.points(ws, review)
    assert sorted((p["text"], p["author"]) for p in points) == [
        ("Hiring plan", "ana"),
        ("Release train is slow", "ben"),
    ]


def test_a_point_goes_to_the_review_in_progress(cli, team, store):
    ws = workspace(store)
    review, _draft = rituals.start_or_resume(ws, TEAM, team="Platform")  # ana runs it
    said = cli("review", "team", "--point", "On-call load")
    assert ", run by ana (1 point so far)" in said.stdout
    (stored,) = ws.store.find("reviews", ritual="team")
    assert stored["id"] == review["id"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--team", "Nope", "--point", "x"), "--team: no team named 'Nope'; known teams: Platform"),
        (("--point", "   "), "--point: expected non-empty text"),
        (("--week", "2026-W99", "--point", "x"), "--week"),
    ],
)
def test_bad_points_are_refused_and_nothing_is_written(cli, team, store, args, message):
    before = fingerprint(store)
    done = cli("review", "team", *args)
    assert done.returncode == 2
    assert message in one_error_line(done)
    assert fingerprint(store) == before


def test_a_point_is_only_for_the_team_review(cli, team, store):
    before = fingerprint(store)
    done = cli("review", "retro", "--point", "x")
    assert done.returncode == 2
    assert one_error_line(done) == "stratui: error: --point: only for the team review"
    assert fingerprint(store) == before


def test_a_person_who_is_not_in_the_store_cannot_bring_a_point(cli, team, store, monkeypatch):
    monkeypatch.setenv("STRATUI_ME", "zed")
    before = fingerprint(store)
    done = cli("review", "team", "--team", "Platform", "--point", "x")
    assert done.returncode == 2
    assert "me:" in one_error_line(done) and "zed" in one_error_line(done)
    assert fingerprint(store) == before
