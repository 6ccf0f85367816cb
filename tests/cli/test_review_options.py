"""``stratui review RITUAL``: its options are checked before any screen is drawn."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["review", "quarterly", "--quarter", "2026-Q5"], "--quarter: expected a quarter YYYY-Qn"),
        (["review", "weekly", "--quarter", "2026-Q4"], "--quarter: only for the quarterly review"),
        (["review", "weekly", "--team", "Platform"], "--team: only for the team, retro, quarterly"),
        (["review", "team", "--quarter", "2026-Q4"], "--quarter: only for the quarterly review"),
        (["review", "monthly"], "expected one of weekly, team, retro, quarterly"),
        (["review", "team", "--week", "2025-W53"], "--week: "),
        (["review", "retro", "--week", "2026-W47"], "--week: only for the team review"),
        (["review", "weekly", "--facilitate"], "--facilitate: only for the retrospective"),
    ],
)
def test_bad_review_options_name_the_option_and_write_nothing(cli, store, args, message):
    done = cli(*args)
    assert done.returncode == 2
    assert message in done.stderr
    assert not store.exists()


def test_a_ritual_needs_a_terminal(cli):
    done = cli("review", "quarterly", "--quarter", "2026-q4")
    assert (done.returncode, done.stderr.strip()) == (
        2,
        "stratui: error: review quarterly: needs a terminal to draw on",
    )
